"""
Reviews (rules.md 3(h)): gather what the engine needs, store its proposal, and act on the
clinician's decision.

    review_context  what a review of the client's current revision would use today: the
                    adherence window (R-REV-2), the current step, scores and their change,
                    adverse events, new flags; and what stops a review (problems). In
                    services/review_context.py, which says how recorded facts become the
                    engine's inputs
    review_create   ask the engine (propose_review_action: R-REV-3 table, R-REV-4, R-REV-5) and
                    store the proposal with its rule IDs (an immutable Review)
    review_decide   accept or decline (with a reason); accepting runs the engine's helper for
                    the action (review_actions.apply_action) and saves the next revision
                    through plan_revision_store, reason filled in, checked against the revision
                    that was reviewed (PlanConflict: nothing is saved)

Nothing here decides a clinical value: the decision table, the minutes of a held, frozen,
re-baselined or Phase-2 plan, and the gates are the engine's. PHQ-9 item 9 >= 1 at the review
is a new risk (R-REV-3 row 2) and a change that needs screening again (row 1, first match):
accepting sends the clinician to a new assessment pre-filled with the item-9 answer, whose
engine run opens the RISK_ATTESTATION gate (R-SAFE-CRISIS). The engine's freeze() keeps the
reviewed plan's gates, so a revision without that gate is never saved for such a review (see
ITEM9_NEEDS_ASSESSMENT).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from planner import adapters, engine, engine_messages
from planner.engine import outcomes, review_actions
from planner.engine.enums import Gate
from planner.models import (
    AuditEvent,
    Client,
    Plan,
    PlanRevision,
    Review,
    ReviewAction,
    ReviewDecision,
)
from planner.services.audit import audit_record
from planner.services.clients import client_touch
from planner.services.plans import PlanConflict, plan_revision_store
from planner.services.review_context import (  # noqa: F401 - the review's facts, re-exported
    HARD_STOP,
    NO_PLAN,
    TOO_EARLY,
    ReviewContext,
    review_context,
)

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
    # The engine's findings: the recorded facts, and the clinician's answers. A warning symptom
    # or a positive item 9 counts as a change in health whatever was ticked.
    findings = engine.ReviewFindings(
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
    client_touch(client=client)  # a review is activity: the client moves up the list
    audit_record(actor=author, action=AuditEvent.Action.CREATE, object_type="review",
                 object_id=review.pk, request=request,
                 detail=f"client={client.pk} revision={ctx.revision.number}")
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
        message = engine_messages.in_words(getattr(error, "message", None) or str(error),
                                           sentence=False)
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
    client_touch(client=review.client)  # the decision is activity too (issue 22)
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
