"""Review points and the review helpers (rules.md 3(h), R-REV-1..5; R-HOLD-1..8; R-PROG-6).

Pure functions that later issues call at a clinical review:

- propose_review_action(plan, findings) -> ReviewDecision   R-REV-3 table (first match wins),
                                                            then R-REV-4 and R-REV-5
- continue_to_phase2(intake, plan, *, from_step) -> Plan    R-REV-5 unlock, R-PROG-6
- rebaseline(intake, recent_weekly_minutes, *, today) -> Plan   R-REV-3 row 3
- hold(plan, *, at_step, intake, extra_steps=2) -> Plan     R-REV-3 row 4, R-HOLD-1/2/3/6
- freeze(plan, *, at_step, intake) -> Plan                  R-REV-3 row 2, R-HOLD-7/8, N16
- restart_after_break(intake, plan, *, last_completed_step, break_weeks) -> Plan   R-HOLD-4

Every helper that returns a plan takes the plan's `intake`, rebuilds the texts and re-runs the
never-do validator, so no plan leaves a helper unchecked.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from . import constants as K
from . import explain
from .build import (
    NO_ADJUSTMENTS,
    Adjustments,
    assess,
    insert_repeats,
    redate,
    rows_for,
    step_context,
)
from .caps import cap_violations
from .dose import rd5
from .enums import Intensity, Mode
from .mix import LEVEL
from .model import Intake, Plan
from .progression import build_minutes, floor_for, review_weeks
from .run import compute_plan, finish

__all__ = [
    "ReviewAction", "ReviewFindings", "ReviewDecision", "ReviewError", "review_weeks",
    "propose_review_action", "adherence_percent", "continue_to_phase2", "rebaseline", "hold",
    "freeze", "restart_after_break",
]


class ReviewError(ValueError):
    """A review helper was asked for something the plan or the rules do not allow."""


# --- the decision table ------------------------------------------------------------------------


class ReviewAction(StrEnum):
    RESCREEN = "RESCREEN"  # row 1: re-run screening; gates and hard stops apply
    FREEZE = "FREEZE"  # row 2: risk pathway; freeze WM until treatment is reviewed
    REBASELINE = "REBASELINE"  # row 3: regenerate from recent completed minutes
    HOLD = "HOLD"  # row 4: repeat the current step for 2 more steps
    CONTINUE = "CONTINUE"  # row 5: continue as planned
    REVIEW_TREATMENT = "REVIEW_TREATMENT"  # R-REV-4: adherent, no better: no increase above T
    UNLOCK_PHASE2 = "UNLOCK_PHASE2"  # R-REV-5: continue toward T2 (continue_to_phase2)


@dataclass(frozen=True)
class ReviewFindings:
    """What the clinician recorded at a review (R-REV-2)."""

    week: int  # calendar week of the review (R-REV-1)
    current_step: int  # the step the client has just completed
    adherence_percent: int  # completed / planned WM over the last 3 weeks (adherence_percent())
    warning_symptom_or_health_change: bool = False  # row 1
    new_risk: bool = False  # row 2: new suicide risk or other new risk
    phq9_change: int | None = None  # this PHQ-9 minus the previous one
    gad7_change: int | None = None  # this GAD-7 minus the previous one
    clinician_judges_worse: bool = False  # row 2 "clinician judgement"
    adverse_events: bool = False  # rows 5 and R-REV-5
    clinician_judges_no_improvement: bool = False  # R-REV-4
    new_flags: bool = False  # R-REV-5: a re-run raised a flag this plan did not have
    clinician_agrees_phase2: bool = False  # R-REV-5


@dataclass(frozen=True)
class ReviewDecision:
    action: ReviewAction
    rules: tuple[str, ...]  # rule and evidence IDs behind the action
    reason: str  # for the clinician
    phase2_eligible: bool = False  # R-REV-5 holds except, perhaps, the clinician's agreement


def adherence_percent(planned: Sequence[int], completed: Sequence[int]) -> int:
    """R-REV-2: completed WM / planned WM over the last 3 weeks, as a whole percent (rounded
    down, so 74.9% is not counted as 75%)."""
    n = K.ADHERENCE_WINDOW_WEEKS
    planned, completed = list(planned)[-n:], list(completed)[-n:]
    if len(planned) != len(completed) or not planned:
        raise ReviewError("give planned and completed minutes for the same weeks")
    total = sum(planned)
    if total <= 0:
        raise ReviewError("no planned minutes in the window")
    return 100 * sum(completed) // total


def propose_review_action(plan: Plan, findings: ReviewFindings) -> ReviewDecision:
    """R-REV-3 decision table, first matching row wins; then, for an adherent client, R-REV-4
    (no increase without improvement, N16) and R-REV-5 (Phase-2 unlock)."""
    f = findings
    worse = (f.new_risk or f.clinician_judges_worse
             or (f.phq9_change is not None and f.phq9_change >= K.SCORE_WORSENING_RISE)
             or (f.gad7_change is not None and f.gad7_change >= K.SCORE_WORSENING_RISE))
    if f.warning_symptom_or_health_change:
        return ReviewDecision(ReviewAction.RESCREEN,
                              ("R-REV-3", "R-REV-2", "R-REV-6", "X05", "X06"),
                              "New warning symptom or health change: re-run screening; gates "
                              "and hard stops apply again.")
    if worse:
        return ReviewDecision(ReviewAction.FREEZE, ("R-REV-3", "R-SAFE-CRISIS", "R-HOLD-8", "E25",
                                                    "E33", "X20", "N16"),
                              "New risk or worsening: follow the risk pathway and freeze weekly "
                              "minutes until the overall treatment plan is reviewed.")
    if f.adherence_percent < K.ADHERENCE_REBASELINE_BELOW:
        return ReviewDecision(ReviewAction.REBASELINE, ("R-REV-3", "R-START-3", "E40"),
                              "Adherence below 50%: re-baseline from the minutes actually done "
                              "over the last 3 weeks and revisit barriers.")
    if f.adherence_percent < K.ADHERENCE_CONTINUE_FROM:
        return ReviewDecision(ReviewAction.HOLD, ("R-REV-3", "R-HOLD-1"),
                              "Adherence 50-74%: repeat the current step for 2 more steps, then "
                              "resume.")
    if f.adverse_events:
        # No row of R-REV-3 matches adherence >= 75% with an adverse event; the engine takes
        # the conservative reading of R-HOLD-2: repeat the step at an easier effort.
        return ReviewDecision(ReviewAction.HOLD, ("R-REV-3", "R-HOLD-2", "X04"),
                              "Adherent, but with an adverse event: repeat the step at an "
                              "easier effort and review the event.")
    no_better = f.clinician_judges_no_improvement or (
        f.phq9_change is not None and f.phq9_change > -K.PHQ9_MEANINGFUL_DROP)
    if f.week >= K.REV4_FROM_WEEK and no_better:
        return ReviewDecision(ReviewAction.REVIEW_TREATMENT, ("R-REV-4", "E33", "E34", "E77",
                                                              "E15", "N16"),
                              "Adherent but no meaningful improvement: do not raise weekly "
                              "minutes; review the overall treatment and consider another "
                              "activity the client prefers.")
    eligible = _phase2_eligible(plan, f)
    if eligible and f.clinician_agrees_phase2:
        return ReviewDecision(ReviewAction.UNLOCK_PHASE2, ("R-REV-5", "R-PROG-6"),
                              f"Phase 2 may start: continue toward "
                              f"{plan.phase2_target_minutes} minutes a week.", True)
    return ReviewDecision(ReviewAction.CONTINUE, ("R-REV-3",), "Adherence 75% or more and no "
                          "adverse events: continue as planned.", eligible)


def _phase2_eligible(plan: Plan, f: ReviewFindings) -> bool:
    """R-REV-5 without the clinician's agreement: week >= 8, T2 available, T reached and held
    for at least 2 steps, adherence >= 75%, no adverse events, no new flags."""
    if (plan.hard_stop is not None or plan.phase2_target_minutes is None or plan.phase != 1
            or plan.frozen_minutes is not None or f.week < K.PHASE2_FROM_WEEK
            or f.adherence_percent < K.ADHERENCE_CONTINUE_FROM or f.adverse_events
            or f.new_flags):
        return False
    done = [r.weekly_minutes for r in plan.steps if r.step <= f.current_step]
    held = done[-K.PHASE2_TARGET_HELD_STEPS:]
    return (len(held) == K.PHASE2_TARGET_HELD_STEPS
            and all(wm >= plan.target_minutes for wm in held))


# --- helpers that change the schedule -------------------------------------------------------------


def _last_row_index(plan: Plan, step: int) -> int:
    idx = [i for i, r in enumerate(plan.steps) if r.step == step]
    if not idx:
        raise ReviewError(f"step {step} is not in the plan (steps 1 to "
                          f"{plan.steps[-1].step if plan.steps else 0})")
    return idx[-1]


def _require_steps(plan: Plan) -> None:
    if plan.hard_stop is not None or not plan.steps:
        raise ReviewError("this plan has no steps (hard stop or MAINTAIN_CURRENT)")


def _adjustments_from(plan: Plan) -> Adjustments:
    """The intensity and strength limits of the plan's recorded overrides, re-applied to new
    steps (target, start and repeat overrides concern the steps already printed)."""
    adj = NO_ADJUSTMENTS
    for ov in plan.overrides:
        if ov["kind"] == "lower_max_intensity":
            v = Intensity(ov["value"])
            if adj.intensity is None or LEVEL[v] < LEVEL[adj.intensity]:
                adj = dataclasses.replace(adj, intensity=v)
        elif ov["kind"] == "lower_strength_sessions":
            v = ov["value"]
            adj = dataclasses.replace(adj, strength=v if adj.strength is None else
                                      min(v, adj.strength))
    return adj


def _continue_rows(intake: Intake, plan: Plan, keep: int, wms: list[int], *, first_step: int,
                   week_gap: int = 0, target: int, mode: Mode):
    """Rows 0..keep-1 of the plan, then new steps from `first_step` with the given WM."""
    adj = _adjustments_from(plan)
    a = assess(intake, intensity_cap=adj.intensity)
    ctx = step_context(a, mode, adj)
    kept = list(plan.steps[:keep])
    last = kept[-1]
    new = rows_for(ctx, wms, first_step=first_step, first_week=last.week + 1 + week_gap,
                   target=target, build=True, prev=last.weekly_minutes)
    return redate(kept + new, plan.start_date, own_routine=ctx.own_routine)


def continue_to_phase2(intake: Intake, plan: Plan, *, from_step: int) -> Plan:
    """R-REV-5 / R-PROG-6: T2 unlocked at the review after step `from_step`. Steps up to it
    stay; WM then continues from its current value toward T2, +10 a step, holding at every 4th
    step number (consolidation follows step numbers), printed until T2 is reached. The plan
    becomes a Phase-2 BUILD plan: `target_minutes` = T2, `phase2_target_minutes` None,
    `phase` 2, `target_reached_step` the first step at T2.

    Raises ReviewError when there is no T2, the plan has no steps, `from_step` is not a step
    of the plan, T has not been reached by then, or WM already is at or above T2.
    """
    _require_steps(plan)
    t2 = plan.phase2_target_minutes
    if t2 is None or plan.phase != 1:
        raise ReviewError("this plan has no Phase-2 target to unlock")
    if plan.frozen_minutes is not None:
        raise ReviewError("weekly minutes are frozen until the treatment plan is reviewed "
                          "(R-REV-3, N16); a new assessment lifts the freeze")
    idx = _last_row_index(plan, from_step)
    current = plan.steps[idx].weekly_minutes
    if current < plan.target_minutes:
        raise ReviewError(f"the target of {plan.target_minutes} minutes has not been reached by "
                          f"step {from_step} (R-REV-5)")
    if current >= t2:
        raise ReviewError(f"weekly minutes ({current}) are already at or above the Phase-2 "
                          f"target of {t2}")
    wms = build_minutes(current, t2, first_step=from_step,
                        min_last_step=max(from_step + 1, plan.steps[-1].step))[1:]
    rows = _continue_rows(intake, plan, idx + 1, wms, first_step=from_step + 1, target=t2,
                          mode=Mode.BUILD)
    reached = next(r.step for r in rows if r.step > from_step and r.weekly_minutes == t2)
    why = dict(plan.why)
    why["target_minutes"] = explain.join(explain.PHASE2_UNLOCKED, why.get("target_minutes", ()))
    why["mode"] = explain.join(explain.PHASE2_UNLOCKED, explain.MODE[Mode.BUILD])
    why["steps.weekly_minutes"] = explain.join(explain.PHASE2_UNLOCKED, explain.WM_BUILD)
    why["target_reached_step"] = explain.join(explain.PHASE2_UNLOCKED, explain.TARGET_REACHED)
    new = dataclasses.replace(plan, mode=Mode.BUILD, target_minutes=t2, phase2_target_minutes=None,
                              phase=2, target_reached_step=reached, steps=tuple(rows), why=why)
    _check(new, intake)
    return finish(intake, new)


def rebaseline(intake: Intake, recent_weekly_minutes: Sequence[int], *, today: dt.date | None,
               overrides=(), current: Plan | None = None) -> Plan:
    """R-REV-3 row 3 (E40): regenerate the plan from B = rd5(average completed minutes a week
    over the last 3 weeks), same conditions, starting `today` (the new week 1).

    Pass the `current` plan: if a freeze is in force (`frozen_minutes`, R-REV-3 row 2), the new
    plan keeps it and never schedules more (N16) until a new assessment reviews the treatment.
    """
    recent = list(recent_weekly_minutes)[-K.ADHERENCE_WINDOW_WEEKS:]
    if not recent or any(type(m) is not int or m < 0 for m in recent):
        raise ReviewError("give the completed minutes of the last weeks as whole numbers >= 0")
    b = rd5(sum(recent) // len(recent))
    ceiling = current.frozen_minutes if current is not None else None
    plan = compute_plan(intake, start_date=today, overrides=overrides, baseline=b,
                        ceiling=ceiling)
    if plan.hard_stop is None:
        why = dict(plan.why)
        why["baseline_minutes"] = explain.join(("R-REV-3", "E40"), why["baseline_minutes"])
        plan = dataclasses.replace(plan, why=why)
    return finish(intake, plan)


def hold(plan: Plan, *, at_step: int, intake: Intake, extra_steps: int = K.HOLD_EXTRA_STEPS,
         easier: bool = False) -> Plan:
    """R-REV-3 row 4 / R-HOLD-1 (E39): repeat step `at_step` for `extra_steps` more weeks, then
    resume; later steps move back in the calendar, keeping their numbers (R-PROG-4), so
    consolidation still follows step numbers. `easier` repeats it one intensity level lower
    (R-HOLD-2). The repeat rows carry `repeat: true`."""
    _require_steps(plan)
    if type(extra_steps) is not int or extra_steps < 1:
        raise ReviewError("extra_steps must be a whole number from 1")
    _last_row_index(plan, at_step)
    rows = redate(insert_repeats(list(plan.steps), (at_step,), extra_steps, easier=easier),
                  plan.start_date, own_routine=_own_routine(plan))
    why = dict(plan.why)
    why["steps.week"] = ("R-PROG-4", "R-REV-3", "R-HOLD-1", "E39") + (
        ("R-HOLD-2", "X04") if easier else ())
    new = dataclasses.replace(plan, steps=tuple(rows), why=why)
    return finish(intake, new)


def freeze(plan: Plan, *, at_step: int, intake: Intake) -> Plan:
    """R-REV-3 row 2 / R-HOLD-7 / R-HOLD-8 (E25, E33; N16): every row after step `at_step`
    repeats that step's weekly minutes, sessions, intensity and strength (never an increase),
    keeping its own step and week. `target_reached_step` is recomputed (None if T is not
    reached by then). The plan records `frozen_minutes`: later review helpers never schedule
    more (a re-baseline keeps the cap; Phase 2 is refused) until a new assessment reviews the
    treatment."""
    _require_steps(plan)
    idx = _last_row_index(plan, at_step)
    held = plan.steps[idx]
    rows = list(plan.steps[:idx + 1])
    for row in plan.steps[idx + 1:]:
        rows.append(dataclasses.replace(held, step=row.step, week=row.week, repeat=row.repeat,
                                        consolidation=False))
    rows = redate(rows, plan.start_date, own_routine=_own_routine(plan))
    reached = plan.target_reached_step
    if reached is not None and reached > at_step:
        reached = None
    why = dict(plan.why)
    why["steps.weekly_minutes"] = ("R-REV-3", "R-HOLD-8", "E25", "E33", "N16")
    why["frozen_minutes"] = explain.FROZEN
    frozen = held.weekly_minutes
    if plan.frozen_minutes is not None and plan.frozen_minutes < frozen:
        frozen = plan.frozen_minutes
    new = dataclasses.replace(plan, steps=tuple(rows), target_reached_step=reached, why=why,
                              frozen_minutes=frozen)
    return finish(intake, new)


def restart_after_break(intake: Intake, plan: Plan, *, last_completed_step: int,
                        break_weeks: int) -> Plan:
    """R-HOLD-4 (X06): after being unwell for `break_weeks` calendar weeks (which get no rows).
    A break under 2 weeks repeats the last completed step, then the plan resumes. A break of 2
    weeks or more restarts at max(floor, rd5(0.5 x last completed WM)) and progresses again
    under R-PROG-1/2 (step numbers continue, consolidation at every 4th) up to the plan's
    final level (its last printed WM)."""
    _require_steps(plan)
    if type(break_weeks) is not int or break_weeks < 1:
        raise ReviewError("break_weeks must be a whole number from 1")
    idx = _last_row_index(plan, last_completed_step)
    last = plan.steps[idx]
    why = dict(plan.why)
    why["steps.week"] = ("R-PROG-4", "R-HOLD-4", "X06")
    if break_weeks < K.RESTART_AFTER_BREAK_WEEKS:
        shift = break_weeks + 1
        rows = list(plan.steps[:idx + 1])
        rows.append(dataclasses.replace(last, repeat=True, consolidation=False,
                                        week=last.week + shift))
        rows += [dataclasses.replace(r, week=r.week + shift) for r in plan.steps[idx + 1:]]
        rows = redate(rows, plan.start_date, own_routine=_own_routine(plan))
        reached = plan.target_reached_step
    else:
        level = plan.steps[-1].weekly_minutes
        half = last.weekly_minutes * K.RESTART_NUMERATOR // K.RESTART_DENOMINATOR
        first = min(max(floor_for(plan.gentle_start), rd5(half)), last.weekly_minutes)
        wms = build_minutes(first, level, first_step=last_completed_step + 1,
                            min_last_step=max(last_completed_step + 1, plan.steps[-1].step))
        rows = _continue_rows(intake, plan, idx + 1, wms, first_step=last_completed_step + 1,
                              week_gap=break_weeks, target=level, mode=plan.mode)
        reached = plan.target_reached_step
        if plan.mode is Mode.BUILD:
            reached = next(r.step for r in rows if r.weekly_minutes == plan.target_minutes)
        why["steps.weekly_minutes"] = explain.join(("R-HOLD-4", "R-PROG-1", "R-PROG-2", "X06"),
                                                   why.get("steps.weekly_minutes", ()))
    new = dataclasses.replace(plan, steps=tuple(rows), target_reached_step=reached, why=why)
    _check(new, intake)
    return finish(intake, new)


def _own_routine(plan: Plan) -> bool:
    return any(r.strength_stage == "own_routine" for r in plan.steps)


def _check(plan: Plan, intake: Intake) -> None:
    problems = cap_violations(plan, intake)
    if problems:  # a defect, never a clinical choice
        raise ReviewError("; ".join(problems))
