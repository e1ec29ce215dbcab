"""A factory and set-ups for check-ins and reviews (through the services, like the pages)."""

from __future__ import annotations

import datetime as dt

import factory

from planner.models import CheckIn, Review
from planner.services.checkins import checkin_create
from planner.services.plans import plan_revision_create
from planner.services.reviews import review_create
from tests.support.factories import ClientFactory, IntakeFactory

START = dt.date(2026, 1, 5)  # a Monday: week 1 of the plans below


def plan_started(*, owner=None, start: dt.date = START, **answers):
    """A client with revision 1 of a plan starting `start` (case C01 unless `answers` say
    otherwise): S 30, T 150, +10 a step, holding at steps 4, 8, 12, ...; reviews in weeks 4, 8,
    12, 24 and 36. Returns (client, revision)."""
    client = ClientFactory(**({"owner": owner} if owner is not None else {}))
    intake = IntakeFactory(
        client=client,
        assessed_date=min(start, dt.date.today()),
        plan_start_date=start,
        **answers,
    )
    revision = plan_revision_create(
        intake=intake, author=client.owner, base_revision=0, today=start
    )
    client.refresh_from_db()
    return client, revision


def week(n: int, start: dt.date = START) -> dt.date:
    """The first day of plan week `n`."""
    return start + dt.timedelta(days=7 * (n - 1))


def record(client, n: int, minutes: int, *, step: int | None = None, start: dt.date = START,
           today: dt.date | None = None, **answers) -> CheckIn:
    """Record plan week `n` with `minutes` completed (step n unless given)."""
    answers.setdefault("sessions_completed", 3 if minutes else 0)
    return checkin_create(
        client=client,
        author=client.owner,
        week_start=week(n, start),
        plan_step=step if step is not None else n,
        minutes_completed=minutes,
        today=today or week(n, start) + dt.timedelta(days=6),
        **answers,
    )


def review_at(client, n: int, *, start: dt.date = START, **findings) -> Review:
    """Propose a review held on the first day of plan week `n`."""
    return review_create(client=client, author=client.owner, today=week(n, start), **findings)


class CheckInFactory(factory.django.DjangoModelFactory):
    """A check-in row written directly (for permission and query-count tests)."""

    class Meta:
        model = CheckIn

    client = factory.SubFactory(ClientFactory)
    revision = None
    author = factory.LazyAttribute(lambda c: c.client.owner)
    week_start = START
    plan_step = 1
    minutes_completed = 30
    sessions_completed = 3

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if kwargs.get("revision") is None:
            client = kwargs["client"]
            if not client.plan.current_revision_number:
                intake = IntakeFactory(client=client, plan_start_date=START)
                plan_revision_create(intake=intake, author=client.owner, base_revision=0,
                                     today=START)
            kwargs["revision"] = client.plan.revisions.order_by("number").first()
        return super()._create(model_class, *args, **kwargs)


def review_for(owner=None) -> Review:
    """A proposed review of a client owned by `owner`: weeks 1-3 recorded, reviewed in week 4."""
    client, _revision = plan_started(owner=owner)
    for n, minutes in ((1, 30), (2, 40), (3, 50)):
        record(client, n, minutes)
    return review_at(client, 4)


# --- for the access matrix (tests/security/test_access_matrix.py): objects of a World, made once


def world_checkin(world) -> CheckIn:
    """A check-in of the World's client: week 1 of its plan (which starts today)."""
    if getattr(world, "_checkin", None) is None:
        today = dt.date.today()
        world._checkin = checkin_create(
            client=world.client, author=world.owner, week_start=world.client.plan.start_date
            or today, plan_step=1, minutes_completed=30, sessions_completed=3, today=today,
        )
    return world._checkin


def world_review(world) -> Review:
    """A proposed, undecided review of the World's current revision. The plan started today, so
    no real review is possible yet: the row is written directly (access tests only)."""
    if getattr(world, "_review", None) is None:
        today = dt.date.today()
        review = Review(
            client=world.client, revision=world.revision, review_date=today, review_week=1,
            week_start=today, current_step=1, adherence_percent=100,
            proposed_action="CONTINUE", proposed_rules=["R-REV-3"], author=world.owner,
        )
        review.save()
        world._review = review
    return world._review
