"""Reviews (rules.md 3(h)): every row of the R-REV-3 decision table and its first-match order,
R-REV-4, the Phase-2 unlock of R-REV-5, and what accepting or declining does (the next revision
made by the engine's helper, reason filled in; conflicts; PHQ-9 item 9 re-opening the risk
gate). Plans follow case C01 unless said otherwise: steps 30, 40, 50, 50, 60 ... (T 150)."""

import datetime as dt
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from planner import adapters, engine
from planner.engine import outcomes
from planner.models import AppendOnlyError, AuditEvent, PlanRevision, Review, ReviewDecision
from planner.services import reviews as service
from planner.services.checkins import checkin_create
from planner.services.plans import PlanConflict, plan_revision_create
from planner.services.reviews import review_context, review_decide
from tests.support.factories import IntakeFactory
from tests.support.progress import plan_started, record, review_at, week

pytestmark = pytest.mark.django_db

# Weeks 1-3 of C01 plan 30 + 40 + 50 = 120 minutes.
FULL = (30, 40, 50)  # 100%


def reviewed(minutes=FULL, *, at=4, extra=None, client_kwargs=None, **findings):
    """Record weeks 1..at-1 (the last three with `minutes`), then propose a review in week
    `at`. `extra` maps a week to more check-in answers."""
    client, _revision = plan_started(**(client_kwargs or {}))
    weeks = list(range(1, at))
    done = [None] * (len(weeks) - len(minutes)) + list(minutes)
    plan_minutes = [r.weekly_minutes for r in _revision.steps]
    for n, value in zip(weeks, done, strict=True):
        value = plan_minutes[n - 1] if value is None else value
        record(client, n, value, **(extra or {}).get(n, {}))
    return review_at(client, at, **findings)


def action(review: Review) -> str:
    return review.proposed_action


# --- R-REV-2: what a review uses ---------------------------------------------------------------


def test_the_review_stores_adherence_and_its_window():
    review = reviewed((30, 25, 30))
    assert review.adherence_percent == 70  # 85 / 120
    assert review.review_week == 4 and review.current_step == 3
    assert [(w["planned"], w["completed"]) for w in review.window] == [
        (30, 30), (40, 25), (50, 30)]
    assert review.findings["adherence_percent"] == 70
    assert review.proposed_rules and review.proposal_reason


def test_a_review_needs_the_previous_weeks_recorded():
    client, _revision = plan_started()
    record(client, 1, 30)
    record(client, 3, 50)
    ctx = review_context(user=client.owner, client=client, today=week(4))
    assert len(ctx.problems) == 1 and "Missing" in ctx.problems[0]
    with pytest.raises(ValidationError):
        review_at(client, 4)
    assert not Review.objects.exists()


def test_no_review_in_the_first_week_or_without_a_plan():
    client, _revision = plan_started()
    def problems(client, today):
        return review_context(user=client.owner, client=client, today=today).problems

    assert problems(client, week(1)) == (str(service.TOO_EARLY),)
    assert problems(client, week(1) - dt.timedelta(1))
    other = IntakeFactory().client
    assert problems(other, week(4)) == (str(service.NO_PLAN),)


def test_no_review_of_a_hard_stop():
    client, _revision = plan_started(suicide_risk="active_with_plan_or_intent")
    ctx = review_context(user=client.owner, client=client, today=week(4))
    assert ctx.problems == (str(service.HARD_STOP),)


