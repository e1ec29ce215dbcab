"""
What accepting a review's proposal does to the plan: which of the engine's review helpers runs,
with which arguments. Pure (no ORM): engine values in, engine Plan (or None) out.

The decision itself (which action) is the engine's `propose_review_action` (R-REV-3 table,
first match wins, then R-REV-4 and R-REV-5); this module only dispatches the accepted action:

    HOLD             -> engine.hold(plan, at_step=current step, extra_steps=2)   R-REV-3 row 4
                        (easier=True when the engine cited R-HOLD-2: an adverse event)
    FREEZE           -> engine.freeze(plan, at_step=current step)                R-REV-3 row 2
    REBASELINE       -> engine.rebaseline(intake, completed minutes of the window,
                                          today=first day of the review week,
                                          current=plan: a freeze stays in force)  R-REV-3 row 3
    UNLOCK_PHASE2    -> engine.continue_to_phase2(intake, plan, from_step=current step) R-REV-5
    CONTINUE, REVIEW_TREATMENT -> None: the plan goes on as saved (R-REV-4: no increase above T,
                        which a Phase-1 plan never schedules)
    RESCREEN         -> None: a new assessment re-runs screening (R-REV-2, R-REV-6)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from . import reviews as engine
from .model import Intake, Plan
from .overrides import Override
from .reviews import ReviewAction

# Overrides a re-baselined plan keeps: limits about the client, not about step positions (a
# delayed step or a lower start belongs to the schedule that is being replaced).
KEPT_ON_REBASELINE = frozenset(
    {"lower_target_minutes", "lower_max_intensity", "lower_strength_sessions",
     "swap_main_activity"}
)
# No new revision: the plan continues as saved, or a new assessment is needed.
NO_REVISION = frozenset({ReviewAction.CONTINUE, ReviewAction.REVIEW_TREATMENT,
                         ReviewAction.RESCREEN})


def rebaseline_overrides(stored: Sequence[Mapping[str, Any]]) -> list[Override]:
    """Return the stored overrides a re-baselined plan re-applies, as engine Overrides."""
    return [
        Override(o["kind"], o["value"], o.get("reason", ""))
        for o in stored
        if o.get("kind") in KEPT_ON_REBASELINE
    ]


def apply_action(
    action: str,
    *,
    intake: Intake,
    plan: Plan,
    current_step: int,
    recent_minutes: Sequence[int],
    review_week_start: dt.date,
    rules: Sequence[str] = (),
    overrides: Sequence[Mapping[str, Any]] = (),
) -> Plan | None:
    """
    Return the plan after accepting `action`, made by the engine's helper, or None when the
    action makes no new revision. Raises engine.ReviewError (and the engine's validator and
    override errors) unchanged.
    """
    action = ReviewAction(action)
    if action in NO_REVISION:
        return None
    if action is ReviewAction.HOLD:
        return engine.hold(plan, at_step=current_step, easier="R-HOLD-2" in rules, intake=intake)
    if action is ReviewAction.FREEZE:
        return engine.freeze(plan, at_step=current_step, intake=intake)
    if action is ReviewAction.REBASELINE:
        return engine.rebaseline(
            intake,
            list(recent_minutes),
            today=review_week_start,
            overrides=rebaseline_overrides(overrides),
            # A freeze in force (frozen_minutes) carries over: never more after a freeze (N16).
            current=plan,
        )
    if action is ReviewAction.UNLOCK_PHASE2:
        return engine.continue_to_phase2(intake, plan, from_step=current_step)
    raise AssertionError(f"unhandled review action {action}")  # pragma: no cover
