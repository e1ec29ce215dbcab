"""Mode, start and weekly minutes per step (R-MAINT, R-START, R-PROG; rules 3.0 step 6-7).

Pure integer arithmetic. `weekly_minutes` returns the WM sequence of the printed steps;
mix.make_step turns each WM into a full row.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from . import constants as K
from .dose import rd5
from .enums import Mode
from .model import ReviewPoint


def is_consolidation(step: int) -> bool:
    """R-PROG-2 (D-7; E18, E78, E80): steps 4, 8, 12, ... hold the previous step's WM."""
    return step % K.CONSOLIDATION_EVERY == 0


def floor_for(gentle: bool) -> int:
    """R-START-1 (D-5; E39, E40, E42): 10 for a gentle start, 30 otherwise."""
    return K.FLOOR_GENTLE if gentle else K.FLOOR_STANDARD


def choose_mode(b: int, t: int, *, ed_cap: bool, limit: int | None) -> Mode:
    """R-MAINT-1..3 and rules 7.1, in the order of 3.0:
    ED flag and B > 150 -> MAINTAIN_AT_ED_CAP (R-MAINT-3); B above the clearance limit ->
    MAINTAIN at the limit (R-DOSE-5); B > 300 -> MAINTAIN_CURRENT (R-MAINT-2); B >= T ->
    MAINTAIN (R-MAINT-1); else BUILD."""
    if ed_cap and b > K.ED_MAINTAIN_FROM:
        return Mode.MAINTAIN_AT_ED_CAP
    if limit is not None and b > limit:
        return Mode.MAINTAIN
    if b > K.HIGH_VOLUME_FROM:
        return Mode.MAINTAIN_CURRENT
    if b >= t:
        return Mode.MAINTAIN
    return Mode.BUILD


def maintained_minutes(mode: Mode, b: int, *, limit: int | None) -> int | None:
    """The WM held at every step in a MAINTAIN mode (None for BUILD and MAINTAIN_CURRENT):
    ED cap min(150, L) (R-MAINT-3, rules 7.3); the clearance limit when B is above it (7.1);
    else rd5(B) (R-MAINT-1)."""
    if mode is Mode.MAINTAIN_AT_ED_CAP:
        return K.ED_WM_CAP if limit is None else min(K.ED_WM_CAP, rd5(limit))
    if mode is Mode.MAINTAIN:
        return rd5(limit) if limit is not None and b > limit else rd5(b)
    return None


def start_minutes(b: int, t: int, floor: int) -> int:
    """R-START-3 (E40, E42; rules 7.5): S = min(max(rd5(B), floor), T). Never below current
    activity, never below the floor unless T is."""
    s = rd5(b)
    if s < floor:
        s = floor
    return s if s < t else t


def build_minutes(start: int, target: int, *, first_step: int = 1,
                  min_last_step: int = K.MIN_PRINTED_STEPS) -> list[int]:
    """R-PROG-1/2/3/5 (D-6, D-7; X04, X09; E05, E49): from `start` at `first_step`, +10 a
    step up to `target`, holding at consolidation steps; printed up to the later of
    `min_last_step` and the first step at the target. Returns the WM of steps first_step.. ."""
    wm = [start]
    step = first_step
    reached = start >= target
    while not reached or step < min_last_step:
        step += 1
        prev = wm[-1]
        if is_consolidation(step) or prev >= target:
            wm.append(prev)
        else:
            nxt = prev + K.STEP_INCREASE
            wm.append(nxt if nxt < target else target)
        reached = wm[-1] >= target
    return wm


@lru_cache(maxsize=1024)
def review_weeks(start_date: dt.date | None) -> tuple[ReviewPoint, ...]:
    """R-REV-1 (E18, E19): reviews in calendar weeks 4, 8 and 12, then every 12 weeks; the
    plan lists the first REVIEW_POINTS_LISTED (4, 8, 12, 24, 36). Each is dated on the first
    day of its week (start + 7 x (week - 1)); None without a start date."""
    weeks = list(K.REVIEW_WEEKS_FIRST)
    while len(weeks) < K.REVIEW_POINTS_LISTED:
        weeks.append(weeks[-1] + K.REVIEW_INTERVAL_LATER)
    if start_date is None:
        return tuple(ReviewPoint(w) for w in weeks)
    return tuple(ReviewPoint(w, start_date + dt.timedelta(days=7 * (w - 1))) for w in weeks)
