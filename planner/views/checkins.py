"""Check-in pages: the client's progress (all check-ins, charts, reviews), record and correct a
week. Thin: form -> service -> redirect. Objects are loaded (scoped to the clinician, 404 for
anyone else) before the method is checked."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from planner import selectors
from planner.engine import outcomes
from planner.forms.checkins import CheckInForm
from planner.models import CheckIn, Client
from planner.presenters import clientlog as client_log_pages
from planner.presenters import progress as progress_pages
from planner.services.checkins import checkin_create as create_checkin
from planner.services.checkins import checkin_update as update_checkin
from planner.services.checkins import revision_for_week
from planner.views.common import (
    Action,
    archived_redirect,
    attempt,
    audit,
    method_not_allowed,
)

REVIEW_LIST_LIMIT = 20


@login_required
def checkin_list(request, pk):
    """The client's progress: every check-in (paginated), both charts and the reviews."""
    client = selectors.client_get(request.user, pk)
    if refused := method_not_allowed(request, "GET"):
        return refused
    page = selectors.checkin_page(request.user, client, page=request.GET.get("page"))
    audit(request, Action.VIEW, "client", client.pk, "progress")
    return render(
        request,
        "planner/checkin_list.html",
        {
            "client": client,
            "plan": client.plan,
            "page": page,
            "progress": progress_pages.progress_view(
                request.user, client, weeks=progress_pages.PROGRESS_PAGE_WEEKS, id_prefix="all"
            ),
            "reviews": selectors.review_list(request.user, client)[:REVIEW_LIST_LIMIT],
            # Issue 23: the days the client logged with their private link.
            "client_log": client_log_pages.entry_rows(
                selectors.client_log_entries(request.user, client), ed=False),
        },
    )


def _weeks(user, client: Client, *, keep=None) -> list[tuple]:
    """The weeks a check-in can be for: plan weeks up to this one, newest first, without the
    weeks already recorded (except `keep`, the week of the check-in being corrected)."""
    plan = client.plan
    today = timezone.localdate()
    if plan.start_date is None:
        return []
    effective = selectors.revision_effective_dates(user, client)
    earliest = min([plan.start_date, *(day for _n, day in effective)])
    taken = set(CheckIn.objects.filter(client=client).values_list("week_start", flat=True))
    return [
        (week, outcomes.week_number(plan.start_date, week))
        for week in outcomes.plan_week_starts(plan.start_date, earliest=earliest, today=today)
        if week == keep or not any(outcomes.weeks_overlap(week, t) for t in taken)
    ]


def _step_hint(user, client: Client, week) -> tuple[int | None, str]:
    """The suggested step for a week (the next row after last week's) and a hint naming the
    revision's steps."""
    revision = revision_for_week(user, client, week) if week else None
    if revision is None or not revision.steps:
        return None, ""
    previous = (
        CheckIn.objects.filter(
            client=client, revision=revision, week_start__lt=week, plan_step__isnull=False
        )
        .order_by("-week_start")
        .values_list("week_start", "plan_step")
        .first()
    )
    numbers = outcomes.step_numbers(revision.steps)
    hint = _("Revision %(number)s has steps %(first)s to %(last)s.") % {
        "number": revision.number, "first": numbers[0], "last": numbers[-1]}
    return outcomes.suggest_plan_step(revision.steps, week, previous), hint


def _saved(request, form, save) -> bool:
    """Save a valid check-in form with `save()`: True (and "Check-in saved.") if it was saved,
    else False with the service's errors on the form."""
    saved = attempt(form, save).saved
    if saved:
        messages.success(request, _("Check-in saved."))
    return saved


@login_required
def checkin_create(request, pk):
    """Record one week of the client's report."""
    client = selectors.client_get(request.user, pk)
    if refused := method_not_allowed(request, "GET", "POST"):
        return refused
    if archived := archived_redirect(request, client):
        return archived
    if not client.plan.current_revision_number or client.plan.start_date is None:
        # No plan yet, or a hard stop (no plan runs, so there is no week to report on).
        messages.error(request, _("There is no running plan to record a week of."))
        return redirect("planner:client_detail", pk=client.pk)
    weeks = _weeks(request.user, client)
    has_steps = bool(selectors.plan_revision_current(request.user, client).steps)
    if request.method == "POST":
        form = CheckInForm(request.POST, weeks=weeks, step_required=has_steps,
                           instance=CheckIn(client=client))
        if form.is_valid() and _saved(request, form, lambda: create_checkin(
            client=client, author=request.user, request=request, **form.cleaned_data
        )):
            return redirect("planner:client_detail", pk=client.pk)
    else:
        # Default: the most recent week not yet recorded that has ended, else this week.
        today = timezone.localdate()
        ended = [w for w, _n in weeks if w + dt.timedelta(days=7) <= today]
        week = ended[0] if ended else (weeks[0][0] if weeks else None)
        step, hint = _step_hint(request.user, client, week)
        audit(request, Action.VIEW, "client", client.pk, "checkin form")
        form = CheckInForm(
            weeks=weeks,
            step_hint=hint,
            step_required=has_steps,
            instance=CheckIn(client=client),
            initial={"week_start": week.isoformat() if week else None, "plan_step": step},
        )
    return render(
        request, "planner/checkin_form.html", {"client": client, "form": form, "checkin": None}
    )


@login_required
def checkin_update(request, pk, checkin_pk):
    """Correct a recorded week (reviews keep the numbers they were proposed from)."""
    checkin = selectors.checkin_get(request.user, pk, checkin_pk)
    if refused := method_not_allowed(request, "GET", "POST"):
        return refused
    client = checkin.client
    weeks = _weeks(request.user, client, keep=checkin.week_start)
    if checkin.week_start not in {w for w, _n in weeks}:
        weeks = [(checkin.week_start, outcomes.week_number(client.plan.start_date,
                                                          checkin.week_start)
                  if client.plan.start_date else 0), *weeks]
    form = CheckInForm(request.POST if request.method == "POST" else None, weeks=weeks,
                       step_required=bool(checkin.revision.steps), instance=checkin)
    if request.method == "POST":
        if form.is_valid() and _saved(request, form, lambda: update_checkin(
            checkin=checkin, actor=request.user, request=request, **form.cleaned_data
        )):
            return redirect("planner:checkin_list", pk=client.pk)
    else:
        audit(request, Action.VIEW, "checkin", checkin.pk)
    return render(
        request, "planner/checkin_form.html",
        {"client": client, "form": form, "checkin": checkin},
    )
