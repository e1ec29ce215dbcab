"""The engine's value objects: what goes in (Intake) and what comes out (Plan).

Field names are those of ../shared/spec/plan-json.md, so `Plan.to_dict()` *is* the plan JSON.
Everything is frozen: a plan, once built, is a fact about one intake on one day.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from .enums import (
    Activity,
    Barrier,
    BipolarState,
    ClearanceIntensity,
    ClearanceStatus,
    Condition,
    CvRiskFactor,
    EdHistory,
    HardStop,
    Intensity,
    MedicationFlag,
    Mode,
    PsychosisState,
    SettingPreference,
    Severity,
    SocialPreference,
    SuicideRisk,
    Symptom,
    TimeOfDay,
    WalkingAbility,
    Wording,
)


@dataclass(frozen=True)
class Intake:
    """One assessment, as the rules read it (rules.md section 2, plan-json.md "Intake").

    Defaults are those plan-json.md gives for omitted keys. Multi-selects are tuples.
    """

    age: int
    primary_condition: Condition
    base_total_min: int
    secondary_conditions: tuple[Condition, ...] = ()
    depression_severity: Severity | None = None
    anxiety_severity: Severity | None = None
    phq9_total: int | None = None
    phq9_item9: int | None = None
    gad7_total: int | None = None
    bipolar_state: BipolarState | None = None
    psychosis_state: PsychosisState | None = None
    ptsd_in_trauma_focused_therapy: bool = False
    stroke_rehab_team_involved: bool = False
    stroke_months_since: int | None = None
    walking_ability: WalkingAbility = WalkingAbility.INDEPENDENT
    suicide_risk: SuicideRisk = SuicideRisk.NONE
    ed_history: EdHistory = EdHistory.NONE
    ed_medical_restriction: bool = False
    compulsive_exercise_history: bool = False
    q1a_heart_condition: bool = False
    q1b_high_blood_pressure: bool = False
    bp_uncontrolled: bool = False
    q2_chest_pain: bool = False
    q3_dizziness_loc: bool = False
    q4_other_chronic: bool = False
    q5_chronic_meds: bool = False
    q6_msk_problem: bool = False
    q7_supervised_only: bool = False
    known_cvd: bool = False
    known_metabolic: bool = False
    known_renal: bool = False
    symptoms: tuple[Symptom, ...] = ()
    regular_exerciser: bool = False
    cv_risk_factors: tuple[CvRiskFactor, ...] = ()
    medication_flags: tuple[MedicationFlag, ...] = ()
    falls_12m: int = 0
    fear_of_falling: bool = False
    pregnant_or_postpartum_6m: bool = False
    clearance_status: ClearanceStatus = ClearanceStatus.NOT_REQUIRED
    clearance_max_minutes: int | None = None
    clearance_max_intensity: ClearanceIntensity | None = None
    base_vig_min: int = 0
    base_strength_days: int = 0
    wants_to_keep_vigorous: bool = True
    barriers: tuple[Barrier, ...] = ()
    preferred_activities: tuple[Activity, ...] = ()
    social_preference: SocialPreference | None = None
    setting_preference: SettingPreference | None = None
    time_of_day: TimeOfDay | None = None
    available_days: int = 5
    crisis_region: str = "US"
    plan_start_date: dt.date | None = None
    usual_bedtime: dt.time | None = None
    show_conditions_on_handout: bool = False

    @property
    def conditions(self) -> tuple[Condition, ...]:
        """Primary first, then secondaries (R-DOSE-4 combines them)."""
        return (self.primary_condition, *self.secondary_conditions)

    def to_dict(self) -> dict:
        """The canonical intake JSON (plan-json.md), every field spelled out."""
        return {f.name: _jsonable(getattr(self, f.name)) for f in dataclasses.fields(self)}


@dataclass(frozen=True)
class Step:
    """One printed row of the plan (R-PROG-5). Keys as plan-json.md "Each step"."""

    step: int
    weekly_minutes: int
    sessions: int
    minutes_per_session: int
    mind_body_sessions: int
    aerobic_minutes: int
    intensity: Intensity
    strength_sessions: int
    consolidation: bool = False
    # Added by the engine (issue 3); see docs/engine.md "Steps".
    week: int = 0  # calendar week of this row (1-based); equals `step` until a hold repeats one
    repeat: bool = False  # this row repeats the step before it (a hold, R-PROG-4 / R-REV-3 row 4)
    date: dt.date | None = None  # first day of `week` (plan start + 7 x (week - 1)), if dated
    strength_stage: str | None = None  # R-MIX-2 content ladder: starter / somewhat_hard / full /
    #                                    own_routine (base >= 1); None without strength sessions

    def to_dict(self) -> dict:
        return {f.name: _jsonable(getattr(self, f.name)) for f in _STEP_FIELDS}


@dataclass(frozen=True)
class ReviewPoint:
    """A clinical review in calendar weeks from the start date (R-REV-1).

    `date` is the first day of that calendar week (plan start + 7 x (week - 1)); the review may
    be held on any day of the week. None when the plan has no start date.
    """

    week: int
    date: dt.date | None = None

    def to_dict(self) -> dict:
        return {"week": self.week, "date": _jsonable(self.date)}


@dataclass(frozen=True)
class TextBlock:
    """A block of client-facing (or clinician-facing) text the engine wrote and validated.

    `key` is stable (templates and the PDF renderer look blocks up by it); `title` may be empty;
    `paragraphs` are plain sentences; `bullets` are list items. No markup anywhere: renderers
    escape everything.
    """

    key: str
    title: str
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "key": self.key,
            "title": self.title,
            "paragraphs": list(self.paragraphs),
            "bullets": list(self.bullets),
        }

    def all_text(self) -> str:
        return "\n".join((self.title, *self.paragraphs, *self.bullets))


@dataclass(frozen=True)
class ChosenMove:
    """One strength, balance or mobility move of the plan (issue 25; docs/engine.md "Moves").

    A library move keeps its own words here too, so a stored revision prints as it was saved
    even if the library's text changes later; its drawing is found by `id`. A custom move
    (`custom` true, id "custom-N") is the clinician's own name and steps, with no drawing.
    `reps` counts repetitions, or seconds when `unit` is "seconds" (a hold)."""

    id: str
    name: str
    kind: str  # strength / balance / mobility
    sets: int
    reps: int
    unit: str = "reps"
    custom: bool = False
    steps: tuple[str, ...] = ()
    safer: str = ""
    harder: str = ""
    support: str = ""

    def to_dict(self) -> dict:
        data = dataclasses.asdict(self)
        data["steps"] = list(self.steps)
        return data


@dataclass(frozen=True)
class CrisisResources:
    """Crisis line and emergency number for one region (R-SAFE-CRISIS, N03).

    The fields after `emergency_department_hint` came later (rules.md section 8): they have
    defaults, so a snapshot saved before them still reads back, and `to_dict()` leaves them out
    while they are empty, so such a snapshot writes out exactly as it was stored.
    """

    region: str
    crisis_line_name: str
    crisis_line_contact: str  # e.g. "call or text 988"
    emergency_number: str  # e.g. "911"; "112 or 999"
    emergency_department_hint: str = "go to your nearest emergency department"
    crisis_line_note: str = ""  # printed after the name: "free, 24/7"
    other_line: str = ""  # a second way to get help: "text 50808"
    source: str = ""  # the public page or organisation the numbers were checked against
    checked: str = ""  # when: "2026-12" or "2026-12-07"

    def to_dict(self) -> dict:
        data = dataclasses.asdict(self)
        for key in _CRISIS_ADDED_FIELDS:
            if not data[key]:
                del data[key]
        return data


_CRISIS_ADDED_FIELDS = ("crisis_line_note", "other_line", "source", "checked")


@dataclass(frozen=True)
class Plan:
    """The engine's output (plan-json.md "Plan (output)") plus explanation and texts.

    Under a hard stop only `engine_version`, `hard_stop`, `steps` (empty) and the stop's own
    content (`crisis_resources`, `documents`) are meaningful; `to_dict()` then emits only those.

    `why` maps an output key ("target_minutes", "mode", "gates", "flags", "steps[3].intensity",
    ...) to the rule IDs (R-...), design choices (D-...) and evidence IDs (E.., X..) behind it.
    """

    engine_version: str
    hard_stop: HardStop | None = None
    mode: Mode | None = None
    baseline_minutes: int | None = None
    target_minutes: int | None = None
    phase2_target_minutes: int | None = None
    start_minutes: int | None = None
    gentle_start: bool = False
    vigorous_allowed: bool = False
    wording: Wording | None = None
    strength_sessions_target: int | None = None
    # rules 8.20: condition -> {"used", "clinician", "score", "score_band"} (plan-json.md)
    severity: dict[str, dict] = field(default_factory=dict)
    gates: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    clearance_reasons: tuple[str, ...] = ()
    target_reached_step: int | None = None
    steps: tuple[Step, ...] = ()
    review_weeks: tuple[ReviewPoint, ...] = ()
    early_contact: ReviewPoint | None = None  # rules 8.18: a week-2 contact (call or visit)
    main_activity: Activity | None = None
    why: dict[str, tuple[str, ...]] = field(default_factory=dict)
    overrides: tuple[dict, ...] = ()
    crisis_resources: CrisisResources | None = None
    texts: tuple[TextBlock, ...] = ()
    clinician_notes: tuple[TextBlock, ...] = ()
    documents: tuple[TextBlock, ...] = ()
    # --- derived facts added by the engine (issue 3); docs/engine.md "Plan" lists them. ---
    start_date: dt.date | None = None  # week 1 starts here (intake plan_start_date, else today)
    phase: int = 1  # 2 once T2 was unlocked at a review (R-REV-5, R-PROG-6)
    conditions: tuple[Condition, ...] = ()  # primary first, then secondaries
    severities: dict[str, str] = field(default_factory=dict)  # condition -> severity used (D-2)
    known_cmr: bool = False  # 0.3, rules 7.14
    falls_risk: bool = False  # 2F, rules 7.15
    ed_cap: bool = False  # R-SAFE-ED trigger (ED history or compulsive exercise)
    advisory: bool = False  # R-SAFE-ADV (same as the ADVISORY_GP flag)
    strength_first: bool = False  # R-MIX-2: some condition is strength-first (rules 7.20)
    balance_in_strength: bool = False  # R-MIX-4: 2 supported balance exercises per session
    sessions_end_by: dt.time | None = None  # R-MIX-7 / R-BAR-12: bedtime minus 2 h
    adaptations: tuple[str, ...] = ()  # R-BAR-xx rule IDs that apply to this client
    guidance: tuple[str, ...] = ()  # other client-content rules that apply (R-INT, R-HOLD, ...)
    clearance_max_minutes: int | None = None  # L, when it binds (R-DOSE-5; obtained only)
    intensity_limit: Intensity | None = None  # lowest cap in force (clearance or override)
    frozen_minutes: int | None = None  # WM frozen at a review until treatment is reviewed (N16)
    moves: tuple[ChosenMove, ...] = ()  # issue 25: the strength/balance moves, in order

    def text(self, key: str) -> TextBlock | None:
        return next((b for b in self.texts if b.key == key), None)

    def to_dict(self) -> dict:
        if self.hard_stop is not None:
            return {k: _jsonable(getattr(self, k)) for k in HARD_STOP_KEYS}
        return {f.name: _jsonable(getattr(self, f.name)) for f in dataclasses.fields(self)}

    @classmethod
    def from_dict(cls, data: dict) -> Plan:
        """The inverse of to_dict(): `Plan.from_dict(plan.to_dict()) == plan` (a saved snapshot
        back into a Plan, e.g. for the review helpers). Keys the class does not know are
        ignored; missing keys take their defaults. Raises KeyError/TypeError/ValueError on a
        damaged snapshot."""
        values = {}
        for f in dataclasses.fields(cls):
            if f.name in data:
                raw = data[f.name]
                convert = _FROM_JSON.get(f.name)
                values[f.name] = convert(raw) if convert and raw is not None else raw
        return cls(**values)


#: What a hard stop's plan holds (to_dict() emits only these; every other field is meaningless).
HARD_STOP_KEYS = ("engine_version", "hard_stop", "steps", "crisis_resources", "documents",
                  "clinician_notes", "why")

_STEP_FIELDS = dataclasses.fields(Step)
_STEP_NAMES = frozenset(f.name for f in _STEP_FIELDS)


def _date(value):
    return dt.date.fromisoformat(value) if value else None


def _tuple(convert=None):
    return lambda values: tuple(convert(v) if convert else v for v in values)


def _step_from(raw: dict) -> Step:
    values = {k: v for k, v in raw.items() if k in _STEP_NAMES}
    values["intensity"] = Intensity(values["intensity"])
    values["date"] = _date(values.get("date"))
    if not values.get("week"):  # a row written without its calendar week is week = step
        values["week"] = values["step"]
    return Step(**values)


def _move_from(raw: dict) -> ChosenMove:
    values = {k: v for k, v in raw.items() if k in _MOVE_NAMES}
    values["steps"] = tuple(values.get("steps") or ())
    return ChosenMove(**values)


_MOVE_NAMES = frozenset(f.name for f in dataclasses.fields(ChosenMove))


def _block_from(raw: dict) -> TextBlock:
    return TextBlock(raw["key"], raw.get("title", ""), tuple(raw.get("paragraphs") or ()),
                     tuple(raw.get("bullets") or ()))


_FROM_JSON = {
    "hard_stop": HardStop,
    "mode": Mode,
    "wording": Wording,
    "main_activity": Activity,
    "intensity_limit": Intensity,
    "gates": _tuple(),
    "flags": _tuple(),
    "clearance_reasons": _tuple(),
    "adaptations": _tuple(),
    "guidance": _tuple(),
    "conditions": _tuple(Condition),
    "steps": _tuple(_step_from),
    "review_weeks": _tuple(lambda r: ReviewPoint(r["week"], _date(r.get("date")))),
    "early_contact": lambda r: ReviewPoint(r["week"], _date(r.get("date"))),
    "overrides": _tuple(dict),
    "texts": _tuple(_block_from),
    "moves": _tuple(_move_from),
    "clinician_notes": _tuple(_block_from),
    "documents": _tuple(_block_from),
    "crisis_resources": lambda raw: CrisisResources(**raw),
    "why": lambda raw: {str(k): tuple(v) for k, v in raw.items()},
    "severities": dict,
    "severity": lambda raw: {str(k): dict(v) for k, v in raw.items()},
    "start_date": _date,
    "sessions_end_by": dt.time.fromisoformat,
}


def _jsonable(value):
    if value is None or isinstance(value, bool | int | str):
        return str(value) if isinstance(value, str) else value
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if hasattr(value, "to_dict"):
        return value.to_dict()
    raise TypeError(f"not JSON-able: {value!r}")
