"""Client pages: list (home), create, detail, edit; access, audit, escaping, query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from planner.models import AuditEvent, Client, Plan
from tests.support.factories import ClientFactory, IntakeFactory
from tests.support.revisions import add_revisions

pytestmark = pytest.mark.django_db

XSS = '<script>alert(1)</script><a href="javascript:x">'


def test_the_home_page_is_the_client_list(client_logged_in, clinician):
    ClientFactory(owner=clinician, display_name="Ana")
    assert reverse("planner:home") == reverse("planner:client_list")
    response = client_logged_in.get(reverse("planner:home"))
    assert response.status_code == 200 and "Ana" in response.content.decode()


def test_the_list_shows_own_clients_newest_activity_first(client_logged_in, clinician,
                                                          other_clinician):
    ClientFactory(owner=clinician, display_name="Older")
    ClientFactory(owner=clinician, display_name="Newer")
    ClientFactory(owner=other_clinician, display_name="Someone else's")
    html = client_logged_in.get(reverse("planner:client_list")).content.decode()
    assert html.index("Newer") < html.index("Older")
    assert "Someone else" not in html


def test_the_list_searches_and_filters_archived(client_logged_in, clinician):
    ClientFactory(owner=clinician, display_name="Ana Lima")
    ClientFactory(owner=clinician, display_name="Ben")
    ClientFactory(owner=clinician, display_name="Anabel", archived=True)
    html = client_logged_in.get(reverse("planner:client_list"), {"q": "ana"}).content.decode()
    assert "Ana Lima" in html and "Ben" not in html and "Anabel" not in html
    html = client_logged_in.get(
        reverse("planner:client_list"), {"q": "ana", "archived": "1"}
    ).content.decode()
    assert "Anabel" in html and "Ana Lima" not in html


def test_the_list_paginates_by_25(client_logged_in, clinician):
    for n in range(27):
        ClientFactory(owner=clinician, display_name=f"Person {n:02d}")
    first = client_logged_in.get(reverse("planner:client_list")).content.decode()
    assert "Person 26" in first and "Person 01" not in first and "page=2" in first
    second = client_logged_in.get(reverse("planner:client_list"), {"page": 2}).content.decode()
    assert "Person 01" in second and "Person 00" in second


def test_the_list_shows_the_next_review_date_from_the_plan(client_logged_in, clinician):
    client = ClientFactory(owner=clinician)
    Plan.objects.filter(client=client).update(next_review_date=dt.date(2031, 2, 3))
    html = client_logged_in.get(reverse("planner:client_list")).content.decode()
    assert "02/03/2031" in html or "2031" in html


def test_names_are_escaped_everywhere(client_logged_in, clinician):
    client = ClientFactory(owner=clinician, display_name=XSS)
    for url in (reverse("planner:client_list"), reverse("planner:client_detail", args=[client.pk]),
                reverse("planner:client_update", args=[client.pk])):
        html = client_logged_in.get(url).content.decode()
        assert "<script>alert(1)" not in html and 'href="javascript:x"' not in html, url
        assert "&lt;script&gt;" in html


def test_create_a_client(client_logged_in, clinician):
    response = client_logged_in.post(
        reverse("planner:client_create"),
        {"display_name": "Ana", "crisis_region": "US", "birth_year": "1997", "notes": ""},
    )
    client = Client.objects.get()
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("planner:client_detail", args=[client.pk])
    assert client.owner == clinician and client.plan.current_revision_number == 0
    assert AuditEvent.objects.filter(action="create", object_type="client").count() == 1


def test_an_invalid_client_shows_the_error_summary_and_keeps_the_input(client_logged_in):
    response = client_logged_in.post(
        reverse("planner:client_create"),
        {"display_name": "", "crisis_region": "US", "birth_year": "1800", "notes": "kept"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and not Client.objects.exists()
    assert 'id="error-summary"' in html and 'href="#id_display_name"' in html
    assert 'href="#id_birth_year"' in html and "kept" in html


def test_a_region_without_crisis_resources_cannot_be_chosen(client_logged_in):
    response = client_logged_in.post(
        reverse("planner:client_create"), {"display_name": "Ana", "crisis_region": "ZZ"}
    )
    assert response.status_code == 200 and not Client.objects.exists()
    assert "crisis_region" in response.context["form"].errors


def test_edit_and_archive_a_client(client_logged_in, clinician):
    client = ClientFactory(owner=clinician, display_name="Ana")
    response = client_logged_in.post(
        reverse("planner:client_update", args=[client.pk]),
        {"display_name": "Ana L", "crisis_region": "US", "archived": "on", "notes": ""},
    )
    assert response.status_code == 302
    client.refresh_from_db()
    assert client.display_name == "Ana L" and client.archived
    event = AuditEvent.objects.get(action="change", object_type="client")
    assert event.detail == "fields=archived,display_name"


def test_the_detail_page_shows_the_record_and_is_audited(client_logged_in, clinician):
    intake = IntakeFactory(client__owner=clinician)
    add_revisions(intake, 2)
    Plan.objects.filter(client=intake.client).update(next_review_date=dt.date(2031, 2, 3))
    response = client_logged_in.get(reverse("planner:client_detail", args=[intake.client_id]))
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("planner:plan_revision_detail", args=[intake.client_id, 2]) in html
    assert reverse("planner:plan_revision_detail", args=[intake.client_id, 1]) in html
    assert reverse("planner:intake_preview", args=[intake.pk]) in html
    assert "2031" in html  # next review
    event = AuditEvent.objects.get(action="view", object_type="client")
    assert event.object_id == str(intake.client_id) and event.actor_id == clinician.pk


def test_state_changes_need_a_csrf_token(clinician):
    browser = HttpClient(enforce_csrf_checks=True)
    browser.force_login(clinician)
    response = browser.post(reverse("planner:client_create"), {"display_name": "Ana",
                                                               "crisis_region": "US"})
    assert response.status_code == 403 and not Client.objects.exists()


def page_queries(browser, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert browser.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_list_page_costs_the_same_for_1_and_25_clients(clinician, other_clinician):
    IntakeFactory(client__owner=clinician)
    for _ in range(25):
        add_revisions(IntakeFactory(client__owner=other_clinician), 1)
    mine, theirs = HttpClient(), HttpClient()
    mine.force_login(clinician)
    theirs.force_login(other_clinician)
    url = reverse("planner:client_list")
    page_queries(mine, url), page_queries(theirs, url)  # warm up (sessions, 2FA state)
    assert page_queries(mine, url) == page_queries(theirs, url)


def test_the_detail_page_costs_the_same_for_1_and_10_revisions(client_logged_in, clinician):
    one, ten = IntakeFactory(client__owner=clinician), IntakeFactory(client__owner=clinician)
    add_revisions(one, 1)
    add_revisions(ten, 10)
    for _ in range(3):
        IntakeFactory(client=ten.client)
    url_one = reverse("planner:client_detail", args=[one.client_id])
    url_ten = reverse("planner:client_detail", args=[ten.client_id])
    page_queries(client_logged_in, url_one)
    assert page_queries(client_logged_in, url_one) == page_queries(client_logged_in, url_ten)


def test_a_passed_review_date_shows_as_overdue(client_logged_in, clinician):
    # The date stays until a review saves a new revision, so an outstanding review is visible.
    due = ClientFactory(owner=clinician, display_name="Due")
    later = ClientFactory(owner=clinician, display_name="Later")
    Plan.objects.filter(client=due).update(next_review_date=dt.date.today() - dt.timedelta(1))
    Plan.objects.filter(client=later).update(next_review_date=dt.date.today() + dt.timedelta(1))
    page = client_logged_in.get(reverse("planner:client_list")).context["page"]
    overdue = {c.display_name: c.review_overdue for c in page.object_list}
    assert overdue == {"Due": True, "Later": False}


def test_the_detail_page_reads_no_answers_and_one_plan_body(client_logged_in, clinician):
    # The lists show dates, authors and reasons; the current plan's numbers come from one
    # snapshot. Reading every listed assessment's answers and every revision's JSON bodies was
    # most of the page's database-to-Python time.
    intake = IntakeFactory(client__owner=clinician, notes="private note")
    add_revisions(intake, 3)
    IntakeFactory(client=intake.client)
    with CaptureQueriesContext(connection) as context:
        response = client_logged_in.get(reverse("planner:client_detail", args=[intake.client_id]))
    assert response.status_code == 200
    sql = [q["sql"] for q in context.captured_queries]
    bodies = [s for s in sql if '"snapshot"' in s or '"intake_data"' in s or '"overrides"' in s]
    assert len(bodies) == 1 and "LIMIT 1" in bodies[0]  # the current revision alone
    assert not [s for s in sql if '"planner_intake"."notes"' in s
                or '"planner_intake"."barriers"' in s]
    # What the rows show is still there.
    html = response.content.decode()
    for number in (1, 2, 3):
        assert reverse("planner:plan_revision_detail", args=[intake.client_id, number]) in html
    assert html.count(clinician.get_username()) >= 5  # two assessments, three revisions
