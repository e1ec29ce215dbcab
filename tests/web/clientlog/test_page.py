"""The client's page (issue 23): what it shows and never shows, logging and correcting a day,
the ED-flag variant, headers, rate limits and audit rows."""

import datetime as dt

import pytest
from django.utils import timezone

from planner.models import AuditEvent, CheckIn, ClientLogEntry, ClientLogRate
from planner.services import clientlog
from planner.services.checkins import checkin_create
from planner.services.clients import intake_create
from tests.support.clientlog import ED_ANSWERS, page_url, released
from tests.support.factories import C01_ANSWERS

pytestmark = pytest.mark.django_db


def log(browser, token, **answers):
    data = {"day": timezone.localdate().isoformat(), "active": "yes", **answers}
    return browser.post(page_url(token), {k: v for k, v in data.items() if v is not None})


def test_the_page_shows_the_plan_words_and_nothing_else_of_the_record(clinician, client):
    owner, revision, _link, token = released(owner=clinician)
    owner.display_name = "Quillfeather Zorbanian"
    owner.notes = "Note-kept-private-7731"
    owner.save()
    # A later assessment with a condition and a note, and a check-in note of the clinician.
    intake_create(client=owner, author=clinician, **{
        **C01_ANSWERS, "assessed_date": timezone.localdate(), "q4_other_chronic": True,
        "q4_other_chronic_list": "Condition-secret-4412", "notes": "Assessment-note-5521"})
    checkin_create(client=owner, author=clinician, week_start=owner.plan.start_date,
                   plan_step=1, minutes_completed=0, sessions_completed=0,
                   notes="Checkin-note-9917")
    page = client.get(page_url(token))
    body = page.content.decode()
    assert page.status_code == 200
    step = revision.saved_plan.steps[0]
    assert f"{step.sessions} sessions of about {step.minutes_per_session} minutes" in body
    assert "brisk" in body or "easy" in body
    for secret in ("Quillfeather", "Zorbanian", "Note-kept-private-7731", "Condition-secret",
                   "Assessment-note-5521", "Checkin-note-9917",
                   "depression", "PHQ", "GAD", clinician.username, "Revision"):
        assert secret.lower() not in body.lower(), secret
    # The region's crisis line (US: 988) and when notes are read.
    assert "988" in body and "911" in body
    assert "not straight away" in body
    assert '<meta name="robots" content="noindex, nofollow">' in body
    assert page["Referrer-Policy"] == "no-referrer"
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert "default-src 'self'" in page["Content-Security-Policy"]
    assert page["X-Frame-Options"] == "DENY"
    assert "no-store" in page["Cache-Control"]


def test_logging_a_day_makes_a_client_check_in_and_today_can_be_corrected(clinician, client):
    owner, revision, link, token = released(owner=clinician)
    response = log(client, token, minutes="20", effort="brisk", feeling="6",
                   note="Walked to the park")
    assert response.status_code == 302 and response["Location"].endswith("?saved=1")
    saved = client.get(response["Location"]).content.decode()
    assert "Saved." in saved and "20 minutes, brisk" in saved
    checkin = CheckIn.objects.get(client=owner)
    assert checkin.source == "client" and checkin.author is None
    assert (checkin.minutes_completed, checkin.sessions_completed) == (20, 1)
    # A second note for today replaces the first, which is kept.
    log(client, token, minutes="25", effort="easy")
    first, second = ClientLogEntry.objects.filter(client=owner).order_by("id")
    assert second.replaces == first and first.minutes == 20
    checkin.refresh_from_db()
    assert checkin.minutes_completed == 25
    # An earlier day, once noted, cannot be changed by the client.
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    if yesterday >= link.valid_from:
        pytest.fail("the link starts today: yesterday is not offered")
    refused = log(client, token, day=yesterday.isoformat(), minutes="10")
    assert refused.status_code == 400
    assert "Pick one of these days" in refused.content.decode()


def test_a_bad_answer_keeps_what_was_typed(clinician, client):
    _owner, _revision, _link, token = released(owner=clinician)
    response = log(client, token, minutes="", note="Felt good today")
    body = response.content.decode()
    assert response.status_code == 400
    assert "Write how many minutes you were active" in body
    assert "Felt good today" in body
    response = log(client, token, minutes="900")
    assert "more than we can note for one day" in response.content.decode()
    assert not ClientLogEntry.objects.exists()


def test_a_rest_day_counts_no_minutes(clinician, client):
    owner, *_rest, token = released(owner=clinician)
    log(client, token, active="no", feeling="4")
    entry = ClientLogEntry.objects.get(client=owner)
    assert not entry.active and entry.minutes is None
    checkin = CheckIn.objects.get(client=owner)
    assert (checkin.minutes_completed, checkin.sessions_completed) == (0, 0)


