"""Mode, start, weekly minutes and caps (R-MAINT, R-START, R-PROG, R-CAP)."""

from __future__ import annotations

import dataclasses

import pytest

from planner.engine import cap_violations, hold
from planner.engine.enums import Intensity, Mode
from planner.engine.progression import build_minutes, choose_mode, is_consolidation

from .support import TODAY, intake, numbers

DEP_MILD = {"primary_condition": "depression", "depression_severity": "mild"}


def wm(plan):
    return [s.weekly_minutes for s in plan.steps]


def test_R_START_1_floor_30_standard_and_10_gentle():
    assert numbers(base_total_min=0).start_minutes == 30
    assert numbers(base_total_min=0, barriers=["fatigue"]).start_minutes == 10
    assert numbers(base_total_min=0, barriers=["psychomotor_retardation"]).start_minutes == 10
    assert numbers(base_total_min=0, fear_of_falling=True).start_minutes == 10
    gentle = numbers(base_total_min=0, barriers=["fatigue"])
    assert gentle.steps[0].sessions == 2 and gentle.steps[0].minutes_per_session == 5  # 2 x 5


def test_R_START_3_never_starts_below_current_activity():
    assert numbers(base_total_min=47).start_minutes == 45  # rd5(B)
    assert numbers(base_total_min=20).start_minutes == 30  # the floor
    assert numbers(base_total_min=20, barriers=["fatigue"]).start_minutes == 20
    assert numbers(base_total_min=149).start_minutes == 145
    low_t = numbers(primary_condition="ptsd", available_days=1, symptoms=["palpitations"],
                    clearance_status="obtained", clearance_max_minutes=20)
    assert low_t.target_minutes == 20 and low_t.start_minutes == 20  # T below the floor (7.5)


def test_R_PROG_1_plus_10_per_step_and_R_PROG_2_consolidation_steps_hold():
    plan = numbers(**DEP_MILD)  # C01
    assert wm(plan) == [30, 40, 50, 50, 60, 70, 80, 80, 90, 100, 110, 110, 120, 130, 140, 140,
                        150]
    assert [s.step for s in plan.steps if s.consolidation] == [4, 8, 12, 16]
    assert all(is_consolidation(n) for n in (4, 8, 12, 16, 20, 24))
    assert not any(is_consolidation(n) for n in (1, 2, 3, 5, 9, 13))


def test_R_PROG_3_progression_stops_at_T():
    plan = numbers(primary_condition="ptsd", base_total_min=75)
    assert wm(plan) == [75, 85, 90, 90, 90, 90, 90, 90, 90, 90, 90, 90]
    assert plan.target_reached_step == 3
    assert not any(s.consolidation for s in plan.steps[3:])  # nothing left to consolidate


def test_R_PROG_4_rows_are_steps_and_a_hold_moves_the_calendar_not_the_reviews():
    plan = numbers(**DEP_MILD)
    assert [s.week for s in plan.steps] == [s.step for s in plan.steps]
    assert plan.steps[0].date == TODAY and plan.steps[1].date == TODAY.replace(day=12)
    held = hold(plan, at_step=3, extra_steps=1, intake=intake(**DEP_MILD))
    assert [(s.step, s.week) for s in held.steps[:5]] == [(1, 1), (2, 2), (3, 3), (3, 4), (4, 5)]
    assert held.steps[4].consolidation  # consolidation follows step numbers
    assert held.review_weeks == plan.review_weeks  # reviews follow calendar weeks


def test_R_PROG_5_printed_steps_until_the_target_and_at_least_12():
    assert len(numbers(**DEP_MILD).steps) == 17
    assert len(numbers(primary_condition="ptsd", base_total_min=80).steps) == 12
    longest = numbers(**DEP_MILD, barriers=["fatigue"])  # S = 10, T = 150
    assert len(longest.steps) == 19 and longest.target_reached_step == 19
    assert build_minutes(150, 150) == [150] * 12


