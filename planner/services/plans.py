"""
Writes for plans: saving a revision (plan_revision_create, and plan_revision_store under it).

A revision is numbered under a lock on the Plan row (SELECT ... FOR UPDATE on PostgreSQL; on
SQLite the IMMEDIATE transaction already serialises writers), checked against the revision the
clinician started from (no lost update, quality.md R1), and written with its audit row in one
transaction: a failure anywhere leaves no revision and no counter change (R4).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from planner import adapters
from planner.engine import ENGINE_VERSION
from planner.models import (
    SNAPSHOT_SCHEMA_VERSION,
    AuditEvent,
    Intake,
    Plan,
    PlanRevision,
)
from planner.services.audit import audit_record
from planner.services.clients import client_touch

REASON_REQUIRED = _("Say why the plan is changing: a reason is required after the first revision.")
PLAN_CONFLICT = _(
    "This plan changed since you opened it: revision %(current)s was saved meanwhile. "
    "Review the newer revision before saving."
)
INTAKE_OF_OTHER_CLIENT = _("This assessment belongs to another client.")
SNAPSHOT_UNREADABLE = _("This plan cannot be read by this version of the planner: %(error)s")


class PlanConflict(Exception):
    """The plan moved on since the clinician opened it (their base revision is not current)."""

    def __init__(self, *, plan: Plan, base_revision: int | None, current_revision: int):
        self.plan = plan
        self.base_revision = base_revision
        self.current_revision = current_revision
        super().__init__(str(PLAN_CONFLICT % {"current": current_revision}))


@transaction.atomic
def plan_revision_store(
    *,
    intake: Intake,
    snapshot: Mapping[str, Any],
    intake_data: Mapping[str, Any],
    author: AbstractBaseUser,
    base_revision: int | None,
    reason: str = "",
    overrides: Sequence[Mapping[str, Any]] = (),
    engine_version: str | None = None,
    schema_version: int = SNAPSHOT_SCHEMA_VERSION,
    today: dt.date | None = None,
    action: AuditEvent.Action = AuditEvent.Action.CREATE,
    request: HttpRequest | None = None,
) -> PlanRevision:
    """
    Append the next revision of the intake's client's plan with a given snapshot, and audit it.

    The snapshot is stored exactly as given (Plan.to_dict(), or an older revision's for a
    restore); what the revision and the plan row copy out of it (outcome, start date, next
    review) is read from the plan it holds (PlanRevision.saved_plan): a snapshot this engine
    cannot read is refused (ValidationError), since no page could show it.

    base_revision is the plan's current revision number the clinician saw (0 or None before the
    first); any other value raises PlanConflict. After the first revision a reason is required.
    Part 2 (restore) calls this with an older revision's snapshot and action RESTORE.
    """
    today = today or timezone.localdate()
    plan = Plan.objects.select_for_update().get(client_id=intake.client_id)
    current = plan.current_revision_number
    if (base_revision or 0) != current:
        raise PlanConflict(plan=plan, base_revision=base_revision, current_revision=current)
    reason = (reason or "").strip()
    if current >= 1 and not reason:
        raise ValidationError({"reason": REASON_REQUIRED}, code="reason_required")
    revision = PlanRevision(
        plan=plan,
        number=current + 1,
        based_on_number=current or None,
        intake=intake,
        intake_data=dict(intake_data),
        snapshot=dict(snapshot),
        schema_version=schema_version,
        overrides=[dict(o) for o in overrides],
        reason=reason,
        author=author,
    )
    try:
        saved = revision.saved_plan
    except adapters.SnapshotUnreadable as error:
        raise ValidationError(
            SNAPSHOT_UNREADABLE, code="unreadable", params={"error": error}
        ) from error
    # Copied out of the plan so lists need not read the JSON.
    revision.engine_version = engine_version or saved.engine_version or ENGINE_VERSION
    revision.hard_stop = str(saved.hard_stop or "")
    revision.mode = str(saved.mode or "")
    revision.start_date = saved.start_date
    revision.full_clean(validate_unique=False, validate_constraints=False)
    try:
        # A savepoint, so a lost race on the unique (plan, number) constraint (only possible if
        # the lock above is bypassed) surfaces as a conflict, not a broken transaction.
        with transaction.atomic():
            revision.save()
    except IntegrityError:
        plan.refresh_from_db()
        raise PlanConflict(
            plan=plan, base_revision=base_revision, current_revision=plan.current_revision_number
        ) from None
    plan.current_revision_number = revision.number
    if revision.hard_stop:
        # No plan under a hard stop: nothing starts and nothing is reviewed.
        plan.start_date = None
        plan.next_review_date = None
    else:
        plan.start_date = adapters.plan_start_date(saved, intake_data) or today
        plan.next_review_date = adapters.next_review_date(saved, on_or_after=today)
    plan.save(update_fields=["current_revision_number", "start_date", "next_review_date",
                             "updated"])
    client_touch(client=intake.client)
    audit_record(actor=author, action=action, object_type="plan_revision", object_id=revision.pk,
                 request=request, detail=f"plan={plan.pk} number={revision.number}")
    return revision


@transaction.atomic
def plan_revision_create(
    *,
    intake: Intake,
    author: AbstractBaseUser,
    base_revision: int | None,
    reason: str = "",
    today: dt.date | None = None,
    request: HttpRequest | None = None,
) -> PlanRevision:
    """
    Run the engine on a saved assessment and save the result as the plan's next revision.

    The snapshot is computed here, from the stored intake, never taken from the browser. A hard
    stop is saved as well (no steps), so the history shows it.
    """
    today = today or timezone.localdate()
    intake_data = adapters.intake_to_engine_dict(intake)
    plan = adapters.build_plan(intake_data, today=today)
    return plan_revision_store(
        intake=intake,
        snapshot=plan.to_dict(),
        intake_data=intake_data,
        author=author,
        base_revision=base_revision,
        reason=reason,
        engine_version=plan.engine_version,
        today=today,
        request=request,
    )
