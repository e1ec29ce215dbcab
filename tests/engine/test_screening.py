"""Scope, hard stops, gates, clearance reasons and flags (rules.md 3(f), 3.0 steps 1-4)."""

from __future__ import annotations

import pytest

from planner.engine import ENGINE_VERSION
from planner.engine.enums import HardStop

from .support import numbers


def test_R_SAFE_HS1_minor_is_out_of_scope():
    plan = numbers(age=17)
    assert plan.hard_stop is HardStop.OUT_OF_SCOPE_MINOR and plan.steps == ()
    assert plan.to_dict()["steps"] == [] and plan.to_dict()["engine_version"] == ENGINE_VERSION
    assert "R-SAFE-HS1" in plan.why["hard_stop"]
    assert numbers(age=18).hard_stop is None


@pytest.mark.parametrize("risk", ["active_with_plan_or_intent", "recent_attempt_or_self_harm"])
def test_R_SAFE_HS2_crisis_stops_with_crisis_resources(risk):
    plan = numbers(suicide_risk=risk)
    assert plan.hard_stop is HardStop.CRISIS and plan.steps == () and plan.mode is None
    assert plan.crisis_resources.crisis_line_contact and plan.crisis_resources.emergency_number
    d = plan.to_dict()
    assert d["crisis_resources"]["region"] == "US"
    assert not {"mode", "target_minutes", "texts"} & set(d)  # 7.25: nothing else


@pytest.mark.parametrize("state", ["hypomanic_or_manic", "mixed"])
def test_R_SAFE_HS3_bipolar_elevated_or_mixed_mood_stops(state):
    assert numbers(primary_condition="bipolar", bipolar_state=state).hard_stop is (
        HardStop.BIPOLAR_ELEVATED_HOLD)
    assert numbers(secondary_conditions=["bipolar"], bipolar_state=state).hard_stop is (
        HardStop.BIPOLAR_ELEVATED_HOLD)
    assert numbers(primary_condition="bipolar", bipolar_state="depressive_episode").steps


def test_R_SAFE_HS4_acute_psychosis_stops():
    plan = numbers(primary_condition="psychotic_disorder", psychosis_state="acute_or_inpatient")
    assert plan.hard_stop is HardStop.PSYCHOSIS_ACUTE_HOLD and plan.crisis_resources is None
    assert numbers(primary_condition="psychotic_disorder",
                   psychosis_state="stable_community").hard_stop is None


def test_hard_stops_in_the_order_of_3_0():
    crisis = {"suicide_risk": "recent_attempt_or_self_harm"}
    assert numbers(age=16, **crisis).hard_stop is HardStop.OUT_OF_SCOPE_MINOR
    assert numbers(primary_condition="bipolar", bipolar_state="mixed",
                   **crisis).hard_stop is HardStop.CRISIS
    assert numbers(primary_condition="bipolar", bipolar_state="mixed",
                   secondary_conditions=["psychotic_disorder"],
                   psychosis_state="acute_or_inpatient").hard_stop is (
        HardStop.BIPOLAR_ELEVATED_HOLD)


@pytest.mark.parametrize("fields,opens", [
    ({"suicide_risk": "passive_ideation"}, True),
    ({"suicide_risk": "active_ideation_no_plan"}, True),
    ({"phq9_item9": 1}, True),  # always read, even without depression (7.22)
    ({"phq9_total": 3, "phq9_item9": 3}, True),
    ({"phq9_total": 20, "phq9_item9": 0}, False),
    ({}, False),
])
def test_R_SAFE_CRISIS_risk_attestation_gate(fields, opens):
    plan = numbers(**fields)
    assert ("RISK_ATTESTATION" in plan.gates) is opens
    assert plan.steps  # a gate previews the plan; it does not stop it
    assert plan.crisis_resources is not None  # the crisis footer's numbers, for every plan


@pytest.mark.parametrize("fields,reason", [
    ({"symptoms": ["palpitations"], "regular_exerciser": True}, "SYMPTOMS"),
    ({"q2_chest_pain": True}, "PARQ_CHEST_PAIN"),
    ({"q3_dizziness_loc": True}, "PARQ_DIZZINESS_OR_LOC"),
    ({"q7_supervised_only": True}, "PARQ_SUPERVISED_ONLY"),
    ({"q1a_heart_condition": True}, "KNOWN_CMR_DISEASE_INACTIVE"),
    ({"known_renal": True}, "KNOWN_CMR_DISEASE_INACTIVE"),
    ({"medication_flags": ["insulin_or_sulfonylurea"]}, "KNOWN_CMR_DISEASE_INACTIVE"),
    ({"primary_condition": "stroke_rehab"}, "STROKE_REHAB_TEAM"),
    ({"pregnant_or_postpartum_6m": True}, "PREGNANCY"),
    ({"q1b_high_blood_pressure": True, "bp_uncontrolled": True}, "BP_UNCONTROLLED"),
    ({"ed_history": "current", "ed_medical_restriction": True}, "ED_MEDICAL"),
    ({"walking_ability": "unable_to_walk"}, "REHAB_INPUT"),
])
def test_R_SAFE_CLR_each_clearance_reason_opens_the_gate_until_obtained(fields, reason):
    plan = numbers(**fields)
    assert reason in plan.clearance_reasons
    assert {"CLEARANCE_REQUIRED", "VIGOROUS_LOCK"} <= set(plan.flags)
    assert "CLEARANCE_PENDING" in plan.gates  # not_required with a reason is pending (7.16)
    assert plan.why[f"clearance_reasons.{reason}"][0] == "R-SAFE-CLR"
    cleared = numbers(**fields, clearance_status="obtained")
    assert "CLEARANCE_PENDING" not in cleared.gates
    assert {"CLEARANCE_REQUIRED", "VIGOROUS_LOCK"} <= set(cleared.flags)  # stays on (N04)
    assert cleared.steps == plan.steps  # the preview is the plan released after clearance


