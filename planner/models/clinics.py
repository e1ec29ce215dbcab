"""
Clinics: the tenant boundary (issue 24, docs/teams.md).

- Clinic: a service. Every user belongs to one (Membership), every client to one (Client.clinic).
  Nothing of one clinic is ever visible to another (planner/permissions.py).
- Membership: the user's one clinic and role; a trainee has a supervisor in the same clinic.
- CareTeamMember: a colleague of the same clinic added to one client's care team, with a reason.
- Handover: the responsible clinician changed (who, from whom, to whom, why); append-only.
- CoSign: a supervisor's attestation that a trainee's revision may be released; append-only,
  like the gate attestations (planner/models/releases.py).
- Invitation: a one-time link that lets a colleague set a password and join; only the SHA-256
  of its token is stored.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from planner.models.base import AppendOnlyModel
from planner.models.plans import PlanRevision


class Role(models.TextChoices):
    CLINICIAN = "clinician", _("Clinician")
    TRAINEE = "trainee", _("Trainee")
    LEAD = "lead", _("Clinic lead")
    ADMINISTRATOR = "administrator", _("Clinic administrator")


class Clinic(models.Model):
    """A service whose members share clients (the tenant boundary)."""

    name = models.CharField(_("clinic name"), max_length=160)
    whole_clinic_sees_clients = models.BooleanField(
        _("whole clinic can see all clients"),
        default=False,
        help_text=_(
            "When on, every member sees that each client of the clinic exists (name and "
            "responsible clinician), but not their records."
        ),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("clinic")
        verbose_name_plural = _("clinics")

    def __str__(self):
        return self.name


class Membership(models.Model):
    """The user's one clinic and role in it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership",
        verbose_name=_("user"),
    )
    clinic = models.ForeignKey(
        Clinic, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("clinic")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices,
                            default=Role.CLINICIAN)
    # A trainee's supervisor releases (co-signs) what the trainee drafts.
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="supervisees", verbose_name=_("supervisor"),
    )
    joined = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.user} ({self.role}, {self.clinic})"


class CareTeamMember(models.Model):
    """A colleague of the same clinic who shares one client's care."""

    client = models.ForeignKey(
        "planner.Client", on_delete=models.CASCADE, related_name="care_team",
        verbose_name=_("client"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_teams",
        verbose_name=_("colleague"),
    )
    reason = models.CharField(_("reason"), max_length=200)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("added by"),
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["client", "user"], name="careteam_one_per_user"),
        ]
        verbose_name = _("care team member")
        verbose_name_plural = _("care team members")

    def __str__(self):
        return f"{self.user} on {self.client_id}'s care team"


class Handover(AppendOnlyModel):
    """The client's responsible clinician changed from `from_user` to `to_user`."""

    client = models.ForeignKey(
        "planner.Client", on_delete=models.CASCADE,  # erasure only (AppendOnlyModel)
        related_name="handovers", verbose_name=_("client"),
    )
    from_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("from"))
    to_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="+", verbose_name=_("to"))
    by_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="+", verbose_name=_("handed over by"))
    reason = models.CharField(_("reason"), max_length=200)
    created = models.DateTimeField(_("handed over"), auto_now_add=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")


class CoSign(AppendOnlyModel):
    """A supervisor's attestation that a trainee's revision may be released (one per revision)."""

    revision = models.OneToOneField(
        PlanRevision, on_delete=models.CASCADE,  # erasure only (AppendOnlyModel)
        related_name="cosign", verbose_name=_("revision"),
    )
    cosigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("co-signed by"))
    cosigned_at = models.DateTimeField(_("co-signed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("co-sign")
        verbose_name_plural = _("co-signs")


class Invitation(models.Model):
    """A one-time link to join a clinic: single use, expiring, stored as a SHA-256 digest."""

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="invitations",
                               verbose_name=_("clinic"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices,
                            default=Role.CLINICIAN)
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("supervisor"),
    )
    name = models.CharField(_("colleague's name"), max_length=120)
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("invited by"))
    created = models.DateTimeField(_("invited"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    used_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.name} ({self.role}, {self.clinic})"
