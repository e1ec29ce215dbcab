"""
The one place that knows both the Django shapes (Intake rows, form cleaned_data, saved snapshots)
and the engine's (canonical intake dict, planner.engine dataclasses).

    Intake row / form cleaned_data --intake_*_to_engine_dict--> canonical intake dict
    canonical intake dict          --engine.parse_intake-->     engine Intake
    engine Intake                  --engine.build_plan-->       engine Plan (.to_dict(): snapshot)
    saved snapshot                 --saved_plan-->              engine Plan (cached per revision:
                                                                PlanRevision.saved_plan)
    engine Plan                    --presenters.plan_view-->    what the plan pages render

Nothing here decides a clinical value: numbers, gates, flags, review dates and texts are read
from the engine's output, only labelled and arranged for display.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from planner import engine, engine_messages, intake_fields
from planner.engine import outcomes
from planner.engine.model import Intake as EngineIntake

# Every key of the canonical intake (plan-json.md), in the engine's order.
ENGINE_INTAKE_KEYS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(EngineIntake))

# Keys the clinician does not answer on the assessment form: they come from the client record.
CLIENT_KEYS = intake_fields.COPIED_FROM_CLIENT

# Where an engine error about a key that is not a form field is shown on the form.
NON_FIELD = "__all__"


def _canonical_value(value: Any) -> Any:
    """Return a JSON value for the canonical dict, or None when the key is to be left out."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        raise TypeError("a datetime is not an intake value")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return value


def intake_values_to_engine_dict(values: Mapping[str, Any]) -> dict[str, Any]:
    """
    Return the canonical intake dict of plan-json.md from Intake field values.

    A question that was not asked (None or "") is left out, so the engine applies plan-json.md's
    default for it; everything else is passed through, including values the engine will reject,
    so its validation (not a copy of it) decides.
    """
    data = {}
    for key in ENGINE_INTAKE_KEYS:
        if key not in values:
            continue
        value = _canonical_value(values[key])
        if value is not None:
            data[key] = value
    return data


def intake_to_engine_dict(intake) -> dict[str, Any]:
    """Return the canonical intake dict of a saved Intake row (what the engine reads)."""
    return intake_values_to_engine_dict(
        {key: getattr(intake, key) for key in ENGINE_INTAKE_KEYS}
    )


def form_to_engine_dict(cleaned_data: Mapping[str, Any], *, client) -> dict[str, Any]:
    """Return the canonical intake dict of an assessment form's answers for `client`."""
    values = dict(cleaned_data)
    values.update({key: getattr(client, key) for key in CLIENT_KEYS})
    return intake_values_to_engine_dict(values)


def engine_errors_to_form(
    errors: Mapping[str, Iterable[str]], form_fields: Iterable[str]
) -> dict[str, list[str]]:
    """Map IntakeError.errors (canonical keys) onto form field names, in the clinician's words
    (planner/engine_messages.py). A key the form asks through another question
    (intake_fields.ANSWERED_BY) goes to that question; the rest go to NON_FIELD, named."""
    known = set(form_fields)
    mapped: dict[str, list[str]] = {}
    for key, messages in errors.items():
        key = intake_fields.ANSWERED_BY.get(key, key)
        target = key if key in known else NON_FIELD
        messages = [messages] if isinstance(messages, str) else list(messages)
        if target == NON_FIELD and key not in ("", NON_FIELD):
            messages = [engine_messages.intake_error_line(key, message) for message in messages]
        else:
            messages = [engine_messages.intake_error_words(message) for message in messages]
        mapped.setdefault(target, []).extend(messages)
    return mapped


class PlanUnavailable(Exception):
    """The engine could not produce a plan from a stored intake (shown to the clinician).

    Raised when an assessment saved under an older engine no longer validates, when its crisis
    region lost its configured resources (N03), or when the output validator blocked the plan
    (a defect, rules.md 3.0 step 9). Nothing is saved in any of these cases.
    """


def parse_intake(data: Mapping[str, Any]):
    """Return the engine Intake of a canonical dict (raises engine.IntakeError)."""
    return engine.parse_intake(dict(data))


def build_plan(data: Mapping[str, Any], *, today: dt.date, overrides: Iterable = ()):
    """Run the engine on a canonical intake dict and return its Plan: the one place the web
    layer runs the engine and turns its failures into PlanUnavailable. OverrideRefused
    propagates, with the engine's message for the clinician."""
    try:
        return engine.build_plan(parse_intake(data), today=today, overrides=tuple(overrides))
    except engine.IntakeError as error:
        raise PlanUnavailable(" ".join(
            engine_messages.intake_error_line(key, message)
            for key, messages in error.errors.items() for message in messages
        )) from error
    except (engine.NeverDoViolation, engine.UnknownCrisisRegion) as error:
        raise PlanUnavailable(str(error)) from error


def intake_plan(intake, *, today: dt.date) -> engine.Plan:
    """Return the plan the engine makes today from a saved Intake (a preview: not saved)."""
    return build_plan(intake_to_engine_dict(intake), today=today)


# --- saved snapshot -> engine Plan -----------------------------------------------------------


class SnapshotUnreadable(ValueError):
    """A saved snapshot this engine cannot read back as a Plan (an older or damaged shape)."""


def saved_plan(snapshot: Mapping[str, Any]) -> engine.Plan:
    """
    Return the engine Plan a saved snapshot (PlanRevision.snapshot, Plan.to_dict()) holds: the
    one reader of a snapshot. Pages, presenters, the handout and the review services read the
    typed Plan it returns (enums, dates, Step, ReviewPoint and TextBlock objects), never the
    JSON; PlanRevision.saved_plan keeps it per revision object, so a revision is read once.

    Plan.from_dict is the exact inverse of to_dict(), so what a page shows is what was saved.
    Raises SnapshotUnreadable for a snapshot of a shape this engine cannot read.
    """
    try:
        return engine.Plan.from_dict(dict(snapshot))
    except (KeyError, TypeError, ValueError) as error:
        raise SnapshotUnreadable(str(error)) from error


def plan_start_date(plan: engine.Plan, intake_data: Mapping[str, Any]) -> dt.date | None:
    """Return the date week 1 starts: the engine's start_date, else the assessment's
    plan_start_date (a plan saved without a start date of its own), else None."""
    if plan.start_date is not None:
        return plan.start_date
    start = intake_data.get("plan_start_date")
    return dt.date.fromisoformat(start) if start else None


def next_review_date(plan: engine.Plan, *, on_or_after: dt.date) -> dt.date | None:
    """Return the plan's first review date (R-REV-1) on or after a day, or None."""
    return next((d for d in outcomes.review_point_dates(plan) if d >= on_or_after), None)


# --- Intake row -> form initial (a new assessment pre-filled from the last one) ---------------

# Asked again at every assessment, never carried over: risk, scores, the screening answers and
# their date, the assessment's own dates and the high-volume confirmation (planner/intake_fields.py
# says why).
NOT_CARRIED_OVER = intake_fields.NOT_CARRIED_OVER


def intake_to_form_initial(intake, form_fields: Iterable[str]) -> dict[str, Any]:
    """Return form initial values from a previous Intake, except what must be asked again."""
    initial = {}
    for name in form_fields:
        if name in NOT_CARRIED_OVER or not hasattr(intake, name):
            continue
        value = getattr(intake, name)
        if isinstance(value, bool):
            value = "yes" if value else "no"
        if value is None:
            continue
        initial[name] = value
    return initial
