"""Clinician overrides (rules.md 2J, R-CAP-7, N22): applied on top of the computed plan.

An override can lower T, S, intensity or strength sessions, delay (repeat) a step, or swap the
main activity. It can never raise T above the computed T, enable vigorous work, exceed a cap
(300 WM, 150 WM with the ED flag, +10 WM a step, 3 strength sessions, the available days),
remove crisis or warning content, or open or bypass a gate. Each is refused with
`OverrideRefused(kind, message)`, the message naming the cap for the clinician. Every override
needs a reason; the plan records each applied one in `plan.overrides` and cites R-CAP-7 and
N22 in `why`.

Raising T to T2 is not an override: it is the Phase-2 unlock at a review
(reviews.continue_to_phase2, R-REV-5).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from . import constants as K
from . import dose
from .build import NO_ADJUSTMENTS, Adjustments, assess, schedule
from .caps import cap_violations
from .enums import Activity, Intensity, Mode
from .explain import OVERRIDE
from .mix import AEROBIC_ACTIVITIES, LEVEL
from .model import Intake, Plan
from .moves import MoveRefused, apply_choice, default_moves


class OverrideKind(StrEnum):
    LOWER_TARGET_MINUTES = "lower_target_minutes"  # value: int, a multiple of 5, 10..T
    LOWER_START_MINUTES = "lower_start_minutes"  # value: int, a multiple of 5, 5..S (BUILD)
    LOWER_MAX_INTENSITY = "lower_max_intensity"  # value: light / light_to_moderate / moderate
    LOWER_STRENGTH_SESSIONS = "lower_strength_sessions"  # value: int, 0..3 and <= available days
    DELAY_STEP = "delay_step"  # value: the step number to repeat once (pushes later steps back)
    SWAP_MAIN_ACTIVITY = "swap_main_activity"  # value: an aerobic activity of 2I
    SESSIONS_PER_WEEK = "sessions_per_week"  # value: int, 3..5 (fewer only below 3 days), <= days
    CHOOSE_MOVES = "choose_moves"  # value: the whole list of moves (moves/choose.py, issue 25)


@dataclass(frozen=True)
class Override:
    """One clinician override: what, to which value, and why (the reason is required)."""

    kind: str
    value: object
    reason: str

    def to_dict(self) -> dict:
        value = str(self.value) if isinstance(self.value, StrEnum) else self.value
        return {"kind": str(self.kind), "value": value, "reason": self.reason}


class OverrideRefused(ValueError):
    """An override the rules do not allow. `kind` names it; `message` is for the clinician."""

    def __init__(self, kind: str, message: str):
        self.kind = str(kind)
        self.message = message
        super().__init__(f"{self.kind}: {message}")


# Kinds a clinician might ask for that 2J and section 5 forbid outright.
FORBIDDEN = {
    "raise_target_minutes": "an override cannot raise the target; T2 is unlocked only at a review "
                            "(R-REV-5), through the Phase-2 continuation",
    "enable_vigorous": "vigorous work is allowed only when R-SAFE-VIG holds (N04, N22)",
    "release_gate": "a plan cannot be released while a gate is open (N11, N22)",
    "clear_gate": "a plan cannot be released while a gate is open (N11, N22)",
    "bypass_gate": "a plan cannot be released while a gate is open (N11, N22)",
    "remove_crisis_content": "the crisis footer and box are always present (N03, N22)",
    "remove_warning_content": "the warning-symptom box is always present (N03, N22)",
    "remove_hold_rules": "the hold rules are always printed (N15)",
}
_INTENSITY_CAPS = (Intensity.LIGHT, Intensity.LIGHT_TO_MODERATE, Intensity.MODERATE)


def _is_int(value) -> bool:
    return type(value) is int


def _check_minutes(kind: OverrideKind, v, what: str, floor: int) -> None:
    """Refuse minutes that are not whole, not a multiple of ROUND_TO, or below `floor`."""
    if not _is_int(v) or v % K.ROUND_TO or v < floor:
        raise OverrideRefused(kind, f"the {what} must be a whole number of minutes, a multiple "
                                    f"of {K.ROUND_TO}, at least {floor}")


def _check_not_raised(kind: OverrideKind, v: int, what: str, computed: int, rules: str) -> None:
    """Refuse a value above the engine's own: an override can only lower it (2J)."""
    if v > computed:
        raise OverrideRefused(kind, f"{v} would raise the {what} above the computed {computed} "
                                    f"minutes; an override can only lower it ({rules})")


