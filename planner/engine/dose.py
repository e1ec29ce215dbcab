"""Severity, the R-DOSE table, combining conditions, targets, vigorous eligibility, baseline.

rules.md 3(a), 3(b) and 3.0 step 5, as clarified in section 7.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import constants as K
from .enums import Barrier, ClearanceStatus, Condition, Severity, Wording
from .model import Intake

_SEVERITY_ORDER = {Severity.MILD: 0, Severity.MODERATE: 1, Severity.SEVERE: 2}


@dataclass(frozen=True, slots=True)
class ConditionParams:
    """One row of the R-DOSE table (rules.md 3(a)). `evidence`: the row's evidence IDs."""

    t1: int
    phase2: bool  # the row gives T2 (after review)
    vigorous: bool  # the condition allows vigorous work (R-SAFE-VIG item 1)
    sst: int
    strength_first: bool
    mind_body: int
    gentle: bool
    wording: Wording
    evidence: tuple[str, ...]


def _row(t1, vig, sst, mb, gentle, wording, *evidence, strength_first=False):
    return ConditionParams(t1, t1 == K.TARGET_REDUCED, vig, sst, strength_first, mb, gentle,
                           wording, evidence)


S, R = K.TARGET_STANDARD, K.TARGET_REDUCED
ADJ = Wording.ADJUNCT
# The R-DOSE table as data: (condition, severity or None) -> row. Severity is None for
# conditions whose row does not depend on it; healthy ageing is keyed by "65+" / "<65".
DOSE_TABLE: dict[tuple[Condition, object], ConditionParams] = {
    (Condition.DEPRESSION, Severity.MILD): _row(
        S, True, 2, 0, False, Wording.STANDALONE_FOR_SOME, "E01", "E06", "E13", "E23"),
    (Condition.DEPRESSION, Severity.MODERATE): _row(
        S, True, 2, 0, False, ADJ, "E01", "E24", "E26", "D-1"),
    (Condition.DEPRESSION, Severity.SEVERE): _row(
        R, False, 2, 0, True, ADJ, "E03", "E08", "E24", "E37", "E40", "D-3"),
    (Condition.ANXIETY, Severity.MILD): _row(
        S, True, 2, 1, False, ADJ, "E01", "E14", "E24", "E56", "E57"),
    (Condition.ANXIETY, Severity.MODERATE): _row(
        S, True, 2, 1, False, ADJ, "E01", "E14", "E24", "E56", "E57"),
    (Condition.ANXIETY, Severity.SEVERE): _row(
        R, False, 2, 1, True, ADJ, "E03", "E08", "D-3"),
    (Condition.PTSD, None): _row(R, False, 2, 0, False, ADJ, "E24", "E32", "E58", "D-3", "D-15"),
    (Condition.ADHD, None): _row(S, True, 2, 0, False, ADJ, "E01", "E60", "E61"),
    (Condition.BIPOLAR, None): _row(R, False, 2, 0, False, ADJ, "E24", "X17", "D-3", "D-15"),
    (Condition.PSYCHOTIC_DISORDER, None): _row(
        R, False, 2, 0, False, ADJ, "E24", "X18", "D-3", "D-15"),
    (Condition.HEALTHY_AGEING, "65+"): _row(
        S, True, K.SST_STRENGTH_FIRST, 0, False, Wording.GENERAL, "X01", "E21", "E65", "E71",
        strength_first=True),
    (Condition.HEALTHY_AGEING, "<65"): _row(S, True, 2, 0, False, Wording.GENERAL, "X01", "E71"),
    (Condition.STROKE_REHAB, None): _row(
        R, False, 2, 0, True, Wording.ADJUNCT_REHAB, "E73", "X13", "X05", "D-3"),
    (Condition.SARCOPENIA_RISK, None): _row(
        S, False, K.SST_STRENGTH_FIRST, 0, False, Wording.GENERAL, "E68", "E69", "E70", "E73",
        "X14", "X01", "D-14", strength_first=True),
}
del S, R, ADJ


