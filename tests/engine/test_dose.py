"""Severity (D-2), the R-DOSE table, combining conditions, targets, vigorous, baseline."""

from __future__ import annotations

import pytest

from planner.engine.dose import DOSE_TABLE, half_up, more_severe, rd5, score_band
from planner.engine.enums import Condition, Severity, Wording

from .support import numbers

DEP = {"primary_condition": "depression"}
VIG_OK = {"regular_exerciser": True, "base_total_min": 150, "base_vig_min": 60,
          "wants_to_keep_vigorous": True}


def test_rd5_and_half_up_are_integer_arithmetic():
    assert [rd5(x) for x in (0, 4, 5, 29, 30, 47)] == [0, 0, 5, 25, 30, 45]
    assert [half_up(a, b) for a, b in ((10, 2), (20, 3), (50, 3), (70, 3), (25, 2), (5, 2))] == [
        5, 7, 17, 23, 13, 3]  # 12.5 -> 13 and 2.5 -> 3: half up, not banker's rounding


def test_D_2_severity_is_the_more_severe_of_rating_and_score_band():
    assert score_band(None) is None
    assert [score_band(s) for s in (0, 4, 9, 10, 14, 15, 27)] == [
        Severity.MILD, Severity.MILD, Severity.MILD, Severity.MODERATE, Severity.MODERATE,
        Severity.SEVERE, Severity.SEVERE]
    assert more_severe(Severity.MODERATE, 17) is Severity.SEVERE  # C13
    assert more_severe(Severity.SEVERE, 3) is Severity.SEVERE
    assert more_severe(Severity.MILD, None) is Severity.MILD
    plan = numbers(**DEP, depression_severity="moderate", phq9_total=17, phq9_item9=0)
    assert plan.severities == {"depression": "severe"} and plan.target_minutes == 90
    assert numbers(primary_condition="anxiety", anxiety_severity="mild",
                   gad7_total=16).target_minutes == 90


def test_scores_for_absent_conditions_are_ignored_7_22():
    plan = numbers(gad7_total=21, anxiety_severity="severe", phq9_total=27, phq9_item9=0)
    assert plan.target_minutes == 150 and plan.severities == {}


@pytest.mark.parametrize("fields,t,t2,sst,wording,gentle", [
    ({**DEP, "depression_severity": "mild"}, 150, None, 2, Wording.STANDALONE_FOR_SOME, False),
    ({**DEP, "depression_severity": "moderate"}, 150, None, 2, Wording.ADJUNCT, False),
    ({**DEP, "depression_severity": "severe"}, 90, 150, 2, Wording.ADJUNCT, True),
    ({"primary_condition": "anxiety", "anxiety_severity": "moderate"}, 150, None, 2,
     Wording.ADJUNCT, False),
    ({"primary_condition": "anxiety", "anxiety_severity": "severe"}, 90, 150, 2,
     Wording.ADJUNCT, True),
    ({"primary_condition": "ptsd"}, 90, 150, 2, Wording.ADJUNCT, False),
    ({"primary_condition": "adhd"}, 150, None, 2, Wording.ADJUNCT, False),
    ({"primary_condition": "bipolar", "bipolar_state": "euthymic"}, 90, 150, 2,
     Wording.ADJUNCT, False),
    ({"primary_condition": "psychotic_disorder", "psychosis_state": "stable_community"}, 90, 150,
     2, Wording.ADJUNCT, False),
    ({"primary_condition": "healthy_ageing", "age": 70}, 150, None, 3, Wording.GENERAL, False),
    ({"primary_condition": "healthy_ageing", "age": 64}, 150, None, 2, Wording.GENERAL, False),
    ({"primary_condition": "stroke_rehab"}, 90, 150, 2, Wording.ADJUNCT_REHAB, True),
    ({"primary_condition": "sarcopenia_risk"}, 150, None, 3, Wording.GENERAL, False),
])
def test_R_DOSE_1_and_R_DOSE_2_targets_by_condition(fields, t, t2, sst, wording, gentle):
    plan = numbers(**fields)
    assert (plan.target_minutes, plan.phase2_target_minutes) == (t, t2)
    assert plan.strength_sessions_target == sst and plan.wording is wording
    assert plan.gentle_start is gentle
    assert "R-DOSE-1" in plan.why["target_minutes"]
    assert ("R-DOSE-2" in plan.why["target_minutes"]) is (t == 90)


