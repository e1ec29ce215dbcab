"""Rule and evidence IDs behind each output key (the plan's `why`).

`why` maps an output key to a tuple of IDs: rule IDs (R-...) first, then design choices (D-..),
evidence (E.., X..) and section-7 clarifications ("7.4"). Keys:

- top-level numbers and choices: "mode", "baseline_minutes", "target_minutes",
  "phase2_target_minutes", "start_minutes", "gentle_start", "vigorous_allowed", "wording",
  "strength_sessions_target", "target_reached_step", "main_activity", "review_weeks",
  "sessions_end_by", "hard_stop", "start_date"
- each gate, flag and clearance reason by code: "gates.RISK_ATTESTATION", "flags.FALLS_RISK",
  "clearance_reasons.SYMPTOMS", ...; plus "gates", "flags", "clearance_reasons" (the union)
- step fields, for every row: "steps" (which rows are printed), "steps.weekly_minutes",
  "steps.sessions", "steps.minutes_per_session", "steps.mind_body_sessions",
  "steps.aerobic_minutes", "steps.intensity", "steps.strength_sessions"
- "adaptations.R-BAR-xx" for each barrier adaptation that applies
- "overrides.<kind>" for each clinician override applied (R-CAP-7, N22)

Only IDs that exist in rules.md are cited (tests/engine/test_explain.py checks them).
"""

from __future__ import annotations

from functools import lru_cache

from .enums import ClearanceReason, Flag, Gate, HardStop, Mode, Wording

HARD_STOP = {
    HardStop.OUT_OF_SCOPE_MINOR: ("R-SAFE-HS1", "X01"),
    HardStop.CRISIS: ("R-SAFE-HS2", "R-SAFE-CRISIS", "E51", "E52"),
    HardStop.BIPOLAR_ELEVATED_HOLD: ("R-SAFE-HS3", "E24", "X17"),
    HardStop.PSYCHOSIS_ACUTE_HOLD: ("R-SAFE-HS4", "E24", "X18"),
}

GATE = {
    Gate.RISK_ATTESTATION: ("R-SAFE-CRISIS", "E51", "E52", "7.22"),
    Gate.CLEARANCE_PENDING: ("R-SAFE-CLR", "X05", "X06", "7.16"),
    Gate.ED_TEAM_CONFIRM: ("R-SAFE-ED", "E47", "X16", "D-13"),
    Gate.ED_INFORMED_SIGNOFF: ("R-MAINT-3", "R-SAFE-ED", "E47", "X16"),
}

FLAG = {
    Flag.CLEARANCE_REQUIRED: ("R-SAFE-CLR", "X05", "X06", "E50"),
    Flag.VIGOROUS_LOCK: ("R-SAFE-CLR", "R-SAFE-VIG", "X05", "D-12", "7.9"),
    Flag.ADVISORY_GP: ("R-SAFE-ADV", "E50", "X05", "D-11", "7.12", "7.13"),
    Flag.ED_COMPULSIVE_CAP: ("R-SAFE-ED", "R-DOSE-3", "R-CAP-3", "E46", "E47", "E48", "X16",
                             "D-13"),
    Flag.HIGH_VOLUME_REVIEW: ("R-SAFE-HV", "E05", "E46", "E47", "X16", "7.10"),
    Flag.VIGOROUS_BASELINE_REVIEW: ("R-MAINT-4", "E08", "X05", "X17", "7.11"),
    Flag.FALLS_RISK: ("R-START-1", "R-MIX-4", "E65", "X01", "7.15"),
    Flag.DAYS_LIMITED: ("R-MIX-6", "D-10", "8.1", "8.2"),
    Flag.MED_LITHIUM: ("R-SAFE-MED", "X19", "E81"),
    Flag.MED_ANTIPSYCHOTIC: ("R-SAFE-MED",),
    Flag.MED_BETA_BLOCKER: ("R-SAFE-MED", "R-INT-3", "X22"),
    Flag.MED_INSULIN_OR_SULFONYLUREA: ("R-SAFE-MED", "X05", "7.14"),
    Flag.MED_STIMULANT: ("R-SAFE-MED",),
}

