"""Sessions, mind-body, strength, intensity, main activity, timing (R-MIX, R-INT, R-BAR)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from planner.engine.enums import Activity, Intensity
from planner.engine.mix import sessions

from .support import numbers

ANX = {"primary_condition": "anxiety", "anxiety_severity": "moderate"}


def col(plan, field):
    return [getattr(s, field) for s in plan.steps]


def test_R_MIX_6_sessions_per_week_and_minutes_per_session():
    # N = clamp(ceil(WM/30), 3, 5), <= available days, <= WM // 5, >= 1
    assert [sessions(w, 7) for w in (10, 20, 30, 90, 95, 120, 121, 150, 300)] == [
        2, 3, 3, 3, 4, 4, 5, 5, 5]
    assert [sessions(w, 2) for w in (30, 150)] == [2, 2]
    assert sessions(5, 7) == 1 and sessions(5, 1) == 1
    plan = numbers(base_total_min=0, available_days=4, primary_condition="depression",
                   depression_severity="mild")
    assert max(col(plan, "sessions")) == 4
    assert all(s.minutes_per_session == (2 * s.weekly_minutes + s.sessions) // (2 * s.sessions)
               for s in plan.steps)


def test_R_MIX_3_mind_body_default_preference_and_half_cap():
    anxious = numbers(**ANX, base_total_min=60)
    assert set(col(anxious, "mind_body_sessions")) == {1}
    prefers = numbers(**ANX, base_total_min=60, available_days=4,
                      preferred_activities=["walking", "mind_body"])  # C04
    assert col(prefers, "mind_body_sessions")[:6] == [1, 1, 1, 1, 1, 2]
    assert all(s.mind_body_sessions <= s.sessions // 2 for s in prefers.steps)  # R-CAP-5
    s = prefers.steps[1]
    assert (s.weekly_minutes, s.aerobic_minutes) == (70, 47)  # mind-body minutes 23 (7.23)
    tiny = numbers(**ANX, base_total_min=0, barriers=["fatigue"])
    assert tiny.steps[0].sessions == 2 and tiny.steps[0].mind_body_sessions == 1
    assert numbers(base_total_min=0).steps[0].mind_body_sessions == 0


def test_R_MIX_3_ptsd_mind_body_only_by_preference_7_21():
    plan = numbers(primary_condition="ptsd", secondary_conditions=["anxiety"],
                   anxiety_severity="moderate", base_total_min=40)  # C17
    assert set(col(plan, "mind_body_sessions")) == {0}
    pref = numbers(primary_condition="ptsd", base_total_min=100,
                   preferred_activities=["mind_body"])
    assert set(col(pref, "mind_body_sessions")) == {2}


def test_R_MIX_5_stretching_adds_no_minutes_aerobic_plus_mind_body_is_WM():
    plan = numbers(**ANX, base_total_min=90, preferred_activities=["mind_body"])
    for s in plan.steps:
        mind_body_minutes = s.weekly_minutes - s.aerobic_minutes
        assert 0 <= mind_body_minutes <= s.weekly_minutes
        assert (mind_body_minutes == 0) is (s.mind_body_sessions == 0)


def test_R_MIX_2_strength_schedule_standard_and_strength_first():
    assert col(numbers(base_total_min=0), "strength_sessions")[:6] == [0, 0, 1, 1, 2, 2]
    older = numbers(primary_condition="healthy_ageing", age=72, base_total_min=60)  # C10
    assert col(older, "strength_sessions")[:6] == [2, 2, 2, 2, 3, 3]
    assert older.strength_sessions_target == 3 and older.balance_in_strength
    assert col(numbers(primary_condition="healthy_ageing", age=60),
               "strength_sessions")[:6] == [0, 0, 1, 1, 2, 2]


def test_R_MIX_2_existing_routine_is_kept_7_19_and_capped_by_days_7_18():
    routine = numbers(base_total_min=180, base_strength_days=3, regular_exerciser=True)  # C16
    assert set(col(routine, "strength_sessions")) == {3}
    assert routine.strength_sessions_target == 2
    assert {s.strength_stage for s in routine.steps} == {"own_routine"}
    assert set(col(numbers(base_total_min=0, base_strength_days=7), "strength_sessions")) == {3}
    one_day = numbers(primary_condition="sarcopenia_risk", available_days=1)
    assert max(col(one_day, "strength_sessions")) == 1
    ed = numbers(ed_history="past", base_strength_days=3, base_total_min=30)
    assert max(col(ed, "strength_sessions")) == 2


def test_R_INT_4_strength_stage_follows_the_content_ladder():
    plan = numbers(base_total_min=0)
    stages = col(plan, "strength_stage")
    assert stages[:9] == [None, None, "starter", "starter", "somewhat_hard", "somewhat_hard",
                          "full", "full", "full"]


def test_R_MIX_4_balance_work_for_older_sarcopenia_stroke_or_falls():
    assert numbers(primary_condition="sarcopenia_risk").balance_in_strength
    assert numbers(primary_condition="stroke_rehab").balance_in_strength
    assert numbers(fear_of_falling=True).balance_in_strength
    assert numbers(primary_condition="healthy_ageing", age=65).balance_in_strength
    assert not numbers(primary_condition="healthy_ageing", age=64).balance_in_strength


@pytest.mark.parametrize("fields,expected", [
    ({}, Activity.WALKING),
    ({"preferred_activities": ["gym_strength", "mind_body"]}, Activity.WALKING),
    ({"preferred_activities": ["cycling", "walking"]}, Activity.CYCLING),
    ({"preferred_activities": ["cycling", "walking"], "barriers": ["cost"]}, Activity.WALKING),
    ({"preferred_activities": ["running", "swimming_or_water"], "barriers": ["pain"]},
     Activity.SWIMMING_OR_WATER),
    ({"preferred_activities": ["running"], "barriers": ["physical_limitation"]},
     Activity.WALKING),
    ({"preferred_activities": ["running", "dancing"], "barriers": ["no_safe_place"]},
     Activity.DANCING),
    ({"preferred_activities": ["running", "dancing"], "barriers": ["no_safe_place"],
      "setting_preference": "outdoors"}, Activity.RUNNING),
    ({"preferred_activities": ["team_or_racket_sport", "cycling"],
      "primary_condition": "bipolar", "bipolar_state": "euthymic"}, Activity.CYCLING),
    ({"preferred_activities": ["walking"], "walking_ability": "unable_to_walk"},
     Activity.SEATED_EXERCISE),
])
def test_R_MIX_1_main_activity_survives_barrier_and_condition_filters(fields, expected):
    plan = numbers(**fields)
    assert plan.main_activity is expected
    assert "R-MIX-1" in plan.why["main_activity"]


@pytest.mark.parametrize("barrier,rule", [("no_safe_place", "R-BAR-07"), ("cost", "R-BAR-08"),
                                          ("physical_limitation", "R-BAR-10"),
                                          ("pain", "R-BAR-11")])
def test_R_BAR_07_08_10_11_activity_filters_are_explained(barrier, rule):
    plan = numbers(barriers=[barrier], preferred_activities=["cycling"])
    assert rule in plan.why["main_activity"] and rule in plan.adaptations


@pytest.mark.parametrize("barrier,rule", [("anhedonia", "R-BAR-02"),
                                          ("low_motivation", "R-BAR-03"),
                                          ("social_withdrawal", "R-BAR-05"),
                                          ("avoidance", "R-BAR-06"), ("time", "R-BAR-09")])
def test_R_BAR_02_03_05_06_09_change_no_plan_setting_only_handout_content(barrier, rule):
    plain = numbers(base_total_min=40)
    plan = numbers(base_total_min=40, barriers=[barrier])
    assert plan.steps == plain.steps and plan.target_minutes == plain.target_minutes
    assert plan.gentle_start == plain.gentle_start and plan.flags == plain.flags
    assert plan.adaptations == (rule,) and plan.why[f"adaptations.{rule}"][0] == rule


@pytest.mark.parametrize("barrier,rule", [("fatigue", "R-BAR-01"),
                                          ("psychomotor_retardation", "R-BAR-04")])
def test_R_BAR_01_and_R_BAR_04_make_a_gentle_start(barrier, rule):
    plan = numbers(base_total_min=0, barriers=[barrier])
    assert plan.gentle_start and plan.start_minutes == 10 and rule in plan.why["gentle_start"]
    assert plan.steps[0].intensity is Intensity.LIGHT


def test_R_BAR_12_poor_sleep_blocks_vigorous_and_times_sessions():
    plan = numbers(barriers=["poor_sleep"], usual_bedtime="22:30", regular_exerciser=True,
                   base_total_min=150, base_vig_min=60)
    assert not plan.vigorous_allowed and "R-BAR-12" in plan.why["vigorous_allowed"]
    assert plan.sessions_end_by == dt.time(20, 30)


def test_R_MIX_7_sessions_end_two_hours_before_bed_with_poor_sleep_or_bipolar():
    assert numbers(primary_condition="bipolar", bipolar_state="euthymic",
                   usual_bedtime="22:30").sessions_end_by == dt.time(20, 30)  # C08
    assert numbers(barriers=["poor_sleep"], usual_bedtime="01:00").sessions_end_by == (
        dt.time(23, 0))
    assert numbers(usual_bedtime="22:30").sessions_end_by is None
    assert numbers(barriers=["poor_sleep"]).sessions_end_by is None
    assert numbers(barriers=["poor_sleep"], usual_bedtime="22:30").to_dict()[
        "sessions_end_by"] == "20:30"


@pytest.mark.parametrize("fields,first,step4,step8", [
    ({"barriers": ["fatigue"]}, "light", "light_to_moderate", "moderate"),  # gentle
    ({}, "light_to_moderate", "moderate", "moderate"),  # standard
    ({"regular_exerciser": True}, "moderate", "moderate", "moderate"),  # regular exerciser
    ({"regular_exerciser": True, "barriers": ["fatigue"]}, "light", "light_to_moderate",
     "moderate"),  # gentle start takes priority over regular exerciser
    ({"regular_exerciser": True, "base_total_min": 60, "base_vig_min": 20},
     "moderate_vigorous_optional", "moderate_vigorous_optional", "moderate_vigorous_optional"),
    ({"q2_chest_pain": True, "clearance_status": "obtained"}, "light_to_moderate", "moderate",
     "moderate"),  # a clearance reason does not change the profile (7.8)
    ({"q2_chest_pain": True, "clearance_status": "obtained",
      "clearance_max_intensity": "light"}, "light", "light", "light"),  # C22
    ({"barriers": ["fatigue"], "q2_chest_pain": True, "clearance_status": "obtained",
      "clearance_max_intensity": "moderate"}, "light", "light_to_moderate", "moderate"),
])
def test_R_INT_2_intensity_schedule(fields, first, step4, step8):
    plan = numbers(**{"base_total_min": 0, **fields})
    assert plan.mode == "BUILD"
    assert (plan.steps[0].intensity, plan.steps[3].intensity, plan.steps[7].intensity) == (
        first, step4, step8)
    changes = [s.step for prev, s in zip(plan.steps, plan.steps[1:], strict=False)
               if s.intensity != prev.intensity]
    assert set(changes) <= {4, 8}  # only at consolidation steps (R-PROG-2)


def test_R_INT_1_steps_use_only_the_four_levels_and_vigorous_only_when_allowed():
    levels = {i.value for i in Intensity}
    for fields in ({}, {"regular_exerciser": True, "base_total_min": 200, "base_vig_min": 50},
                   {"barriers": ["fatigue"]}):
        plan = numbers(**fields)
        assert {s.intensity.value for s in plan.steps} <= levels
        if not plan.vigorous_allowed:
            assert Intensity.MODERATE_VIGOROUS_OPTIONAL not in col(plan, "intensity")


def test_R_INT_3_no_heart_rate_targets_anywhere_in_the_plan():
    plan = numbers(medication_flags=["beta_blocker"], age=70)
    text = json.dumps(plan.to_dict()).lower()
    for word in ("heart_rate", "heart rate", "bpm", "hrr", "220", "max_hr"):
        assert word not in text
    assert "R-INT-3" in plan.why["flags.MED_BETA_BLOCKER"]


def test_mind_body_sessions_are_counted_apart_from_aerobic_work():
    plan = numbers(**ANX, base_total_min=150, preferred_activities=["mind_body"],
                   available_days=5)
    s = plan.steps[0]
    assert s.mind_body_sessions == 2 and s.aerobic_minutes == 90  # 150 x 3/5
    assert "R-MIX-3" in plan.why["steps.mind_body_sessions"]


def test_R_INT_5_mind_body_effort_guidance_only_with_mind_body_sessions():
    assert "R-INT-5" in numbers(**ANX, base_total_min=60).guidance
    assert "R-INT-5" not in numbers(base_total_min=60).guidance
    assert "R-INT-5" not in numbers(**ANX, base_total_min=0, available_days=1).guidance


@pytest.mark.parametrize("fields,applies", [
    (ANX, True), ({"primary_condition": "ptsd"}, True),
    ({"secondary_conditions": ["anxiety"], "anxiety_severity": "mild"}, True),
    ({"primary_condition": "depression", "depression_severity": "mild"}, False),
])
def test_R_INT_6_body_sensation_note_for_anxiety_and_ptsd(fields, applies):
    assert ("R-INT-6" in numbers(**fields).guidance) is applies


def test_R_INT_7_and_the_always_present_content_apply_to_every_plan():
    for fields in ({}, {"base_total_min": 500}, {"compulsive_exercise_history": True,
                                                 "base_total_min": 400}):
        guidance = numbers(**fields).guidance
        assert {"R-INT-1", "R-INT-3", "R-INT-7", "R-WORD-4", "R-WORD-5", "R-SAFE-WARN",
                "R-SAFE-CRISIS"} <= set(guidance)
        assert {f"R-HOLD-{n}" for n in (1, 2, 3, 4, 5, 7, 8)} <= set(guidance)
    assert numbers().guidance[0] == "R-WORD-1"  # ADHD: adjunct wording
    assert numbers(age=16).guidance == ()  # no client content under a hard stop


def test_R_HOLD_6_is_printed_for_bipolar_disorder_only():
    assert "R-HOLD-6" in numbers(primary_condition="bipolar", bipolar_state="euthymic").guidance
    assert "R-HOLD-6" not in numbers().guidance


def test_guidance_follows_the_plan_notes():
    vig = numbers(regular_exerciser=True, base_total_min=150, base_vig_min=60)
    assert "R-SAFE-VIG" in vig.guidance and "R-MAINT-4" not in vig.guidance
    assert "R-MAINT-4" in numbers(primary_condition="ptsd", base_total_min=100,
                                  base_vig_min=40).guidance
    assert "R-SAFE-ADV" in numbers(age=70).guidance
    assert "R-SAFE-MED" in numbers(medication_flags=["lithium"]).guidance
    assert "R-MIX-4" in numbers(fear_of_falling=True).guidance
    assert "R-MIX-7" in numbers(barriers=["poor_sleep"], usual_bedtime="23:00").guidance
    assert "R-SAFE-ED" in numbers(ed_history="past").guidance