def test_R_DOSE_2_table_rows_giving_90_are_the_rows_with_a_phase_2():
    for row in DOSE_TABLE.values():
        assert row.phase2 is (row.t1 == 90)


def test_R_DOSE_3_ed_flag_caps_dose_intensity_and_strength():
    plan = numbers(ed_history="past", base_total_min=140, regular_exerciser=True,
                   base_vig_min=40, base_strength_days=7, available_days=7)
    assert plan.target_minutes <= 150 and not plan.vigorous_allowed
    assert plan.mode == "BUILD" and plan.baseline_minutes == 140  # vigorous one for one
    assert max(s.strength_sessions for s in plan.steps) == 2
    assert "R-DOSE-3" in plan.why["flags.ED_COMPULSIVE_CAP"]


def test_R_DOSE_4_combining_takes_the_most_conservative_value():
    plan = numbers(primary_condition="stroke_rehab", secondary_conditions=["depression"],
                   depression_severity="mild", age=67)  # C11
    assert plan.target_minutes == 90 and plan.phase2_target_minutes == 150
    assert plan.gentle_start and plan.wording is Wording.ADJUNCT_REHAB
    both = numbers(primary_condition="adhd", secondary_conditions=["sarcopenia_risk",
                                                                  "anxiety"],
                   anxiety_severity="mild", **VIG_OK)
    assert both.strength_sessions_target == 3 and both.strength_first  # SST max, 7.20
    assert not both.vigorous_allowed  # sarcopenia does not allow vigorous work
    assert all(s.mind_body_sessions == 1 for s in both.steps)  # mind-body default max
    assert numbers(primary_condition="adhd", **VIG_OK).vigorous_allowed
    assert numbers(**DEP, depression_severity="mild",
                   secondary_conditions=["adhd"]).wording is Wording.ADJUNCT
    assert "R-DOSE-4" in plan.why["target_minutes"]


def test_R_DOSE_5_clearance_limits_lower_T_T2_and_intensity_only_once_obtained():
    base = {"primary_condition": "ptsd", "symptoms": ["ankle_swelling"],
            "clearance_status": "obtained"}
    plan = numbers(**base, clearance_max_minutes=120)
    assert (plan.target_minutes, plan.phase2_target_minutes) == (90, 120)
    assert numbers(**base, clearance_max_minutes=90).phase2_target_minutes is None  # 7.1
    low = numbers(**base, clearance_max_minutes=60)
    assert low.target_minutes == 60 and low.phase2_target_minutes is None
    assert all(s.weekly_minutes <= 60 for s in low.steps)
    assert "R-DOSE-5" in low.why["target_minutes"]
    light = numbers(**base, clearance_max_intensity="light")
    assert {s.intensity for s in light.steps} == {"light"}


def test_T_and_T2_capped_at_60_minutes_per_available_day_8_1():
    plan = numbers(**DEP, depression_severity="moderate", available_days=2)  # C18
    assert plan.target_minutes == 120
    assert all(s.minutes_per_session <= 60 for s in plan.steps)
    one_day = numbers(primary_condition="ptsd", available_days=1)
    assert one_day.target_minutes == 60 and one_day.phase2_target_minutes is None
    two = numbers(primary_condition="ptsd", available_days=2)
    assert (two.target_minutes, two.phase2_target_minutes) == (90, 120)
    assert "8.1" in plan.why["target_minutes"]


