"""The planner's run (rules.md 3.0) end to end: hard stops, the numbers (build.py), clinician
overrides (overrides.py), then texts and the never-do validator.

build.py computes; overrides.py re-checks edits against the caps using build.py; this module
sits on top of both, so neither imports the other back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from . import crisis, explain, screening, validator
from .build import NO_ADJUSTMENTS, Adjustments, assess, schedule
from .enums import HardStop
from .model import Intake, Plan
from .overrides import apply_overrides, chosen_moves
from .texts import write_texts
from .version import ENGINE_VERSION


def stop_plan(stop: HardStop, intake: Intake) -> Plan:
    """A hard stop (R-SAFE-HS1..4): no steps; CRISIS carries the crisis resources (7.25)."""
    return Plan(
        engine_version=ENGINE_VERSION,
        hard_stop=stop,
        why={"hard_stop": explain.HARD_STOP[stop]},
        crisis_resources=(crisis.resources_for(intake.crisis_region)
                          if stop is HardStop.CRISIS else None),
    )


def compute_plan(intake: Intake, *, start_date: dt.date | None, overrides: Iterable = (),
                 baseline: int | None = None, ceiling: int | None = None) -> Plan:
    """The numbers of a plan, overrides applied and re-checked (no texts, no validator).
    `baseline` replaces B (a re-baseline); `ceiling` keeps every step at or below a freeze's
    weekly minutes (R-REV-3 row 2, N16) and is recorded as the plan's `frozen_minutes`."""
    stop = screening.hard_stop(intake)
    overrides = tuple(overrides)
    if stop is not None:
        if overrides:
            apply_overrides(intake, None, overrides, start_date=start_date)
        return stop_plan(stop, intake)
    base = NO_ADJUSTMENTS if ceiling is None else Adjustments(ceiling=ceiling)
    plan = schedule(assess(intake, baseline=baseline), start_date=start_date, adj=base)
    if overrides:
        plan = apply_overrides(intake, plan, overrides, start_date=start_date, baseline=baseline,
                               base=base)
    plan = chosen_moves(intake, plan, overrides)
    if ceiling is not None:
        why = dict(plan.why)
        why["frozen_minutes"] = explain.FROZEN
        plan = dataclasses.replace(plan, frozen_minutes=ceiling, why=why)
    return plan


def finish(intake: Intake, plan: Plan) -> Plan:
    """Texts, then the never-do validator (3.0 steps 8-9). Raises validator.NeverDoViolation."""
    plan = write_texts(intake, plan)
    validator.validate_plan(plan, intake)
    return plan


def build_plan(intake: Intake, *, today: dt.date | None, overrides: Iterable = ()) -> Plan:
    """Build the validated plan for `intake` (rules.md 3.0).

    `today` dates week 1 when the intake has no plan_start_date (None leaves the plan
    undated). `overrides` are clinician overrides (overrides.Override), applied on top of the
    computed plan; one that would break a cap or open a gate raises OverrideRefused.
    Raises validator.NeverDoViolation if the assembled plan breaks a never-do rule.
    """
    start = intake.plan_start_date or today
    return finish(intake, compute_plan(intake, start_date=start, overrides=overrides))


__all__ = ["build_plan", "compute_plan", "finish", "stop_plan"]
