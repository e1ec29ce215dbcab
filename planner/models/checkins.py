"""
The outcome loop: weekly check-ins and clinical reviews (rules.md 3(h), R-REV-1..6).

CheckIn is what the client reported for one calendar week of the plan, recorded by the
clinician. It says which plan step the client was on that week: the week-to-step mapping lives
here, not in the immutable revision, so a repeated step (a hold, R-HOLD-1, R-PROG-4) shows as two
weeks with the same step.

Review is one review's proposal: the adherence over the previous three weeks (R-REV-2), what was
given to the engine and the action the engine's decision table proposed with its rule IDs
(R-REV-3..5). It never changes; the clinician's answer is a separate append-only
ReviewDecision (accepted or declined with a reason, and the revision accepting made, if any).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from planner.models.base import AppendOnlyModel, acting_user
from planner.models.clients import Client
from planner.models.plans import PlanRevision

PHQ9_ITEM9_WITHOUT_TOTAL = _("Enter the PHQ-9 total together with item 9.")
PHQ9_ITEM9_REQUIRED = _("Enter PHQ-9 item 9 (0–3): it is required with a PHQ-9 total.")
PHQ9_ITEM9_ABOVE_TOTAL = _("Item 9 cannot be more than the PHQ-9 total it is part of.")
MINUTES_WITHOUT_SESSIONS = _("Minutes were completed: enter how many sessions they came from.")
SESSIONS_WITHOUT_MINUTES = _(
    "Sessions were completed: enter their minutes (strength sessions are counted separately)."
)


def _range(low: int, high: int) -> list:
    return [MinValueValidator(low), MaxValueValidator(high)]


def _text(verbose_name, *, max_length: int = 1000) -> models.TextField:
    # TextField's max_length only sizes the form widget; the validator makes full_clean check it.
    return models.TextField(
        verbose_name, max_length=max_length, blank=True,
        validators=[MaxLengthValidator(max_length)],
    )


class AdverseEvent(models.TextChoices):
    """What went wrong that week, if anything (R-REV-2 "adverse events"; R-HOLD-2, R-HOLD-5)."""

    NONE = "none", _("none")
    UNUSUAL_SORENESS = "unusual_soreness", _("unusual soreness or exhaustion")
    PAIN = "pain", _("pain that changed how they moved or lasted")
    WARNING_SYMPTOM = "warning_symptom", _("warning symptom (chest pain, fainting, …)")


class Source(models.TextChoices):
    """Who recorded a check-in week: the clinician from what the client said, or the client's
    own log (issue 23: the week's minutes add up the days logged with the private link)."""

    CLINICIAN = "clinician", _("recorded by the clinician")
    CLIENT = "client", _("logged by the client")


class CheckIn(models.Model):
    """
    One calendar week of one client, as the client reported it.

    week_start is the first day of the week (the plan's weeks start on its start date);
    plan_step is the step the client worked on (empty only when the revision has no steps);
    revision is the revision that week was planned under. Questionnaire totals are entered at
    reviews only (R-REV-2).
    """

    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="checkins", verbose_name=_("client")
    )
    # RESTRICT: a revision a check-in was planned under goes only with its client (erasure).
    revision = models.ForeignKey(
        PlanRevision,
        on_delete=models.RESTRICT,
        related_name="checkins",
        verbose_name=_("planned under revision"),
    )
    week_start = models.DateField(_("week starting"))
    plan_step = models.PositiveSmallIntegerField(
        _("plan step"), null=True, blank=True, validators=_range(1, 200)
    )
    minutes_completed = models.PositiveSmallIntegerField(
        _("minutes completed"),
        validators=_range(0, 1500),
        help_text=_("Aerobic and mind-body minutes that week; strength sessions are extra."),
    )
    sessions_completed = models.PositiveSmallIntegerField(
        _("sessions completed"), validators=_range(0, 21)
    )
    strength_sessions = models.PositiveSmallIntegerField(
        _("strength sessions"), default=0, validators=_range(0, 7)
    )
    adverse_event = models.CharField(
        _("adverse event"), max_length=20, choices=AdverseEvent.choices, default=AdverseEvent.NONE
    )
    poor_sleep_nights = models.PositiveSmallIntegerField(
        _("nights of poor sleep"), default=0, validators=_range(0, 7)
    )
    mood_before = models.PositiveSmallIntegerField(
        _("mood before sessions (0–10)"), null=True, blank=True, validators=_range(0, 10)
    )
    mood_after = models.PositiveSmallIntegerField(
        _("mood after sessions (0–10)"), null=True, blank=True, validators=_range(0, 10)
    )
    notes = _text(_("notes"))
    phq9_total = models.PositiveSmallIntegerField(
        _("PHQ-9 total"), null=True, blank=True, validators=_range(0, 27)
    )
    phq9_item9 = models.PositiveSmallIntegerField(
        _("PHQ-9 item 9"), null=True, blank=True, validators=_range(0, 3)
    )
    gad7_total = models.PositiveSmallIntegerField(
        _("GAD-7 total"), null=True, blank=True, validators=_range(0, 21)
    )
    # Empty for a week the client logged themselves (source CLIENT): no clinician typed it.
    author = acting_user(_("recorded by"), optional=True)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.CLINICIAN
    )
    created = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["client", "-week_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "week_start"], name="checkin_unique_client_week"
            ),
        ]
        indexes = [models.Index(fields=["client", "-week_start"], name="checkin_client_week")]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")

    def __str__(self):
        return f"{self.client} {self.week_start:%Y-%m-%d}"

    def clean(self):
        super().clean()
        errors = {}
        if self.minutes_completed and self.sessions_completed == 0:
            errors["sessions_completed"] = ValidationError(
                MINUTES_WITHOUT_SESSIONS, code="minutes_without_sessions"
            )
        if self.sessions_completed and self.minutes_completed == 0:
            errors["minutes_completed"] = ValidationError(
                SESSIONS_WITHOUT_MINUTES, code="sessions_without_minutes"
            )
        if self.phq9_item9 is not None and self.phq9_total is None:
            errors["phq9_total"] = ValidationError(PHQ9_ITEM9_WITHOUT_TOTAL, code="item9_alone")
        if self.phq9_total is not None and self.phq9_item9 is None:
            # rules.md 2C: item 9 is required with a total; it alone re-opens the risk gate.
            errors["phq9_item9"] = ValidationError(PHQ9_ITEM9_REQUIRED, code="item9_required")
        if (
            self.phq9_total is not None
            and self.phq9_item9 is not None
            and self.phq9_item9 > self.phq9_total
        ):
            errors["phq9_item9"] = ValidationError(PHQ9_ITEM9_ABOVE_TOTAL, code="item9_above")
        if errors:
            raise ValidationError(errors)