def test_sessions_at_most_30_minutes_for_gentle_starts_and_sedentary_older_adults_8_1():
    older = numbers(primary_condition="healthy_ageing", age=77, available_days=2)  # C23
    assert older.target_minutes == 60 and "DAYS_LIMITED" in older.flags
    assert all(s.minutes_per_session <= 30 for s in older.steps)
    regular = numbers(primary_condition="healthy_ageing", age=77, available_days=2,
                      regular_exerciser=True)
    assert regular.target_minutes == 120
    gentle = numbers(primary_condition="anxiety", anxiety_severity="severe", available_days=2,
                     barriers=["fatigue"])  # C25
    assert (gentle.target_minutes, gentle.phase2_target_minutes) == (60, None)
    assert all(s.minutes_per_session <= 30 for s in gentle.steps)
    at_64 = numbers(primary_condition="healthy_ageing", age=64, available_days=2)
    assert at_64.target_minutes == 120 and "DAYS_LIMITED" in at_64.flags


def test_DAYS_LIMITED_only_when_the_days_and_not_something_else_lower_the_target_8_2():
    assert "DAYS_LIMITED" not in numbers(**DEP, depression_severity="moderate").flags
    # T2 alone lowered by the days (90 -> 120 instead of 150): still the days' doing
    assert "DAYS_LIMITED" in numbers(primary_condition="ptsd", available_days=2).flags
    # the clearing professional's limit at or below the ceiling binds instead
    cleared = dict(DEP, depression_severity="moderate", available_days=2, known_metabolic=True,
                   clearance_status="obtained")
    assert "DAYS_LIMITED" not in numbers(**cleared, clearance_max_minutes=100).flags
    assert "DAYS_LIMITED" not in numbers(**cleared, clearance_max_minutes=120).flags
    assert "DAYS_LIMITED" in numbers(**cleared, clearance_max_minutes=140).flags
    # the ED cap of 150 with 3 days (ceiling 180) leaves the days out of it
    assert "DAYS_LIMITED" not in numbers(**DEP, depression_severity="moderate", available_days=3,
                                         ed_history="past").flags


def test_the_ED_flag_turns_standalone_wording_into_adjunct_8_3():
    mild = dict(DEP, depression_severity="mild", phq9_total=7, phq9_item9=0)
    assert numbers(**mild).wording == "STANDALONE_FOR_SOME"
    assert numbers(**mild, ed_history="past").wording == "ADJUNCT"  # C24
    assert numbers(**mild, compulsive_exercise_history=True).wording == "ADJUNCT"


def test_R_SAFE_VIG_allowed_only_when_every_condition_holds():
    assert numbers(**VIG_OK).vigorous_allowed
    for blocker in ({"regular_exerciser": False}, {"base_vig_min": 0},
                    {"wants_to_keep_vigorous": False}, {"barriers": ["fatigue"]},
                    {"barriers": ["poor_sleep"]}, {"falls_12m": 1},
                    {"symptoms": ["heart_murmur"], "clearance_status": "obtained"},
                    {"known_metabolic": True}, {"compulsive_exercise_history": True},
                    {"primary_condition": "ptsd"}, {"primary_condition": "sarcopenia_risk"},
                    {"primary_condition": "depression", "depression_severity": "severe"},
                    {"q2_chest_pain": True, "clearance_status": "obtained",
                     "clearance_max_intensity": "moderate"}):
        plan = numbers(**{**VIG_OK, **blocker})
        assert not plan.vigorous_allowed, blocker
        assert all(s.intensity != "moderate_vigorous_optional" for s in plan.steps)
        if plan.hard_stop is None and blocker != {"base_vig_min": 0}:
            assert "VIGOROUS_BASELINE_REVIEW" in plan.flags  # 7.11


