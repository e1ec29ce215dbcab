"""
Reviews (rules.md 3(h)): gather what the engine needs, store its proposal, and act on the
clinician's decision.

    review_context  what a review of the client's current revision would use today: the
                    adherence window (R-REV-2), the current step, scores and their change,
                    adverse events, new flags; and what stops a review (problems)
    review_create   ask the engine (propose_review_action: R-REV-3 table, R-REV-4, R-REV-5) and
                    store the proposal with its rule IDs (an immutable Review)
    review_decide   accept or decline (with a reason); accepting runs the engine's helper for
                    the action (review_actions.apply_action) and saves the next revision
                    through plan_revision_store, reason filled in, checked against the revision
                    that was reviewed (PlanConflict: nothing is saved)

Nothing here decides a clinical value: the decision table, the minutes of a held, frozen,
re-baselined or Phase-2 plan, and the gates are the engine's. This module turns recorded facts
into the engine's inputs:

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
  such a review (see ITEM9_NEEDS_ASSESSMENT);
- new_flags: flags the engine raises on an assessment newer than the reviewed revision's that
  the revision does not have.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from planner import adapters, engine, selectors
from planner.engine import outcomes, review_actions
from planner.engine.enums import Gate
from planner.models import (
    AdverseEvent,
    AuditEvent,
    Client,
    Plan,
    PlanRevision,
    Review,
    ReviewAction,
    ReviewDecision,
)
from planner.services.audit import audit_record
from planner.services.plans import PlanConflict, plan_revision_store

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
ENGINE_REFUSED = _("The engine could not make the new revision: %(error)s")
ALREADY_DECIDED = _("This review has already been decided.")
DECLINE_REASON_REQUIRED = _("Say why you decline the proposal.")
REVIEW_CONFLICT = _(
    "The plan changed since this review was proposed: revision %(current)s is now current. "
    "Nothing was saved. Run the review again on the current revision."
)
REVISION_REASON = _("Review week %(week)s: %(action)s (%(rules)s).")
ITEM9_NEEDS_ASSESSMENT = _(
    "PHQ-9 item 9 was %(item9)s at this review: the risk gate opens again. Record a new "
    "assessment (risk and screening are asked again); its plan carries the gate."
)


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


def review_findings(
    ctx: ReviewContext,
    *,
    health_change: bool = False,
    new_risk: bool = False,
    clinician_judges_worse: bool = False,
    clinician_judges_no_improvement: bool = False,
    clinician_agrees_phase2: bool = False,
) -> engine.ReviewFindings:
    """Return the engine's ReviewFindings from the recorded facts and the clinician's answers."""
    return engine.ReviewFindings(
        week=ctx.review_week,
        current_step=ctx.engine_step,
        adherence_percent=ctx.adherence,
        warning_symptom_or_health_change=(
            health_change or ctx.warning_symptom or ctx.item9_positive
        ),
        new_risk=new_risk or ctx.item9_positive,
        phq9_change=ctx.phq9_change,
        gad7_change=ctx.gad7_change,
        clinician_judges_worse=clinician_judges_worse,
        adverse_events=ctx.adverse_events,
        clinician_judges_no_improvement=clinician_judges_no_improvement,
        new_flags=bool(ctx.new_flags),
        clinician_agrees_phase2=clinician_agrees_phase2,
    )


@transaction.atomic
def review_create(
    *,
    client: Client,
    author: AbstractBaseUser,
    health_change: bool = False,
    new_risk: bool = False,
    clinician_judges_worse: bool = False,
    clinician_judges_no_improvement: bool = False,
    clinician_agrees_phase2: bool = False,
    notes: str = "",
    today: dt.date | None = None,
    request: HttpRequest | None = None,
) -> Review:
    """Ask the engine what to do at this review and store its proposal (not yet decided)."""
    ctx = review_context(user=author, client=client, today=today)
    if ctx.problems:
        raise ValidationError(list(ctx.problems), code="cannot_review")
    findings = review_findings(
        ctx,
        health_change=health_change,
        new_risk=new_risk,
        clinician_judges_worse=clinician_judges_worse,
        clinician_judges_no_improvement=clinician_judges_no_improvement,
        clinician_agrees_phase2=clinician_agrees_phase2,
    )
    decision = engine.propose_review_action(ctx.revision.saved_plan, findings)
    review = Review(
        client=client,
        revision=ctx.revision,
        review_date=ctx.review_date,
        review_week=ctx.review_week,
        week_start=ctx.week_start,
        current_step=ctx.current_step,
        adherence_percent=ctx.adherence,
        window=[w.as_json() for w in ctx.window],
        findings={
            **dataclasses.asdict(findings),
            "phq9_previous": ctx.phq9_previous.total if ctx.phq9_previous else None,
            "gad7_previous": ctx.gad7_previous.total if ctx.gad7_previous else None,
            "new_flags_found": list(ctx.new_flags),
            "poor_sleep_nights": ctx.poor_sleep_nights,
        },
        phq9_total=ctx.phq9.total if ctx.phq9 else None,
        phq9_item9=ctx.item9,
        gad7_total=ctx.gad7.total if ctx.gad7 else None,
        proposed_action=str(decision.action),
        proposed_rules=list(decision.rules),
        proposal_reason=decision.reason[:1000],
        phase2_eligible=decision.phase2_eligible,
        notes=(notes or "").strip(),
        author=author,
    )
    review.full_clean()
    review.save()
    audit_record(
        actor=author,
        action=AuditEvent.Action.CREATE,
        object_type="review",
        object_id=review.pk,
        request=request,
        detail=f"client={client.pk} revision={ctx.revision.number}",
    )
    return review


def revision_reason(review: Review, note: str = "") -> str:
    """The reason a review-driven revision carries: week, action and the engine's rule IDs."""
    reason = gettext(REVISION_REASON) % {
        "week": review.review_week,
        "action": review.get_proposed_action_display(),
        "rules": ", ".join(review.proposed_rules),
    }
    note = (note or "").strip()
    return f"{reason} {note}"[:1000] if note else reason


