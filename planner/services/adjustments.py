"""
Revisions made from another revision: clinician adjustments (rules.md 2J), restore, and
recording medical clearance (gate CLEARANCE_PENDING).

Each one makes the plan's next revision through services.plans.plan_revision_store, so every
one carries the revision number the clinician started from and fails with PlanConflict when the
plan moved on meanwhile (quality.md R1), and each is one transaction (R4).

The caps are the engine's: an adjustment is an engine Override, and build_plan applies and
re-checks every override of the revision plus the new ones. A refused override raises the
engine's OverrideRefused, whose message the form shows as is. Nothing here knows a cap.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from planner import adapters, engine, engine_messages
from planner.engine.enums import ClearanceStatus, Gate
from planner.models import AuditEvent, Client, Plan, PlanRevision
from planner.services.clients import intake_create, intake_field_names
from planner.services.plans import REASON_REQUIRED, PlanConflict, plan_revision_store

NO_CHANGES = _("Choose at least one change.")
HARD_STOP = _("This revision is a hard stop: there is no plan to adjust.")
ALREADY_CURRENT = _("This is already the current revision: there is nothing to restore.")
CLEARANCE_NOT_PENDING = _(
    "The current revision has no pending medical clearance. A change in clearance after that "
    "is a new assessment."
)
CLEARED_BY_REQUIRED = _("Say who cleared the client (name or role).")
CLEARANCE_IN_FUTURE = _("The clearance date cannot be in the future.")
CLEARANCE_BEFORE_SCREENING = _(
    "The date cleared (%(cleared)s) is earlier than this assessment's screening (%(screened)s). "
    "A clearance answers that screening, so it cannot come before it: check the date."
)
NO_PLAN = _("This client has no saved plan yet.")
NOT_REPLAYABLE = _(
    "This revision holds changes made at a review (a hold, a freeze, a re-baseline or Phase 2) "
    "that cannot be carried into an adjustment, which rebuilds the plan from the assessment and "
    "its overrides. Record a new assessment, or make this change at the next review."
)
OLDER_ENGINE = _(
    "This revision was made by an older version of the planner (%(version)s); adjusting it would "
    "recompute the whole plan. Record a new assessment to bring the plan up to date first."
)

# What must come out the same when a revision is rebuilt from its assessment and overrides.
_REPLAY_KEYS = ("mode", "target_minutes", "phase2_target_minutes", "start_minutes", "phase",
                "gates", "flags", "intensity_limit", "strength_sessions_target")
_REPLAY_STEP_KEYS = ("step", "weekly_minutes", "sessions", "intensity", "strength_sessions",
                     "mind_body_sessions", "repeat")

OverrideRefused = engine.OverrideRefused


def clearance_date_errors(
    clearance_date: dt.date | None, *, screened_on: dt.date | None, today: dt.date
) -> list[ValidationError]:
    """What is wrong with a clearance date (rules 8.14): not in the future, and not before the
    screening date of the assessment it clears. Shared by ClearanceForm and clearance_record."""
    if clearance_date is None or clearance_date > today:
        return [ValidationError(CLEARANCE_IN_FUTURE, code="future")]
    if screened_on is not None and clearance_date < screened_on:
        return [ValidationError(
            CLEARANCE_BEFORE_SCREENING,
            code="before_screening",
            params={"cleared": formats.date_format(clearance_date, "SHORT_DATE_FORMAT"),
                    "screened": formats.date_format(screened_on, "SHORT_DATE_FORMAT")},
        )]
    return []


def _engine_overrides(stored: Sequence[Mapping[str, Any]]) -> list[engine.Override]:
    return [engine.Override(o["kind"], o["value"], o.get("reason", "")) for o in stored]


def _override_records(
    changes: Sequence[tuple[str, Any]], *, reason: str, user: AbstractBaseUser, at: dt.datetime
) -> list[dict[str, Any]]:
    """What the revision stores per override: kind, value, reason, who and when (N22)."""
    return [
        {
            "kind": str(kind),
            "value": value,
            "reason": reason,
            "user_id": user.pk,
            "username": user.get_username(),
            "at": at.isoformat(),
        }
        for kind, value in changes
    ]


def _week_one(revision: PlanRevision, today: dt.date) -> dt.date:
    """Date week 1 as the base revision did, so an adjustment does not move the calendar."""
    return revision.saved_plan.start_date or today


def _build(intake_data: Mapping[str, Any], *, today: dt.date, overrides: Sequence):
    """Run the engine (raises OverrideRefused, or adapters.PlanUnavailable)."""
    return adapters.build_plan(intake_data, today=today, overrides=overrides)


def _clinical(plan: engine.Plan) -> tuple:
    return (
        tuple(getattr(plan, key) for key in _REPLAY_KEYS),
        tuple(tuple(getattr(step, key) for key in _REPLAY_STEP_KEYS) for step in plan.steps),
    )


def _check_replayable(base: PlanRevision, *, today: dt.date) -> None:
    """
    Refuse to rebuild a revision whose plan is not what its assessment and overrides give.

    Adjustments and clearance rebuild the plan from the assessment plus the overrides; a
    revision made by a review helper (hold, freeze, re-baseline, Phase 2: issue 8) or by an
    older engine holds numbers that rebuilding would silently undo (a freeze undone could even
    raise minutes on worsening mood, N16). Such a revision needs a new assessment instead.
    """
    if base.engine_version != engine.ENGINE_VERSION:
        raise ValidationError(
            OLDER_ENGINE, code="older_engine", params={"version": base.engine_version}
        )
    try:
        rebuilt = _build(base.intake_data, today=_week_one(base, today),
                         overrides=_engine_overrides(base.overrides))
    except OverrideRefused:
        raise ValidationError(NOT_REPLAYABLE, code="not_replayable") from None
    if _clinical(rebuilt) != _clinical(base.saved_plan):
        raise ValidationError(NOT_REPLAYABLE, code="not_replayable")


def _base_revision(plan: Plan, base_revision: int | None) -> PlanRevision:
    """Return the revision the clinician started from; PlanConflict if it is not current.

    An early check, read fresh (a cached Plan may be stale); plan_revision_store repeats it
    under the row lock, where it counts."""
    plan = Plan.objects.get(pk=plan.pk)
    if not base_revision or base_revision != plan.current_revision_number:
        raise PlanConflict(
            plan=plan, base_revision=base_revision, current_revision=plan.current_revision_number
        )
    return PlanRevision.objects.select_related("intake", "plan__client").get(
        plan=plan, number=base_revision
    )


@transaction.atomic
def revision_adjust(
    *,
    user: AbstractBaseUser,
    client: Client,
    base_revision: int | None,
    changes: Sequence[tuple[str, Any]],
    reason: str,
    today: dt.date | None = None,
    request: HttpRequest | None = None,
) -> PlanRevision:
    """
    Apply clinician overrides to the current revision and save the result as the next one.

    changes are (OverrideKind value, value) pairs, all with the same required reason. The
    engine re-applies the base revision's overrides and then these, re-checking every cap;
    OverrideRefused (engine) propagates with the engine's message, and nothing is saved.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": REASON_REQUIRED}, code="reason_required")
    if not changes:
        raise ValidationError(NO_CHANGES, code="no_changes")
    base = _base_revision(client.plan, base_revision)
    if base.hard_stop:
        raise ValidationError(HARD_STOP, code="hard_stop")
    now = timezone.now()
    today = today or timezone.localdate()
    _check_replayable(base, today=today)
    stored = [*base.overrides, *_override_records(changes, reason=reason, user=user, at=now)]
    plan = _build(base.intake_data, today=_week_one(base, today), overrides=_engine_overrides(
        stored
    ))
    return plan_revision_store(
        intake=base.intake,
        snapshot=plan.to_dict(),
        intake_data=base.intake_data,
        author=user,
        base_revision=base_revision,
        reason=reason,
        overrides=stored,
        engine_version=plan.engine_version,
        today=today,
        action=AuditEvent.Action.CHANGE,
        request=request,
    )


