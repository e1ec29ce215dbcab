"""Per-step mix: sessions, mind-body, strength, intensity; the main activity; session timing.

rules.md 3(d) and 3(g) (R-MIX-1..7, R-INT-2, R-CAP-3..6), as clarified in section 7.
`StepContext` holds everything a step needs that does not change from step to step, so a
whole schedule is built with a few integer operations per step.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import activities
from . import constants as K
from .dose import half_up
from .enums import Activity, Barrier, Condition, Intensity
from .model import Intake, Step

# Intensity levels in order, so "lower to a cap" is a min().
LEVEL = {Intensity.LIGHT: 0, Intensity.LIGHT_TO_MODERATE: 1, Intensity.MODERATE: 2,
         Intensity.MODERATE_VIGOROUS_OPTIONAL: 3}
BY_LEVEL = tuple(LEVEL)

# R-INT-2 profiles: the level in steps 1-3, 4-7 and 8 onward.
PROFILES = {
    "gentle": (Intensity.LIGHT, Intensity.LIGHT_TO_MODERATE, Intensity.MODERATE),
    "standard": (Intensity.LIGHT_TO_MODERATE, Intensity.MODERATE, Intensity.MODERATE),
    "regular": (Intensity.MODERATE,) * 3,
    "vigorous": (Intensity.MODERATE_VIGOROUS_OPTIONAL,) * 3,
}


@dataclass(frozen=True, slots=True)
class StepContext:
    """What every step of one plan shares (built once per plan by build.py)."""

    available_days: int
    mind_body_default: int  # R-MIX-3: 1 with anxiety, 0 with PTSD present (rules 7.21)
    prefers_mind_body: bool
    ed_cap: bool
    strength_first: bool
    sst: int  # R-MIX-2 target, 2 with the ED flag
    strength_base: int  # min(base_strength_days, 3), 2 with the ED flag (rules 7.19)
    own_routine: bool  # base_strength_days >= 1: the client keeps their routine (R-MIX-2)
    profile: str  # key of PROFILES
    intensity_cap: Intensity | None  # clearance (R-DOSE-5) and/or override cap
    strength_cap: int | None = None  # override cap (2J)
    sessions_set: int | None = None  # the clinician's sessions a week (override), else None


def sessions(wm: int, available_days: int, chosen: int | None = None) -> int:
    """R-MIX-6 (D-10, X01), R-CAP-6: N = clamp(ceil(WM/30), 3, 5), or the clinician's chosen
    number (an override checked against R-CAP-6), then at most the available days and WM // 5
    (no session under 5 minutes), and at least 1."""
    if chosen is not None:
        n = chosen
    else:
        n = -(-wm // K.SESSION_UNIT)
        n = K.SESSIONS_MIN if n < K.SESSIONS_MIN else K.SESSIONS_MAX if n > K.SESSIONS_MAX else n
    return max(1, min(n, available_days, wm // K.MIN_BOUT))


def mind_body_sessions(ctx: StepContext, n: int) -> int:
    """R-MIX-3 (D-9, E14, E15, X12), R-CAP-5: the condition default (none with PTSD), at least
    half the sessions when the client prefers mind-body, never more than half (rounded down)."""
    half = n // K.MIND_BODY_SHARE_DIVISOR
    mb = ctx.mind_body_default
    if ctx.prefers_mind_body and half > mb:
        mb = half
    return min(mb, half)


def strength_sessions(ctx: StepContext, step: int, n: int) -> int:
    """R-MIX-2 (D-8; X01, X04, X14, X21), R-CAP-3, R-CAP-4 (rules 7.18-7.20).

    Strength-first: at least 2 in steps 1-4, then at least SST. Others: the client's own
    routine in steps 1-2, at least 1 in steps 3-4, at least min(2, SST) from step 5. Never more
    than the available days; with the ED flag never more than the week's sessions (they share
    days, R-CAP-3).
    """
    base = ctx.strength_base
    if ctx.strength_first:
        want = K.STRENGTH_FIRST_MIN if step <= K.STRENGTH_FIRST_SESSION_UNTIL else ctx.sst
    elif step <= K.STRENGTH_BASE_ONLY_UNTIL:
        want = 0
    elif step <= K.STRENGTH_FIRST_SESSION_UNTIL:
        want = 1
    else:
        want = min(K.STRENGTH_STANDARD_LATER, ctx.sst)
    s = base if base > want else want
    s = min(s, ctx.available_days, n if ctx.ed_cap else 7)
    if ctx.strength_cap is not None and s > ctx.strength_cap:
        s = ctx.strength_cap
    return s


def intensity(ctx: StepContext, step: int) -> Intensity:
    """R-INT-2 (E06, E09, E66, X05): the profile's level for this step (levels change only at
    the consolidation steps 4 and 8), then lowered to any cap (R-DOSE-5, rules 7.8)."""
    levels = PROFILES[ctx.profile]
    if step >= K.INTENSITY_THIRD_LEVEL_FROM:
        level = levels[2]
    elif step >= K.INTENSITY_SECOND_LEVEL_FROM:
        level = levels[1]
    else:
        level = levels[0]
    cap = ctx.intensity_cap
    if cap is not None and LEVEL[level] > LEVEL[cap]:
        return cap
    return level


def make_step(ctx: StepContext, step: int, wm: int, *, consolidation: bool = False,
              week: int | None = None, repeat: bool = False, date: dt.date | None = None,
              strength_weeks_before: int = 0) -> Step:
    """One printed row: WM with its sessions (R-MIX-6), mind-body (R-MIX-3), aerobic minutes
    (rules 7.23), intensity (R-INT-2) and strength sessions (R-MIX-2) with their stage on the
    content ladder (`strength_weeks_before`: weeks with strength work before this one)."""
    n = sessions(wm, ctx.available_days, ctx.sessions_set)
    mb = mind_body_sessions(ctx, n)
    strength = strength_sessions(ctx, step, n)
    return Step(
        step=step,
        weekly_minutes=wm,
        sessions=n,
        minutes_per_session=half_up(wm, n),
        mind_body_sessions=mb,
        aerobic_minutes=half_up(wm * (n - mb), n),
        intensity=intensity(ctx, step),
        strength_sessions=strength,
        consolidation=consolidation,
        week=step if week is None else week,
        repeat=repeat,
        date=date,
        strength_stage=(strength_stage(strength_weeks_before + 1, ctx.own_routine)
                        if strength else None),
    )


def strength_stage(k: int, own_routine: bool) -> str:
    """R-MIX-2 content ladder (E68, E69, X21): k = the client's k-th week with strength work."""
    if own_routine:
        return "own_routine"
    for last_week, stage in K.STRENGTH_LADDER:
        if k <= last_week:
            return stage
    return "full"