def _resolve(ov: Override, plan: Plan, intake: Intake, adj: Adjustments) -> Adjustments:
    """Check one override against the plan as it stands; return the adjustments with it."""
    kind = str(ov.kind)
    if not isinstance(ov.reason, str) or not ov.reason.strip():
        raise OverrideRefused(kind, "every override needs a reason (2J, N22)")
    if kind in FORBIDDEN:
        raise OverrideRefused(kind, FORBIDDEN[kind])
    if kind not in OverrideKind._value2member_map_:
        allowed = ", ".join(k.value for k in OverrideKind)
        raise OverrideRefused(kind, f"unknown override; allowed: {allowed}")
    kind = OverrideKind(kind)
    v = ov.value

    if kind is OverrideKind.LOWER_TARGET_MINUTES:
        _check_minutes(kind, v, "target", K.FLOOR_GENTLE)
        if v > K.WM_CAP:
            raise OverrideRefused(kind, f"more than {K.WM_CAP} minutes a week breaks R-CAP-1")
        if plan.ed_cap and v > K.ED_WM_CAP:
            raise OverrideRefused(kind, f"with the eating-disorder/compulsive-exercise flag the "
                                        f"cap is {K.ED_WM_CAP} minutes a week (R-CAP-3)")
        _check_not_raised(kind, v, "target", plan.target_minutes, "2J, R-CAP-7")
        return dataclasses.replace(adj, target=v)

    if kind is OverrideKind.LOWER_START_MINUTES:
        if plan.mode is not Mode.BUILD:
            raise OverrideRefused(kind, f"a {plan.mode} plan has no build-up start; lower the "
                                        f"target minutes instead")
        _check_minutes(kind, v, "start", K.MIN_BOUT)
        _check_not_raised(kind, v, "start", plan.start_minutes, "2J")
        return dataclasses.replace(adj, start=v)

    if kind is OverrideKind.LOWER_MAX_INTENSITY:
        if v == Intensity.MODERATE_VIGOROUS_OPTIONAL or v == "vigorous":
            raise OverrideRefused(kind, "vigorous work is allowed only when R-SAFE-VIG holds "
                                        "(N04, N22)")
        if v not in _INTENSITY_CAPS:
            raise OverrideRefused(kind, "the intensity limit must be light, light_to_moderate "
                                        "or moderate")
        v = Intensity(v)
        if adj.intensity is not None and LEVEL[v] > LEVEL[adj.intensity]:
            v = adj.intensity  # two limits: the lower one holds
        return dataclasses.replace(adj, intensity=v)

    if kind is OverrideKind.LOWER_STRENGTH_SESSIONS:
        if not _is_int(v) or v < 0:
            raise OverrideRefused(kind, "strength sessions must be a whole number from 0")
        if v > K.STRENGTH_CAP:
            raise OverrideRefused(kind, f"more than {K.STRENGTH_CAP} strength sessions a week "
                                        f"breaks R-CAP-4")
        if plan.ed_cap and v > K.ED_STRENGTH_CAP:
            raise OverrideRefused(kind, f"with the eating-disorder/compulsive-exercise flag "
                                        f"strength is at most {K.ED_STRENGTH_CAP} sessions "
                                        f"(R-CAP-3)")
        if v > intake.available_days:
            raise OverrideRefused(kind, f"more strength sessions than the {intake.available_days} "
                                        f"available days (rules 7.18)")
        if adj.strength is not None and v > adj.strength:
            v = adj.strength
        return dataclasses.replace(adj, strength=v)

    if kind is OverrideKind.DELAY_STEP:
        steps = {s.step for s in plan.steps}
        if not steps:
            raise OverrideRefused(kind, f"a {plan.mode} plan has no steps to delay")
        if not _is_int(v) or v not in steps:
            raise OverrideRefused(kind, f"the step to repeat must be one of the plan's steps "
                                        f"(1 to {max(steps)})")
        return dataclasses.replace(adj, repeats=(*adj.repeats, v))

    if kind is OverrideKind.SESSIONS_PER_WEEK:
        return dataclasses.replace(adj, sessions=_sessions_per_week(v, plan, intake))

    if kind is OverrideKind.CHOOSE_MOVES:
        # Checked here against the plan as it stands; chosen_moves() applies the last one.
        try:
            apply_choice(intake, plan, v)
        except MoveRefused as refusal:
            raise OverrideRefused(kind, str(refusal)) from None
        return adj

    # SWAP_MAIN_ACTIVITY
    if v not in AEROBIC_ACTIVITIES:
        allowed = ", ".join(sorted(AEROBIC_ACTIVITIES))
        raise OverrideRefused(kind, f"the main activity must be an aerobic activity: {allowed}")
    return dataclasses.replace(adj, activity=Activity(v))