CLEARANCE_REASON = {
    ClearanceReason.SYMPTOMS: ("R-SAFE-CLR", "X05"),
    ClearanceReason.PARQ_CHEST_PAIN: ("R-SAFE-CLR", "X06"),
    ClearanceReason.PARQ_DIZZINESS_OR_LOC: ("R-SAFE-CLR", "X06"),
    ClearanceReason.PARQ_SUPERVISED_ONLY: ("R-SAFE-CLR", "X06"),
    ClearanceReason.KNOWN_CMR_DISEASE_INACTIVE: ("R-SAFE-CLR", "X05", "7.14"),
    ClearanceReason.STROKE_REHAB_TEAM: ("R-SAFE-CLR", "X13"),
    ClearanceReason.PREGNANCY: ("R-SAFE-CLR", "X06", "7.27"),
    ClearanceReason.BP_UNCONTROLLED: ("R-SAFE-CLR", "X05"),
    ClearanceReason.ED_MEDICAL: ("R-SAFE-CLR", "R-SAFE-ED", "X16"),
    ClearanceReason.REHAB_INPUT: ("R-SAFE-CLR", "7.15"),
}

MODE = {
    Mode.BUILD: ("R-START-3", "R-PROG-1", "E40", "E42"),
    Mode.MAINTAIN: ("R-MAINT-1", "E05", "E16", "E49"),
    Mode.MAINTAIN_CURRENT: ("R-MAINT-2", "E05", "E46", "E47", "7.1"),
    Mode.MAINTAIN_AT_ED_CAP: ("R-MAINT-3", "R-SAFE-ED", "E47", "X16", "7.3"),
}
MODE_AT_LIMIT = ("R-MAINT-1", "R-DOSE-5", "X05", "7.1")

WORDING = {
    Wording.ADJUNCT: ("R-WORD-1", "R-DOSE-4", "E24", "E27", "E28"),
    Wording.STANDALONE_FOR_SOME: ("R-WORD-2", "R-DOSE-4", "E23", "E25"),
    Wording.GENERAL: ("R-WORD-3", "R-DOSE-4", "E28", "E53"),
    Wording.ADJUNCT_REHAB: ("R-WORD-3", "R-WORD-1", "R-DOSE-4", "E24", "E73", "X13"),
}

BASELINE = ("R-START-2", "X02")
TARGET = ("R-DOSE-1", "R-DOSE-4", "D-4", "E01", "E06", "X01")
TARGET_REDUCED = ("R-DOSE-2", "D-3", "E03", "E04", "E40")
TARGET_ED = ("R-DOSE-3", "D-13")
TARGET_DAYS = ("R-MIX-6", "D-10", "8.1", "8.2")
TARGET_LIMIT = ("R-DOSE-5", "X05", "7.1")
PHASE2 = ("R-DOSE-2", "R-REV-5", "D-3", "7.1", "7.4")
PHASE2_UNLOCKED = ("R-REV-5", "R-PROG-6")
START_BUILD = ("R-START-1", "R-START-3", "D-5", "E39", "E40", "E42", "7.5")
START_MAINTAIN = ("R-MAINT-1", "R-MAINT-3", "R-DOSE-5")
START_NONE = ("R-MAINT-2",)
GENTLE = ("R-START-1", "D-5", "E38", "E39", "E40")
VIGOROUS = ("R-SAFE-VIG", "R-DOSE-4", "D-12", "E06", "E08", "X02", "X05", "X06", "7.7")
SST = ("R-MIX-2", "R-DOSE-4", "D-4", "D-8", "E13", "E57", "E68", "E69", "E70", "X01", "X04",
       "X14", "X21")
