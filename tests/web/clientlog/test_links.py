"""The client's log link (issue 23): its token, lifetime, revocation and replacement, the same
404 for every link that does not open, and `manage.py client_log_link`."""

import base64
import datetime as dt
import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from planner.models import AuditEvent, ClientLogLink
from planner.services import clientlog
from planner.services.plans import plan_revision_create
from planner.services.releases import revision_release
from tests.support.auth import browser_for
from tests.support.clientlog import page_url, released
from tests.support.factories import IntakeFactory

pytestmark = pytest.mark.django_db


def test_the_token_has_128_random_bits_and_only_its_hash_is_stored(clinician):
    client, _revision, link, token = released(owner=clinician)
    raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    assert len(raw) == 16  # 128 bits
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    row = ClientLogLink.objects.filter(pk=link.pk).values().get()
    assert token not in str(row)
    assert len(link.nonce) == 32  # 128 random bits of nonce
    # Rebuilt from the nonce with the secret key; another key rebuilds nothing.
    assert clientlog.link_token(link) == token
    with override_settings(SECRET_KEY="another-key-entirely-0123456789"):
        assert clientlog.link_token(link) is None
    with override_settings(SECRET_KEY="another-key-entirely-0123456789",
                           SECRET_KEY_FALLBACKS=["insecure-key-for-debug-and-tests-only"]):
        assert clientlog.link_token(link) == token


def test_tokens_do_not_repeat(clinician):
    client, revision, _link, _token = released(owner=clinician)
    tokens = {clientlog.link_renew(user=clinician, client=client)[1] for _ in range(40)}
    assert len(tokens) == 40
    assert ClientLogLink.objects.filter(client=client, revoked_at__isnull=True).count() == 1


def test_the_link_lives_until_the_plans_last_week_plus_4_weeks(clinician):
    start = timezone.localdate()
    _client, revision, link, _token = released(owner=clinician, start=start)
    last_week = max(step.week for step in revision.saved_plan.steps)
    assert link.valid_from == timezone.localdate()
    # The last day of the last week, then 4 more weeks.
    assert link.valid_until == start + dt.timedelta(days=7 * last_week - 1 + 28)


def test_expired_revoked_and_unknown_tokens_get_the_same_plain_404(clinician, client):
    owner, _rev, link, token = released(owner=clinician)
    open_page = client.get(page_url(token))
    assert open_page.status_code == 200
    bodies = []
    # Unknown and malformed tokens.
    for bad in ("A" * 22, token[:-1] + ("A" if token[-1] != "A" else "B"), "x" * 300):
        bodies.append(client.get(page_url(bad)))
    # Expired: the day after valid_until.
    assert clientlog.link_for_token(token, today=link.valid_until) is not None
    assert clientlog.link_for_token(token, today=link.valid_until + dt.timedelta(days=1)) is None
    ClientLogLink.objects.filter(pk=link.pk).update(valid_until=timezone.localdate()
                                                    - dt.timedelta(days=1))
    bodies.append(client.get(page_url(token)))
    ClientLogLink.objects.filter(pk=link.pk).update(valid_until=link.valid_until)
    assert client.get(page_url(token)).status_code == 200
    # Revoked.
    clientlog.link_revoke(user=clinician, client=owner)
    bodies.append(client.get(page_url(token)))
    assert {r.status_code for r in bodies} == {404}
    assert len({r.content for r in bodies}) == 1
    assert b"This link does not open" in bodies[0].content
    for r in bodies:
        assert r["Referrer-Policy"] == "no-referrer"
        assert "noindex" in r["X-Robots-Tag"]


def test_a_new_release_replaces_the_link(clinician, client):
    owner, revision, first, token = released(owner=clinician)
    intake = IntakeFactory(client=owner, plan_start_date=timezone.localdate())
    second = plan_revision_create(intake=intake, author=clinician, base_revision=1,
                                  reason="new assessment")
    # Until the new revision is released, the old link still works.
    assert client.get(page_url(token)).status_code == 200
    revision_release(user=clinician, revision=second)
    first.refresh_from_db()
    assert first.revoked_reason == ClientLogLink.Ended.REPLACED and first.revoked_at
    assert client.get(page_url(token)).status_code == 404
    new = ClientLogLink.objects.get(client=owner, revoked_at__isnull=True)
    assert new.revision == second
    assert client.get(page_url(clientlog.link_token(new))).status_code == 200


def test_an_archived_clients_link_does_not_open(clinician, client):
    owner, _rev, _link, token = released(owner=clinician)
    owner.archived = True
    owner.save()
    assert client.get(page_url(token)).status_code == 404


def test_the_clinician_revokes_and_renews_from_the_link_page(clinician):
    owner, _rev, link, token = released(owner=clinician)
    browser = browser_for(clinician)
    url = reverse("planner:client_log_link", args=[owner.pk])
    page = browser.get(url)
    assert page.status_code == 200
    assert clientlog.link_url(token) in page.content.decode()
    browser.post(url, {"action": "revoke"})
    assert browser.get(page_url(token)).status_code == 404
    assert "There is no live link" in browser.get(url).content.decode()
    browser.post(url, {"action": "renew"})
    new = ClientLogLink.objects.get(client=owner, revoked_at__isnull=True)
    assert new.pk != link.pk
    assert AuditEvent.objects.filter(object_type="client_log_link", object_id=str(link.pk),
                                     action="change", actor_id=clinician.pk).exists()
    assert AuditEvent.objects.filter(object_type="client_log_link", object_id=str(new.pk),
                                     action="create").exists()


def test_the_command_prints_the_current_link(clinician):
    owner, _rev, _link, token = released(owner=clinician)
    out = StringIO()
    call_command("client_log_link", str(owner.pk), stdout=out)
    assert out.getvalue().strip() == clientlog.link_url(token)
    assert out.getvalue().strip().endswith("/log/" + token)


def test_the_command_exits_2_without_a_released_plan(clinician, capsys):
    from tests.support.progress import plan_started

    owner, _revision = plan_started(owner=clinician, start=timezone.localdate())
    with pytest.raises(SystemExit) as stop:
        call_command("client_log_link", str(owner.pk))
    assert stop.value.code == 2
    assert "has no released plan" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stop:
        call_command("client_log_link", "999999")
    assert stop.value.code == 2


def test_without_a_public_address_no_link_is_made_and_a_check_warns(clinician):
    from planner.checks import PUBLIC_URL_MISSING, public_url_configured
    from tests.support.progress import plan_started

    assert public_url_configured() == []
    with override_settings(PLANNER_PUBLIC_URL=""):
        assert [w.id for w in public_url_configured()] == [PUBLIC_URL_MISSING]
        owner, revision = plan_started(owner=clinician, start=timezone.localdate())
        revision_release(user=clinician, revision=revision)
        assert not ClientLogLink.objects.filter(client=owner).exists()
