"""
The client's own log (issue 23): a private link per released plan, what the client logs with it,
and the clinician's corrections.

- ClientLogLink: one unguessable link of one client, scoped to the revision released with it.
  Only the SHA-256 of its token is stored (`token_hash`); the token itself is rebuilt when the
  link is printed again (log sheet, `manage.py client_log_link`) from `nonce` and the server's
  secret key (services.clientlog.link_token), so a copy of the database alone holds no working
  link. Valid from its release until the plan's last week plus 4 weeks; revoked by the clinician
  or replaced by the next release (`revoked_at`, `revoked_reason`). At most one live link per
  client.
- ClientLogEntry: one day as the client logged it. Append-only: the client's correction of
  today's entry is a new row that `replaces` the old one, which stays.
- ClientLogAmendment: the clinician's correction or discount of one entry, with a reason.
  Append-only: the entry keeps what the client typed; the latest amendment is the one in force.
- ClientLogRate: fixed-window request counters for the rate limits (per IP, per link), kept in
  the database so every server behind a load balancer counts the same requests.
"""

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from planner.engine.texts.context import INTENSITY_WORDS
from planner.models.base import AppendOnlyModel, acting_user
from planner.models.clients import Client
from planner.models.plans import PlanRevision

# The most minutes one day's entry can hold: 7 days of it stay within a check-in's weekly
# maximum (CheckIn.minutes_completed, 1500).
DAY_MINUTES_MAX = 200
NOTE_MAX = 280


class ClientLogLink(models.Model):
    """One private log link of one client (see the module docstring)."""

    class Ended(models.TextChoices):
        REVOKED = "revoked", _("revoked by the clinician")
        REPLACED = "replaced", _("replaced by a newer release")

    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="log_links", verbose_name=_("client")
    )
    revision = models.ForeignKey(
        PlanRevision, on_delete=models.CASCADE, related_name="log_links",
        verbose_name=_("released revision"),
    )
    token_hash = models.CharField(_("SHA-256 of the token"), max_length=64, unique=True)
    nonce = models.CharField(_("nonce"), max_length=32)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    created = models.DateTimeField(_("made"), auto_now_add=True)
    created_by = acting_user(_("made by"))
    revoked_at = models.DateTimeField(_("ended"), null=True, blank=True)
    revoked_by = acting_user(_("ended by"), optional=True)
    revoked_reason = models.CharField(
        _("why it ended"), max_length=10, choices=Ended.choices, blank=True
    )

    class Meta:
        ordering = ["client", "-created", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["client"], condition=Q(revoked_at__isnull=True),
                name="clientloglink_one_live_per_client",
            ),
        ]
        verbose_name = _("client log link")
        verbose_name_plural = _("client log links")

    def __str__(self):
        return f"log link {self.pk} of client {self.client_id}"


class Effort(models.TextChoices):
    """How hard it felt, in the handout's own words (INTENSITY_WORDS; R-INT-1)."""

    EASY = "easy", INTENSITY_WORDS["light"]
    COMFORTABLY_BRISK = "comfortably_brisk", INTENSITY_WORDS["light_to_moderate"]
    BRISK = "brisk", INTENSITY_WORDS["moderate"]
    HARD = "hard", _("hard")


class ClientLogEntry(AppendOnlyModel):
    """One day as the client logged it (append-only)."""

    link = models.ForeignKey(
        ClientLogLink, on_delete=models.CASCADE, related_name="entries", verbose_name=_("link")
    )
    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="log_entries", verbose_name=_("client")
    )
    revision = models.ForeignKey(
        PlanRevision, on_delete=models.CASCADE, related_name="+",
        verbose_name=_("released revision"),
    )
    day = models.DateField(_("day"))
    active = models.BooleanField(_("was active"), default=True)
    minutes = models.PositiveSmallIntegerField(
        _("minutes"), null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(DAY_MINUTES_MAX)],
    )
    effort = models.CharField(_("how hard it felt"), max_length=20, choices=Effort.choices,
                              blank=True)
    feeling = models.PositiveSmallIntegerField(
        _("how I felt (0–10)"), null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )
    note = models.TextField(_("note"), max_length=NOTE_MAX, blank=True,
                            validators=[MaxLengthValidator(NOTE_MAX)])
    replaces = models.OneToOneField(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replaced_by",
        verbose_name=_("corrects the entry"),
    )
    created = models.DateTimeField(_("logged"), auto_now_add=True)

    class Meta:
        ordering = ["client", "-day", "-id"]
        indexes = [models.Index(fields=["client", "day"], name="clientlogentry_client_day")]
        verbose_name = _("client log entry")
        verbose_name_plural = _("client log entries")

    def __str__(self):
        return f"client {self.client_id} {self.day:%Y-%m-%d}"


class ClientLogAmendment(AppendOnlyModel):
    """The clinician's correction or discount of one entry, with a reason (append-only)."""

    class Kind(models.TextChoices):
        CORRECT = "correct", _("corrected")
        DISCOUNT = "discount", _("not counted")

    entry = models.ForeignKey(
        ClientLogEntry, on_delete=models.CASCADE, related_name="amendments",
        verbose_name=_("entry"),
    )
    kind = models.CharField(_("change"), max_length=10, choices=Kind.choices)
    minutes = models.PositiveSmallIntegerField(
        _("corrected minutes"), null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(DAY_MINUTES_MAX)],
    )
    reason = models.TextField(_("reason"), max_length=500,
                              validators=[MaxLengthValidator(500)])
    author = acting_user(_("by"))
    created = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["entry", "-created", "-id"]
        verbose_name = _("client log amendment")
        verbose_name_plural = _("client log amendments")

    def __str__(self):
        return f"{self.kind} of entry {self.entry_id}"


class ClientLogRate(models.Model):
    """Requests counted in one fixed window for one key (a hashed IP or a link id)."""

    key = models.CharField(_("key"), max_length=80)
    window_start = models.DateTimeField(_("window start"))
    hits = models.PositiveIntegerField(_("hits"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"],
                                    name="clientlograte_one_per_window"),
        ]
        indexes = [models.Index(fields=["window_start"], name="clientlograte_window")]
        verbose_name = _("client log rate counter")
        verbose_name_plural = _("client log rate counters")

    def __str__(self):
        return f"{self.key} {self.window_start}: {self.hits}"
