"""
What a review of the client's current revision would use today (rules.md 3(h)): the adherence
window (R-REV-2), the current step, scores and their change, adverse events, new flags, and
what stops a review (problems). services/reviews.py asks the engine with it and acts on the
clinician's decision.

Nothing here decides a clinical value. Recorded facts become the engine's inputs:

- adherence: the engine's adherence_percent over the previous three calendar weeks, planned
  minutes read from each week's revision at the step the client was on (the check-in's step);
- phq9_change / gad7_change: the latest total recorded since the window began minus the one
  recorded before it (a check-in, else an assessment);
- adverse_events: any check-in of the window with an adverse event; a warning symptom there is
  also a "new warning symptom" (R-REV-3 row 1);
- PHQ-9 item 9 >= 1 at the review is a new risk (row 2) and a change that needs screening again
  (row 1, first match): accepting sends the clinician to a new assessment pre-filled with the
  item-9 answer, whose engine run opens the RISK_ATTESTATION gate (R-SAFE-CRISIS). The engine's
  freeze() keeps the reviewed plan's gates, so a revision without that gate is never saved for
  such a review (services.reviews.ITEM9_NEEDS_ASSESSMENT);
- new_flags: flags the engine raises on an assessment newer than the reviewed revision's that
  the revision does not have.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from planner import adapters, engine, selectors
from planner.engine import outcomes
from planner.models import AdverseEvent, Client, Plan, PlanRevision

NO_PLAN = _("There is no saved plan to review yet.")
HARD_STOP = _(
    "The current revision is a hard stop: there is no exercise plan to review. A new "
    "assessment is the next step."
)
NO_STEPS = _(
    "The current plan schedules no minutes (the client keeps their own routine), so there is "
    "no adherence to review. Re-assess when something changes."
)
NOT_STARTED = _("The plan has not started yet (week 1 begins %(start)s).")
TOO_EARLY = _(
    "The first week of the plan is not over: a review looks back at the previous weeks."
)
MISSING_WEEKS = _(
    "Record a check-in for each of the previous weeks first (a week with no activity is a "
    "check-in with 0 minutes). Missing: %(weeks)s."
)
NO_PLANNED_MINUTES = _(
    "The week starting %(week)s was planned under a revision without scheduled minutes, so "
    "adherence cannot be computed."
)
SNAPSHOT_UNREADABLE = _("The reviewed revision cannot be read by this engine version: %(error)s")


@dataclasses.dataclass(frozen=True)
class ReviewContext:
    """What a review of the client's current revision uses, as of `review_date`."""

    revision: PlanRevision | None
    review_date: dt.date
    start: dt.date | None = None
    review_week: int | None = None
    week_start: dt.date | None = None
    window: tuple[outcomes.WindowWeek, ...] = ()
    adherence: int | None = None
    current_step: int | None = None
    engine_step: int | None = None
    phq9: outcomes.Score | None = None
    phq9_previous: outcomes.Score | None = None
    gad7: outcomes.Score | None = None
    gad7_previous: outcomes.Score | None = None
    adverse_events: bool = False
    warning_symptom: bool = False
    poor_sleep_nights: int = 0
    new_flags: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def phq9_change(self) -> int | None:
        if self.phq9 is None or self.phq9_previous is None:
            return None
        return self.phq9.total - self.phq9_previous.total

    @property
    def gad7_change(self) -> int | None:
        if self.gad7 is None or self.gad7_previous is None:
            return None
        return self.gad7.total - self.gad7_previous.total

    @property
    def item9(self) -> int | None:
        return self.phq9.item9 if self.phq9 is not None else None

    @property
    def item9_positive(self) -> bool:
        return (self.item9 or 0) >= 1


def _current_revision(client: Client) -> PlanRevision | None:
    # Read the plan row afresh: a Client object may carry a plan cached before its last save.
    plan = Plan.objects.get(client_id=client.pk)
    if not plan.current_revision_number:
        return None
    return PlanRevision.objects.select_related("intake", "plan").get(
        plan=plan, number=plan.current_revision_number
    )


def _start_of(revision: PlanRevision, plan: Plan) -> dt.date | None:
    return revision.saved_plan.start_date or plan.start_date


def _facts(user, client: Client, *, since: dt.date, until: dt.date
           ) -> list[outcomes.CheckInFacts]:
    """The client's check-ins of weeks starting from `since` to `until` (a few days either side:
    outcomes.WEEK_MATCH_DAYS), with the minutes their revision planned at their step."""
    slack = dt.timedelta(days=outcomes.WEEK_MATCH_DAYS)
    rows = list(
        selectors.checkin_queryset(user).filter(
            client=client, week_start__gte=since - slack, week_start__lte=until + slack
        )
        .select_related("revision")
        .only(
            "week_start", "plan_step", "minutes_completed", "adverse_event",
            "poor_sleep_nights", "revision__number",
        )
        .order_by("week_start")
    )
    plans = selectors.revision_plans(user, client, {c.revision.number for c in rows})
    return [
        outcomes.CheckInFacts(
            week_start=c.week_start,
            revision=c.revision.number,
            plan_step=c.plan_step,
            planned=outcomes.planned_minutes(plans[c.revision.number].steps, c.plan_step),
            completed=c.minutes_completed,
            adverse_event=c.adverse_event,
            poor_sleep_nights=c.poor_sleep_nights,
        )
        for c in rows
    ]


