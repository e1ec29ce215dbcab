"""The hard limits on what the app can schedule (R-CAP-1..6, N04, N13), as one check.

`cap_violations(plan, intake)` lists every broken limit in words a clinician can read, or
returns an empty list. Overrides are re-checked with it (R-CAP-7), and the property tests
assert it stays empty for every plan the engine builds.
"""

from __future__ import annotations

from . import constants as K
from .enums import Intensity, Mode
from .model import Intake, Plan


def cap_violations(plan: Plan, intake: Intake) -> list[str]:
    """Every cap the plan's steps break (empty when none)."""
    out: list[str] = []
    if plan.hard_stop is not None:
        if plan.steps:
            out.append("a plan under a hard stop has no steps (N11)")
        return out
    days = intake.available_days
    limit = plan.clearance_max_minutes
    prev = None
    for row in plan.steps:
        n, wm = row.step, row.weekly_minutes
        if wm > K.WM_CAP:
            out.append(f"step {n}: {wm} minutes is more than {K.WM_CAP} a week (R-CAP-1)")
        if plan.ed_cap and wm > K.ED_WM_CAP:
            out.append(f"step {n}: {wm} minutes is more than {K.ED_WM_CAP} a week with the "
                       f"eating-disorder/compulsive-exercise flag (R-CAP-3)")
        if limit is not None and wm > limit:
            out.append(f"step {n}: {wm} minutes is more than the clearance limit of {limit} "
                       f"(R-DOSE-5)")
        if prev is not None and wm - prev > K.STEP_INCREASE:
            out.append(f"step {n}: a rise of {wm - prev} minutes is more than "
                       f"+{K.STEP_INCREASE} (R-CAP-2)")
        if plan.mode is Mode.BUILD and wm > plan.target_minutes:
            out.append(f"step {n}: {wm} minutes is above the target {plan.target_minutes} "
                       f"(R-PROG-3)")
        s = row.strength_sessions
        if s > K.STRENGTH_CAP:
            out.append(f"step {n}: {s} strength sessions is more than {K.STRENGTH_CAP} (R-CAP-4)")
        if s > days:
            out.append(f"step {n}: {s} strength sessions on {days} available days (rules 7.18)")
        if plan.ed_cap and (s > K.ED_STRENGTH_CAP or s > row.sessions):
            out.append(f"step {n}: {s} strength sessions breaks the eating-disorder cap of "
                       f"{K.ED_STRENGTH_CAP}, on aerobic days (R-CAP-3)")
        if row.mind_body_sessions > row.sessions // K.MIND_BODY_SHARE_DIVISOR:
            out.append(f"step {n}: more than half the sessions are mind-body (R-CAP-5)")
        if not 1 <= row.sessions <= K.SESSIONS_MAX or row.sessions > days or (
                row.sessions < K.SESSIONS_MIN and days >= K.SESSIONS_MIN
                and wm >= K.SESSIONS_MIN * K.MIN_BOUT):
            out.append(f"step {n}: {row.sessions} sessions is outside 3-5 a week (R-CAP-6)")
        if row.intensity is Intensity.MODERATE_VIGOROUS_OPTIONAL and not plan.vigorous_allowed:
            out.append(f"step {n}: vigorous intensity without R-SAFE-VIG (N04)")
        prev = wm
    return out