# --- R-MIX-1: the main aerobic activity -----------------------------------------------------
# The activity table and its filters live in activities.py (shared with the handout texts).
AEROBIC_ACTIVITIES = activities.MAIN_CANDIDATES


def main_activity(intake: Intake) -> tuple[Activity, tuple[str, ...]]:
    """R-MIX-1 (E04, E12, E15, E41, E81): the first preferred aerobic activity that survives
    the barrier filters (R-BAR-08 zero cost; R-BAR-10 / R-BAR-11 low impact; R-BAR-07 home or
    indoor first unless the client prefers outdoors) and the condition filters (bipolar:
    steady and rhythmic, X17; unable to walk: seated). Strength and mind-body preferences are
    not aerobic choices. Default: walking (seated exercise for a client unable to walk).
    Returns the activity and the rule IDs of the filters that apply.
    """
    rules = activities.filters_for(intake).rule_ids()
    return activities.choose_main_activity(intake), ("R-MIX-1", *rules)


def sessions_end_by(intake: Intake) -> dt.time | None:
    """R-MIX-7 / R-BAR-12 (X15, E79): with poor sleep or bipolar disorder, sessions end at least
    2 hours before the usual bedtime. None without a bedtime or without either trigger."""
    if intake.usual_bedtime is None:
        return None
    if Barrier.POOR_SLEEP not in intake.barriers and Condition.BIPOLAR not in intake.conditions:
        return None
    bed = intake.usual_bedtime
    minutes = (bed.hour * 60 + bed.minute - K.PRE_BED_MARGIN_MIN) % (24 * 60)
    return dt.time(minutes // 60, minutes % 60)