# --- R-REV-3, one test per row, then the order --------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "why"),
    [
        ({"health_change": True}, "new health change"),
        ({"extra": {2: {"adverse_event": "warning_symptom"}}}, "warning symptom reported"),
        ({"extra": {3: {"phq9_total": 9, "phq9_item9": 1}}}, "PHQ-9 item 9"),
    ],
)
def test_row_1_new_warning_symptom_or_health_change_rescreens(kwargs, why):
    review = reviewed(**kwargs)
    assert action(review) == "RESCREEN", why
    assert review.proposed_rules[0] == "R-REV-3"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"extra": {3: {"phq9_total": 13, "phq9_item9": 0}}},  # intake 8 -> 13: rise of 5
        {"extra": {1: {"gad7_total": 4}, 3: {"gad7_total": 9}}},  # GAD-7 rise of 5
        {"new_risk": True},
        {"clinician_judges_worse": True},
    ],
)
def test_row_2_worsening_or_new_risk_freezes(kwargs):
    review = reviewed(**kwargs)
    assert action(review) == "FREEZE"
    assert "N16" in review.proposed_rules


def test_a_rise_of_4_is_not_worsening():
    review = reviewed(extra={3: {"phq9_total": 12, "phq9_item9": 0}})  # 8 -> 12
    assert action(review) == "CONTINUE"


@pytest.mark.parametrize(("minutes", "percent"), [((0, 0, 0), 0), ((30, 29, 0), 49)])
def test_row_3_adherence_below_50_rebaselines(minutes, percent):
    review = reviewed(minutes)
    assert (review.adherence_percent, action(review)) == (percent, "REBASELINE")


@pytest.mark.parametrize(("minutes", "percent"), [((30, 30, 0), 50), ((30, 40, 19), 74)])
def test_row_4_adherence_50_to_74_holds(minutes, percent):
    review = reviewed(minutes)
    assert (review.adherence_percent, action(review)) == (percent, "HOLD")
    assert review.proposed_rules == ["R-REV-3", "R-HOLD-1"]


@pytest.mark.parametrize(("minutes", "percent"), [((30, 40, 20), 75), (FULL, 100)])
def test_row_5_adherence_75_and_no_adverse_event_continues(minutes, percent):
    review = reviewed(minutes)
    assert (review.adherence_percent, action(review)) == (percent, "CONTINUE")


def test_adherent_with_an_adverse_event_holds_at_an_easier_effort():
    review = reviewed(extra={2: {"adverse_event": "pain"}})
    assert action(review) == "HOLD"
    assert "R-HOLD-2" in review.proposed_rules


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        # Row 1 before row 2 and row 3.
        ({"health_change": True, "clinician_judges_worse": True, "minutes": (0, 0, 0)},
         "RESCREEN"),
        # Row 2 before row 3: worse and non-adherent is never re-baselined upward.
        ({"new_risk": True, "minutes": (0, 0, 0)}, "FREEZE"),
        # Row 3 before row 4.
        ({"minutes": (10, 10, 10)}, "REBASELINE"),
        # Row 4 before the adverse-event hold and R-REV-4.
        ({"minutes": (30, 30, 10), "clinician_judges_no_improvement": True, "at": 4}, "HOLD"),
    ],
)
def test_the_first_matching_row_wins(kwargs, expected):
    minutes = kwargs.pop("minutes", FULL)
    assert action(reviewed(minutes, **kwargs)) == expected


# --- R-REV-4 -------------------------------------------------------------------------------------


def test_week_8_adherent_but_no_better_reviews_the_treatment():
    # PHQ-9 8 at the assessment, 6 at the review: a drop of 2 is no meaningful improvement.
    plan = (60, 70, 80)  # steps 5-7 in full
    review = reviewed(plan, at=8, extra={7: {"phq9_total": 6, "phq9_item9": 0}})
    assert action(review) == "REVIEW_TREATMENT"
    assert "N16" in review.proposed_rules


def test_before_week_8_no_improvement_does_not_apply():
    review = reviewed(clinician_judges_no_improvement=True)
    assert action(review) == "CONTINUE"


# --- R-REV-5 -------------------------------------------------------------------------------------

SEVERE = {"depression_severity": "severe", "phq9_total": 20, "phq9_item9": 0,
          "base_total_min": 80}  # T 90 reached at step 2, T2 150