TARGET_REACHED = ("R-PROG-3", "R-PROG-5", "7.25")
MAIN_ACTIVITY = ("E04", "E12", "E15", "E41", "E81")
REVIEW_WEEKS = ("R-REV-1", "E18", "E19")
EARLY_CONTACT = ("8.18", "R-REV-1", "E40")
SESSIONS_END_BY = ("R-MIX-7", "R-BAR-12", "X15", "E79")
START_DATE = ("R-PROG-4", "R-REV-1")

STEPS_BUILD = ("R-PROG-5", "R-PROG-4")
STEPS_MAINTAIN = ("R-PROG-5", "R-PROG-4", "7.25")
WM_BUILD = ("R-PROG-1", "R-PROG-2", "R-PROG-3", "R-START-3", "R-CAP-1", "R-CAP-2", "D-6", "D-7",
            "E40", "E49", "E78", "X04", "X09")
WM_MAINTAIN = ("R-MAINT-1", "R-CAP-1", "E05", "E16")
WM_ED = ("R-MAINT-3", "R-CAP-3", "E47", "X16", "7.3")
WM_LIMIT = ("R-DOSE-5", "R-MAINT-1", "X05", "7.1")
SESSIONS = ("R-MIX-6", "R-CAP-6", "D-10", "X01")
MINUTES_PER_SESSION = ("R-MIX-6", "D-10", "7.23")
MIND_BODY = ("R-MIX-3", "R-CAP-5", "D-9", "E14", "E15", "E55", "X12", "7.21")
AEROBIC = ("R-MIX-3", "D-9", "7.23")
INTENSITY_BUILD = ("R-INT-2", "R-PROG-2", "E06", "E09", "E66", "X05")
INTENSITY_MAINTAIN = ("R-INT-2", "R-MAINT-1", "E06", "7.6")
INTENSITY_LIMIT = ("R-DOSE-5", "R-SAFE-CLR", "X05", "7.8")
STRENGTH = ("R-MIX-2", "R-CAP-4", "D-8", "E13", "E68", "E69", "X04", "X21", "7.18", "7.19",
            "7.20")
STRENGTH_ED = ("R-CAP-3", "R-SAFE-ED", "E47", "E48")
OVERRIDE = ("R-CAP-7", "N22")
FROZEN = ("R-REV-3", "E25", "E33", "N16")

# R-BAR-xx: barrier -> rule ID (3(e)); the plan lists the adaptations that apply.
BARRIER_RULE = {
    "fatigue": "R-BAR-01",
    "anhedonia": "R-BAR-02",
    "low_motivation": "R-BAR-03",
    "psychomotor_retardation": "R-BAR-04",
    "social_withdrawal": "R-BAR-05",
    "avoidance": "R-BAR-06",
    "no_safe_place": "R-BAR-07",
    "cost": "R-BAR-08",
    "time": "R-BAR-09",
    "physical_limitation": "R-BAR-10",
    "pain": "R-BAR-11",
    "poor_sleep": "R-BAR-12",
}
BARRIER_EVIDENCE = {
    "R-BAR-01": ("E36", "E38", "E09", "X01"),
    "R-BAR-02": ("E17", "E36", "E45", "X10"),
    "R-BAR-03": ("E40", "E43", "X10", "X04"),
    "R-BAR-04": ("E36", "E38", "E09"),
    "R-BAR-05": ("E36", "E43", "X10"),
    "R-BAR-06": ("E36", "X10", "X23"),
    "R-BAR-07": ("E44",),
    "R-BAR-08": ("E44",),
    "R-BAR-09": ("X01", "E02"),
    "R-BAR-10": ("E50", "X06"),
    "R-BAR-11": ("E50",),
    "R-BAR-12": ("E79", "X15"),
}


@lru_cache(maxsize=4096)
def join(*parts: tuple[str, ...]) -> tuple[str, ...]:
    """Concatenate ID tuples without repeats: rule IDs first, then the others, each group in
    the order given."""
    seen: dict[str, None] = {}
    for part in parts:
        for i in part:
            seen.setdefault(i, None)
    rules = [i for i in seen if i.startswith("R-")]
    return tuple(rules + [i for i in seen if not i.startswith("R-")])