def test_R_SAFE_CLR_no_reason_for_ed_restriction_without_current_ed_or_for_controlled_bp():
    assert numbers(ed_history="past", ed_medical_restriction=True).clearance_reasons == ()
    assert numbers(q1b_high_blood_pressure=True).clearance_reasons == ()


def test_R_SAFE_CLR_known_cmr_in_a_regular_exerciser_locks_vigorous_without_a_gate():
    plan = numbers(known_cvd=True, regular_exerciser=True, base_total_min=120, base_vig_min=30)
    assert plan.clearance_reasons == () and plan.gates == ()
    assert "VIGOROUS_LOCK" in plan.flags and not plan.vigorous_allowed
    assert "CLEARANCE_REQUIRED" not in plan.flags


@pytest.mark.parametrize("fields", [
    {"cv_risk_factors": ["smoking"]}, {"q1b_high_blood_pressure": True}, {"age": 65},
    {"q6_msk_problem": True}, {"q4_other_chronic": True}, {"barriers": ["physical_limitation"]},
    {"barriers": ["pain"]},
])
def test_R_SAFE_ADV_advisory_for_inactive_clients_with_a_trigger(fields):
    plan = numbers(**fields)
    assert "ADVISORY_GP" in plan.flags and plan.advisory and plan.gates == ()
    assert not plan.gentle_start  # advisory alone is not a gentle start (7.12, C15)
    assert "ADVISORY_GP" not in numbers(**fields, regular_exerciser=True).flags
    # a clearance reason supersedes it (R-BAR-10)
    assert "ADVISORY_GP" not in numbers(**fields, q2_chest_pain=True).flags


def test_R_SAFE_ED_flag_caps_and_gates():
    past = numbers(ed_history="past", base_total_min=100)
    assert "ED_COMPULSIVE_CAP" in past.flags and past.gates == () and past.ed_cap
    current = numbers(ed_history="current", base_total_min=100)
    assert current.gates == ("ED_TEAM_CONFIRM",)
    high = numbers(compulsive_exercise_history=True, base_total_min=200, regular_exerciser=True,
                   base_vig_min=50, base_strength_days=3)
    assert high.mode == "MAINTAIN_AT_ED_CAP" and "ED_INFORMED_SIGNOFF" in high.gates
    assert not high.vigorous_allowed and high.baseline_minutes == 200
    assert all(s.weekly_minutes == 150 and s.strength_sessions <= 2 for s in high.steps)
    assert all(s.strength_sessions <= s.sessions for s in high.steps)  # on aerobic days
    assert high.sessions_end_by is None


def test_R_SAFE_HV_high_volume_review_in_any_mode():
    assert "HIGH_VOLUME_REVIEW" in numbers(base_total_min=301).flags  # MAINTAIN_CURRENT
    assert "HIGH_VOLUME_REVIEW" not in numbers(base_total_min=300).flags
    ed = numbers(base_total_min=400, compulsive_exercise_history=True)
    assert ed.mode == "MAINTAIN_AT_ED_CAP" and "HIGH_VOLUME_REVIEW" in ed.flags
    limited = numbers(base_total_min=400, symptoms=["heart_murmur"], clearance_status="obtained",
                      clearance_max_minutes=120)
    assert limited.mode == "MAINTAIN" and "HIGH_VOLUME_REVIEW" in limited.flags


@pytest.mark.parametrize("med", ["lithium", "antipsychotic", "beta_blocker",
                                 "insulin_or_sulfonylurea", "stimulant"])
def test_R_SAFE_MED_a_flag_per_medication(med):
    plan = numbers(medication_flags=[med])
    assert f"MED_{med.upper()}" in plan.flags
    assert "R-SAFE-MED" in plan.why[f"flags.MED_{med.upper()}"]


def test_falls_risk_from_falls_fear_or_walking_aid_7_15():
    for fields in ({"falls_12m": 1}, {"fear_of_falling": True}, {"walking_ability": "with_aid"},
                   {"walking_ability": "unable_to_walk"}):
        plan = numbers(**fields)
        assert "FALLS_RISK" in plan.flags and plan.gentle_start and plan.falls_risk
    assert "FALLS_RISK" not in numbers().flags


def test_R_SAFE_WARN_every_plan_carries_the_emergency_number_for_the_warning_box():
    for fields in ({}, {"base_total_min": 900}, {"suicide_risk": "passive_ideation"}):
        plan = numbers(**fields)
        assert plan.crisis_resources.emergency_number  # the warning box prints it
        assert plan.to_dict()["crisis_resources"]["emergency_number"]