def phase2_review(*, at=8, minutes=(90, 90, 90), agree=True, extra=None, phq9=14, **answers):
    extra = {at - 1: {"phq9_total": phq9, "phq9_item9": 0}, **(extra or {})}  # a drop of 6
    return reviewed(minutes, at=at, extra=extra, client_kwargs={**SEVERE, **answers},
                    clinician_agrees_phase2=agree)


def test_phase2_unlocks_when_every_condition_holds():
    review = phase2_review()
    assert action(review) == "UNLOCK_PHASE2"
    assert review.phase2_eligible
    assert review.proposed_rules == ["R-REV-5", "R-PROG-6"]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"agree": False}, "CONTINUE"),  # the clinician does not agree
        ({"at": 7}, "CONTINUE"),  # before week 8
        ({"minutes": (90, 90, 20)}, "HOLD"),  # adherence 74%
        ({"extra": {6: {"adverse_event": "unusual_soreness"}}}, "HOLD"),  # an adverse event
        ({"base_total_min": 0}, "CONTINUE"),  # T not reached (10, 20, 30, 30, 40, 50, 60)
        ({"depression_severity": "moderate", "phq9_total": 12, "phq9": 5}, "CONTINUE"),  # no T2
    ],
)
def test_phase2_stays_locked_when_a_condition_fails(kwargs, expected):
    minutes = kwargs.pop("minutes", None)
    if "base_total_min" in kwargs:
        minutes = (40, 50, 60)
    if "depression_severity" in kwargs:
        minutes = (110, 120, 130)  # S 80, T 150
    review = phase2_review(**({"minutes": minutes} if minutes else {}), **kwargs)
    assert action(review) == expected
    assert action(review) != "UNLOCK_PHASE2"


def test_phase2_stays_locked_with_a_new_flag():
    client, _revision = plan_started(**SEVERE)
    for n in range(1, 8):
        record(client, n, 90, **({"phq9_total": 14, "phq9_item9": 0} if n == 7 else {}))
    # A newer assessment adds lithium: the engine raises a flag the plan does not have.
    IntakeFactory(client=client, **SEVERE, assessed_date=week(7), q5_chronic_meds=True,
                  medication_flags=["lithium"])
    review = review_at(client, 8, clinician_agrees_phase2=True)
    assert review.findings["new_flags"] is True
    assert review.findings["new_flags_found"]
    assert action(review) == "CONTINUE" and not review.phase2_eligible


# --- accepting and declining ---------------------------------------------------------------------


def decide(review, accept=True, reason="", today=None):
    return review_decide(review=review, author=review.client.owner, accept=accept,
                         reason=reason, today=today or review.review_date)


def engine_inputs(review):
    revision = review.revision
    return (adapters.parse_intake(revision.intake_data), engine.Plan.from_dict(revision.snapshot))


def test_accepting_a_hold_saves_the_engines_held_plan_with_the_reason():
    review = reviewed((30, 25, 30))
    decision = decide(review, reason="Client agreed.")
    made = decision.resulting_revision
    assert decision.accepted and decision.outcome == ReviewDecision.Outcome.REVISION
    assert (made.number, made.based_on_number) == (2, 1)
    assert made.reason == ("Review week 4: hold the current step (R-REV-3, R-HOLD-1). "
                           "Client agreed.")
    intake, plan = engine_inputs(review)
    assert made.snapshot == engine.hold(plan, at_step=3, intake=intake).to_dict()
    # The held step repeats in weeks 4 and 5; later steps keep their numbers.
    assert [(r.week, r.step, r.repeat) for r in made.steps[2:6]] == [
        (3, 3, False), (4, 3, True), (5, 3, True), (6, 4, False)]
    review.client.plan.refresh_from_db()
    assert review.client.plan.current_revision_number == 2
    assert review.client.plan.next_review_date == week(8)


def test_accepting_a_freeze_never_raises_minutes():
    review = reviewed(new_risk=True)
    made = decide(review).resulting_revision
    intake, plan = engine_inputs(review)
    assert made.snapshot == engine.freeze(plan, at_step=3, intake=intake).to_dict()
    assert {r.weekly_minutes for r in made.steps if r.step >= 3} == {50}


