"""Issue 22 item 6: archive from the client page (not only inside Edit); a review is activity."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from planner.models import AuditEvent, Client
from tests.support.factories import ClientFactory
from tests.support.progress import plan_started, record, review_at

pytestmark = pytest.mark.django_db


def test_the_client_page_archives_and_restores_with_one_button(client_logged_in, clinician):
    client = ClientFactory(owner=clinician, display_name="Ana")
    url = reverse("planner:client_detail", args=[client.pk])
    page = client_logged_in.get(url).content.decode()
    assert reverse("planner:client_archive", args=[client.pk]) in page
    assert "Archive client" in page
    response = client_logged_in.post(reverse("planner:client_archive", args=[client.pk]),
                                     {"archived": "1"}, follow=True)
    assert response.status_code == 200
    assert Client.objects.get(pk=client.pk).archived
    assert "Client archived: the record and plans are kept." in response.content.decode()
    assert "Restore client" in response.content.decode()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CHANGE, object_type="client",
                                     detail="fields=archived").exists()
    client_logged_in.post(reverse("planner:client_archive", args=[client.pk]), {"archived": "0"})
    assert not Client.objects.get(pk=client.pk).archived


def test_archive_answers_only_a_post(client_logged_in, clinician):
    client = ClientFactory(owner=clinician)
    response = client_logged_in.get(reverse("planner:client_archive", args=[client.pk]))
    assert response.status_code == 405
    assert not Client.objects.get(pk=client.pk).archived


def test_a_review_updates_last_activity(clinician):
    client, _revision = plan_started(owner=clinician)
    for n, minutes in ((1, 30), (2, 40), (3, 50)):
        record(client, n, minutes)
    stale = timezone.now() - dt.timedelta(days=30)
    Client.objects.filter(pk=client.pk).update(last_activity=stale)
    review_at(client, 4)
    assert Client.objects.get(pk=client.pk).last_activity > stale + dt.timedelta(days=29)
