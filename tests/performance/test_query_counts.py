"""
Query counts do not grow with the data (quality.md P4, P5).

Each page is requested for a small, a middling and a large record, and the number of queries
must be the same for all three (and under a hard ceiling). The large records are written with
bulk_create, but every row is what the services would write: one real engine build per record
(its snapshot and intake copied into each later revision), revisions numbered 1..n, each based
on the one before, and the plan's counter at n.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from planner.models import (
    AuditEvent,
    CheckIn,
    Client,
    GateAttestation,
    Intake,
    Plan,
    PlanRevision,
    Release,
)
from planner.services.plans import plan_revision_create
from tests.support.auth import browser_for
from tests.support.factories import ClinicianProfileFactory, IntakeFactory
from tests.support.progress import plan_started, week
from tests.support.revisions import GATE_ANSWERS, TODAY

pytestmark = pytest.mark.django_db

CLIENT_SIZES = (1, 25, 500)
REVISION_SIZES = (1, 10, 1000)
CHECKIN_SIZES = (1, 6, 40)  # 40 fills more than one page of check-ins
EVENT_SIZES = (1, 30, 500)

# Hard ceilings: what each page costs today plus a little room. Sessions, the signed-in user,
# two-factor state and the audit write are a fixed part of every page.
CEILING = {
    "client_list": 14,
    "client_detail": 24,
    "plan_history": 16,
    "plan_revision_detail": 14,
    "checkin_list": 22,
    "activity": 10,
}


# --- data, built quickly ------------------------------------------------------------------------


def new_clinician():
    return ClinicianProfileFactory().user


def first_revision(owner, **answers) -> PlanRevision:
    """Revision 1 of a new client of `owner`, built by the real engine through the service."""
    intake = IntakeFactory(client__owner=owner, **answers)
    return plan_revision_create(intake=intake, author=owner, base_revision=0, today=TODAY)


def add_clients(owner, count: int) -> list[Client]:
    """`count` clients of `owner`, each with one assessment and revision 1, as the services
    would leave them. The engine runs once; its snapshot is shared by every revision."""
    model = first_revision(owner)
    model_intake = model.intake
    if count == 1:
        return [model_intake.client]
    now = timezone.now()
    clients = Client.objects.bulk_create(
        Client(owner=owner, clinic=model_intake.client.clinic, display_name=f"Client {n:04}",
               crisis_region="US",
               last_activity=now - dt.timedelta(minutes=n))
        for n in range(1, count)
    )
    plan = model.plan
    Plan.objects.bulk_create(
        Plan(client=client, start_date=plan.start_date, current_revision_number=1,
             next_review_date=plan.next_review_date)
        for client in clients
    )
    fields = {
        f.name: getattr(model_intake, f.name)
        for f in Intake._meta.concrete_fields
        if f.name not in ("id", "client", "created")
    }
    intakes = Intake.objects.bulk_create(
        Intake(**{**fields, "client": client}) for client in clients
    )
    plans = dict(Plan.objects.filter(client__in=clients).values_list("client_id", "id"))
    PlanRevision.objects.bulk_create(
        _copy(model, plan_id=plans[intake.client_id], intake=intake, number=1)
        for intake in intakes
    )
    return [model_intake.client, *clients]


def _copy(model: PlanRevision, *, number: int, **changes) -> PlanRevision:
    """A revision like `model` (its snapshot and intake), numbered `number`."""
    values = {
        f.attname: getattr(model, f.attname)
        for f in PlanRevision._meta.concrete_fields
        if f.attname not in ("id", "created")
    }
    values.update(
        number=number,
        based_on_number=number - 1 or None,
        reason="" if number == 1 else f"review {number}",
    )
    values.update({k: v for k, v in changes.items() if k not in ("intake", "plan")})
    revision = PlanRevision(**values)
    if "intake" in changes:
        revision.intake = changes["intake"]
    return revision


def client_with_revisions(owner, count: int) -> Client:
    """A client of `owner` whose plan has revisions 1..count. The engine builds revision 1 with
    a gate open; revision `count` has its gate attested and is released, as is revision 1."""
    model = first_revision(owner, **GATE_ANSWERS["RISK_ATTESTATION"])
    assert model.snapshot["gates"] == ["RISK_ATTESTATION"]
    PlanRevision.objects.bulk_create(
        (_copy(model, number=n) for n in range(2, count + 1)), batch_size=250
    )
    Plan.objects.filter(pk=model.plan_id).update(current_revision_number=count)
    latest = PlanRevision.objects.get(plan=model.plan_id, number=count)
    for revision in {model, latest}:
        GateAttestation.objects.create(revision=revision, gate="RISK_ATTESTATION",
                                       attested_by=owner)
        Release.objects.create(revision=revision, released_by=owner)
    return model.intake.client


def client_with_checkins(owner, count: int) -> Client:
    """A client of `owner` whose plan started `count` weeks ago, with weeks 1..count
    recorded."""
    start = timezone.localdate() - dt.timedelta(weeks=count)
    client, revision = plan_started(owner=owner, start=start)
    CheckIn.objects.bulk_create(
        CheckIn(client=client, revision=revision, author=owner, week_start=week(n, start),
                plan_step=min(n, len(revision.steps)), minutes_completed=30 + n % 20,
                sessions_completed=3, strength_sessions=n % 3,
                adverse_event="pain" if n % 7 == 0 else "none",
                phq9_total=8 if n % 4 == 0 else None, phq9_item9=0 if n % 4 == 0 else None)
        for n in range(1, count + 1)
    )
    return client


def add_events(owner, count: int) -> None:
    AuditEvent.objects.bulk_create(
        AuditEvent(actor_id=owner.pk, action="view", object_type="client", object_id=str(n),
                   ip="127.0.0.1")
        for n in range(count)
    )


# --- measuring -----------------------------------------------------------------------------------


@dataclasses.dataclass
class Measured:
    count: int
    sql: list[str]


def measure(browser, url) -> Measured:
    browser.get(url)  # warm up: the session's first request may write once (2FA state)
    with CaptureQueriesContext(connection) as context:
        response = browser.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return Measured(len(context.captured_queries), [q["sql"] for q in context.captured_queries])


def assert_flat(page: str, measured: dict, django_assert_max_num_queries, ceiling_browser_url):
    counts = {size: m.count for size, m in measured.items()}
    print(f"\n{page}: {counts}")  # shown with -s: the figures for docs and reports
    assert len(set(counts.values())) == 1, (page, counts)
    browser, url = ceiling_browser_url
    with django_assert_max_num_queries(CEILING[page]):
        assert browser.get(url).status_code == 200


# --- the pages ----------------------------------------------------------------------------------


def test_the_client_list_costs_the_same_for_1_25_and_500_clients(
    django_assert_max_num_queries,
):
    measured, last = {}, None
    for size in CLIENT_SIZES:
        owner = new_clinician()
        add_clients(owner, size)
        browser = browser_for(owner)
        last = (browser, reverse("planner:client_list"))
        measured[size] = measure(*last)
        page = browser.get(reverse("planner:client_list")).context["page"]
        assert page.paginator.count == size and len(page.object_list) == min(size, 25)
    assert_flat("client_list", measured, django_assert_max_num_queries, last)


def test_the_client_list_search_and_archive_filter_cost_the_same(django_assert_max_num_queries):
    measured = {}
    for size in CLIENT_SIZES:
        owner = new_clinician()
        add_clients(owner, size)
        measured[size] = measure(browser_for(owner), reverse("planner:client_list") + "?q=Client")
    assert len({m.count for m in measured.values()}) == 1, measured


@pytest.mark.parametrize(
    "page",
    ["client_detail", "plan_history", "checkin_list"],
)
def test_client_pages_cost_the_same_for_1_10_and_1000_revisions(
    page, django_assert_max_num_queries
):
    measured, last = {}, None
    for size in REVISION_SIZES:
        owner = new_clinician()
        client = client_with_revisions(owner, size)
        last = (browser_for(owner), reverse(f"planner:{page}", args=[client.pk]))
        measured[size] = measure(*last)
    assert_flat(page, measured, django_assert_max_num_queries, last)


def test_the_history_shows_the_newest_page_of_a_thousand_revisions():
    owner = new_clinician()
    client = client_with_revisions(owner, 1000)
    response = browser_for(owner).get(reverse("planner:plan_history", args=[client.pk]))
    numbers = [r.number for r in response.context["page"].object_list]
    assert numbers == list(range(1000, 975, -1))
    newest = response.context["page"].object_list[0]
    assert newest.release.released_by == owner
    assert [g.is_open for g in newest.gate_states] == [False]
    assert [g.is_open for g in response.context["page"].object_list[1].gate_states] == [True]


def test_opening_any_revision_costs_the_same(django_assert_max_num_queries):
    owner = new_clinician()
    small, large = client_with_revisions(owner, 1), client_with_revisions(owner, 1000)
    browser = browser_for(owner)
    opened = {
        (small.pk, 1): None,
        (large.pk, 1): None,  # released, attested
        (large.pk, 2): None,  # neither
        (large.pk, 500): None,
        (large.pk, 1000): None,  # current, released
    }
    for pk, number in opened:
        opened[pk, number] = measure(
            browser, reverse("planner:plan_revision_detail", args=[pk, number])
        )
    assert len({m.count for m in opened.values()}) == 1, {k: m.count for k, m in opened.items()}
    with django_assert_max_num_queries(CEILING["plan_revision_detail"]):
        browser.get(reverse("planner:plan_revision_detail", args=[large.pk, 1000]))


# A query that reads revisions is bounded when it fetches one number, aggregates, or is limited.
BOUNDED = re.compile(r'"number" = |\bMAX\(|\bCOUNT\(|\bLIMIT\b', re.IGNORECASE)


def revision_reads(sql: list[str]) -> list[str]:
    return [q for q in sql if re.search(r'FROM "planner_planrevision"', q)]


@pytest.mark.parametrize(
    "url_name", ["plan_revision_detail", "revision_release", "revision_restore"]
)
def test_opening_a_revision_never_reads_the_whole_plan(url_name):
    owner = new_clinician()
    client = client_with_revisions(owner, 1000)
    for number in (1, 2, 1000):
        measured = measure(browser_for(owner), reverse(f"planner:{url_name}",
                                                     args=[client.pk, number]))
        reads = revision_reads(measured.sql)
        assert reads, "the page reads its revision"
        unbounded = [q for q in reads if not BOUNDED.search(q)]
        assert not unbounded, unbounded


def test_comparing_two_revisions_reads_only_those_two():
    owner = new_clinician()
    client = client_with_revisions(owner, 1000)
    url = reverse("planner:revision_compare", args=[client.pk]) + "?a=1&b=1000"
    reads = revision_reads(measure(browser_for(owner), url).sql)
    assert reads and all(re.search(r'"number" IN \(1, 1000\)', q) for q in reads), reads


def test_the_release_page_costs_the_same_for_any_revision_of_any_plan():
    owner = new_clinician()
    small, large = client_with_revisions(owner, 1), client_with_revisions(owner, 1000)
    browser = browser_for(owner)
    counts = {
        (pk, number): measure(
            browser, reverse("planner:revision_release", args=[pk, number])
        ).count
        for pk, number in [(small.pk, 1), (large.pk, 1), (large.pk, 1000)]  # all released
    }
    print(f"\nrevision_release: {counts}")
    assert len(set(counts.values())) == 1, counts


def test_the_checkin_list_costs_the_same_for_few_and_many_check_ins(
    django_assert_max_num_queries,
):
    measured, last = {}, None
    for size in CHECKIN_SIZES:
        owner = new_clinician()
        client = client_with_checkins(owner, size)
        last = (browser_for(owner), reverse("planner:checkin_list", args=[client.pk]))
        measured[size] = measure(*last)
        page = last[0].get(last[1]).context["page"]
        assert page.paginator.count == size
    assert_flat("checkin_list", measured, django_assert_max_num_queries, last)


def test_the_client_page_costs_the_same_for_few_and_many_check_ins(
    django_assert_max_num_queries,
):
    measured, last = {}, None
    for size in CHECKIN_SIZES:
        owner = new_clinician()
        client = client_with_checkins(owner, size)
        last = (browser_for(owner), reverse("planner:client_detail", args=[client.pk]))
        measured[size] = measure(*last)
    assert_flat("client_detail", measured, django_assert_max_num_queries, last)


def test_the_activity_page_costs_the_same_for_few_and_many_events(
    django_assert_max_num_queries,
):
    measured, last = {}, None
    for size in EVENT_SIZES:
        owner = new_clinician()
        add_events(owner, size)
        last = (browser_for(owner), reverse("planner:activity"))
        measured[size] = measure(*last)
    assert_flat("activity", measured, django_assert_max_num_queries, last)
