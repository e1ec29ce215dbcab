"""Scope, hard stops, clearance reasons, derived risks, advisory and gentle-start triggers.

rules.md 3(f) and 3.0 steps 1-4, as clarified in section 7. Gates and flags that depend on
the dose (ED_INFORMED_SIGNOFF, HIGH_VOLUME_REVIEW, VIGOROUS_BASELINE_REVIEW) are added by
build.py once B is known.
"""

from __future__ import annotations

from . import constants as K
from .enums import (
    Barrier,
    BipolarState,
    ClearanceReason,
    ClearanceStatus,
    Condition,
    CvRiskFactor,
    EdHistory,
    HardStop,
    MedicationFlag,
    PsychosisState,
    SuicideRisk,
    WalkingAbility,
)
from .model import Intake

_CRISIS_RISKS = frozenset({SuicideRisk.ACTIVE_WITH_PLAN_OR_INTENT,
                           SuicideRisk.RECENT_ATTEMPT_OR_SELF_HARM})
_ATTESTATION_RISKS = frozenset({SuicideRisk.PASSIVE_IDEATION, SuicideRisk.ACTIVE_IDEATION_NO_PLAN})
_ELEVATED = frozenset({BipolarState.HYPOMANIC_OR_MANIC, BipolarState.MIXED})
_FALLS_WALKING = frozenset({WalkingAbility.WITH_AID, WalkingAbility.UNABLE_TO_WALK})


def hard_stop(intake: Intake) -> HardStop | None:
    """R-SAFE-HS1..HS4, in the order of 3.0: the first hard stop met ends the run.

    HS1 (X01) age < 18; HS2 (E51, E52) active ideation with plan/intent or a recent attempt;
    HS3 (E24, X17) bipolar with elevated or mixed mood; HS4 (E24, X18) acute psychosis.
    """
    if intake.age < K.ADULT_AGE:
        return HardStop.OUT_OF_SCOPE_MINOR
    if intake.suicide_risk in _CRISIS_RISKS:
        return HardStop.CRISIS
    conds = intake.conditions
    if Condition.BIPOLAR in conds and intake.bipolar_state in _ELEVATED:
        return HardStop.BIPOLAR_ELEVATED_HOLD
    if (Condition.PSYCHOTIC_DISORDER in conds
            and intake.psychosis_state is PsychosisState.ACUTE_OR_INPATIENT):
        return HardStop.PSYCHOSIS_ACUTE_HOLD
    return None


def known_cmr(intake: Intake) -> bool:
    """Section 0.3 and rules 7.14 (X05): known cardiovascular, metabolic or renal disease,
    including PAR-Q+ Q1a, stroke rehabilitation and the insulin/sulfonylurea flag."""
    return (intake.q1a_heart_condition or intake.known_cvd or intake.known_metabolic
            or intake.known_renal or Condition.STROKE_REHAB in intake.conditions
            or MedicationFlag.INSULIN_OR_SULFONYLUREA in intake.medication_flags)


def falls_risk(intake: Intake) -> bool:
    """2F and rules 7.15: >= 1 fall in 12 months, fear of falling, or walking with an aid or
    unable to walk."""
    return (intake.falls_12m >= 1 or intake.fear_of_falling
            or intake.walking_ability in _FALLS_WALKING)


def risk_attestation(intake: Intake) -> bool:
    """R-SAFE-CRISIS gate RISK_ATTESTATION (E51, E52): passive or active ideation without a plan,
    or PHQ-9 item 9 >= 1 (always read, rules 7.22)."""
    return intake.suicide_risk in _ATTESTATION_RISKS or (intake.phq9_item9 or 0) >= 1


def ed_cap(intake: Intake) -> bool:
    """R-SAFE-ED (E46-E48, X16, D-13): past or current ED, or compulsive exercise history."""
    return intake.ed_history is not EdHistory.NONE or intake.compulsive_exercise_history