def test_R_START_2_baseline_counts_vigorous_twice_only_when_allowed():
    assert numbers(**VIG_OK).baseline_minutes == 210  # C07
    assert numbers(**{**VIG_OK, "barriers": ["poor_sleep"]}).baseline_minutes == 150
    plan = numbers(**{**VIG_OK, "wants_to_keep_vigorous": False})
    assert plan.baseline_minutes == 150 and "VIGOROUS_BASELINE_REVIEW" in plan.flags


def test_dose_table_covers_every_condition():
    assert {c for c, _ in DOSE_TABLE} == set(Condition)


def test_R_WORD_1_adjunct_wording_for_every_condition_that_needs_it():
    for fields in ({**DEP, "depression_severity": "moderate"}, {"primary_condition": "ptsd"},
                   {"primary_condition": "adhd"},
                   {"primary_condition": "anxiety", "anxiety_severity": "mild"}):
        plan = numbers(**fields)
        assert plan.wording is Wording.ADJUNCT and plan.guidance[0] == "R-WORD-1"
    assert "D-1" in numbers(**DEP, depression_severity="moderate").why["wording"]


def test_R_WORD_2_standalone_only_for_mild_depression_with_no_adjunct_condition():
    assert numbers(**DEP, depression_severity="mild").wording is Wording.STANDALONE_FOR_SOME
    assert numbers(**DEP, depression_severity="mild", phq9_total=12,
                   phq9_item9=0).wording is Wording.ADJUNCT  # the score makes it moderate
    assert numbers(**DEP, depression_severity="mild", secondary_conditions=["healthy_ageing"],
                   age=70).wording is Wording.STANDALONE_FOR_SOME
    assert numbers(**DEP, depression_severity="mild",
                   secondary_conditions=["ptsd"]).wording is Wording.ADJUNCT


def test_R_WORD_3_general_and_rehab_wording():
    assert numbers(primary_condition="sarcopenia_risk").guidance[0] == "R-WORD-3"
    rehab = numbers(primary_condition="stroke_rehab", secondary_conditions=["healthy_ageing"])
    assert rehab.wording is Wording.ADJUNCT_REHAB
    assert rehab.guidance[:2] == ("R-WORD-1", "R-WORD-3")


def test_R_WORD_4_every_plan_carries_review_dates_and_crisis_numbers():
    for fields in ({}, {"base_total_min": 500}, {"q2_chest_pain": True}):
        plan = numbers(**fields)
        assert [r.week for r in plan.review_weeks] == [4, 8, 12, 24, 36]
        assert all(r.date is not None for r in plan.review_weeks)
        assert plan.crisis_resources is not None and "R-WORD-4" in plan.guidance


def test_R_WORD_5_engine_messages_avoid_the_banned_phrases():
    from planner.engine import Override, OverrideRefused, ReviewFindings, propose_review_action
    from planner.engine.run import compute_plan

    from .support import intake

    banned = ("just exercise", "just do it", "just get out", "no excuses", "no pain no gain",
              "push through", "you should", "you must", "failed", "lazy")
    messages = []
    plan = numbers()
    for kw in ({"warning_symptom_or_health_change": True}, {"new_risk": True},
               {"adherence_percent": 20}, {"adherence_percent": 60}, {"adverse_events": True},
               {"clinician_judges_no_improvement": True}, {}):
        findings = ReviewFindings(**{"week": 8, "current_step": 8, "adherence_percent": 90,
                                     **kw})
        messages.append(propose_review_action(plan, findings).reason)
    for ov in (Override("lower_target_minutes", 400, "x"), Override("enable_vigorous", 1, "x"),
               Override("lower_strength_sessions", 9, "x"), Override("delay_step", 99, "x")):
        try:
            compute_plan(intake(), start_date=None, overrides=[ov])
        except OverrideRefused as exc:
            messages.append(exc.message)
    assert len(messages) == 11
    for message in messages:
        assert not any(b in message.lower() for b in banned), message