@transaction.atomic
def revision_restore(
    *,
    user: AbstractBaseUser,
    revision: PlanRevision,
    base_revision: int | None,
    note: str = "",
    today: dt.date | None = None,
    request: HttpRequest | None = None,
) -> PlanRevision:
    """
    Make a new revision with the content of an older one: its snapshot exactly as saved (not
    re-run), its assessment, its overrides and their reasons. The past is not changed (R3); the
    new revision is not released and its gates must be attested again.
    """
    current = Plan.objects.filter(pk=revision.plan_id).values_list(
        "current_revision_number", flat=True
    ).get()
    if revision.number == current:
        raise ValidationError(ALREADY_CURRENT, code="already_current")
    reason = gettext("Restored from revision %(number)s") % {"number": revision.number}
    note = (note or "").strip()
    if note:
        reason = f"{reason}: {note}"
    return plan_revision_store(
        intake=revision.intake,
        snapshot=revision.snapshot,
        intake_data=revision.intake_data,
        author=user,
        base_revision=base_revision,
        reason=reason[:1000],
        overrides=revision.overrides,
        engine_version=revision.engine_version,
        schema_version=revision.schema_version,
        today=today,
        action=AuditEvent.Action.RESTORE,
        request=request,
    )


@dataclasses.dataclass(frozen=True)
class DroppedOverride:
    """An override of the base revision the clearance made unnecessary or impossible."""

    kind: str
    value: Any
    message: str