def test_R_PROG_6_phase_2_continues_numbering_under_R_PROG_1_and_2():
    from planner.engine.reviews import continue_to_phase2

    c03 = {"primary_condition": "depression", "depression_severity": "severe", "age": 38,
           "base_total_min": 0, "available_days": 7, "barriers": ["psychomotor_retardation"]}
    new = continue_to_phase2(intake(**c03), numbers(**c03), from_step=12)
    # rules.md C03 "Phase 2": steps 13-19
    assert [(s.step, s.weekly_minutes, s.sessions, s.minutes_per_session)
            for s in new.steps[12:]] == [
        (13, 100, 4, 25), (14, 110, 4, 28), (15, 120, 4, 30), (16, 120, 4, 30),
        (17, 130, 5, 26), (18, 140, 5, 28), (19, 150, 5, 30)]
    assert {s.intensity for s in new.steps[12:]} == {Intensity.MODERATE}
    assert {s.strength_sessions for s in new.steps[12:]} == {2}
    assert new.steps[15].consolidation and new.target_reached_step == 19


def test_R_MAINT_1_baseline_between_T_and_300_is_maintained_at_rd5_B():
    plan = numbers(base_total_min=187)
    assert plan.mode is Mode.MAINTAIN and wm(plan) == [185] * 12
    assert plan.start_minutes == 185 and plan.target_reached_step is None
    assert numbers(base_total_min=300).mode is Mode.MAINTAIN
    assert {s.intensity for s in plan.steps} == {Intensity.MODERATE}  # 7.6
    assert [s.strength_sessions for s in plan.steps[:5]] == [0, 0, 1, 1, 2]  # strength added


def test_R_MAINT_2_above_300_keeps_the_current_routine_with_no_steps():
    plan = numbers(base_total_min=301)
    assert plan.mode is Mode.MAINTAIN_CURRENT and plan.steps == ()
    assert plan.start_minutes is None and plan.target_reached_step is None
    assert "HIGH_VOLUME_REVIEW" in plan.flags


def test_R_MAINT_3_ed_flag_above_150_maintains_at_the_cap_behind_signoff():
    plan = numbers(primary_condition="ptsd", compulsive_exercise_history=True,
                   base_total_min=200)  # C21
    assert plan.mode is Mode.MAINTAIN_AT_ED_CAP and wm(plan) == [150] * 12
    assert plan.target_minutes == 90 and "ED_INFORMED_SIGNOFF" in plan.gates  # 7.3
    limited = numbers(compulsive_exercise_history=True, base_total_min=200,
                      q7_supervised_only=True, clearance_status="obtained",
                      clearance_max_minutes=120)
    assert limited.mode is Mode.MAINTAIN_AT_ED_CAP and wm(limited) == [120] * 12
    assert numbers(compulsive_exercise_history=True, base_total_min=150).mode is Mode.MAINTAIN


def test_R_MAINT_4_vigorous_baseline_not_allowed_counts_one_for_one():
    plan = numbers(primary_condition="ptsd", base_total_min=100, base_vig_min=40,
                   regular_exerciser=True, barriers=["poor_sleep"])  # C06
    assert plan.baseline_minutes == 100 and plan.mode is Mode.MAINTAIN
    assert "VIGOROUS_BASELINE_REVIEW" in plan.flags
    assert {s.intensity for s in plan.steps} == {Intensity.MODERATE}


def test_choose_mode_order_of_3_0():
    assert choose_mode(400, 150, ed_cap=True, limit=100) is Mode.MAINTAIN_AT_ED_CAP
    assert choose_mode(400, 100, ed_cap=False, limit=100) is Mode.MAINTAIN  # 7.1, C14
    assert choose_mode(400, 150, ed_cap=False, limit=None) is Mode.MAINTAIN_CURRENT
    assert choose_mode(150, 150, ed_cap=False, limit=None) is Mode.MAINTAIN
    assert choose_mode(145, 150, ed_cap=False, limit=None) is Mode.BUILD


def _broken(plan, **changes):
    rows = list(plan.steps)
    rows[5] = dataclasses.replace(rows[5], **changes)
    return dataclasses.replace(plan, steps=tuple(rows))


