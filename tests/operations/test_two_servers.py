"""
Two app servers, one PostgreSQL database (issue 27): the README's "stateless app servers" claim,
tested. Two gunicorn processes on 127.0.0.1, each with its own collected static files and
nothing else on disk, against pytest-django's test database (committed data: transaction=True).

- a session signed in on A continues on B, and signing out on B ends it on A;
- five wrong passwords spread across A and B lock the account on both;
- two saves of the same plan at once, one through A and one through B: one revision, one clear
  conflict, never a lost or duplicate revision;
- a release made on A downloads byte-identical from B.
"""

import re
import threading

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.urls import reverse

from planner.models import PlanRevision, ReleasedDocument
from tests.support.factories import DEFAULT_PASSWORD, ClinicianProfileFactory, IntakeFactory
from tests.support.live import LiveClient, collect_static, gunicorn
from tests.support.revisions import make_revision

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

JOIN_TIMEOUT = 60.0


@pytest.fixture
def servers(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("two app servers share a database only on PostgreSQL (a SQLite file belongs "
                    "to one machine); .ci/run runs this on PostgreSQL")
    roots = [tmp_path / "static-a", tmp_path / "static-b"]
    for root in roots:  # each server collects the same release into its own directory
        collect_static(root)
    with gunicorn(roots[0], workers=2, log=tmp_path / "a.log") as a, \
            gunicorn(roots[1], workers=2, log=tmp_path / "b.log") as b:
        yield a, b


def server_clinician():
    """A clinician whose password hash the servers can check: the suite hashes with MD5 for
    speed, which production settings (and so the servers) do not accept."""
    user = ClinicianProfileFactory().user
    user.password = PBKDF2PasswordHasher().encode(DEFAULT_PASSWORD, "twoservers", iterations=1000)
    user.save(update_fields=["password"])
    return user


def signed_in(base_url: str, user) -> LiveClient:
    browser = LiveClient(base_url)
    response = browser.login(user.username, DEFAULT_PASSWORD)
    assert response.status == 302, response.text[:500]
    return browser


def test_two_servers_share_sessions_lockout_conflicts_and_releases(servers):
    a, b = servers
    clinician = server_clinician()
    revision = make_revision(clinician)
    client_id = revision.plan.client_id

    # --- a session signed in on A continues on B ------------------------------------------
    on_a = signed_in(a, clinician)
    on_b = LiveClient(b, cookies=dict(on_a.cookies))
    page = on_b.get(reverse("planner:client_detail", args=[client_id]))
    assert page.status == 200
    assert revision.plan.client.display_name in page.text
    # Static files: B serves the hashed names A's pages link to, from its own copy.
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', page.text).group(1)
    assert on_b.get(stylesheet).body == on_a.get(stylesheet).body != b""

    # --- a release made on A downloads byte-identical from B --------------------------------
    release = reverse("planner:revision_release", args=[client_id, 1])
    on_a.get(release)
    assert on_a.post(release, {}).status == 302
    download = reverse("planner:release_download", args=[client_id, 1])
    from_a, from_b = on_a.get(download), on_b.get(download)
    assert from_a.status == from_b.status == 200
    assert from_a.body.startswith(b"%PDF") and from_a.body == from_b.body
    stored = ReleasedDocument.objects.filter(content__isnull=False).values_list("content",
                                                                               flat=True)
    assert from_b.body in [bytes(content) for content in stored]  # from the database

    # --- two saves of the same plan at once, through A and through B ------------------------
    intake = IntakeFactory(client=revision.plan.client, author=clinician)
    save = reverse("planner:plan_revision_create", args=[intake.pk])
    preview = reverse("planner:intake_preview", args=[intake.pk])
    second = LiveClient(b, cookies=dict(signed_in(b, clinician).cookies))
    for browser in (on_a, second):
        assert browser.get(preview).status == 200  # both see revision 1 as the current one
    answers: dict[str, int] = {}

    def submit(name: str, browser: LiveClient) -> None:
        answers[name] = browser.post(save, {"base_revision": "1", "reason": f"via {name}"}).status

    threads = [threading.Thread(target=submit, args=(name, browser))
               for name, browser in (("A", on_a), ("B", second))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_TIMEOUT)
    assert sorted(answers.values()) == [302, 409], answers
    numbers = list(PlanRevision.objects.filter(plan=revision.plan).values_list("number", flat=True)
                   .order_by("number"))
    assert numbers == [1, 2]  # one new revision: none lost, none twice
    loser = on_a if answers["A"] == 409 else second
    conflict = loser.post(save, {"base_revision": "1", "reason": "again"})
    assert conflict.status == 409 and "revision 2" in conflict.text.lower()

    # --- signing out on B ends the session on A too -----------------------------------------
    assert on_b.post(reverse("logout"), {}).status == 302
    assert on_a.get(reverse("planner:client_list")).status == 302  # to the login page


def test_five_wrong_passwords_across_two_servers_lock_the_account_on_both(servers):
    a, b = servers
    clinician = server_clinician()
    browsers = {"A": LiveClient(a), "B": LiveClient(b)}
    answers = []
    for n in range(settings.AXES_FAILURE_LIMIT):
        browser = browsers["AB"[n % 2]]
        answers.append(browser.login(clinician.username, "wrong password " + str(n)).status)
    assert answers[:-1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)  # the form, with its error
    for name, browser in browsers.items():
        locked = browser.login(clinician.username, DEFAULT_PASSWORD)  # the right one, too late
        assert locked.status == 429, name
        assert "sessionid" not in browser.cookies, name