def _engine_errors():
    return (engine.ReviewError, engine.OverrideRefused, engine.IntakeError,
            engine.NeverDoViolation, engine.UnknownCrisisRegion, adapters.SnapshotUnreadable)


def _accepted_plan(review: Review, revision: PlanRevision):
    """Run the engine's helper for the accepted action; None when it makes no revision."""
    if review.proposed_action in review_actions.NO_REVISION:
        return None
    window = [w for w in review.window if w.get("completed") is not None]
    try:
        return review_actions.apply_action(
            review.proposed_action,
            intake=adapters.parse_intake(revision.intake_data),
            plan=revision.saved_plan,
            current_step=outcomes.engine_step(revision.steps, review.current_step),
            recent_minutes=[w["completed"] for w in window],
            review_week_start=review.week_start,
            rules=review.proposed_rules,
            overrides=revision.overrides,
        )
    except _engine_errors() as error:
        message = getattr(error, "message", None) or str(error)
        raise ValidationError(ENGINE_REFUSED, params={"error": message},
                              code="engine_refused") from error


def _after_review(plan: Plan, current: engine.Plan, review: Review) -> None:
    """The review at this point is done: the next one is the first review point after it. A
    re-baselined plan starts in the review week (its start date), whatever start date the
    assessment it came from gave."""
    plan.next_review_date = outcomes.next_review_after(
        outcomes.review_point_dates(current), review.review_date
    )
    if current.start_date:
        plan.start_date = current.start_date
    plan.save(update_fields=["next_review_date", "start_date", "updated"])


@transaction.atomic
def review_decide(
    *,
    review: Review,
    author: AbstractBaseUser,
    accept: bool,
    reason: str = "",
    today: dt.date | None = None,
    request: HttpRequest | None = None,
) -> ReviewDecision:
    """
    Record the clinician's answer to a review's proposal.

    Declining needs a reason and changes nothing else. Accepting an action that changes the
    schedule (hold, freeze, re-baseline, Phase 2) saves the plan's next revision made by the
    engine's helper, with the reason filled in; the plan must still be on the reviewed revision
    (PlanConflict otherwise, and nothing is saved). Continue and "review the treatment" leave
    the plan as it is; "re-run screening" (and any review with PHQ-9 item 9 >= 1) leads to a
    new assessment. Either way the next review moves to the next review point.
    """
    today = today or timezone.localdate()
    reason = (reason or "").strip()
    plan = Plan.objects.select_for_update().get(client_id=review.client_id)
    if ReviewDecision.objects.filter(review=review).exists():
        raise ValidationError(ALREADY_DECIDED, code="already_decided")
    if plan.current_revision_number != review.revision.number:
        raise PlanConflict(plan=plan, base_revision=review.revision.number,
                           current_revision=plan.current_revision_number)
    if not accept and not reason:
        raise ValidationError({"reason": DECLINE_REASON_REQUIRED}, code="reason_required")
    revision = review.revision
    outcome, made = ReviewDecision.Outcome.NO_CHANGE, None
    if accept:
        new_plan = _accepted_plan(review, revision)
        item9_open = (review.phq9_item9 or 0) >= 1 and (
            new_plan is None or Gate.RISK_ATTESTATION not in new_plan.gates
        )
        if review.proposed_action == ReviewAction.RESCREEN or item9_open:
            outcome = ReviewDecision.Outcome.RESCREEN
        elif new_plan is not None:
            made = plan_revision_store(
                intake=revision.intake,
                snapshot=new_plan.to_dict(),
                intake_data=revision.intake_data,
                author=author,
                base_revision=review.revision.number,
                reason=revision_reason(review, reason),
                overrides=revision.overrides,
                engine_version=new_plan.engine_version,
                today=today,
                action=AuditEvent.Action.CHANGE,
                request=request,
            )
            outcome = ReviewDecision.Outcome.REVISION
            plan.refresh_from_db()
    decision = ReviewDecision(
        review=review,
        accepted=accept,
        reason=reason,
        outcome=outcome,
        resulting_revision=made,
        author=author,
    )
    decision.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            decision.save()
    except IntegrityError:
        raise ValidationError(ALREADY_DECIDED, code="already_decided") from None
    _after_review(plan, (made or revision).saved_plan, review)
    audit_record(
        actor=author,
        action=AuditEvent.Action.CHANGE,
        object_type="review",
        object_id=review.pk,
        request=request,
        detail=f"decision={'accepted' if accept else 'declined'} outcome={outcome}"
        + (f" revision={made.number}" if made else ""),
    )
    return decision
