"""Days the client logs feed the outcome loop exactly like the clinician's check-ins (issue 23):
adherence (R-REV-2), the review's proposal and decision (R-REV-3), and the clinician's
corrections and discounts, which keep the client's entry."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from planner.models import AuditEvent, CheckIn, ClientLogAmendment, ClientLogEntry
from planner.services import clientlog
from planner.services.checkins import checkin_create, checkin_update
from planner.services.reviews import review_create, review_decide
from tests.support.auth import browser_for
from tests.support.clientlog import released

pytestmark = pytest.mark.django_db


def day(start: dt.date, week: int, weekday: int) -> dt.date:
    return start + dt.timedelta(days=7 * (week - 1) + weekday)


def log_day(link, when: dt.date, minutes: int):
    # The client logs on the day itself: "today" moves with the calendar of the test.
    return clientlog.entry_log(link=link, day=when, active=True, minutes=minutes,
                               effort="brisk", today=when)


@pytest.fixture
def logged(clinician):
    """C01 (weeks 1-3 planned at 30, 40, 50 minutes), released today; the client logs two days
    a week: 15+15, 20+20, 25+25 minutes."""
    client, revision, link, _token = released(owner=clinician)
    start = client.plan.start_date
    assert [s.weekly_minutes for s in revision.saved_plan.steps[:3]] == [30, 40, 50]
    entries = {}
    for week, minutes in ((1, 15), (2, 20), (3, 25)):
        for weekday in (0, 3):
            entries[(week, weekday)] = log_day(link, day(start, week, weekday), minutes)
    return client, revision, link, entries


def test_logged_weeks_are_check_ins_the_review_reads(clinician, logged):
    client, revision, _link, _entries = logged
    weeks = list(CheckIn.objects.filter(client=client).order_by("week_start")
                 .values_list("source", "plan_step", "minutes_completed", "sessions_completed"))
    assert weeks == [("client", 1, 30, 2), ("client", 2, 40, 2), ("client", 3, 50, 2)]
    start = client.plan.start_date
    review = review_create(client=client, author=clinician, today=day(start, 4, 0))
    assert review.adherence_percent == 100  # 120 of 120 planned minutes
    assert [w["completed"] for w in review.window] == [30, 40, 50]
    assert review.proposed_action == "CONTINUE"
    decision = review_decide(review=review, author=clinician, accept=True,
                             today=day(start, 4, 0))
    assert decision.accepted


def test_a_discounted_day_lowers_adherence_and_the_entry_is_kept(clinician, logged):
    client, _revision, _link, entries = logged
    entry = entries[(3, 3)]
    start = client.plan.start_date
    for discounted in (entries[(2, 3)], entry):
        clientlog.entry_amend(user=clinician, entry=discounted, kind="discount",
                              reason="Was at the clinic that day", today=day(start, 4, 0))
    week3 = CheckIn.objects.get(client=client, week_start=day(start, 3, 0))
    assert (week3.minutes_completed, week3.sessions_completed) == (25, 1)
    review = review_create(client=client, author=clinician, today=day(start, 4, 0))
    # (30 + 20 + 25) / (30 + 40 + 50) = 75 / 120 = 62.5 %, rounded down (R-REV-2).
    assert review.adherence_percent == 62
    assert review.proposed_action == "HOLD"  # 50-74 % (R-REV-3 row 4)
    entry.refresh_from_db()
    assert entry.minutes == 25  # the client's own entry is unchanged
    # A later correction is another row; both stay, the latest is in force.
    clientlog.entry_amend(user=clinician, entry=entry, kind="correct", minutes=30,
                          reason="Client says it was half an hour", today=day(start, 4, 0))
    week3.refresh_from_db()
    assert week3.minutes_completed == 55
    assert list(ClientLogAmendment.objects.filter(entry=entry).order_by("id")
                .values_list("kind", "minutes")) == [("discount", None), ("correct", 30)]
    assert AuditEvent.objects.filter(object_type="client_log_entry", object_id=str(entry.pk),
                                     action="change", actor_id=clinician.pk).count() == 2
    decision = review_decide(review=review, author=clinician, accept=True,
                             today=day(start, 4, 0))
    assert decision.resulting_revision is not None  # the hold made revision 2


def test_a_change_needs_a_reason(clinician, logged):
    _client, _revision, _link, entries = logged
    with pytest.raises(ValidationError) as refused:
        clientlog.entry_amend(user=clinician, entry=entries[(1, 0)], kind="discount",
                              reason="  ")
    assert "reason" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        clientlog.entry_amend(user=clinician, entry=entries[(1, 0)], kind="correct",
                              reason="typo", minutes=None)
    assert "minutes" in refused.value.error_dict
    assert not ClientLogAmendment.objects.exists()


def test_the_clinician_cannot_overwrite_a_logged_weeks_totals(clinician, logged):
    client, _revision, _link, _entries = logged
    week1 = CheckIn.objects.filter(client=client).order_by("week_start").first()
    with pytest.raises(ValidationError) as refused:
        checkin_update(checkin=week1, actor=clinician, minutes_completed=90,
                       today=week1.week_start + dt.timedelta(days=30))
    assert "correct or discount a day" in str(refused.value)
    # Other answers of the week (an adverse event, sleep) are the clinician's to add.
    checkin_update(checkin=week1, actor=clinician, poor_sleep_nights=2,
                   today=week1.week_start + dt.timedelta(days=30))
    week1.refresh_from_db()
    assert week1.poor_sleep_nights == 2 and week1.minutes_completed == 30


def test_a_week_the_clinician_recorded_keeps_the_clinicians_numbers(clinician):
    client, _revision, link, _token = released(owner=clinician)
    start = client.plan.start_date
    checkin_create(client=client, author=clinician, week_start=start, plan_step=1,
                   minutes_completed=35, sessions_completed=3, today=day(start, 1, 6))
    log_day(link, day(start, 1, 6), 10)
    week1 = CheckIn.objects.get(client=client)
    assert week1.source == "clinician" and week1.minutes_completed == 35
    assert ClientLogEntry.objects.filter(client=client).count() == 1


def test_the_check_ins_page_marks_client_entries_and_the_amend_form_works(clinician, logged):
    client, _revision, _link, entries = logged
    browser = browser_for(clinician)
    page = browser.get(reverse("planner:checkin_list", args=[client.pk])).content.decode()
    assert page.count("logged by the client") >= 3
    assert "Logged by the client" in page
    url = reverse("planner:client_log_entry_amend", args=[client.pk, entries[(2, 0)].pk])
    refused = browser.post(url, {"kind": "discount", "reason": ""})
    assert refused.status_code == 400
    assert browser.post(url, {"kind": "discount", "reason": "Duplicate of Tuesday"}
                        ).status_code == 302
    page = browser.get(reverse("planner:checkin_list", args=[client.pk])).content.decode()
    assert "not counted: Duplicate of Tuesday" in page
