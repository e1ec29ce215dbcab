"""
Release of a plan revision to the client, the gate attestations that allow it, and the exact
document the client was given.

All three are append-only rows that point at an immutable PlanRevision (quality.md R3): nothing
about a revision's release status lives on the revision itself, so revision N always says what
it said when it was saved, and "who released what, when, after which attestations" is a fact
that cannot be edited afterwards.

- GateAttestation: one clinician statement that one gate of rules.md 3(f) is satisfied, for ONE
  revision. A new revision (adjustment, restore, new assessment) must be attested again: the
  attestation is about the plan the clinician looked at, and a changed plan is a new plan
  (rules.md N11, N22: a gate is never bypassed). CLEARANCE_PENDING is not attested: clearance is
  recorded as data in a new assessment, which changes the engine's input (services.adjustments).
- Release: the revision was given to the client (who, when). At most one per revision, and only
  the plan's current revision with every gate attested (services.releases.revision_release).
- ReleasedDocument: the PDF bytes the client received, with their SHA-256; later downloads serve
  exactly these bytes after checking the digest.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from planner.choices import LABELS
from planner.engine.enums import Gate
from planner.models.base import AppendOnlyModel, acting_user
from planner.models.plans import PlanRevision

# Gates a clinician closes by attesting; CLEARANCE_PENDING closes only by recording clearance.
ATTESTABLE_GATES = (Gate.RISK_ATTESTATION, Gate.ED_TEAM_CONFIRM, Gate.ED_INFORMED_SIGNOFF)


class GateAttestation(AppendOnlyModel):
    """A clinician's attestation that one gate of one revision is satisfied (append-only)."""

    # CASCADE only so that erasing a whole client (S11) takes these rows along: a revision
    # itself can never be deleted (AppendOnlyModel), so no other path removes an attestation.
    revision = models.ForeignKey(
        PlanRevision,
        on_delete=models.CASCADE,
        related_name="attestations",
        verbose_name=_("revision"),
    )
    gate = models.CharField(
        _("gate"),
        max_length=32,
        choices=[(gate.value, LABELS[gate]) for gate in ATTESTABLE_GATES],
    )
    attested_by = acting_user(_("attested by"))
    attested_at = models.DateTimeField(_("attested at"), auto_now_add=True)
    # What the clinician typed: for ED_TEAM_CONFIRM the ED team contact who agreed. Shown to the
    # clinician only, never printed, never in the audit trail.
    details = models.TextField(_("details"), max_length=500, blank=True)

    class Meta:
        ordering = ["revision", "gate"]
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "gate"], name="gateattestation_one_per_gate"
            ),
        ]
        verbose_name = _("gate attestation")
        verbose_name_plural = _("gate attestations")

    def __str__(self):
        return f"{self.revision} {self.gate}"


class Release(AppendOnlyModel):
    """Revision `revision` was released to the client by `released_by` at `released_at`."""

    revision = models.OneToOneField(
        PlanRevision,
        on_delete=models.CASCADE,  # erasure only; see GateAttestation.revision
        related_name="release",
        verbose_name=_("revision"),
    )
    released_by = acting_user(_("released by"))
    released_at = models.DateTimeField(_("released at"), auto_now_add=True)

    class Meta:
        ordering = ["-released_at", "-id"]
        verbose_name = _("release")
        verbose_name_plural = _("releases")

    def __str__(self):
        return f"{self.revision} released"


class ReleasedDocument(AppendOnlyModel):
    """The exact PDF a client was given with a release, and its SHA-256 (append-only)."""

    release = models.ForeignKey(
        Release,
        on_delete=models.CASCADE,  # erasure only; see GateAttestation.revision
        related_name="documents",
        verbose_name=_("release"),
    )
    kind = models.CharField(_("document"), max_length=40)
    large_print = models.BooleanField(_("large print"), default=False)
    paper = models.CharField(_("paper size"), max_length=6)
    content = models.BinaryField(_("PDF bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"))
    filename = models.CharField(_("file name"), max_length=120)
    content_type = models.CharField(_("content type"), max_length=60, default="application/pdf")
    created = models.DateTimeField(_("stored at"), auto_now_add=True)

    class Meta:
        ordering = ["release", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "kind", "large_print"], name="releaseddocument_one_per_kind"
            ),
        ]
        verbose_name = _("released document")
        verbose_name_plural = _("released documents")

    def __str__(self):
        return self.filename