def score_band(score: int | None) -> Severity | None:
    """D-2, X20: PHQ-9 / GAD-7 band: < 10 mild, 10-14 moderate, >= 15 severe."""
    if score is None:
        return None
    if score >= K.SCORE_SEVERE_FROM:
        return Severity.SEVERE
    if score >= K.SCORE_MODERATE_FROM:
        return Severity.MODERATE
    return Severity.MILD


def more_severe(rating: Severity | None, score: int | None) -> Severity:
    """D-2 (rules 7.22): the more severe of the clinician's rating and the score band."""
    band = score_band(score)
    if rating is None:
        return band or Severity.MILD
    if band is None or _SEVERITY_ORDER[rating] >= _SEVERITY_ORDER[band]:
        return rating
    return band


def severities(intake: Intake) -> dict[Condition, Severity]:
    """Severity per condition that has one (depression, anxiety), D-2."""
    out = {}
    conds = intake.conditions
    if Condition.DEPRESSION in conds:
        out[Condition.DEPRESSION] = more_severe(intake.depression_severity, intake.phq9_total)
    if Condition.ANXIETY in conds:
        out[Condition.ANXIETY] = more_severe(intake.anxiety_severity, intake.gad7_total)
    return out


#: The score bands as each instrument names them (X20): (highest score, band name).
PHQ9_BANDS = ((4, "minimal"), (9, "mild"), (14, "moderate"), (19, "moderately_severe"),
              (27, "severe"))
GAD7_BANDS = ((4, "minimal"), (9, "mild"), (14, "moderate"), (21, "severe"))


def instrument_band(score: int, bands) -> tuple[str, int, int]:
    """(the band the instrument names, its lowest score, its highest score) for a score."""
    low = 0
    for high, name in bands:
        if score <= high:
            return name, low, high
        low = high + 1
    return bands[-1][1], low, bands[-1][0]


def severity_report(intake: Intake, used: dict[Condition, Severity]) -> dict[str, dict]:
    """Rules 8.20, plan-json.md `severity`: per scored condition present, the severity used
    (D-2), the clinician's rating, the score (or None) and the band the instrument names."""
    out = {}
    for condition, score, rating, bands in (
            (Condition.DEPRESSION, intake.phq9_total, intake.depression_severity, PHQ9_BANDS),
            (Condition.ANXIETY, intake.gad7_total, intake.anxiety_severity, GAD7_BANDS)):
        if condition not in used:
            continue
        out[str(condition)] = {
            "used": str(used[condition]),
            "clinician": str(rating) if rating is not None else None,
            "score": score,
            "score_band": instrument_band(score, bands)[0] if score is not None else None,
        }
    return out


def params_for(condition: Condition, severity: Severity | None, age: int) -> ConditionParams:
    """R-DOSE-1 / R-DOSE-2: the R-DOSE table row for one condition."""
    if condition is Condition.HEALTHY_AGEING:
        return DOSE_TABLE[condition, "65+" if age >= K.OLDER_ADULT_AGE else "<65"]
    if condition in (Condition.DEPRESSION, Condition.ANXIETY):
        return DOSE_TABLE[condition, severity]
    return DOSE_TABLE[condition, None]


@dataclass(frozen=True, slots=True)
class Combined:
    """R-DOSE-4 (D-4): the conditions combined, most conservative value for safety settings."""

    t1: int
    phase2: bool
    vigorous: bool
    sst: int
    strength_first: bool
    mind_body: int
    gentle: bool
    wording: Wording
    binding: tuple[ConditionParams, ...]  # rows that set T (for the explanation)


_WORDING_RANK = {w: i for i, w in enumerate(Wording)}  # GENERAL < ... < ADJUNCT_REHAB


