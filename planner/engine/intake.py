"""Intake validation: JSON-shaped dict -> Intake (plan-json.md "Intake"; rules.md 2 and 7).

`parse_intake` checks types, ranges, required and condition-dependent fields, and that
clearance restrictions come only with clearance obtained. It reports every error at once:
`IntakeError.errors` maps each bad field to its messages. Omitted keys take the defaults of
plan-json.md (they are the defaults of the Intake dataclass). Unknown keys are errors.

Types are strict, as in JSON: a bool is `true`/`false` (not 0/1), an int is a whole number
(not `true`, not `30.0`), a list is a list of distinct allowed values.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from enum import StrEnum

from . import constants as K
from . import crisis
from .enums import (
    Activity,
    Barrier,
    BipolarState,
    ClearanceIntensity,
    ClearanceStatus,
    Condition,
    CvRiskFactor,
    EdHistory,
    MedicationFlag,
    PsychosisState,
    SettingPreference,
    Severity,
    SocialPreference,
    SuicideRisk,
    Symptom,
    TimeOfDay,
    WalkingAbility,
)
from .model import Intake

MAX_SECONDARY_CONDITIONS = 3  # rules.md 2C
MAX_FALLS = 100  # 2F says 0, 1, >= 2; a sane upper bound against typing errors


class IntakeError(ValueError):
    """An intake with one or more bad fields. `errors`: field -> list of messages."""

    def __init__(self, errors: Mapping[str, list[str]]):
        self.errors = {k: list(v) for k, v in sorted(errors.items())}
        super().__init__("; ".join(f"{k}: {m}" for k, ms in self.errors.items() for m in ms))

    def lines(self) -> list[str]:
        """One `field: message` line per error (the CLI prints these on stderr)."""
        return [f"{k}: {m}" for k, ms in self.errors.items() for m in ms]


# --- the field table ------------------------------------------------------------------------
# kind: ("int", lo, hi) | ("bool",) | ("enum", E) | ("list", E) | ("date",) | ("time",)
#       | ("region",)

_FIELDS: dict[str, tuple] = {
    "age": ("int", 0, 110),
    "primary_condition": ("enum", Condition),
    "secondary_conditions": ("list", Condition),
    "depression_severity": ("enum", Severity),
    "anxiety_severity": ("enum", Severity),
    "phq9_total": ("int", 0, 27),
    "phq9_item9": ("int", 0, 3),
    "gad7_total": ("int", 0, 21),
    "bipolar_state": ("enum", BipolarState),
    "psychosis_state": ("enum", PsychosisState),
    "ptsd_in_trauma_focused_therapy": ("bool",),
    "stroke_rehab_team_involved": ("bool",),
    "stroke_months_since": ("int", 0, 600),
    "walking_ability": ("enum", WalkingAbility),
    "suicide_risk": ("enum", SuicideRisk),
    "ed_history": ("enum", EdHistory),
    "ed_medical_restriction": ("bool",),
    "compulsive_exercise_history": ("bool",),
    "q1a_heart_condition": ("bool",),
    "q1b_high_blood_pressure": ("bool",),
    "bp_uncontrolled": ("bool",),
    "q2_chest_pain": ("bool",),
    "q3_dizziness_loc": ("bool",),
    "q4_other_chronic": ("bool",),
    "q5_chronic_meds": ("bool",),
    "q6_msk_problem": ("bool",),
    "q7_supervised_only": ("bool",),
    "known_cvd": ("bool",),
    "known_metabolic": ("bool",),
    "known_renal": ("bool",),
    "symptoms": ("list", Symptom),
    "regular_exerciser": ("bool",),
    "cv_risk_factors": ("list", CvRiskFactor),
    "medication_flags": ("list", MedicationFlag),
    "falls_12m": ("int", 0, MAX_FALLS),
    "fear_of_falling": ("bool",),
    "pregnant_or_postpartum_6m": ("bool",),
    "clearance_status": ("enum", ClearanceStatus),
    # a clearance limit lies between the gentlest floor and the weekly cap (plan-json.md: 10-300)
    "clearance_max_minutes": ("int", K.FLOOR_GENTLE, K.WM_CAP),
    "clearance_max_intensity": ("enum", ClearanceIntensity),
    "base_total_min": ("int", 0, 1500),
    "base_vig_min": ("int", 0, 1500),
    "base_strength_days": ("int", 0, 7),
    "wants_to_keep_vigorous": ("bool",),
    "barriers": ("list", Barrier),
    "preferred_activities": ("list", Activity),
    "social_preference": ("enum", SocialPreference),
    "setting_preference": ("enum", SettingPreference),
    "time_of_day": ("enum", TimeOfDay),
    "available_days": ("int", 1, 7),
    "crisis_region": ("region",),
    "plan_start_date": ("date",),
    "usual_bedtime": ("time",),
    "show_conditions_on_handout": ("bool",),
}

REQUIRED = ("age", "primary_condition", "base_total_min")
FIELD_NAMES = frozenset(_FIELDS)

# Keep the table and the dataclass in step: a field added to one must be added to the other.
_INTAKE_FIELDS = frozenset(f.name for f in dataclasses.fields(Intake))
if _INTAKE_FIELDS != FIELD_NAMES:  # pragma: no cover - a programming error, caught at import
    raise RuntimeError(f"intake table and Intake differ: {sorted(_INTAKE_FIELDS ^ FIELD_NAMES)}")

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME_RE = re.compile(r"([01]\d|2[0-3]):[0-5]\d")

# Condition -> the field that must give its severity or state (plan-json.md "Required").
_CONDITION_FIELD = {
    Condition.DEPRESSION: "depression_severity",
    Condition.ANXIETY: "anxiety_severity",
    Condition.BIPOLAR: "bipolar_state",
    Condition.PSYCHOTIC_DISORDER: "psychosis_state",
}
# States that are read only when their condition is present (rules 7.17): an error otherwise.
_STATE_ONLY_WITH = {
    "bipolar_state": Condition.BIPOLAR,
    "psychosis_state": Condition.PSYCHOTIC_DISORDER,
}


def _choices(enum: type[StrEnum]) -> str:
    return ", ".join(m.value for m in enum)


def _convert(value, spec: tuple):
    """Return (converted value, error message or None) for one present, non-null field."""
    kind = spec[0]
    if kind == "int":
        lo, hi = spec[1], spec[2]
        if type(value) is not int:
            return None, f"must be a whole number from {lo} to {hi}"
        if not lo <= value <= hi:
            return None, f"must be from {lo} to {hi} (got {value})"
        return value, None
    if kind == "bool":
        if type(value) is not bool:
            return None, "must be true or false"
        return value, None
    if kind == "enum":
        enum = spec[1]
        if not isinstance(value, str) or value not in enum._value2member_map_:
            return None, f"must be one of: {_choices(enum)} (got {value!r})"
        return enum(value), None
    if kind == "list":
        enum = spec[1]
        if not isinstance(value, list | tuple):
            return None, f"must be a list of: {_choices(enum)}"
        bad = [v for v in value if not isinstance(v, str) or v not in enum._value2member_map_]
        if bad:
            return None, f"unknown value(s) {bad!r}; allowed: {_choices(enum)}"
        if len(set(value)) != len(value):
            return None, "lists a value more than once"
        return tuple(enum(v) for v in value), None
    if kind == "date":
        if type(value) is not str or not _DATE_RE.fullmatch(value):
            return None, "must be a date written YYYY-MM-DD"
        try:
            date = dt.date.fromisoformat(value)
        except ValueError:
            return None, f"is not a real date ({value!r})"
        if date > K.LATEST_INTAKE_DATE:
            return None, (f"is too far in the future: the plan's dates would run past the year "
                          f"9999 (the latest is {K.LATEST_INTAKE_DATE.isoformat()})")
        return date, None
    if kind == "time":
        if type(value) is not str or not _TIME_RE.fullmatch(value):
            return None, "must be a time written HH:MM (24-hour clock)"
        return dt.time.fromisoformat(value), None
    if kind == "region":
        if type(value) is not str or not value:
            return None, "must be a region code such as \"US\""
        # N03: a region with no configured crisis resources must block output, so refuse it here.
        if not crisis.has_region(value):
            return None, f"no crisis resources are configured for region {value!r} (N03)"
        return value, None
    raise AssertionError(kind)  # pragma: no cover


def parse_intake(data: object) -> Intake:
    """Validate a JSON-shaped intake and return it as an Intake; raise IntakeError otherwise.

    Every bad field is reported, each under its own name. `null` counts as omitted (the
    default applies, or the field is reported as required).
    """
    if not isinstance(data, Mapping):
        raise IntakeError({"intake": ["must be a JSON object of intake fields"]})
    errors: dict[str, list[str]] = {}
    values: dict[str, object] = {}

    def err(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    for name, value in data.items():
        spec = _FIELDS.get(name)
        if spec is None:
            err(str(name), "unknown field")
            continue
        if value is None:
            continue
        converted, message = _convert(value, spec)
        if message:
            err(name, message)
        else:
            values[name] = converted

    for name in REQUIRED:
        if data.get(name) is None:
            err(name, "is required")

    _check_cross_fields(data, values, err)
    if errors:
        raise IntakeError(errors)
    return Intake(**values)


def _check_cross_fields(data: Mapping, v: dict, err) -> None:
    """Rules between fields: conditions, scores, baseline, clearance restrictions."""
    primary = v.get("primary_condition")
    secondary = v.get("secondary_conditions", ())
    if "secondary_conditions" in v:
        if primary is not None and primary in secondary:
            err("secondary_conditions", f"must not repeat the primary condition ({primary})")
        if len(secondary) > MAX_SECONDARY_CONDITIONS:
            err("secondary_conditions", f"at most {MAX_SECONDARY_CONDITIONS} conditions")
    # Every condition given validly needs its severity or state, even when the other condition
    # fields are bad, so that all missing fields are named at once.
    present = _valid_conditions(data, v)
    for condition, field in _CONDITION_FIELD.items():
        if condition in present and data.get(field) is None:
            err(field, f"is required when {condition} is a condition")
    # "Not a condition" is only certain when every condition field is valid: a mis-typed
    # primary may well be meant as the condition whose state was given.
    conditions_known = primary is not None and "secondary_conditions" not in _bad(data, v)
    if conditions_known:
        for field, condition in _STATE_ONLY_WITH.items():
            if data.get(field) is not None and condition not in present:
                err(field, f"is only allowed when {condition} is a condition (rules 7.17)")

    if data.get("phq9_total") is not None and data.get("phq9_item9") is None:
        err("phq9_item9", "is required when phq9_total is given")

    total, vig = v.get("base_total_min"), v.get("base_vig_min")
    if total is not None and vig is not None and vig > total:
        err("base_vig_min", f"must not exceed base_total_min ({vig} > {total})")

    status_known = "clearance_status" not in _bad(data, v)
    obtained = v.get("clearance_status") is ClearanceStatus.OBTAINED
    for field in ("clearance_max_minutes", "clearance_max_intensity"):
        if data.get(field) is not None and not obtained and status_known:
            err(field, 'is only allowed with clearance_status "obtained" (rules 7.2)')
    limit = v.get("clearance_max_minutes")
    if limit is not None and limit % K.ROUND_TO:
        err("clearance_max_minutes", f"must be a multiple of {K.ROUND_TO} (got {limit})")


def _valid_conditions(data: Mapping, values: dict) -> set[Condition]:
    """The conditions named validly: the primary and the allowed entries of the secondary list,
    also when that list as a whole was refused (an unknown entry, say)."""
    present = set(values.get("secondary_conditions", ()))
    if values.get("primary_condition") is not None:
        present.add(values["primary_condition"])
    if "secondary_conditions" not in values:
        given = data.get("secondary_conditions")
        if isinstance(given, list | tuple):
            present.update(Condition(c) for c in given
                           if isinstance(c, str) and c in Condition._value2member_map_)
    return present


def _bad(data: Mapping, values: dict) -> set[str]:
    """Fields that were given but did not convert (so cross-checks on them would mislead)."""
    return {k for k, val in data.items() if val is not None and k in _FIELDS and k not in values}