def _sessions_per_week(v, plan: Plan, intake: Intake) -> int:
    """Issue 22: the number of sessions a week, within R-CAP-6 (3-5; fewer only when the
    client has fewer than 3 days) and the available days, each session no longer than the
    plan's session length (rules 8.1)."""
    kind = OverrideKind.SESSIONS_PER_WEEK
    days = intake.available_days
    low = min(K.SESSIONS_MIN, days)
    if not _is_int(v) or not low <= v <= K.SESSIONS_MAX:
        raise OverrideRefused(kind, f"sessions a week must be a whole number from {low} to "
                                    f"{K.SESSIONS_MAX} (R-CAP-6)")
    if v > days:
        raise OverrideRefused(kind, f"{v} sessions need {v} days; the client has {days} "
                                    f"available (R-CAP-6)")
    longest = dose.session_length(gentle=plan.gentle_start, age=intake.age,
                                  regular_exerciser=intake.regular_exerciser)
    top = max((s.weekly_minutes for s in plan.steps), default=0)
    if top and -(-top // v) > longest:
        raise OverrideRefused(kind, f"{v} sessions would make sessions of about "
                                    f"{-(-top // v)} minutes; this plan keeps them to {longest} "
                                    f"minutes or less (rules 8.1), so choose more sessions")
    return v


def chosen_moves(intake: Intake, plan: Plan, overrides: Iterable[Override]) -> Plan:
    """The plan with its moves: the clinician's last choice (checked again against the final
    plan, e.g. an easy-effort limit set in the same change), else the defaults (issue 25)."""
    choices = [o for o in overrides if str(o.kind) == OverrideKind.CHOOSE_MOVES]
    if plan.hard_stop is not None:
        return plan
    if not choices:
        return dataclasses.replace(plan, moves=default_moves(intake, plan))
    try:
        moves = apply_choice(intake, plan, choices[-1].value)
    except MoveRefused as refusal:
        raise OverrideRefused(OverrideKind.CHOOSE_MOVES, str(refusal)) from None
    return dataclasses.replace(plan, moves=moves)


def apply_overrides(intake: Intake, plan: Plan | None, overrides: Iterable[Override], *,
                    start_date: dt.date | None, baseline: int | None = None,
                    base: Adjustments = NO_ADJUSTMENTS) -> Plan:
    """Apply overrides one by one to the computed `plan`; re-check every cap after each one.

    Raises OverrideRefused for the first override that is not allowed (nothing is applied
    then). Under a hard stop (`plan` None) every override is refused (N11, N22).
    """
    overrides = tuple(overrides)
    if plan is None:
        ov = overrides[0]
        raise OverrideRefused(ov.kind, "no plan is made under a hard stop; an override cannot "
                                       "bypass it (N11, N22)")
    computed = plan
    adj = base
    for ov in overrides:
        if not isinstance(ov, Override):
            raise OverrideRefused(getattr(ov, "kind", "?"), "not an Override")
        adj = _resolve(ov, plan, intake, adj)
        a = assess(intake, baseline=baseline, intensity_cap=adj.intensity)
        candidate = schedule(a, start_date=start_date, adj=adj)
        problems = cap_violations(candidate, intake) + _against_computed(candidate, computed)
        if problems:
            raise OverrideRefused(ov.kind, problems[0])
        plan = candidate
    why = dict(plan.why)
    for ov in overrides:
        why[f"overrides.{ov.kind}"] = OVERRIDE
    return dataclasses.replace(plan, overrides=tuple(o.to_dict() for o in overrides), why=why)


def _against_computed(plan: Plan, computed: Plan) -> list[str]:
    """What an override may never change relative to the computed plan (2J, N22)."""
    out = []
    if plan.target_minutes > computed.target_minutes:
        out.append("the target would rise above the computed target (2J, R-CAP-7)")
    if plan.vigorous_allowed and not computed.vigorous_allowed:
        out.append("vigorous work would be enabled outside R-SAFE-VIG (N04, N22)")
    if set(plan.gates) != set(computed.gates):
        out.append("the override would open or close a gate (N11, N22)")
    if set(plan.flags) - set(computed.flags) - {"VIGOROUS_BASELINE_REVIEW"}:
        out.append("the override would change the safety flags (N22)")
    return out