def combine(rows: list[ConditionParams]) -> Combined:
    """R-DOSE-4 (D-4): T = min, vigorous only if all allow, gentle if any, SST and mind-body
    the maximum, strength-first if any (rules 7.20), wording the strictest."""
    t1 = min(r.t1 for r in rows)
    return Combined(
        t1=t1,
        phase2=any(r.phase2 for r in rows),
        vigorous=all(r.vigorous for r in rows),
        sst=max(r.sst for r in rows),
        strength_first=any(r.strength_first for r in rows),
        mind_body=max(r.mind_body for r in rows),
        gentle=any(r.gentle for r in rows),
        wording=max((r.wording for r in rows), key=_WORDING_RANK.__getitem__),
        binding=tuple(r for r in rows if r.t1 == t1),
    )


def clearance_limit(intake: Intake) -> int | None:
    """R-DOSE-5 (rules 7.1, 7.2): L counts only once clearance is obtained."""
    if intake.clearance_status is ClearanceStatus.OBTAINED:
        return intake.clearance_max_minutes
    return None


def session_length(*, gentle: bool, age: int, regular_exerciser: bool) -> int:
    """Rules 8.1: sessions are at most 30 minutes with a gentle start, or for a client of 65 or
    older who is not a regular exerciser; otherwise at most 60."""
    if gentle or (age >= K.OLDER_ADULT_AGE and not regular_exerciser):
        return K.SESSION_CEILING_SHORT
    return K.SESSION_CEILING


def targets(combined: Combined, *, ed_cap: bool, available_days: int, session_minutes: int,
            limit: int | None) -> tuple[int, int | None, tuple[str, ...]]:
    """R-DOSE-1..5: T and T2, with the ED cap, the session-length ceiling (rules 8.1) and the
    clearance limit. Returns (T, T2, the caps that bound them by name). "days" and
    "days_phase2" mean the ceiling, and not the evidence, the ED cap or the clearance limit,
    lowered T or T2: either raises DAYS_LIMITED (rules 8.2)."""
    t = combined.t1
    bound = []
    t2 = K.TARGET_PHASE2 if combined.phase2 and t == K.TARGET_REDUCED else None
    if ed_cap and t > K.ED_WM_CAP:
        t, bound = K.ED_WM_CAP, ["ed"]
    ceiling = session_minutes * available_days
    # The clearing professional's limit, when it is no higher than the ceiling, is what binds.
    days_bind = limit is None or limit > ceiling
    if t > ceiling:
        t = ceiling
        if days_bind:
            bound.append("days")
    if limit is not None and t > limit:
        t = limit
        bound.append("limit")
    if t2 is not None:
        if ceiling < t2 and days_bind:
            bound.append("days_phase2")
        t2 = min(t2, ceiling, limit if limit is not None else t2)
        if t2 <= t:
            t2 = None
    return t, t2, tuple(bound)


def vigorous_allowed(intake: Intake, combined: Combined, *, gentle: bool, has_reasons: bool,
                     known_cmr: bool, advisory: bool, ed_cap: bool) -> bool:
    """R-SAFE-VIG (D-12, rules 7.7): every condition allows it, a regular exerciser already
    doing vigorous work who wants to keep it, and no gentle trigger, clearance reason, known
    CMR disease (VIGOROUS_LOCK), advisory, ED/compulsive flag, poor sleep (R-BAR-12) or
    clearance intensity limit. The app never introduces vigorous work."""
    return (combined.vigorous and intake.regular_exerciser and intake.base_vig_min > 0
            and intake.wants_to_keep_vigorous and not gentle and not has_reasons
            and not known_cmr and not advisory and not ed_cap
            and Barrier.POOR_SLEEP not in intake.barriers
            and intake.clearance_max_intensity is None)


def baseline(intake: Intake, vigorous: bool) -> int:
    """R-START-2 (X02): B = base_total_min + base_vig_min when vigorous is allowed (vigorous
    minutes count twice), else one for one (R-MAINT-4)."""
    return intake.base_total_min + (intake.base_vig_min if vigorous else 0)


def rd5(x: int) -> int:
    """Section 0.3: round down to a multiple of 5."""
    return x - x % K.ROUND_TO


def half_up(a: int, b: int) -> int:
    """rules 7.23: a / b rounded half up, in integers (never Python's round())."""
    return (2 * a + b) // (2 * b)
