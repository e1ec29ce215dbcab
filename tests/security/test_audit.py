"""The append-only audit trail: audit_record(), its guards, and the sign-in events it records."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from planner.models import AppendOnlyError, AuditEvent
from planner.security import client_ip
from planner.services.audit import audit_record
from tests.support.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(clinician):
    return audit_record(
        actor=clinician, action=AuditEvent.Action.VIEW, object_type="client", object_id=42
    )


def test_audit_record_stores_ids_action_time_and_ip(clinician):
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.10")
    event = audit_record(
        actor=clinician, action="pdf_download", object_type="plan_revision", object_id=7,
        request=request, detail="revision 3",
    )
    event.refresh_from_db()
    assert event.actor_id == clinician.pk
    assert event.action == AuditEvent.Action.PDF_DOWNLOAD
    assert (event.object_type, event.object_id) == ("plan_revision", "7")
    assert event.ip == "192.0.2.10"
    assert event.detail == "revision 3"
    assert event.created is not None


def test_anonymous_or_missing_actor_is_stored_as_none():
    for actor in (None, AnonymousUser()):
        event = audit_record(actor=actor, action="login_failed", object_type="user", object_id=None)
        assert event.actor_id is None
        assert event.object_id == ""


def test_unknown_action_is_refused(clinician):
    with pytest.raises(ValueError):
        audit_record(actor=clinician, action="rename", object_type="client", object_id=1)
    assert not AuditEvent.objects.exists()


def test_overlong_detail_is_refused(clinician):
    with pytest.raises(ValidationError):
        audit_record(actor=clinician, action="view", object_type="client", object_id=1,
                     detail="x" * 201)


def test_audit_events_have_no_foreign_keys():
    assert not any(field.is_relation for field in AuditEvent._meta.get_fields())


def test_saving_an_existing_event_again_raises(event):
    event.detail = "tampered"
    with pytest.raises(AppendOnlyError):
        event.save()
    event.refresh_from_db()
    assert event.detail == ""


def test_an_event_cannot_be_deleted(event):
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_queryset_update_and_delete_raise(event):
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(detail="tampered")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        event.detail = "tampered"
        AuditEvent.objects.bulk_update([event], ["detail"])
    event.refresh_from_db()
    assert event.detail == ""


def test_login_and_logout_are_recorded(client, clinician):
    client.post(reverse("login"), {"username": clinician.username, "password": DEFAULT_PASSWORD},
                REMOTE_ADDR="198.51.100.4")
    client.post(reverse("logout"))
    rows = list(
        AuditEvent.objects.order_by("id").values_list("action", "actor_id", "object_id", "ip")
    )
    assert rows == [
        ("login", clinician.pk, str(clinician.pk), "198.51.100.4"),
        ("logout", clinician.pk, str(clinician.pk), "127.0.0.1"),
    ]


def test_failed_login_records_the_targeted_account_but_no_typed_text(client, clinician):
    client.post(reverse("login"), {"username": clinician.username, "password": "s3cret-guess"})
    client.post(reverse("login"), {"username": "no-such-user", "password": "s3cret-guess"})
    known, unknown = AuditEvent.objects.order_by("id")
    assert (known.action, known.actor_id) == ("login_failed", None)
    assert known.object_id == str(clinician.pk)
    assert (unknown.action, unknown.object_id) == ("login_failed", "")
    for row in AuditEvent.objects.values():
        assert "s3cret-guess" not in str(row) and "no-such-user" not in str(row)


def test_lockout_is_recorded(client, clinician):
    for _ in range(5):
        client.post(reverse("login"), {"username": clinician.username, "password": "wrong"})
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["login_failed"] * 4 + ["lockout", "login_failed"]
    lockout = AuditEvent.objects.get(action="lockout")
    assert lockout.object_id == str(clinician.pk)
    assert lockout.ip == "127.0.0.1"


def test_client_ip_ignores_forwarded_header_unless_behind_a_proxy():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 192.0.2.44"
    )
    assert client_ip(request) == "10.0.0.1"
    with override_settings(BEHIND_PROXY=True):
        # The last entry is the one our proxy appended; earlier ones are client-supplied.
        assert client_ip(request) == "192.0.2.44"
        request.META["HTTP_X_FORWARDED_FOR"] = "not-an-address"
        assert client_ip(request) is None


def test_admin_shows_the_audit_trail_read_only(event, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 16)
    browser = Client()
    browser.force_login(admin)
    assert browser.get(reverse("admin:planner_auditevent_changelist")).status_code == 200
    assert browser.get(reverse("admin:planner_auditevent_add")).status_code == 403
    change = browser.post(reverse("admin:planner_auditevent_change", args=[event.pk]),
                          {"detail": "tampered"})
    assert change.status_code == 403
    assert browser.post(reverse("admin:planner_auditevent_delete", args=[event.pk]),
                        {"post": "yes"}).status_code == 403
    event.refresh_from_db()
    assert event.detail == ""
