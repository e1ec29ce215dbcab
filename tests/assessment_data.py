"""
Build assessment-form POST data from a canonical intake dict (plan-json.md), for tests.

The web form asks every question explicitly (rules.md 7.26), so this fills plan-json.md's
defaults in as explicit answers, answers each follow-up question exactly when it applies, and
leaves the rest empty, as a clinician would.
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
    "known_cvd",
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


def yes_no(value: bool) -> str:
    return "yes" if value else "no"


def post_data(intake: dict[str, Any], *, assessed: dt.date | None = None, **overrides) -> dict:
    """Return POST data for the assessment form that answers like `intake`."""
    assessed = assessed or dt.date.today()
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
    data.update(overrides)
    return data
