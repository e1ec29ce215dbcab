from django.db import models
from django.utils.translation import gettext_lazy as _

from planner.models.base import AppendOnlyModel


class AuditEvent(AppendOnlyModel):
    """
    One thing a person did: who, what, to which object, when, from where.

    Holds ids, not foreign keys, so the trail outlives the erasure of a client or a user, and
    never holds health values (detail is a short technical note). Rows are append-only.
    Write them with planner.services.audit.audit_record().
    """

    class Action(models.TextChoices):
        VIEW = "view", _("view")
        CREATE = "create", _("create")
        CHANGE = "change", _("change")
        RELEASE = "release", _("release")
        ATTEST = "attest", _("attest")
        PDF_DOWNLOAD = "pdf_download", _("PDF download")
        EXPORT = "export", _("export")
        ERASE = "erase", _("erase")
        LOGIN = "login", _("login")
        LOGOUT = "logout", _("logout")
        LOGIN_FAILED = "login_failed", _("failed login")
        LOCKOUT = "lockout", _("lockout")
        COMPARE = "compare", _("compare")
        RESTORE = "restore", _("restore")
        # A signed-in request for an object that is not the clinician's (answered 404).
        REFUSED = "refused", _("refused")

    # Indexed together with the time (Meta.indexes), which the activity page sorts by.
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True)
    # Issue 24: the acting user's clinic (an id, like the rest), so a lead reads the clinic's trail.
    clinic_id = models.BigIntegerField(_("clinic id"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=64)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    created = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    detail = models.CharField(_("detail"), max_length=200, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["actor_id", "-created"], name="auditevent_actor_created"),
            models.Index(fields=["clinic_id", "-created"], name="auditevent_clinic_created"),
        ]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self):
        return f"{self.created:%Y-%m-%d %H:%M:%S} {self.action} {self.object_type}:{self.object_id}"
