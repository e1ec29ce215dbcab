"""
Reads of clients and their assessments, each scoped to the signed-in clinician: another
clinician's objects do not exist (404).

Names are `<entity>_<action>`; every function takes the user first and filters on ownership in
the same query that fetches the rows, so no view can forget the check. Query counts do not grow
with the number of clients or revisions (select_related, annotations, pagination).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property

from planner.engine import outcomes
from planner.models import Client, Intake, PlanRevision, Release
from planner.permissions import client_scope
from planner.selectors.teams import latest_handover_to_owner

CLIENTS_PER_PAGE = 25


def latest_release(**outer) -> QuerySet[Release]:
    """The latest release of a plan, for a subquery (`revision__plan=OuterRef("plan")`)."""
    return Release.objects.filter(**outer).order_by("-released_at", "-id")


def client_queryset(user: AbstractBaseUser) -> QuerySet[Client]:
    """Return the user's clients, with their plan in the same query.

    released_number, released_at: the revision the client holds (the latest released one,
    issue 22), in the same query.

    review_overdue: the plan's next review date has passed. The date stays until a review saves
    a new revision (R-REV-1), so an outstanding review shows as overdue instead of vanishing.
    """
    released = latest_release(revision__plan__client=OuterRef("pk"))
    return (
        Client.objects.filter(client_scope(user))
        .select_related("plan", "owner__clinician_profile")
        .annotate(
            review_overdue=Case(
                When(plan__next_review_date__lt=timezone.localdate(), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            released_number=Subquery(released.values("revision__number")[:1]),
            released_at=Subquery(released.values("released_at")[:1]),
        )
    )


class PlainCountPaginator(Paginator):
    """A paginator that counts `count_rows` instead of the page's own queryset: the total needs
    no joins or subqueries, and it is the one part of a list page that grows with the data."""

    def __init__(self, object_list, per_page, *, count_rows: QuerySet):
        super().__init__(object_list, per_page)
        self._count_rows = count_rows

    @cached_property
    def count(self) -> int:
        return self._count_rows.count()


def client_list(
    user: AbstractBaseUser,
    *,
    search: str = "",
    archived: bool = False,
    page: int | str | None = 1,
    per_page: int = CLIENTS_PER_PAGE,
) -> Page:
    """Return one page of the user's clients, most recent activity first, with the last
    assessment date annotated (one query for the rows, one for the count)."""
    matching = Q(archived=archived)
    # PostgreSQL refuses a NUL character in a query parameter (500); no name contains one.
    search = (search or "").replace("\x00", "").strip()
    if search:
        matching &= Q(display_name__icontains=search)
    clients = client_queryset(user).filter(matching)
    latest = Intake.objects.filter(client=OuterRef("pk")).order_by(
        "-assessed_date", "-created", "-id"
    )
    # Subqueries, not Max() over a join: no GROUP BY over every client of the clinician, the
    # count query drops them, and the database evaluates them for the page's rows only.
    clients = clients.annotate(
        last_assessed=Subquery(latest.values("assessed_date")[:1]),
        last_clearance_status=Subquery(latest.values("clearance_status")[:1]),
        last_clearance_date=Subquery(latest.values("clearance_date")[:1]),
        # R-REV-6: the latest assessment's screening date, else its assessment date.
        last_screened=Subquery(
            latest.values(screened=Coalesce("screening_date", F("assessed_date")))[:1]
        ),
        # Issue 24: who handed the client to its current clinician, and when.
        handover_by_id=Subquery(latest_handover_to_owner().values("by_user_id")[:1]),
        handover_at=Subquery(latest_handover_to_owner().values("created")[:1]),
    ).select_related("owner__clinician_profile").order_by("-last_activity", "-id")
    paginator = PlainCountPaginator(
        clients, per_page, count_rows=Client.objects.filter(client_scope(user), matching)
    )
    page = paginator.get_page(page)
    # Next review and expiries (R-REV-1, R-REV-6) from the annotated rows: no query per row.
    page.object_list = list(page.object_list)
    today = timezone.localdate()
    handed_by = _users({c.handover_by_id for c in page.object_list if c.handover_by_id})
    for client in page.object_list:
        client.handover_by = handed_by.get(client.handover_by_id)
        client.schedule = outcomes.client_schedule(
            next_review=client.plan.next_review_date,
            screened_on=client.last_screened,
            clearance_status=client.last_clearance_status,
            cleared_on=client.last_clearance_date,
            today=today,
        )
    return page


def _users(ids: set[int]) -> dict:
    """The users with these ids, with their profiles (one query, none for no ids)."""
    if not ids:
        return {}
    users = get_user_model()._default_manager.select_related("clinician_profile")
    return {u.pk: u for u in users.filter(pk__in=ids)}


def client_get(user: AbstractBaseUser, pk: int) -> Client:
    """Return the user's client `pk` with its plan, or raise Http404."""
    return get_object_or_404(client_queryset(user), pk=pk)


def intake_list(user: AbstractBaseUser, client: Client) -> QuerySet[Intake]:
    """Return the client's assessments, newest first, with how many revisions each produced
    (counted per listed assessment, not grouped over all of them, so a slice stays cheap)."""
    revision_counts = (
        PlanRevision.objects.filter(intake=OuterRef("pk"))
        .order_by()
        .values("intake")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        Intake.objects.filter(client_scope(user, "client__"), client=client)
        .select_related("author")
        # A list row shows its date and author: the answers (dozens of fields, JSON lists) stay
        # unread, which is most of the cost of a row.
        .only("client_id", "assessed_date", "author__username")
        .annotate(revision_count=Coalesce(Subquery(revision_counts), 0))
        .order_by("-assessed_date", "-id")
    )


def intake_get(user: AbstractBaseUser, pk: int) -> Intake:
    """Return the user's assessment `pk` with its client and plan, or raise Http404."""
    return get_object_or_404(
        Intake.objects.select_related("client", "client__plan"),
        client_scope(user, "client__"), pk=pk,
    )


def intake_latest(user: AbstractBaseUser, client: Client) -> Intake | None:
    """Return the client's most recent assessment, or None."""
    return (
        Intake.objects.filter(client_scope(user, "client__"), client=client)
        .order_by("-assessed_date", "-created", "-id")
        .first()
    )