def clearance_reasons(intake: Intake, cmr: bool) -> tuple[ClearanceReason, ...]:
    """R-SAFE-CLR (X05, X06; X13 for stroke): every reason that applies, in the order of 3.0.
    Symptoms count whatever the client's exercise status (X05)."""
    reasons = []
    if intake.symptoms:
        reasons.append(ClearanceReason.SYMPTOMS)
    if intake.q2_chest_pain:
        reasons.append(ClearanceReason.PARQ_CHEST_PAIN)
    if intake.q3_dizziness_loc:
        reasons.append(ClearanceReason.PARQ_DIZZINESS_OR_LOC)
    if intake.q7_supervised_only:
        reasons.append(ClearanceReason.PARQ_SUPERVISED_ONLY)
    if cmr and not intake.regular_exerciser:
        reasons.append(ClearanceReason.KNOWN_CMR_DISEASE_INACTIVE)
    if Condition.STROKE_REHAB in intake.conditions:
        reasons.append(ClearanceReason.STROKE_REHAB_TEAM)
    if intake.pregnant_or_postpartum_6m:
        reasons.append(ClearanceReason.PREGNANCY)
    if intake.bp_uncontrolled:
        reasons.append(ClearanceReason.BP_UNCONTROLLED)
    if intake.ed_history is EdHistory.CURRENT and intake.ed_medical_restriction:
        reasons.append(ClearanceReason.ED_MEDICAL)
    if intake.walking_ability is WalkingAbility.UNABLE_TO_WALK:
        reasons.append(ClearanceReason.REHAB_INPUT)
    return tuple(reasons)


def clearance_pending(intake: Intake, reasons: tuple) -> bool:
    """R-SAFE-CLR gate CLEARANCE_PENDING (rules 7.16): any reason and clearance not obtained."""
    return bool(reasons) and intake.clearance_status is not ClearanceStatus.OBTAINED


def risk_count(intake: Intake) -> int:
    """Rules 7.13: |cv_risk_factors + {high_blood_pressure if Q1b}|."""
    factors = set(intake.cv_risk_factors)
    if intake.q1b_high_blood_pressure:
        factors.add(CvRiskFactor.HIGH_BLOOD_PRESSURE)
    return len(factors)


def advisory(intake: Intake, reasons: tuple) -> bool:
    """R-SAFE-ADV (E50, X05, D-11; R-BAR-10, R-BAR-11; rules 7.12): no clearance reason, not a
    regular exerciser, and a CV risk factor, age >= 65, Q6, a Q4 physical condition, or the
    barrier physical_limitation or pain. It advises; it does not gate or make a gentle start."""
    if reasons or intake.regular_exerciser:
        return False
    return (risk_count(intake) >= 1 or intake.age >= K.OLDER_ADULT_AGE or intake.q6_msk_problem
            or intake.q4_other_chronic or Barrier.PHYSICAL_LIMITATION in intake.barriers
            or Barrier.PAIN in intake.barriers)


def gentle_triggers(intake: Intake, condition_gentle: bool, falls: bool) -> tuple[str, ...]:
    """Section 0.3 / R-START-1 (D-5): the gentle-start triggers that apply, as rule IDs:
    a condition row (R-DOSE-2), fatigue (R-BAR-01), psychomotor retardation (R-BAR-04),
    falls risk (R-MIX-4 names it; 0.3 defines it)."""
    out = []
    if condition_gentle:
        out.append("R-DOSE-2")
    if Barrier.FATIGUE in intake.barriers:
        out.append("R-BAR-01")
    if Barrier.PSYCHOMOTOR_RETARDATION in intake.barriers:
        out.append("R-BAR-04")
    if falls:
        out.append("FALLS_RISK")
    return tuple(out)


# ACSM age risk factor (X05, rules.md 2F `cv_risk_factors`): the age from which it counts, by sex
# at birth. Only ever a suggestion to the clinician: the sex at birth never reaches the intake,
# and the clinician's tick is what the plan reads.
ACSM_RISK_AGE = {"male": 45, "female": 55}


def age_risk_factor_suggested(sex_at_birth: str, age: int | None) -> bool | None:
    """Return whether ACSM counts age as a risk factor (men 45+, women 55+); None when the sex
    at birth or the age is not known, so there is nothing to suggest."""
    from_age = ACSM_RISK_AGE.get(sex_at_birth or "")
    if from_age is None or age is None:
        return None
    return age >= from_age
