"""
Writes for check-ins: checkin_create, checkin_update.

A check-in is one calendar week of the plan as the client reported it. Keyword-only, validated
with full_clean() plus the checks that need other rows (the week is not taken, the step is one
of the revision's), and audited in the same transaction. The audit row holds ids only (S10).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from planner import selectors
from planner.engine import outcomes
from planner.models import AuditEvent, CheckIn, CheckInSource, Client, PlanRevision
from planner.services.audit import audit_record
from planner.services.clients import client_touch

CHECKIN_FIELDS = (
    "week_start",
    "plan_step",
    "minutes_completed",
    "sessions_completed",
    "strength_sessions",
    "adverse_event",
    "poor_sleep_nights",
    "mood_before",
    "mood_after",
    "notes",
    "phq9_total",
    "phq9_item9",
    "gad7_total",
)

NO_PLAN = _("Save a plan for this client first: a check-in records a week of a saved plan.")
ARCHIVED = _("This client is archived. Restore the client before recording a check-in.")
WEEK_IN_FUTURE = _("This week has not started yet.")
WEEK_TAKEN = _(
    "The week starting %(week)s already has a check-in. Open that check-in to correct it."
)
STEP_REQUIRED = _("Say which plan step the client worked on that week.")
STEP_NOT_IN_PLAN = _(
    "Revision %(revision)s has steps %(first)s to %(last)s; the client is on one of those, or "
    "past the last one (the plan then stays at its last level)."
)
STEP_BEYOND = _("Step %(step)s is too far past the end of the plan (step %(last)s).")
REVISION_OF_OTHER_CLIENT = _("This revision belongs to another client.")
CLIENT_LOGGED_TOTALS = _(
    "The client logged this week: its minutes and sessions add up the days they logged. To "
    "change them, correct or discount a day under “Logged by the client”, with a reason."
)
DERIVED_FIELDS = ("minutes_completed", "sessions_completed")
# How far past the last printed step a client can be: the plan stays at its last level.
STEPS_PAST_END = 52


def _check_week(checkin: CheckIn, *, today: dt.date) -> None:
    if checkin.week_start and checkin.week_start > today:
        raise ValidationError({"week_start": WEEK_IN_FUTURE}, code="future_week")
    others = (
        CheckIn.objects.filter(client_id=checkin.client_id)
        .exclude(pk=checkin.pk)
        .filter(
            week_start__gt=checkin.week_start - dt.timedelta(days=7),
            week_start__lt=checkin.week_start + dt.timedelta(days=7),
        )
        .values_list("week_start", flat=True)
        .first()
    )
    if others is not None:
        raise ValidationError(
            {"week_start": ValidationError(WEEK_TAKEN, params={"week": date_format(others)})},
            code="week_taken",
        )


def _check_step(checkin: CheckIn) -> None:
    steps = checkin.revision.steps
    if not steps:
        # A hard stop or a plan that schedules no minutes (MAINTAIN_CURRENT): no step to name.
        checkin.plan_step = None
        return
    if checkin.plan_step is None:
        raise ValidationError({"plan_step": STEP_REQUIRED}, code="step_required")
    numbers = outcomes.step_numbers(steps)
    if checkin.plan_step < numbers[0]:
        raise ValidationError(
            {"plan_step": ValidationError(STEP_NOT_IN_PLAN, params={
                "revision": checkin.revision.number, "first": numbers[0], "last": numbers[-1]})},
            code="step_not_in_plan",
        )
    if checkin.plan_step > numbers[-1] + STEPS_PAST_END:
        raise ValidationError(
            {"plan_step": ValidationError(STEP_BEYOND, params={
                "step": checkin.plan_step, "last": numbers[-1]})},
            code="step_beyond",
        )


def revision_for_week(user, client: Client, week_start: dt.date) -> PlanRevision | None:
    """Return the revision the week starting `week_start` was planned under (or None)."""
    number = outcomes.revision_in_force(
        selectors.revision_effective_dates(user, client), week_start
    )
    if number is None:
        return None
    return PlanRevision.objects.get(plan__client=client, number=number)


def _save(checkin: CheckIn, *, today: dt.date) -> CheckIn:
    checkin.full_clean(validate_unique=False, validate_constraints=False)
    _check_week(checkin, today=today)
    _check_step(checkin)
    try:
        with transaction.atomic():
            checkin.save()
    except IntegrityError:
        # Two saves for the same week at once: the constraint caught the second.
        raise ValidationError(
            {"week_start": ValidationError(WEEK_TAKEN, params={
                "week": date_format(checkin.week_start)})},
            code="week_taken",
        ) from None
    return checkin


def checkin_save_client_week(checkin: CheckIn, *, today: dt.date) -> CheckIn:
    """Validate and save a week the client logged (services.clientlog adds up its days)."""
    return _save(checkin, today=today)


@transaction.atomic
def checkin_create(
    *,
    client: Client,
    author: AbstractBaseUser,
    week_start: dt.date,
    minutes_completed: int,
    sessions_completed: int,
    plan_step: int | None = None,
    revision: PlanRevision | None = None,
    today: dt.date | None = None,
    request: HttpRequest | None = None,
    **answers: Any,
) -> CheckIn:
    """
    Record one week of a client's report and audit it.

    revision is the revision the week was planned under; by default the one in force that week
    (outcomes.revision_in_force). answers are the other CheckIn fields (CHECKIN_FIELDS).
    """
    unknown = set(answers) - set(CHECKIN_FIELDS)
    if unknown:
        raise TypeError(f"Unknown check-in fields: {', '.join(sorted(unknown))}")
    today = today or timezone.localdate()
    if client.archived:
        raise ValidationError(ARCHIVED, code="archived")
    if revision is None:
        revision = revision_for_week(author, client, week_start)
        if revision is None:
            raise ValidationError(NO_PLAN, code="no_plan")
    elif revision.plan.client_id != client.pk:
        raise ValidationError(REVISION_OF_OTHER_CLIENT, code="other_client")
    checkin = CheckIn(
        client=client,
        revision=revision,
        author=author,
        week_start=week_start,
        plan_step=plan_step,
        minutes_completed=minutes_completed,
        sessions_completed=sessions_completed,
        **answers,
    )
    _save(checkin, today=today)
    client_touch(client=client)
    audit_record(actor=author, action=AuditEvent.Action.CREATE, object_type="checkin",
                 object_id=checkin.pk, request=request, detail=f"client={client.pk}")
    return checkin


@transaction.atomic
def checkin_update(
    *,
    checkin: CheckIn,
    actor: AbstractBaseUser,
    today: dt.date | None = None,
    request: HttpRequest | None = None,
    **fields: Any,
) -> CheckIn:
    """Correct a check-in (reviews keep the numbers they used); audit the field names only."""
    unknown = set(fields) - set(CHECKIN_FIELDS)
    if unknown:
        raise TypeError(f"Unknown check-in fields: {', '.join(sorted(unknown))}")
    today = today or timezone.localdate()
    stored = CheckIn.objects.filter(pk=checkin.pk).values(*fields).get()
    changed = sorted(name for name, value in fields.items() if stored[name] != value)
    if checkin.source == CheckInSource.CLIENT and set(changed) & set(DERIVED_FIELDS):
        raise ValidationError(
            {name: ValidationError(CLIENT_LOGGED_TOTALS, code="client_logged")
             for name in sorted(set(changed) & set(DERIVED_FIELDS))}
        )
    for name, value in fields.items():
        setattr(checkin, name, value)
    if "week_start" in changed:
        revision = revision_for_week(actor, checkin.client, checkin.week_start)
        if revision is not None:
            checkin.revision = revision
    _save(checkin, today=today)
    client_touch(client=checkin.client)
    audit_record(actor=actor, action=AuditEvent.Action.CHANGE, object_type="checkin",
                 object_id=checkin.pk, request=request,
                 detail=("fields=" + ",".join(changed))[:200])
    return checkin
