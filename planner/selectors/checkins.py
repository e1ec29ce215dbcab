"""
Reads of the outcome loop (check-ins, reviews, the facts charts and schedules need), each scoped
to the signed-in clinician like selectors/clients.py: another clinician's objects do not exist
(404). Query counts do not grow with the number of check-ins, reviews or revisions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.paginator import Page, Paginator
from django.db.models import Case, CharField, QuerySet, Value, When
from django.db.models.fields.json import KT
from django.shortcuts import get_object_or_404
from django.utils import timezone

from planner import adapters, engine
from planner.engine import outcomes
from planner.models import CheckIn, Client, Intake, PlanRevision, Review, ReviewDecision
from planner.permissions import client_scope

CHECKINS_PER_PAGE = 26


def checkin_queryset(user: AbstractBaseUser) -> QuerySet[CheckIn]:
    return CheckIn.objects.filter(client_scope(user, "client__"))


def checkin_list(user: AbstractBaseUser, client: Client) -> QuerySet[CheckIn]:
    """Return the client's check-ins, newest week first, with the revision number."""
    return (
        checkin_queryset(user)
        .filter(client=client)
        .select_related("revision", "author")
        .defer("revision__snapshot", "revision__intake_data")
        .order_by("-week_start")
    )


def checkin_page(user: AbstractBaseUser, client: Client, *, page=1) -> Page:
    return Paginator(checkin_list(user, client), CHECKINS_PER_PAGE).get_page(page)


def checkin_recent_weeks(user: AbstractBaseUser, client: Client, *, limit: int) -> list[CheckIn]:
    """Return the client's latest `limit` check-ins, newest first, with what the weekly table
    and chart read (week, step, minutes, adverse event, revision number)."""
    return list(
        checkin_queryset(user).filter(client=client)
        .select_related("revision")
        .only("week_start", "plan_step", "minutes_completed", "adverse_event",
              "revision__number")
        .order_by("-week_start")[:limit]
    )


def checkin_get(user: AbstractBaseUser, client_pk: int, pk: int) -> CheckIn:
    """Return check-in `pk` of the user's client `client_pk`, or raise Http404."""
    return get_object_or_404(
        checkin_queryset(user).select_related("client", "client__plan", "revision"),
        client_id=client_pk,
        pk=pk,
    )


def review_list(user: AbstractBaseUser, client: Client) -> QuerySet[Review]:
    """Return the client's reviews, newest first, with their decision and revisions."""
    return (
        Review.objects.filter(client_scope(user, "client__"), client=client)
        .select_related("decision", "decision__resulting_revision")
        # What a row of the reviews table shows: the findings, scores and revisions' JSON
        # bodies stay unread.
        .only(
            "client_id", "review_date", "review_week", "adherence_percent", "proposed_action",
            "decision__review_id", "decision__accepted", "decision__resulting_revision__number",
        )
        .order_by("-review_date", "-id")
    )


def review_get(user: AbstractBaseUser, client_pk: int, pk: int) -> Review:
    """Return review `pk` of the user's client `client_pk`, or raise Http404."""
    return get_object_or_404(
        Review.objects.select_related(
            "client", "client__plan", "revision", "author", "decision",
            "decision__resulting_revision",
        ),
        client_scope(user, "client__"),
        client_id=client_pk,
        pk=pk,
    )


def revision_effective_dates(user: AbstractBaseUser, client: Client) -> list[tuple[int, dt.date]]:
    """
    Return (revision number, day it took effect) for the client's revisions, oldest first.

    A revision accepted at a review takes effect in that review's week. One that starts a new
    plan (the first, or a new start date) takes effect at its start date if that was earlier
    than the day it was saved. Any other revision takes effect the day it was saved.
    """
    # The start_date column, not the JSON: reading every snapshot made the client page's
    # time grow with the number of revisions. Rows written without the column (bulk loads)
    # fall back to the snapshot, which the database then reads for those rows only.
    rows = list(
        PlanRevision.objects.filter(client_scope(user, "plan__client__"), plan__client=client)
        .order_by("number")
        .values_list(
            "number",
            "created",
            "start_date",
            Case(
                When(start_date__isnull=True, then=KT("snapshot__start_date")),
                default=Value(None),
                output_field=CharField(),
            ),
        )
    )
    from_reviews = dict(
        ReviewDecision.objects.filter(
            client_scope(user, "review__client__"),
            review__client=client, resulting_revision__isnull=False
        ).values_list("resulting_revision__number", "review__week_start")
    )
    out, previous_start = [], None
    for number, created, start_date, start_text in rows:
        start = start_date.isoformat() if start_date else start_text
        saved = timezone.localtime(created).date()
        if number in from_reviews:
            day = from_reviews[number]
        elif start and start != previous_start:
            day = min(saved, dt.date.fromisoformat(start))
        else:
            day = saved
        previous_start = start
        out.append((number, day))
    return out


def revision_plans(user: AbstractBaseUser, client: Client, numbers: Iterable[int]
                   ) -> dict[int, engine.Plan]:
    """Return {number: saved plan} for some of the client's revisions (one query; each
    snapshot read by adapters.saved_plan)."""
    return {
        number: adapters.saved_plan(snapshot)
        for number, snapshot in PlanRevision.objects.filter(
            client_scope(user, "plan__client__"),
            plan__client=client, number__in=set(numbers)
        ).values_list("number", "snapshot")
    }


def client_scores(user: AbstractBaseUser, client: Client) -> dict[str, list[outcomes.Score]]:
    """Return every PHQ-9 and GAD-7 total of the client (assessments and check-ins), by date.

    One query (UNION ALL of both tables): the client page runs it on every view, and on
    PostgreSQL each query is a round trip to the database.
    """
    columns = ("phq9_total", "phq9_item9", "gad7_total")
    assessments = (
        Intake.objects.filter(client_scope(user, "client__"), client=client)
        .order_by()
        .values_list("assessed_date", *columns, Value("assessment", output_field=CharField()))
    )
    check_ins = (
        CheckIn.objects.filter(client_scope(user, "client__"), client=client)
        .order_by()
        .values_list("week_start", *columns, Value("check-in", output_field=CharField()))
    )
    phq9: list[outcomes.Score] = []
    gad7: list[outcomes.Score] = []
    for day, phq, item9, gad, source in assessments.union(check_ins, all=True):
        if phq is not None:
            phq9.append(outcomes.Score(day, phq, source, item9))
        if gad is not None:
            gad7.append(outcomes.Score(day, gad, source))
    key = lambda s: (s.day, s.source == "check-in")  # noqa: E731
    return {"phq9": sorted(phq9, key=key), "gad7": sorted(gad7, key=key)}


def latest_screening(user: AbstractBaseUser, client: Client) -> Intake | None:
    """Return the client's most recent assessment with only what the schedule reads (its
    screening and clearance dates), or None: the other answers stay unread."""
    return (
        Intake.objects.filter(client_scope(user, "client__"), client=client)
        .only("assessed_date", "screening_date", "clearance_status", "clearance_date")
        .order_by("-assessed_date", "-created", "-id")
        .first()
    )