def test_ed_flag_plans_log_days_and_feelings_not_minutes(clinician, client):
    owner, revision, _link, token = released(owner=clinician, **ED_ANSWERS)
    assert "ED_COMPULSIVE_CAP" in revision.saved_plan.flags
    body = client.get(page_url(token)).content.decode()
    assert "Minutes active" not in body and 'name="minutes"' not in body
    assert "How hard did it feel" not in body
    assert "Rest is part of the plan" in body
    assert "A rest day" in body and "How did you feel?" in body
    log(client, token, minutes="90", feeling="7")  # minutes sent anyway are not kept
    entry = ClientLogEntry.objects.get(client=owner)
    assert entry.active and entry.minutes is None and entry.feeling == 7
    # No minute total is made from an ED client's days (rules 8.17): no check-in row.
    assert not CheckIn.objects.filter(client=owner).exists()
    after = client.get(page_url(token)).content.decode()
    assert "Today</strong>: Active; feeling 7 out of 10" in after
    assert "minutes" not in after.split("What you noted this week")[1].split("</ul>")[0]


def test_every_write_and_view_is_audited_with_ids_only(clinician, client):
    owner, _revision, link, token = released(owner=clinician)
    client.get(page_url(token))
    log(client, token, minutes="15", note="Felt wobbly and sad")
    log(client, token, minutes="18")
    view = AuditEvent.objects.get(object_type="client_log_link", action="view")
    assert view.object_id == str(link.pk) and view.actor_id is None
    writes = AuditEvent.objects.filter(object_type="client_log_entry").order_by("id")
    assert [w.action for w in writes] == ["create", "change"]
    entries = ClientLogEntry.objects.filter(client=owner).order_by("id")
    assert [w.object_id for w in writes] == [str(e.pk) for e in entries]
    trail = str(list(AuditEvent.objects.values()))
    for value in ("wobbly", "Felt", owner.display_name, token):
        assert value not in trail


def test_the_ip_limit_answers_429_and_counts_in_the_database(clinician, client, monkeypatch):
    monkeypatch.setattr(clientlog, "IP_LIMIT", (3, 600))
    _owner, _revision, _link, token = released(owner=clinician)
    codes = [client.get(page_url(token)).status_code for _ in range(3)]
    codes.append(client.get(page_url("A" * 22)).status_code)  # bad tokens count too
    assert codes == [200, 200, 200, 429]
    assert "too many tries" in client.get(page_url(token)).content.decode().lower()
    row = ClientLogRate.objects.get(key__startswith="ip:")
    assert row.hits == 5 and "127.0.0.1" not in row.key


def test_the_link_write_limit(clinician, client, monkeypatch):
    monkeypatch.setattr(clientlog, "LINK_WRITE_LIMIT", (2, 3600))
    owner, _revision, _link, token = released(owner=clinician)
    codes = [log(client, token, minutes=str(10 + k)).status_code for k in range(3)]
    assert codes == [302, 302, 429]
    assert ClientLogEntry.objects.filter(client=owner).count() == 2
    # Viewing still works: only writes count against the link.
    assert client.get(page_url(token)).status_code == 200


def test_rate_windows_roll_over(db):
    start = dt.datetime(2026, 3, 1, 10, 0, tzinfo=dt.UTC)
    assert all(clientlog.rate_hit("k", limit=2, seconds=60, now=start) for _ in range(2))
    assert not clientlog.rate_hit("k", limit=2, seconds=60, now=start)
    assert clientlog.rate_hit("k", limit=2, seconds=60, now=start + dt.timedelta(seconds=61))
    # Counters older than a day are cleared when a new window starts.
    clientlog.rate_hit("k", limit=2, seconds=60, now=start + dt.timedelta(days=2))
    assert ClientLogRate.objects.filter(window_start__lt=start + dt.timedelta(days=1)).count() == 0


def test_a_signed_in_clinician_without_a_code_step_still_opens_the_page(clinician):
    """The client's page is outside the clinicians' two-factor step (middleware)."""
    from django.test import override_settings

    from tests.support.auth import browser_for

    _owner, _revision, _link, token = released(owner=clinician)
    with override_settings(PLANNER_REQUIRE_2FA=True):
        browser = browser_for(clinician)
        assert browser.get(page_url(token)).status_code == 200


def test_the_page_sets_no_cookie_and_needs_no_csrf_token(clinician):
    """Its only authority is the token in its URL; a browser with no-referrer sends
    "Origin: null" with the form, which must still be accepted."""
    from django.test import Client as Browser

    owner, _revision, _link, token = released(owner=clinician)
    strict = Browser(enforce_csrf_checks=True)
    page = strict.get(page_url(token))
    assert not page.cookies
    answer = strict.post(page_url(token), {"day": timezone.localdate().isoformat(),
                                           "active": "yes", "minutes": "12"},
                         HTTP_ORIGIN="null")
    assert answer.status_code == 302 and not answer.cookies
    assert ClientLogEntry.objects.get(client=owner).minutes == 12