def _new_flags(user, client: Client, revision: PlanRevision, today: dt.date) -> tuple[str, ...]:
    """Flags the engine raises on an assessment newer than the revision's, not in the revision
    (R-REV-5 "no new flags")."""
    latest = selectors.intake_latest(user, client)
    if latest is None or latest.pk == revision.intake_id:
        return ()
    try:
        flags = adapters.intake_plan(latest, today=today).flags
    except adapters.PlanUnavailable:
        return ()
    known = set(revision.saved_plan.flags)
    return tuple(f for f in flags if f not in known)


def _current_step(
    revision: PlanRevision, window: list[outcomes.WindowWeek], plans: dict[int, engine.Plan]
) -> int | None:
    """The step the client has just completed, in the current revision's numbering: the last
    window week's step when that week was planned under a revision on the same calendar (same
    start date: holds, freezes, Phase 2 and adjustments keep step numbers), else the current
    revision's row for that week."""
    recorded = [w for w in window if w.recorded]
    if not recorded:
        return None
    last = recorded[-1]
    then = plans.get(last.revision)
    same_calendar = (then.start_date if then else None) == revision.saved_plan.start_date
    if same_calendar and last.plan_step is not None:
        return last.plan_step
    return outcomes.suggest_plan_step(revision.steps, last.week_start)


def review_context(*, user, client: Client, today: dt.date | None = None) -> ReviewContext:
    """Return what a review of the client's current revision would use today, with the
    problems (translated messages) that stop a review from being proposed."""
    today = today or timezone.localdate()
    revision = _current_revision(client)
    if revision is None:
        return ReviewContext(revision=None, review_date=today, problems=(str(NO_PLAN),))
    if revision.hard_stop:
        return ReviewContext(revision=revision, review_date=today, problems=(str(HARD_STOP),))
    try:
        steps = revision.steps
    except adapters.SnapshotUnreadable as error:
        message = SNAPSHOT_UNREADABLE % {"error": error}
        return ReviewContext(revision=revision, review_date=today, problems=(str(message),))
    if not steps:
        return ReviewContext(revision=revision, review_date=today, problems=(str(NO_STEPS),))
    start = _start_of(revision, revision.plan)
    if start is None or today < start:
        message = NOT_STARTED % {"start": date_format(start) if start else "—"}
        return ReviewContext(revision=revision, review_date=today, start=start,
                             problems=(str(message),))
    review_week = outcomes.week_number(start, today)
    week_start = outcomes.week_start_of(start, today)
    effective = selectors.revision_effective_dates(user, client)
    first_week = min(day for _n, day in effective) if effective else start
    first_week = min(first_week, start)
    weeks = outcomes.window_week_starts(week_start, first_week=first_week)
    facts = _facts(user, client, since=weeks[0], until=weeks[-1]) if weeks else []
    window = outcomes.adherence_window(week_start, facts, first_week=first_week)
    problems = []
    base = {"revision": revision, "review_date": today, "start": start,
            "review_week": review_week, "week_start": week_start, "window": tuple(window)}
    if not window:
        problems.append(str(TOO_EARLY))
    missing = [w.week_start for w in window if not w.recorded]
    if missing:
        problems.append(str(MISSING_WEEKS % {"weeks": ", ".join(date_format(d) for d in missing)}))
    for week in window:
        if week.recorded and week.planned is None:
            problems.append(str(NO_PLANNED_MINUTES % {"week": date_format(week.week_start)}))
    if not problems:
        try:
            adherence = outcomes.adherence_percent(window)
        except engine.ReviewError:
            problems.append(str(NO_PLANNED_MINUTES % {
                "week": date_format(window[0].week_start)}))
    if problems:
        return ReviewContext(**base, problems=tuple(problems))
    plans = selectors.revision_plans(user, client, {w.revision for w in window})
    current_step = _current_step(revision, window, plans)
    scores = selectors.client_scores(user, client)
    since = window[0].week_start
    phq9, phq9_previous = outcomes.score_change(scores["phq9"], since=since)
    gad7, gad7_previous = outcomes.score_change(scores["gad7"], since=since)
    in_window = [f for f in facts if any(f.week_start == w.week_start for w in window)]
    return ReviewContext(
        **base,
        adherence=adherence,
        current_step=current_step,
        engine_step=outcomes.engine_step(revision.steps, current_step),
        phq9=phq9,
        phq9_previous=phq9_previous,
        gad7=gad7,
        gad7_previous=gad7_previous,
        adverse_events=any(w.adverse_event != AdverseEvent.NONE for w in window),
        warning_symptom=any(w.adverse_event == AdverseEvent.WARNING_SYMPTOM for w in window),
        poor_sleep_nights=max((f.poor_sleep_nights for f in in_window), default=0),
        new_flags=_new_flags(user, client, revision, today),
    )
