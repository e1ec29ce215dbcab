"""
Build assessment-form POST data from a canonical intake dict (plan-json.md), for tests.

The web form asks every question explicitly (rules.md 7.26), so this fills plan-json.md's
defaults in as explicit answers, answers each follow-up question exactly when it applies, and
leaves the rest empty, as a clinician would.

The case files have no clinician-only answers (rules.md 2C `current_treatments`, 2F
`screening_date`, 2G `current_activities`); post_data fills them as a clinician would from what
the case does say (see clinician_only_answers), never changing what the engine reads.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

YES_NO_FIELDS = (
    "pregnant_or_postpartum_6m",
    "compulsive_exercise_history",
    "q1a_heart_condition",
    "q1b_high_blood_pressure",
    "q2_chest_pain",
    "q3_dizziness_loc",
    "q4_other_chronic",
    "q5_chronic_meds",
    "q6_msk_problem",
    "q7_supervised_only",
    "known_metabolic",
    "known_renal",
    "regular_exerciser",
    "fear_of_falling",
)
DEFAULTS: dict[str, Any] = {
    "suicide_risk": "none",
    "ed_history": "none",
    "walking_ability": "independent",
    "clearance_status": "not_required",
    "falls_12m": 0,
    "base_vig_min": 0,
    "base_strength_days": 0,
    "available_days": 5,
}
OPTIONAL = (
    "depression_severity",
    "anxiety_severity",
    "phq9_total",
    "phq9_item9",
    "gad7_total",
    "bipolar_state",
    "psychosis_state",
    "stroke_months_since",
    "clearance_max_minutes",
    "clearance_max_intensity",
    "social_preference",
    "setting_preference",
    "time_of_day",
    "plan_start_date",
    "usual_bedtime",
)
LISTS = (
    "secondary_conditions",
    "cv_risk_factors",
    "medication_flags",
    "barriers",
    "preferred_activities",
)


# Treatments a case implies through its medication flags (the rest are not in rules.md 2C's
# list and are recorded as "other").
TREATMENT_OF_MEDICATION = {
    "lithium": "mood_stabiliser",
    "antipsychotic": "antipsychotic",
    "stimulant": "stimulant_or_adhd_med",
    "beta_blocker": "other",
    "insulin_or_sulfonylurea": "other",
}


# Case C01's answers (a sedentary adult with mild depression), the usual valid assessment of the
# web tests: post_data(C01_ANSWERS) is a form that saves.
C01_ANSWERS = {
    "age": 29,
    "primary_condition": "depression",
    "depression_severity": "mild",
    "phq9_total": 8,
    "phq9_item9": 0,
    "base_total_min": 0,
    "regular_exerciser": False,
    "barriers": ["low_motivation", "time"],
    "preferred_activities": ["walking"],
    "available_days": 5,
}


def yes_no(value: bool) -> str:
    return "yes" if value else "no"


def clinician_only_answers(intake: dict[str, Any], assessed: dt.date) -> dict[str, Any]:
    """
    The answers a case file does not hold, as a clinician would give them:

    - current_treatments: only what the case implies (medication flags, trauma-focused therapy,
      a stroke rehabilitation team); nothing ticked ("not recorded") when it implies none,
      since a case never says the client has no treatment;
    - screening_date: the assessment date (screened at this assessment);
    - current_activities: the case's preferred activities when the client is active now
      (baseline above 0), else none. Preferences are never empty when these are not, so the
      form's preference default never changes what the engine reads.
    """
    conditions = {intake["primary_condition"], *intake.get("secondary_conditions", [])}
    treatments = [TREATMENT_OF_MEDICATION[m] for m in intake.get("medication_flags", [])]
    if "ptsd" in conditions and intake.get("ptsd_in_trauma_focused_therapy"):
        treatments.append("trauma_focused_therapy")
    if "stroke_rehab" in conditions and intake.get("stroke_rehab_team_involved", False):
        treatments.append("rehab_programme")
    active = intake["base_total_min"] > 0
    return {
        "current_treatments": list(dict.fromkeys(treatments)),
        "screening_date": assessed.isoformat(),
        "current_activities": list(intake.get("preferred_activities", [])) if active else [],
    }


def asked_once(intake: dict[str, Any]) -> dict[str, Any]:
    """Return `intake` as the form asks it: each fact once (planner/intake_fields.ANSWERED_BY).

    Known cardiovascular disease is question 1a (q1a_heart_condition, stored as known_cvd too);
    high blood pressure is question 1b, which the form adds to the risk factors. The engine reads
    the same known_cmr and risk count either way (rules.md 3.0), so the plan does not change.
    """
    intake = dict(intake)
    factors = list(intake.get("cv_risk_factors", []))
    intake["q1a_heart_condition"] = bool(
        intake.get("q1a_heart_condition") or intake.pop("known_cvd", False)
    )
    if "high_blood_pressure" in factors:
        intake["q1b_high_blood_pressure"] = True
        intake["cv_risk_factors"] = [f for f in factors if f != "high_blood_pressure"]
    return intake


def post_data(intake: dict[str, Any], *, assessed: dt.date | None = None, **overrides) -> dict:
    """Return POST data for the assessment form that answers like `intake`."""
    assessed = assessed or dt.date.today()
    intake = asked_once(intake)
    conditions = {intake["primary_condition"], *intake.get("secondary_conditions", [])}
    data: dict[str, Any] = {
        "assessed_date": assessed.isoformat(),
        "age": intake["age"],
        "primary_condition": intake["primary_condition"],
        "base_total_min": intake["base_total_min"],
        "notes": "",
    }
    for name in YES_NO_FIELDS:
        data[name] = yes_no(intake.get(name, False))
    for name, default in DEFAULTS.items():
        data[name] = intake.get(name, default)
    for name in OPTIONAL:
        value = intake.get(name)
        data[name] = "" if value is None else value
    for name in LISTS:
        data[name] = list(intake.get(name, []))
    data["symptoms"] = list(intake.get("symptoms", [])) or ["none"]

    def follow_up(name: str, applies: bool, default: bool = False):
        data[name] = yes_no(intake.get(name, default)) if applies else ""

    follow_up("bp_uncontrolled", intake.get("q1b_high_blood_pressure", False))
    follow_up("ed_medical_restriction", intake.get("ed_history") == "current")
    follow_up("stroke_rehab_team_involved", "stroke_rehab" in conditions)
    follow_up("wants_to_keep_vigorous", intake.get("base_vig_min", 0) > 0, default=True)
    # Optional even when it applies: answered only if the intake says.
    pt = intake.get("ptsd_in_trauma_focused_therapy")
    data["ptsd_in_trauma_focused_therapy"] = (
        yes_no(pt) if pt is not None and "ptsd" in conditions else ""
    )
    if intake.get("clearance_status") == "obtained":
        # Form-only record of who cleared and when (rules.md 2F); the engine does not read it.
        data["clearance_date"] = assessed.isoformat()
        data["clearance_by"] = "GP"
    else:
        data["clearance_date"] = ""
        data["clearance_by"] = ""
    if intake["base_total_min"] > 700:
        data["base_total_confirmed"] = "on"
    data.update(clinician_only_answers(intake, assessed))
    data.update(overrides)
    return data