def test_accepting_a_rebaseline_starts_a_new_plan_in_the_review_week():
    review = reviewed((10, 10, 15))
    made = decide(review).resulting_revision
    intake, _plan = engine_inputs(review)
    expected = engine.rebaseline(intake, [10, 10, 15], today=week(4))
    assert made.snapshot == expected.to_dict()
    assert made.snapshot["start_date"] == week(4).isoformat()
    assert made.snapshot["baseline_minutes"] == 10
    plan = review.client.plan
    plan.refresh_from_db()
    assert plan.start_date == week(4)
    assert plan.next_review_date == week(4) + dt.timedelta(weeks=3)  # week 4 of the new plan


def test_accepting_phase2_continues_toward_t2():
    review = phase2_review()
    made = decide(review).resulting_revision
    intake, plan = engine_inputs(review)
    assert made.snapshot == engine.continue_to_phase2(intake, plan, from_step=7).to_dict()
    assert made.snapshot["phase"] == 2 and made.snapshot["target_minutes"] == 150


@pytest.mark.parametrize("kwargs", [{}, {"at": 8, "minutes": (60, 70, 80),
                                         "extra": {7: {"phq9_total": 6, "phq9_item9": 0}}}])
def test_accepting_continue_or_treatment_review_keeps_the_plan(kwargs):
    minutes = kwargs.pop("minutes", FULL)
    review = reviewed(minutes, **kwargs)
    decision = decide(review)
    assert decision.outcome == ReviewDecision.Outcome.NO_CHANGE
    assert decision.resulting_revision is None
    assert PlanRevision.objects.filter(plan__client=review.client).count() == 1
    review.client.plan.refresh_from_db()
    points = outcomes.review_point_dates(review.revision.saved_plan)
    assert review.client.plan.next_review_date == outcomes.next_review_after(
        points, review.review_date)


def test_declining_needs_a_reason_and_changes_nothing():
    review = reviewed((30, 25, 30))
    with pytest.raises(ValidationError) as excinfo:
        decide(review, accept=False)
    assert excinfo.value.message_dict["reason"] == [str(service.DECLINE_REASON_REQUIRED)]
    decision = decide(review, accept=False, reason="Client is on holiday next week.")
    assert not decision.accepted and decision.resulting_revision is None
    assert PlanRevision.objects.filter(plan__client=review.client).count() == 1


def test_a_review_is_decided_once():
    review = reviewed()
    decide(review)
    review.refresh_from_db()
    with pytest.raises(ValidationError):
        decide(review)
    assert ReviewDecision.objects.filter(review=review).count() == 1


def test_a_plan_that_moved_on_is_a_conflict_and_nothing_is_saved():
    review = reviewed((30, 25, 30))
    # Meanwhile a new assessment is saved as revision 2 (another tab).
    intake = IntakeFactory(client=review.client, assessed_date=week(4))
    plan_revision_create(intake=intake, author=review.client.owner, base_revision=1,
                         reason="New assessment", today=week(4))
    with pytest.raises(PlanConflict) as excinfo:
        decide(review)
    assert excinfo.value.current_revision == 2
    assert not ReviewDecision.objects.exists()
    assert PlanRevision.objects.filter(plan__client=review.client).count() == 2


def test_an_engine_refusal_saves_nothing():
    review = reviewed((30, 25, 30))
    with mock.patch("planner.engine.review_actions.engine.hold",
                    side_effect=engine.ReviewError("step 3 is not in the plan")):
        with pytest.raises(ValidationError) as excinfo:
            decide(review)
    assert "step 3 is not in the plan" in excinfo.value.messages[0]
    assert not ReviewDecision.objects.exists()
    assert PlanRevision.objects.filter(plan__client=review.client).count() == 1