class ReviewAction(models.TextChoices):
    """The engine's review actions (planner.engine.ReviewAction), labelled for the pages."""

    RESCREEN = "RESCREEN", _("re-run screening")
    FREEZE = "FREEZE", _("freeze weekly minutes")
    REBASELINE = "REBASELINE", _("re-baseline")
    HOLD = "HOLD", _("hold the current step")
    CONTINUE = "CONTINUE", _("continue as planned")
    REVIEW_TREATMENT = "REVIEW_TREATMENT", _("review the overall treatment (no increase)")
    UNLOCK_PHASE2 = "UNLOCK_PHASE2", _("unlock Phase 2")


class Review(AppendOnlyModel):
    """
    A review of one revision: its inputs and the engine's proposal. Immutable.

    window lists the weeks adherence was computed over ({week_start, revision, plan_step,
    planned, completed}); findings is exactly what the engine was given (ReviewFindings).
    """

    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("client")
    )
    revision = models.ForeignKey(
        PlanRevision,
        on_delete=models.RESTRICT,
        related_name="reviews",
        verbose_name=_("revision reviewed"),
    )
    review_date = models.DateField(_("review date"))
    review_week = models.PositiveSmallIntegerField(_("review week"))
    week_start = models.DateField(_("first day of the review week"))
    current_step = models.PositiveSmallIntegerField(_("current step"))
    adherence_percent = models.PositiveSmallIntegerField(_("adherence (%)"))
    window = models.JSONField(_("weeks counted"), default=list)
    findings = models.JSONField(_("review findings given to the engine"), default=dict)
    phq9_total = models.PositiveSmallIntegerField(_("PHQ-9 total"), null=True, blank=True)
    phq9_item9 = models.PositiveSmallIntegerField(_("PHQ-9 item 9"), null=True, blank=True)
    gad7_total = models.PositiveSmallIntegerField(_("GAD-7 total"), null=True, blank=True)
    proposed_action = models.CharField(
        _("proposed action"), max_length=20, choices=ReviewAction.choices
    )
    proposed_rules = models.JSONField(_("rules behind the proposal"), default=list)
    proposal_reason = _text(_("why (from the engine)"))
    phase2_eligible = models.BooleanField(_("Phase 2 could be unlocked"), default=False)
    notes = _text(_("review notes"))
    author = acting_user(_("reviewed by"))
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["client", "-review_date", "-id"]
        indexes = [models.Index(fields=["client", "-review_date"], name="review_client_date")]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self):
        return f"{self.client} week {self.review_week}"

    @property
    def window_weeks(self) -> list[dict]:
        """The window as stored, with its week starts as dates (for the page)."""
        return [
            {**week, "week_start": dt.date.fromisoformat(week["week_start"])}
            for week in self.window
        ]


class ReviewDecision(AppendOnlyModel):
    """The clinician's answer to a review's proposal: one per review, never changed."""

    class Outcome(models.TextChoices):
        REVISION = "revision", _("new revision saved")
        NO_CHANGE = "no_change", _("plan unchanged")
        RESCREEN = "rescreen", _("new assessment needed")

    review = models.OneToOneField(
        Review, on_delete=models.CASCADE, related_name="decision", verbose_name=_("review")
    )
    accepted = models.BooleanField(_("accepted"))
    reason = _text(_("reason"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    resulting_revision = models.ForeignKey(
        PlanRevision,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="review_decisions",
        verbose_name=_("revision made"),
    )
    author = acting_user(_("decided by"))
    created = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        verbose_name = _("review decision")
        verbose_name_plural = _("review decisions")

    def __str__(self):
        return f"{self.review} {'accepted' if self.accepted else 'declined'}"