@pytest.mark.rule("R-CAP-1", "R-CAP-2", "R-CAP-3", "R-CAP-4", "R-CAP-5", "R-CAP-6")
def test_R_CAP_1_to_R_CAP_6_are_detected_by_cap_violations():
    i = intake(**DEP_MILD, available_days=4)
    plan = numbers(**DEP_MILD, available_days=4)
    assert cap_violations(plan, i) == []
    checks = {
        "R-CAP-1": _broken(dataclasses.replace(plan, mode=Mode.MAINTAIN), weekly_minutes=305),
        "R-CAP-2": _broken(plan, weekly_minutes=90),
        "R-CAP-3": _broken(dataclasses.replace(plan, ed_cap=True), strength_sessions=3),
        "R-CAP-4": _broken(plan, strength_sessions=4),
        "R-CAP-5": _broken(plan, mind_body_sessions=2),
        "R-CAP-6": _broken(plan, sessions=2),
        "N04": _broken(plan, intensity=Intensity.MODERATE_VIGOROUS_OPTIONAL),
        "R-DOSE-5": _broken(dataclasses.replace(plan, clearance_max_minutes=60),
                            weekly_minutes=70),
        "R-PROG-3": _broken(plan, weekly_minutes=160),
    }
    for rule, broken in checks.items():
        found = " ".join(cap_violations(broken, i))
        assert f"({rule})" in found, (rule, found)
    ed = _broken(dataclasses.replace(plan, ed_cap=True, mode=Mode.MAINTAIN_AT_ED_CAP),
                 weekly_minutes=160)
    assert "(R-CAP-3)" in " ".join(cap_violations(ed, i))


@pytest.mark.rule("R-CAP-1", "R-CAP-2", "R-CAP-4")
def test_engine_plans_respect_the_caps_for_extreme_inputs():
    for fields in ({"base_total_min": 1500, "compulsive_exercise_history": True},
                   {"base_total_min": 299, "base_strength_days": 7, "available_days": 1},
                   {"primary_condition": "sarcopenia_risk", "available_days": 2,
                    "base_strength_days": 7},
                   {**DEP_MILD, "barriers": ["fatigue"], "available_days": 1}):
        i = intake(**fields)
        assert cap_violations(numbers(**fields), i) == []


def test_R_CAP_7_overrides_cannot_exceed_the_caps():
    from planner.engine import Override, OverrideRefused
    from planner.engine.run import compute_plan

    i = intake(compulsive_exercise_history=True, base_total_min=100)
    for ov in (Override("lower_target_minutes", 160, "client asks"),
               Override("lower_strength_sessions", 3, "client asks"),
               Override("raise_target_minutes", 200, "client asks")):
        with pytest.raises(OverrideRefused) as info:
            compute_plan(i, start_date=None, overrides=[ov])
        assert "R-CAP" in info.value.message or "R-REV-5" in info.value.message


def test_early_contact_in_week_2_with_a_gentle_start_or_a_risk_gate_8_18():
    import datetime as dt

    from planner.engine import build_plan, parse_intake

    start = dt.date(2026, 1, 5)

    def plan(**fields):
        data = {"age": 40, "primary_condition": "adhd", "base_total_min": 0,
                "plan_start_date": start.isoformat(), **fields}
        return build_plan(parse_intake(data), today=None)

    gentle = plan(barriers=["fatigue"])
    assert (gentle.early_contact.week, gentle.early_contact.date) == (2, dt.date(2026, 1, 12))
    risk = plan(primary_condition="depression", depression_severity="moderate",
                suicide_risk="passive_ideation")
    assert risk.early_contact.week == 2
    standard = plan()
    assert standard.early_contact is None
    review = gentle.text("review_weeks")
    assert review.bullets[0] == ("Week 2: around Monday 12 January 2026, a short call or chat "
                                 "with your clinician to see how the first days went.")
    assert not any(b.startswith("Week 2:") for b in standard.text("review_weeks").bullets)
    assert gentle.to_dict()["early_contact"] == {"week": 2, "date": "2026-01-12"}