def test_phq9_item9_at_a_review_reopens_the_risk_gate_through_a_new_assessment():
    review = reviewed(extra={3: {"phq9_total": 9, "phq9_item9": 1}})
    assert (review.phq9_total, review.phq9_item9) == (9, 1)
    assert review.findings["new_risk"] is True
    decision = decide(review)
    # No revision without the gate: the clinician is sent to a new assessment.
    assert decision.outcome == ReviewDecision.Outcome.RESCREEN
    assert decision.resulting_revision is None
    # That assessment, with the review's item 9, makes the engine open RISK_ATTESTATION.
    intake = IntakeFactory(client=review.client, assessed_date=week(4),
                           phq9_total=review.phq9_total, phq9_item9=review.phq9_item9)
    plan = adapters.intake_plan(intake, today=week(4))
    assert "RISK_ATTESTATION" in plan.gates


def test_a_plan_without_the_gate_is_never_saved_after_item9():
    # Even if a future table proposed a freeze for item 9, the engine's freeze keeps the old
    # gates, so the service sends the clinician to a new assessment instead of saving it.
    review = reviewed(extra={3: {"phq9_total": 9, "phq9_item9": 2}})
    review.proposed_action = "FREEZE"  # the loaded object only: rows never change
    decision = decide(review)
    assert decision.outcome == ReviewDecision.Outcome.RESCREEN
    assert PlanRevision.objects.filter(plan__client=review.client).count() == 1


def review_events(review):
    return list(AuditEvent.objects.filter(object_type="review", object_id=str(review.pk))
                .order_by("id").values_list("action", "actor_id", "detail"))


NOTE = "Knee sore after the hill walk on Sunday"


def test_creating_and_accepting_a_review_are_audited_with_ids_only():
    review = reviewed((30, 25, 30), notes=NOTE)
    owner = review.client.owner
    assert review_events(review) == [("create", owner.pk, f"client={review.client.pk} revision=1")]
    decide(review, reason="Client agreed to hold after a talk about sleep.")
    assert review_events(review)[1:] == [
        ("change", owner.pk, "decision=accepted outcome=revision revision=2")]
    trail = str(list(AuditEvent.objects.values()))
    assert "Knee" not in trail and "sleep" not in trail


def test_declining_a_review_is_audited_with_ids_only():
    review = reviewed((30, 25, 30), notes=NOTE)
    decide(review, accept=False, reason="Client is on holiday next week.")
    assert [(action, detail) for action, _actor, detail in review_events(review)] == [
        ("create", f"client={review.client.pk} revision=1"),
        ("change", "decision=declined outcome=no_change"),
    ]
    trail = str(list(AuditEvent.objects.values()))
    assert "Knee" not in trail and "holiday" not in trail


def test_reviews_and_decisions_are_append_only():
    review = reviewed()
    decision = decide(review)
    review.notes = "changed"
    with pytest.raises(AppendOnlyError):
        review.save()
    with pytest.raises(AppendOnlyError):
        review.delete()
    with pytest.raises(AppendOnlyError):
        decision.save()
    with pytest.raises(AppendOnlyError):
        ReviewDecision.objects.all().delete()


def test_check_ins_after_a_hold_show_the_repeated_step():
    review = reviewed((30, 25, 30))
    decide(review)
    client = review.client
    for n, step in ((4, 3), (5, 3), (6, 4)):
        checkin_create(client=client, author=client.owner, week_start=week(n), plan_step=step,
                       minutes_completed=50, sessions_completed=3, today=week(n + 1))
    from planner.presenters.progress import progress_view

    weeks = progress_view(client.owner, client, today=week(7)).weeks
    assert [(w.plan_step, w.repeat, w.revision) for w in weeks] == [
        (1, False, 1), (2, False, 1), (3, False, 1), (3, True, 2), (3, True, 2), (4, False, 2)]
    assert weeks[3].marker  # revision 2 took effect in week 4


def test_the_stored_actions_are_the_engines():
    from planner.models import ReviewAction

    assert {a.value for a in ReviewAction} == {a.value for a in engine.ReviewAction}
