"""Clinician overrides (rules.md 2J, R-CAP-7, N22)."""

from __future__ import annotations

import pytest

from planner.engine import Override, OverrideRefused
from planner.engine.enums import Activity, Intensity, Mode
from planner.engine.run import compute_plan

from .support import TODAY, intake

DEP_MILD = {"primary_condition": "depression", "depression_severity": "mild"}


def run(fields, *ovs):
    return compute_plan(intake(**fields), start_date=TODAY, overrides=ovs)


def refused(fields, *ovs) -> OverrideRefused:
    with pytest.raises(OverrideRefused) as info:
        run(fields, *ovs)
    return info.value


def test_R_CAP_7_lower_target_caps_every_step_and_is_recorded():
    plan = run(DEP_MILD, Override("lower_target_minutes", 120, "agreed with the client"))
    assert plan.target_minutes == 120 and max(s.weekly_minutes for s in plan.steps) == 120
    assert plan.target_reached_step == 13
    assert plan.overrides == ({"kind": "lower_target_minutes", "value": 120,
                               "reason": "agreed with the client"},)
    assert plan.why["overrides.lower_target_minutes"] == ("R-CAP-7", "N22")
    assert "R-CAP-7" in plan.why["target_minutes"]


def test_lower_target_below_baseline_is_a_clinician_step_down():
    plan = run({"base_total_min": 200}, Override("lower_target_minutes", 150, "step-down"))
    assert plan.mode is Mode.MAINTAIN and {s.weekly_minutes for s in plan.steps} == {150}


def test_lower_start_minutes_in_build_only():
    plan = run({**DEP_MILD, "base_total_min": 60},
               Override("lower_start_minutes", 40, "nervous about starting"))
    assert plan.start_minutes == 40 and plan.steps[0].weekly_minutes == 40
    assert plan.steps[-1].weekly_minutes == 150
    err = refused({"base_total_min": 200}, Override("lower_start_minutes", 100, "x"))
    assert "MAINTAIN" in err.message
    assert "raise" in refused(DEP_MILD, Override("lower_start_minutes", 35, "x")).message


def test_lower_max_intensity_caps_steps_and_rules_out_vigorous():
    vig = {"regular_exerciser": True, "base_total_min": 150, "base_vig_min": 60}
    assert run(vig).vigorous_allowed
    plan = run(vig, Override("lower_max_intensity", "moderate", "new knee pain"))
    assert not plan.vigorous_allowed and plan.baseline_minutes == 150  # R-MAINT-4
    assert {s.intensity for s in plan.steps} == {Intensity.MODERATE}
    assert "VIGOROUS_BASELINE_REVIEW" in plan.flags
    light = run(DEP_MILD, Override("lower_max_intensity", "light", "dizzy spells"))
    assert {s.intensity for s in light.steps} == {Intensity.LIGHT}


def test_lower_strength_sessions_and_swap_activity_and_delay_step():
    plan = run({"primary_condition": "sarcopenia_risk"},
               Override("lower_strength_sessions", 1, "shoulder"),
               Override("swap_main_activity", "swimming_or_water", "has a pool pass"),
               Override("delay_step", 2, "holiday week"))
    assert max(s.strength_sessions for s in plan.steps) == 1
    assert plan.strength_sessions_target == 1
    assert plan.main_activity is Activity.SWIMMING_OR_WATER
    assert [(s.step, s.week, s.repeat) for s in plan.steps[:4]] == [
        (1, 1, False), (2, 2, False), (2, 3, True), (3, 4, False)]
    assert len(plan.overrides) == 3


@pytest.mark.parametrize("ov,cap", [
    (Override("lower_target_minutes", 160, "x"), "2J"),
    (Override("lower_target_minutes", 305, "x"), "R-CAP-1"),
    (Override("lower_target_minutes", 47, "x"), "multiple of 5"),
    (Override("lower_strength_sessions", 4, "x"), "R-CAP-4"),
    (Override("lower_max_intensity", "moderate_vigorous_optional", "x"), "N04"),
    (Override("lower_max_intensity", "vigorous", "x"), "N04"),
    (Override("enable_vigorous", True, "x"), "N04"),
    (Override("raise_target_minutes", 200, "x"), "R-REV-5"),
    (Override("release_gate", "RISK_ATTESTATION", "x"), "N11"),
    (Override("remove_crisis_content", True, "x"), "N03"),
    (Override("swap_main_activity", "gym_strength", "x"), "aerobic"),
    (Override("delay_step", 40, "x"), "step"),
    (Override("make_it_harder", 1, "x"), "unknown"),
    (Override("lower_target_minutes", 100, ""), "reason"),
    (Override("lower_target_minutes", 100, "   "), "reason"),
])
def test_N22_refused_overrides_name_the_rule(ov, cap):
    err = refused(DEP_MILD, ov)
    assert cap in err.message and err.kind == ov.kind


def test_R_CAP_3_ed_caps_refuse_overrides_above_them():
    ed = {"ed_history": "past", "base_total_min": 60}
    assert "R-CAP-3" in refused(ed, Override("lower_strength_sessions", 3, "x")).message
    days = refused({"available_days": 2}, Override("lower_strength_sessions", 3, "x"))
    assert "available days" in days.message


def test_overrides_are_refused_under_a_hard_stop_N11():
    err = refused({"age": 16}, Override("lower_target_minutes", 100, "x"))
    assert "hard stop" in err.message


def test_overrides_never_change_gates():
    gated = {"suicide_risk": "passive_ideation"}
    plan = run(gated, Override("lower_target_minutes", 100, "x"))
    assert plan.gates == ("RISK_ATTESTATION",)


def test_a_second_override_cannot_undo_the_first():
    err = refused(DEP_MILD, Override("lower_target_minutes", 100, "x"),
                  Override("lower_target_minutes", 120, "y"))
    assert "100" in err.message
