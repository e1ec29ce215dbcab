"""
A client's plan and its saved revisions.

Plan is the mutable head (which revision is current, the start date, the next review date).
PlanRevision is an immutable snapshot: what the engine produced from one intake, with the
clinician's overrides and reasons. Release, gate attestations and the PDF a client was given
are separate append-only rows that point at a revision (issue 6 and the handout issue): status
never lives on the revision, so revision N always says what it said when it was saved.
"""

import functools

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from planner import adapters, engine
from planner.models.base import AppendOnlyModel, acting_user
from planner.models.clients import Client, Intake

# Bump when the shape of PlanRevision.snapshot changes; renderers branch on it so every older
# snapshot still renders (quality.md R7).
SNAPSHOT_SCHEMA_VERSION = 1


class Plan(models.Model):
    """The client's plan: one per client, created with the client; revisions hang off it."""

    client = models.OneToOneField(
        Client, on_delete=models.CASCADE, related_name="plan", verbose_name=_("client")
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    # 0 until the first revision is saved; services move it forward under select_for_update().
    current_revision_number = models.PositiveIntegerField(_("current revision"), default=0)
    # The first review date on or after the day the current revision was saved, read from the
    # engine's review weeks in its snapshot (never computed by a view).
    next_review_date = models.DateField(_("next review"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self):
        return f"{self.client} #{self.current_revision_number}"


class PlanRevision(AppendOnlyModel):
    """
    One saved version of a plan: immutable (save of an existing row, delete and queryset
    update/delete all raise AppendOnlyError).

    snapshot is Plan.to_dict() of the engine exactly as it was produced (plan-json.md keys plus
    why, review_weeks, texts, clinician_notes, documents, crisis_resources); intake_data is the
    canonical intake dict the engine read. A hard stop is saved too, with no steps, so the
    history shows it.
    """

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("plan")
    )
    number = models.PositiveIntegerField(_("revision"), validators=[MinValueValidator(1)])
    based_on_number = models.PositiveIntegerField(
        _("based on revision"),
        null=True,
        blank=True,
        help_text=_("The plan's current revision when this one was made; empty for the first."),
    )
    # RESTRICT: an assessment a revision came from cannot be deleted on its own, only together
    # with its client (erasure cascades through both).
    intake = models.ForeignKey(
        Intake, on_delete=models.RESTRICT, related_name="revisions", verbose_name=_("assessment")
    )
    intake_data = models.JSONField(_("intake as the engine read it"))
    snapshot = models.JSONField(_("plan snapshot"))
    engine_version = models.CharField(_("engine version"), max_length=20)
    schema_version = models.PositiveSmallIntegerField(
        _("snapshot schema version"), default=SNAPSHOT_SCHEMA_VERSION
    )
    # Copied out of the snapshot so history lists need not read the JSON.
    hard_stop = models.CharField(_("hard stop"), max_length=32, blank=True)
    mode = models.CharField(_("mode"), max_length=32, blank=True)
    # The snapshot's start_date (empty under a hard stop), so the progress pages can tell when
    # each revision took effect without reading every revision's JSON.
    start_date = models.DateField(_("plan start date"), null=True, blank=True)
    overrides = models.JSONField(
        _("clinician overrides"),
        default=list,
        blank=True,
        help_text=_("Each override with its reason (rules.md 2J)."),
    )
    reason = models.TextField(_("reason for this revision"), max_length=1000, blank=True)
    author = acting_user(_("saved by"))
    created = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="planrevision_unique_number"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="planrevision_number_positive"
            ),
        ]
        indexes = [models.Index(fields=["plan", "-number"], name="planrevision_plan_number")]
        verbose_name = _("plan revision")
        verbose_name_plural = _("plan revisions")

    def __str__(self):
        return f"{self.plan.client} rev {self.number}"

    @functools.cached_property
    def saved_plan(self) -> engine.Plan:
        """The engine Plan this revision saved, read from its snapshot once per object
        (adapters.saved_plan; a revision never changes, so the cache never goes stale). Every
        page, presenter, document and review reads this, never the snapshot's JSON. Raises
        adapters.SnapshotUnreadable. (Not `plan`: that is the plan this revision belongs to.)"""
        return adapters.saved_plan(self.snapshot)

    @property
    def steps(self) -> tuple[engine.Step, ...]:
        """The saved plan's rows (empty under a hard stop or MAINTAIN_CURRENT)."""
        return self.saved_plan.steps

    @property
    def outcome_label(self) -> str:
        """The hard stop or the mode, labelled for history lists (no JSON is read)."""
        from planner.choices import label
        from planner.engine.enums import HardStop, Mode

        return label(HardStop, self.hard_stop) if self.hard_stop else label(Mode, self.mode)
