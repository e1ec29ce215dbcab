"""The activity page: each clinician sees their own recent audit trail, and nobody else's."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from planner.models import AuditEvent
from planner.selectors import AUDIT_EVENTS_PER_PAGE
from planner.services.audit import audit_record
from tests.support.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

URL = reverse("planner:activity")


def rows(response):
    """The page's events, less the login row that signing the test client in wrote."""
    return [e for e in response.context["page"].object_list if e.action != "login"]


def test_the_page_lists_the_clinicians_own_events_newest_first(client_logged_in, clinician,
                                                                other_clinician):
    audit_record(actor=clinician, action="view", object_type="client", object_id=11)
    audit_record(actor=clinician, action="pdf_download", object_type="plan_revision",
                 object_id=12, detail="revision 3")
    audit_record(actor=other_clinician, action="view", object_type="client", object_id=99)
    response = client_logged_in.get(URL)
    assert response.status_code == 200
    events = rows(response)
    assert [(e.action, e.object_id) for e in events] == [("pdf_download", "12"), ("view", "11")]
    body = response.content.decode()
    assert "PDF download" in body and "Plan revision 12" in body and "Client 11" in body
    assert "plan_revision" not in body and "#1" not in body  # no internal codes
    assert "revision 3" in body
    assert "Client 99" not in body
    assert f'href="{URL}"' in body and 'aria-current="page"' in body  # in the navigation


def test_failed_logins_against_the_account_show_with_their_address(client, clinician,
                                                                  other_clinician):
    client.post(reverse("login"), {"username": clinician.username, "password": "guess-1"},
                REMOTE_ADDR="203.0.113.50")
    client.post(reverse("login"), {"username": other_clinician.username, "password": "guess-2"},
                REMOTE_ADDR="203.0.113.51")
    client.post(reverse("login"), {"username": clinician.username, "password": DEFAULT_PASSWORD},
                REMOTE_ADDR="198.51.100.7")
    response = client.get(URL)
    actions = [(e.action, e.ip) for e in response.context["page"].object_list]
    assert actions == [("login", "198.51.100.7"), ("login_failed", "203.0.113.50")]
    assert "203.0.113.51" not in response.content.decode()


def test_the_page_is_paginated_with_a_constant_number_of_queries(
    client_logged_in, clinician, django_assert_max_num_queries
):
    total = AUDIT_EVENTS_PER_PAGE + 7
    AuditEvent.objects.bulk_create(
        AuditEvent(actor_id=clinician.pk, action="view", object_type="client", object_id=str(n))
        for n in range(total)
    )
    with django_assert_max_num_queries(12):
        first = client_logged_in.get(URL)
    second = client_logged_in.get(URL, {"page": 2})
    assert len(rows(first)) == AUDIT_EVENTS_PER_PAGE
    assert len(rows(second)) == 7  # and the login row
    ids = [e.pk for e in rows(first) + rows(second)]
    assert ids == sorted(ids, reverse=True)
    assert "Older" in first.content.decode() and "Newer" in second.content.decode()
    # Junk page numbers fall back to a real page rather than failing.
    assert client_logged_in.get(URL, {"page": "x"}).status_code == 200
    assert client_logged_in.get(URL, {"page": "999"}).status_code == 200


def test_newest_first_by_time(client_logged_in, clinician):
    old = audit_record(actor=clinician, action="view", object_type="client", object_id=1)
    new = audit_record(actor=clinician, action="view", object_type="client", object_id=2)
    # Rows are append-only: only raw SQL (in this test) can move the newer one back in time.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEvent._meta.db_table} SET created = %s WHERE id = %s",  # noqa: S608
            [timezone.now() - timedelta(days=1), new.pk],
        )
    assert [e.pk for e in rows(client_logged_in.get(URL))] == [old.pk, new.pk]


def test_the_page_needs_a_signed_in_clinician(client):
    response = client.get(URL)
    assert response.status_code == 302 and response.headers["Location"].startswith(
        reverse("login")
    )
    assert Client().post(URL).status_code == 302
