"""Review points and the review helpers (R-REV-1..6, R-HOLD-1..8, R-PROG-6)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from planner.engine import (
    ReviewAction,
    ReviewError,
    ReviewFindings,
    adherence_percent,
    continue_to_phase2,
    freeze,
    hold,
    propose_review_action,
    rebaseline,
    restart_after_break,
)
from planner.engine.enums import HardStop, Intensity, Mode

from .support import TODAY, intake, numbers

C03 = {"primary_condition": "depression", "depression_severity": "severe", "age": 38,
       "base_total_min": 0, "available_days": 7, "barriers": ["psychomotor_retardation"],
       "suicide_risk": "passive_ideation"}
C06 = {"primary_condition": "ptsd", "base_total_min": 100, "base_vig_min": 40,
       "regular_exerciser": True, "barriers": ["poor_sleep", "avoidance"], "available_days": 7}
C01 = {"primary_condition": "depression", "depression_severity": "mild", "age": 29,
       "base_total_min": 0}


def wm(plan, first=1):
    return [s.weekly_minutes for s in plan.steps if s.step >= first]


# --- R-REV-1, R-REV-2 -------------------------------------------------------------------------

def test_R_REV_1_reviews_in_weeks_4_8_12_then_every_12_dated_from_the_start():
    plan = numbers(**C01)
    assert [(r.week, r.date) for r in plan.review_weeks] == [
        (4, dt.date(2026, 1, 26)), (8, dt.date(2026, 2, 23)), (12, dt.date(2026, 3, 23)),
        (24, dt.date(2026, 6, 15)), (36, dt.date(2026, 9, 7))]
    assert plan.review_weeks[0].date == plan.steps[3].date  # the week-4 row
    from planner.engine.run import compute_plan

    undated = compute_plan(intake(**C01), start_date=None)
    assert [r.date for r in undated.review_weeks] == [None] * 5
    assert undated.steps[0].date is None
    own = compute_plan(intake(**C01, plan_start_date="2026-03-02"), start_date=dt.date(2026, 3, 2))
    assert own.start_date == dt.date(2026, 3, 2)


def test_R_REV_2_adherence_over_the_last_3_weeks():
    assert adherence_percent([30, 40, 50, 50], [0, 20, 40, 50]) == 78  # 110 / 140
    assert adherence_percent([60], [45]) == 75
    assert adherence_percent([100, 100, 100], [74, 75, 75]) == 74  # rounded down
    with pytest.raises(ReviewError):
        adherence_percent([30, 40], [30])
    with pytest.raises(ReviewError):
        adherence_percent([0, 0, 0], [0, 0, 0])


# --- R-REV-3: first matching row wins --------------------------------------------------------

def find(**kw):
    base = {"week": 8, "current_step": 8, "adherence_percent": 90}
    base.update(kw)
    return ReviewFindings(**base)


@pytest.mark.parametrize("findings,action", [
    (find(warning_symptom_or_health_change=True, new_risk=True, adherence_percent=10),
     ReviewAction.RESCREEN),  # row 1 beats every other row
    (find(new_risk=True, adherence_percent=10), ReviewAction.FREEZE),  # row 2 beats row 3
    (find(phq9_change=5, adherence_percent=60), ReviewAction.FREEZE),
    (find(gad7_change=6), ReviewAction.FREEZE),
    (find(clinician_judges_worse=True), ReviewAction.FREEZE),
    (find(phq9_change=4, adherence_percent=49), ReviewAction.REBASELINE),  # row 3
    (find(adherence_percent=50), ReviewAction.HOLD),  # row 4
    (find(adherence_percent=74), ReviewAction.HOLD),
    (find(adherence_percent=75, week=4, current_step=4), ReviewAction.CONTINUE),  # row 5
])
def test_R_REV_3_decision_table_first_match_wins(findings, action):
    decision = propose_review_action(numbers(**C01), findings)
    assert decision.action is action and "R-REV-3" in decision.rules
    assert decision.reason


def test_R_REV_3_adherent_with_an_adverse_event_repeats_the_step_easier():
    decision = propose_review_action(numbers(**C01), find(adverse_events=True))
    assert decision.action is ReviewAction.HOLD and "R-HOLD-2" in decision.rules


def test_R_REV_4_adherent_but_no_better_from_week_8_reviews_treatment_not_minutes():
    plan = numbers(**C03)
    late = dict(week=12, current_step=12)
    for f in (find(phq9_change=-4, **late), find(clinician_judges_no_improvement=True, **late)):
        decision = propose_review_action(plan, dataclasses.replace(
            f, clinician_agrees_phase2=True))
        assert decision.action is ReviewAction.REVIEW_TREATMENT and "N16" in decision.rules
    early = propose_review_action(plan, find(week=4, current_step=4, phq9_change=0))
    assert early.action is ReviewAction.CONTINUE


def test_R_REV_5_phase_2_unlock_conditions():
    plan = numbers(**C03)  # T 90 reached at step 11
    ok = dict(week=12, current_step=12, phq9_change=-6)
    assert propose_review_action(plan, find(**ok, clinician_agrees_phase2=True)).action is (
        ReviewAction.UNLOCK_PHASE2)
    waiting = propose_review_action(plan, find(**ok))
    assert waiting.action is ReviewAction.CONTINUE and waiting.phase2_eligible
    held_once = find(week=11, current_step=11, phq9_change=-6, clinician_agrees_phase2=True)
    assert propose_review_action(plan, held_once).action is ReviewAction.CONTINUE  # 1 step at T
    for blocker in ({"new_flags": True}, {"week": 7}):
        f = find(**{**ok, **blocker}, clinician_agrees_phase2=True)
        assert not propose_review_action(plan, f).phase2_eligible
    no_t2 = numbers(**C01)
    assert not propose_review_action(no_t2, find(week=20, current_step=17, phq9_change=-6,
                                                 clinician_agrees_phase2=True)).phase2_eligible
    maintain = numbers(**C06)
    assert propose_review_action(maintain, find(phq9_change=-6, clinician_agrees_phase2=True)
                                 ).action is ReviewAction.UNLOCK_PHASE2


def test_R_REV_6_health_change_means_rescreening():
    decision = propose_review_action(numbers(**C01), find(warning_symptom_or_health_change=True))
    assert decision.action is ReviewAction.RESCREEN and "R-REV-6" in decision.rules


# --- continue_to_phase2 (R-PROG-6) ---------------------------------------------------------------

def test_R_PROG_6_continue_to_phase_2_from_the_week_12_review_C03():
    plan = continue_to_phase2(intake(**C03), numbers(**C03), from_step=12)
    assert wm(plan, 13) == [100, 110, 120, 120, 130, 140, 150]
    assert [(s.sessions, s.minutes_per_session) for s in plan.steps[12:]] == [
        (4, 25), (4, 28), (4, 30), (4, 30), (5, 26), (5, 28), (5, 30)]
    assert {s.intensity for s in plan.steps[12:]} == {Intensity.MODERATE}
    assert {s.strength_sessions for s in plan.steps[12:]} == {2}
    assert plan.phase == 2 and plan.target_minutes == 150 and plan.target_reached_step == 19
    assert plan.phase2_target_minutes is None and plan.gates == ("RISK_ATTESTATION",)
    assert "R-REV-5" in plan.why["target_minutes"]
    assert plan.steps[12].date == TODAY + dt.timedelta(weeks=12)


def test_R_PROG_6_continue_to_phase_2_from_the_week_8_review_C06():
    plan = continue_to_phase2(intake(**C06), numbers(**C06), from_step=8)
    assert wm(plan, 9) == [110, 120, 130, 130, 140, 150]
    assert [(s.sessions, s.minutes_per_session) for s in plan.steps[8:]] == [
        (4, 28), (4, 30), (5, 26), (5, 26), (5, 28), (5, 30)]
    assert plan.mode is Mode.BUILD and plan.steps[11].consolidation


def test_continue_to_phase_2_refusals():
    with pytest.raises(ReviewError):
        continue_to_phase2(intake(**C01), numbers(**C01), from_step=17)  # no T2
    with pytest.raises(ReviewError, match="not been reached"):
        continue_to_phase2(intake(**C03), numbers(**C03), from_step=8)
    with pytest.raises(ReviewError):
        continue_to_phase2(intake(**C03), numbers(**C03), from_step=30)
    twice = continue_to_phase2(intake(**C03), numbers(**C03), from_step=12)
    with pytest.raises(ReviewError):
        continue_to_phase2(intake(**C03), twice, from_step=19)


# --- rebaseline, hold, freeze, restart --------------------------------------------------------

def test_R_REV_3_row_3_rebaseline_from_recent_completed_minutes():
    plan = rebaseline(intake(**C01), [80, 20, 25, 40], today=dt.date(2026, 3, 2))
    assert plan.baseline_minutes == 25  # rd5((20 + 25 + 40) / 3 = 28.3)
    assert plan.start_minutes == 30 and plan.start_date == dt.date(2026, 3, 2)
    assert "R-REV-3" in plan.why["baseline_minutes"]
    high = rebaseline(intake(**C01), [160, 170, 190], today=None)
    assert high.mode is Mode.MAINTAIN and high.baseline_minutes == 170
    with pytest.raises(ReviewError):
        rebaseline(intake(**C01), [], today=None)
    with pytest.raises(ReviewError):
        rebaseline(intake(**C01), [20, -5], today=None)


def test_R_HOLD_1_and_R_REV_3_row_4_hold_repeats_the_step_twice_then_resumes():
    plan = numbers(**C01)
    held = hold(plan, at_step=5, intake=intake(**C01))
    assert [(s.step, s.week, s.weekly_minutes, s.repeat) for s in held.steps[3:9]] == [
        (4, 4, 50, False), (5, 5, 60, False), (5, 6, 60, True), (5, 7, 60, True),
        (6, 8, 70, False), (7, 9, 80, False)]
    assert len(held.steps) == len(plan.steps) + 2
    assert held.steps[-1].date == TODAY + dt.timedelta(weeks=18)
    assert held.review_weeks == plan.review_weeks and "R-HOLD-1" in held.why["steps.week"]
    with pytest.raises(ReviewError):
        hold(plan, at_step=99, intake=intake(**C01))


def test_R_HOLD_2_repeat_the_step_at_an_easier_effort():
    plan = numbers(**C01)
    held = hold(plan, at_step=5, extra_steps=1, easier=True, intake=intake(**C01))
    assert held.steps[4].intensity is Intensity.MODERATE
    assert held.steps[5].intensity is Intensity.LIGHT_TO_MODERATE and held.steps[5].repeat


def test_R_HOLD_3_poor_sleep_week_does_not_move_up():
    plan = numbers(**C01)
    held = hold(plan, at_step=6, extra_steps=1, intake=intake(**C01))
    assert held.steps[6].weekly_minutes == held.steps[5].weekly_minutes == 70


def test_R_REV_3_row_2_freeze_never_increases_N16():
    plan = numbers(**C01)
    frozen = freeze(plan, at_step=6, intake=intake(**C01))
    assert wm(frozen) == [30, 40, 50, 50, 60] + [70] * 12
    assert [s.step for s in frozen.steps] == list(range(1, 18))
    assert frozen.target_reached_step is None
    assert "N16" in frozen.why["steps.weekly_minutes"]
    assert wm(freeze(plan, at_step=17, intake=intake(**C01))) == wm(plan)


def test_R_HOLD_4_restart_after_a_break():
    plan = numbers(**C01)
    short = restart_after_break(intake(**C01), plan, last_completed_step=10, break_weeks=1)
    assert [(s.step, s.week, s.weekly_minutes, s.repeat) for s in short.steps[9:12]] == [
        (10, 10, 100, False), (10, 12, 100, True), (11, 13, 110, False)]
    long = restart_after_break(intake(**C01), plan, last_completed_step=10, break_weeks=3)
    assert [(s.step, s.week, s.weekly_minutes) for s in long.steps[9:13]] == [
        (10, 10, 100), (11, 14, 50), (12, 15, 50), (13, 16, 60)]  # 50% of 100; 12 holds
    assert long.steps[-1].weekly_minutes == 150 and long.target_reached_step == 9 + 16
    gentle = numbers(**C01, barriers=["fatigue"])
    early = restart_after_break(intake(**C01, barriers=["fatigue"]), gentle,
                                last_completed_step=2, break_weeks=2)
    assert early.steps[2].weekly_minutes == 10  # max(floor 10, rd5(20 / 2))


def test_R_HOLD_5_a_warning_symptom_goes_back_to_screening():
    decision = propose_review_action(numbers(**C01), find(warning_symptom_or_health_change=True))
    assert decision.action is ReviewAction.RESCREEN and "X05" in decision.rules


def test_R_HOLD_6_elevated_mood_stops_increases_and_a_rerun_stops_the_plan():
    bipolar = {"primary_condition": "bipolar", "bipolar_state": "euthymic", "base_total_min": 30}
    held = hold(numbers(**bipolar), at_step=3, extra_steps=1, intake=intake(**bipolar))
    assert held.steps[3].weekly_minutes == held.steps[2].weekly_minutes
    rerun = numbers(**{**bipolar, "bipolar_state": "hypomanic_or_manic"})
    assert rerun.hard_stop is HardStop.BIPOLAR_ELEVATED_HOLD


def test_R_HOLD_7_compulsive_signs_freeze_and_a_rerun_applies_the_ed_cap():
    plan = numbers(base_total_min=250)
    assert wm(freeze(plan, at_step=3, intake=intake(base_total_min=250))) == [250] * 12
    rerun = numbers(base_total_min=250, compulsive_exercise_history=True)
    assert rerun.mode is Mode.MAINTAIN_AT_ED_CAP and "ED_INFORMED_SIGNOFF" in rerun.gates


def test_R_HOLD_8_worse_mood_means_freeze_and_the_risk_pathway():
    decision = propose_review_action(numbers(**C01), find(phq9_change=7))
    assert decision.action is ReviewAction.FREEZE
    assert {"R-HOLD-8", "R-SAFE-CRISIS"} <= set(decision.rules)


def test_helpers_refuse_plans_without_steps():
    for fields in ({"age": 16}, {"base_total_min": 400}):
        plan = numbers(**fields)
        with pytest.raises(ReviewError):
            hold(plan, at_step=1, intake=intake(**fields))
        with pytest.raises(ReviewError):
            freeze(plan, at_step=1, intake=intake(**fields))


def test_hold_and_freeze_need_the_intake_so_no_plan_leaves_them_unvalidated():
    plan = numbers(**C01)
    with pytest.raises(TypeError):
        hold(plan, at_step=3)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        freeze(plan, at_step=3)  # type: ignore[call-arg]
    # the helpers write the texts for the plan they return (numbers() has none)
    assert not plan.texts
    assert hold(plan, at_step=3, intake=intake(**C01)).texts
    assert freeze(plan, at_step=3, intake=intake(**C01)).texts


@pytest.mark.parametrize("helper", [hold, freeze])
def test_hold_and_freeze_run_the_never_do_validator_on_their_result(helper):
    from planner.engine.validator import NeverDoViolation

    plan = numbers(**C01)  # vigorous work is never allowed here (no vigorous baseline)
    tampered = dataclasses.replace(plan, steps=tuple(
        dataclasses.replace(s, intensity=Intensity.MODERATE_VIGOROUS_OPTIONAL) for s in plan.steps))
    with pytest.raises(NeverDoViolation) as err:
        helper(tampered, at_step=3, intake=intake(**C01))
    assert err.value.rule == "N04"


def test_a_hold_after_a_break_keeps_the_break_in_the_calendar():
    plan = numbers(**C01)
    restarted = restart_after_break(intake(**C01), plan, last_completed_step=6, break_weeks=2)
    held = hold(restarted, at_step=8, extra_steps=1, intake=intake(**C01))
    weeks = [(s.step, s.week) for s in held.steps[5:10]]
    assert weeks == [(6, 6), (7, 9), (8, 10), (8, 11), (9, 12)]
    assert held.steps[7].date == TODAY + dt.timedelta(weeks=9)  # week 10 starts after 9


def test_N16_a_freeze_holds_through_a_later_rebaseline_until_a_new_assessment():
    plan = numbers(**C01)
    frozen = freeze(plan, at_step=3, intake=intake(**C01))
    assert frozen.frozen_minutes == 50 and "N16" in frozen.why["frozen_minutes"]
    again = rebaseline(intake(**C01), [15, 15, 15], today=dt.date(2026, 3, 2), current=frozen)
    assert max(wm(again)) == 50 and again.frozen_minutes == 50
    assert again.target_minutes == 50 and "N16" in again.why["target_minutes"]
    high = rebaseline(intake(**C01), [200, 200, 200], today=None, current=frozen)
    assert set(wm(high)) == {50}  # a baseline above the freeze is held at it too
    assert max(wm(rebaseline(intake(**C01), [15, 15, 15], today=None))) == 150  # no freeze
    client = intake(**C01)
    assert freeze(frozen, at_step=2, intake=client).frozen_minutes == 40  # only lowers it
    assert freeze(freeze(plan, at_step=2, intake=client), at_step=10,
                  intake=client).frozen_minutes == 40


def test_R_REV_5_no_phase_2_while_frozen():
    frozen = freeze(numbers(**C03), at_step=12, intake=intake(**C03))
    with pytest.raises(ReviewError, match="frozen"):
        continue_to_phase2(intake(**C03), frozen, from_step=12)
    f = find(week=12, current_step=12, phq9_change=-6, clinician_agrees_phase2=True)
    assert propose_review_action(frozen, f).action is ReviewAction.CONTINUE