def _reapply(intake_data, *, today, stored) -> tuple[Any, list, list[DroppedOverride]]:
    """Build with as many of the stored overrides as still apply, in order; report the rest.

    A clearance limit can make an override moot (a lowered target above the new limit): the
    engine then refuses it, and it is left out rather than blocking the clearance.
    """
    kept: list[dict] = []
    dropped: list[DroppedOverride] = []
    for record in stored:
        try:
            _build(intake_data, today=today, overrides=_engine_overrides([*kept, record]))
        except OverrideRefused as refusal:
            dropped.append(DroppedOverride(record["kind"], record["value"], refusal.message))
        else:
            kept.append(record)
    return _build(intake_data, today=today, overrides=_engine_overrides(kept)), kept, dropped


@dataclasses.dataclass(frozen=True)
class ClearanceResult:
    revision: PlanRevision
    dropped: tuple[DroppedOverride, ...]


@transaction.atomic
def clearance_record(
    *,
    user: AbstractBaseUser,
    client: Client,
    base_revision: int | None,
    clearance_date: dt.date,
    clearance_by: str,
    clearance_max_minutes: int | None = None,
    clearance_max_intensity: str = "",
    today: dt.date | None = None,
    request: HttpRequest | None = None,
) -> ClearanceResult:
    """
    Record medical clearance for the current revision's CLEARANCE_PENDING gate.

    Copies the revision's assessment into a new one with clearance obtained (date, who, any
    limits on minutes or intensity), runs the engine on it (a limit can only lower the plan,
    rules.md 7.1, 7.8), re-applies the revision's overrides that still apply and saves the next
    revision with the reason "clearance recorded". Invalid limits raise ValidationError keyed
    by the Intake field; a conflict raises PlanConflict and leaves no new assessment (R4).
    """
    today = today or timezone.localdate()
    base = _base_revision(client.plan, base_revision)
    if Gate.CLEARANCE_PENDING not in base.saved_plan.gates:
        raise ValidationError(CLEARANCE_NOT_PENDING, code="not_pending")
    _check_replayable(base, today=today)
    errors: dict[str, list] = {}
    clearance_by = (clearance_by or "").strip()
    if not clearance_by:
        errors["clearance_by"] = [CLEARED_BY_REQUIRED]
    date_errors = clearance_date_errors(
        clearance_date, screened_on=base.intake.screened_on, today=today
    )
    if date_errors:
        errors["clearance_date"] = date_errors
    if errors:
        raise ValidationError(errors)
    answers = {name: getattr(base.intake, name) for name in intake_field_names()}
    answers.update(
        clearance_status=ClearanceStatus.OBTAINED.value,
        clearance_date=clearance_date,
        clearance_by=clearance_by,
        clearance_max_minutes=clearance_max_minutes,
        clearance_max_intensity=clearance_max_intensity or "",
    )
    intake = intake_create(client=client, author=user, request=request, **answers)
    intake_data = adapters.intake_to_engine_dict(intake)
    try:
        adapters.parse_intake(intake_data)
    except engine.IntakeError as error:
        raise ValidationError(
            {key: list(messages) for key, messages in error.errors.items()}
        ) from error
    plan, kept, dropped = _reapply(
        intake_data, today=_week_one(base, today), stored=base.overrides
    )
    reason = gettext("Clearance recorded")
    if dropped:
        reason += " — " + gettext("overrides no longer applied: %(list)s") % {
            "list": engine_messages.in_words(
                "; ".join(f"{d.kind} {d.value} ({d.message})" for d in dropped), sentence=False
            )
        }
    revision = plan_revision_store(
        intake=intake,
        snapshot=plan.to_dict(),
        intake_data=intake_data,
        author=user,
        base_revision=base_revision,
        reason=reason[:1000],
        overrides=kept,
        engine_version=plan.engine_version,
        today=today,
        action=AuditEvent.Action.CHANGE,
        request=request,
    )
    return ClearanceResult(revision=revision, dropped=tuple(dropped))
