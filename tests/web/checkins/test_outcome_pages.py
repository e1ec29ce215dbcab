"""The pages of the outcome loop: permissions of every new URL, the journey "check-ins -> review
-> accepted proposal -> new revision and charts" through the views, errors, schedule and
overdue marks, query counts (P4) and CSP-safe output."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.formats import date_format

from planner.models import CheckIn, Plan, PlanRevision, Review, ReviewDecision
from planner.services.plans import plan_revision_create
from planner.services.reviews import review_decide
from tests.support.auth import browser_for
from tests.support.factories import ClientFactory, IntakeFactory
from tests.support.progress import plan_started, record, review_at

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def started_weeks_ago(owner, weeks: int, **answers):
    """A client whose plan week 1 began `weeks` weeks ago (so today is in week weeks + 1)."""
    start = TODAY - dt.timedelta(weeks=weeks)
    client, revision = plan_started(owner=owner, start=start, **answers)
    return client, revision, start


CHECKIN = {
    "minutes_completed": "30", "sessions_completed": "3", "strength_sessions": "0",
    "adverse_event": "none", "poor_sleep_nights": "0", "mood_before": "", "mood_after": "",
    "notes": "", "phq9_total": "", "phq9_item9": "", "gad7_total": "",
}


# --- permissions of every new URL ----------------------------------------------------------------


@pytest.fixture
def objects(clinician):
    client, _revision, start = started_weeks_ago(clinician, 3)
    for n, minutes in ((1, 30), (2, 25), (3, 30)):
        record(client, n, minutes, start=start, today=TODAY)
    review = review_at(client, 4, start=start)
    checkin = CheckIn.objects.filter(client=client).first()
    return client, checkin, review


def urls(client, checkin, review):
    return {
        "checkin_list": reverse("planner:checkin_list", args=[client.pk]),
        "checkin_create": reverse("planner:checkin_create", args=[client.pk]),
        "checkin_update": reverse("planner:checkin_update", args=[client.pk, checkin.pk]),
        "review_create": reverse("planner:review_create", args=[client.pk]),
        "review_detail": reverse("planner:review_detail", args=[client.pk, review.pk]),
        "review_decide": reverse("planner:review_decide", args=[client.pk, review.pk]),
        "review_assessment": reverse("planner:review_assessment", args=[client.pk, review.pk]),
    }


def test_anonymous_visitors_go_to_the_login_page(objects, client):
    for url in urls(*objects).values():
        for response in (client.get(url), client.post(url)):
            assert response.status_code == 302
            assert response.headers["Location"] == f"{reverse('login')}?next={url}"


def test_another_clinician_gets_404_on_get_and_post(objects, other_clinician):
    intruder = browser_for(other_clinician)
    counts = (CheckIn.objects.count(), Review.objects.count(), ReviewDecision.objects.count(),
              PlanRevision.objects.count())
    for url in urls(*objects).values():
        assert intruder.get(url).status_code == 404, url
        assert intruder.post(url, {**CHECKIN, "decision": "accept"}).status_code == 404, url
    assert counts == (CheckIn.objects.count(), Review.objects.count(),
                      ReviewDecision.objects.count(), PlanRevision.objects.count())


def test_a_check_in_of_another_client_is_not_reachable_through_mine(objects, clinician):
    client, checkin, review = objects
    mine, _revision, _start = started_weeks_ago(clinician, 1)
    owner = browser_for(clinician)
    assert owner.get(reverse("planner:checkin_update", args=[mine.pk, checkin.pk])).status_code \
        == 404
    assert owner.get(reverse("planner:review_detail", args=[mine.pk, review.pk])).status_code \
        == 404


def test_the_owner_opens_every_page(objects, clinician):
    owner = browser_for(clinician)
    pages = urls(*objects)
    for name, url in pages.items():
        expected = 405 if name == "review_decide" else 200
        assert owner.get(url).status_code == expected, name


# --- the journey ----------------------------------------------------------------------------------


def test_check_ins_then_a_review_then_an_accepted_hold_then_charts(clinician):
    client, _revision, start = started_weeks_ago(clinician, 3)
    owner = browser_for(clinician)
    detail = reverse("planner:client_detail", args=[client.pk])
    page = owner.get(detail).content.decode()
    assert reverse("planner:checkin_create", args=[client.pk]) in page
    assert reverse("planner:review_create", args=[client.pk]) in page

    # Record weeks 1-3 on the check-in form. The form offers the week and the step.
    form_url = reverse("planner:checkin_create", args=[client.pk])
    form = owner.get(form_url)
    assert form.context["form"].initial["week_start"] == (start + dt.timedelta(weeks=2)) \
        .isoformat()
    assert form.context["form"].initial["plan_step"] == 3
    for n, minutes in ((1, 30), (2, 25), (3, 30)):
        week = start + dt.timedelta(weeks=n - 1)
        data = {**CHECKIN, "week_start": week.isoformat(), "plan_step": str(n),
                "minutes_completed": str(minutes)}
        if n == 3:
            data.update(phq9_total="7", phq9_item9="0", gad7_total="5")
        response = owner.post(form_url, data)
        assert response.status_code == 302, response.context["form"].errors
    assert CheckIn.objects.filter(client=client).count() == 3

    # Run the review: the page shows what it uses, then the engine's proposal.
    review_url = reverse("planner:review_create", args=[client.pk])
    page = owner.get(review_url)
    assert page.context["ctx"].adherence == 70 and not page.context["ctx"].problems
    response = owner.post(review_url, {"notes": "Tired weeks."})
    assert response.status_code == 302
    review = Review.objects.get(client=client)
    page = owner.get(response.headers["Location"]).content.decode()
    assert 'data-action="HOLD"' in page and "R-REV-3, R-HOLD-1" in page

    # Accept: the engine's hold becomes revision 2, reason filled in.
    response = owner.post(reverse("planner:review_decide", args=[client.pk, review.pk]),
                          {"decision": "accept", "reason": "Agreed."})
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("planner:plan_revision_detail",
                                                   args=[client.pk, 2])
    revision = PlanRevision.objects.get(plan__client=client, number=2)
    assert revision.reason.startswith("Review week 4: hold the current step (R-REV-3, R-HOLD-1).")
    assert owner.get(response.headers["Location"]).status_code == 200

    # The client page: next review moved on, both charts with their tables.
    page = owner.get(detail).content.decode()
    assert 'id="client-minutes"' in page and 'id="client-scores"' in page
    assert "progress-weeks" in page and "progress-scores" in page
    assert ">rev. 2</text>" in page  # the revision marker
    minutes_svg = re.search(r'<svg[^>]*id="client-minutes".*?</svg>', page, re.S).group(0)
    assert minutes_svg.count('class="progress-chart-completed"') == 3
    assert "completed 25" in minutes_svg and "planned 40" in minutes_svg
    plan = Plan.objects.get(client=client)
    assert plan.current_revision_number == 2
    assert plan.next_review_date == start + dt.timedelta(weeks=7)


def test_a_rescreen_proposal_leads_to_a_prefilled_assessment(clinician):
    client, _revision, start = started_weeks_ago(clinician, 3)
    for n in (1, 2):
        record(client, n, 30 + 10 * (n - 1), start=start, today=TODAY)
    record(client, 3, 50, start=start, today=TODAY, phq9_total=11, phq9_item9=1)
    owner = browser_for(clinician)
    owner.post(reverse("planner:review_create", args=[client.pk]), {})
    review = Review.objects.get(client=client)
    assert review.proposed_action == "RESCREEN"
    response = owner.post(reverse("planner:review_decide", args=[client.pk, review.pk]),
                          {"decision": "accept"})
    assert response.headers["Location"] == reverse("planner:review_assessment",
                                                   args=[client.pk, review.pk])
    page = owner.get(response.headers["Location"])
    form = page.context["form"]
    assert (form.initial["phq9_total"], form.initial["phq9_item9"]) == (11, 1)
    assert f'action="{reverse("planner:intake_create", args=[client.pk])}"' in \
        page.content.decode()
    assert PlanRevision.objects.filter(plan__client=client).count() == 1


# --- errors ---------------------------------------------------------------------------------------


def test_check_in_errors_are_listed_and_linked_to_their_fields(clinician):
    client, _revision, start = started_weeks_ago(clinician, 2)
    owner = browser_for(clinician)
    response = owner.post(reverse("planner:checkin_create", args=[client.pk]),
                          {**CHECKIN, "week_start": start.isoformat(), "plan_step": "1",
                           "phq9_total": "12", "minutes_completed": "-5"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="error-summary"' in page
    assert 'href="#id_phq9_item9"' in page and 'href="#id_minutes_completed"' in page
    assert not CheckIn.objects.exists()


def test_a_week_already_recorded_is_not_offered_and_is_refused(clinician):
    client, _revision, start = started_weeks_ago(clinician, 2)
    record(client, 1, 30, start=start, today=TODAY)
    owner = browser_for(clinician)
    url = reverse("planner:checkin_create", args=[client.pk])
    offered = [value for value, _label in owner.get(url).context["form"].fields[
        "week_start"].choices]
    assert start.isoformat() not in offered
    response = owner.post(url, {**CHECKIN, "week_start": start.isoformat(), "plan_step": "1"})
    assert response.status_code == 200 and "week_start" in response.context["form"].errors


def test_a_review_that_cannot_be_proposed_says_why(clinician):
    client, _revision, start = started_weeks_ago(clinician, 3)
    record(client, 1, 30, start=start, today=TODAY)
    owner = browser_for(clinician)
    url = reverse("planner:review_create", args=[client.pk])
    page = owner.get(url).content.decode()
    assert 'id="review-problems"' in page and 'id="review-form"' not in page
    response = owner.post(url, {})
    assert response.status_code == 200 and not Review.objects.exists()


def test_declining_without_a_reason_is_an_error(objects, clinician):
    client, _checkin, review = objects
    owner = browser_for(clinician)
    url = reverse("planner:review_decide", args=[client.pk, review.pk])
    response = owner.post(url, {"decision": "decline"})
    assert response.status_code == 400
    assert "reason" in response.context["form"].errors
    response = owner.post(url, {"decision": "decline", "reason": "Holiday"})
    assert response.status_code == 302
    assert not ReviewDecision.objects.get(review=review).accepted


def test_a_decision_on_a_plan_that_moved_on_is_a_conflict(objects, clinician):
    from planner.services.plans import plan_revision_create

    client, _checkin, review = objects
    intake = IntakeFactory(client=client, assessed_date=TODAY)
    plan_revision_create(intake=intake, author=clinician, base_revision=1, reason="Other tab")
    owner = browser_for(clinician)
    response = owner.post(reverse("planner:review_decide", args=[client.pk, review.pk]),
                          {"decision": "accept"})
    assert response.status_code == 409
    assert 'id="review-conflict"' in response.content.decode()
    assert not ReviewDecision.objects.exists()
    assert PlanRevision.objects.filter(plan__client=client).count() == 2


def test_a_decided_review_shows_its_decision(objects, clinician):
    client, _checkin, review = objects
    review_decide(review=review, author=clinician, accept=True, today=review.review_date)
    page = browser_for(clinician).get(
        reverse("planner:review_detail", args=[client.pk, review.pk])).content.decode()
    assert 'id="review-decision"' in page and 'id="review-decision-form"' not in page


# --- schedule, overdue, queries, output -----------------------------------------------------------


def test_the_list_shows_next_review_and_expiries_with_overdue_marked(clinician):
    due = ClientFactory(owner=clinician, display_name="Due")
    IntakeFactory(client=due, assessed_date=TODAY - dt.timedelta(days=400),
                  clearance_status="obtained", clearance_date=TODAY - dt.timedelta(days=400),
                  q2_chest_pain=True, clearance_by="GP")
    Plan.objects.filter(client=due).update(next_review_date=TODAY - dt.timedelta(days=10))
    fine = ClientFactory(owner=clinician, display_name="Fine")
    IntakeFactory(client=fine, assessed_date=TODAY)
    Plan.objects.filter(client=fine).update(next_review_date=TODAY + dt.timedelta(days=10))
    response = browser_for(clinician).get(reverse("planner:client_list"))
    schedules = {c.display_name: c.schedule for c in response.context["page"].object_list}
    assert schedules["Due"].review.overdue and schedules["Due"].screening.overdue
    assert schedules["Due"].clearance.overdue and schedules["Due"].clearance_applies
    assert not schedules["Fine"].anything_overdue
    page = response.content.decode()
    assert page.count('class="overdue"') == 3
    # one spoken mark each, the badge itself ("overdue", "expired"), never doubled (issue 22)
    assert page.count('<span class="badge text-bg-danger">overdue</span>') == 2
    assert page.count('<span class="badge text-bg-danger">expired</span>') == 1
    assert "visually-hidden\">(overdue)" not in page and 'aria-hidden="true">overdue' not in page


def schedule_on_the_client_page(browser, client) -> dict[str, str]:
    """The client page's schedule (the progress section's list): term -> text shown."""
    response = browser.get(reverse("planner:client_detail", args=[client.pk]))
    assert response.status_code == 200
    (block,) = re.findall(r'<dl class="row progress-schedule">(.*?)</dl>',
                          response.content.decode(), flags=re.S)
    terms = [re.sub(r"\s+", " ", t).strip() for t in re.findall(r"<dt[^>]*>(.*?)</dt>", block)]
    values = re.findall(r"<dd[^>]*>(.*?)</dd>", block, flags=re.S)
    return dict(zip(terms, values, strict=True))


def test_the_client_page_shows_next_review_and_expiries_with_overdue_marked(clinician):
    long_ago = TODAY - dt.timedelta(days=400)
    due = ClientFactory(owner=clinician, display_name="Due")
    intake = IntakeFactory(client=due, assessed_date=TODAY, screening_date=long_ago,
                           clearance_status="obtained", clearance_date=long_ago,
                           q2_chest_pain=True, clearance_by="GP")
    plan_revision_create(intake=intake, author=clinician, base_revision=0)
    Plan.objects.filter(client=due).update(next_review_date=TODAY - dt.timedelta(days=10))
    fine = ClientFactory(owner=clinician, display_name="Fine")
    intake = IntakeFactory(client=fine, assessed_date=TODAY, clearance_status="obtained",
                           clearance_date=TODAY, q2_chest_pain=True, clearance_by="GP")
    plan_revision_create(intake=intake, author=clinician, base_revision=0)
    Plan.objects.filter(client=fine).update(next_review_date=TODAY + dt.timedelta(days=10))
    browser = browser_for(clinician)

    shown = schedule_on_the_client_page(browser, due)
    assert list(shown) == ["Next review", "Screening due again", "Medical clearance valid until"]
    expiry = date_format(twelve_months_after(long_ago), "SHORT_DATE_FORMAT")
    expected = {
        "Next review": (date_format(TODAY - dt.timedelta(days=10), "SHORT_DATE_FORMAT"),
                        "overdue"),
        "Screening due again": (expiry, "overdue: screen again"),
        "Medical clearance valid until": (expiry, "expired: clearance needed again"),
    }
    for term, (date, mark) in expected.items():
        assert date in shown[term], term
        assert 'class="overdue"' in shown[term] and mark in shown[term], term
        assert f'<span class="badge text-bg-danger">{mark}</span>' in shown[term], term
        assert "visually-hidden" not in shown[term], term

    shown = schedule_on_the_client_page(browser, fine)
    assert date_format(TODAY + dt.timedelta(days=10), "SHORT_DATE_FORMAT") in shown["Next review"]
    for term in ("Screening due again", "Medical clearance valid until"):
        assert date_format(twelve_months_after(TODAY), "SHORT_DATE_FORMAT") in shown[term], term
    assert not any("overdue" in value or "expired" in value for value in shown.values())


def twelve_months_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def list_queries(browser) -> int:
    with CaptureQueriesContext(connection) as context:
        assert browser.get(reverse("planner:client_list")).status_code == 200
    return len(context.captured_queries)


def test_the_list_costs_the_same_for_1_and_25_clients(clinician, other_clinician):
    IntakeFactory(client__owner=clinician)
    for _ in range(25):
        IntakeFactory(client__owner=other_clinician)
    mine, theirs = browser_for(clinician), browser_for(other_clinician)
    list_queries(mine)
    assert list_queries(mine) == list_queries(theirs)


def detail_queries(browser, client) -> int:
    with CaptureQueriesContext(connection) as context:
        response = browser.get(reverse("planner:client_detail", args=[client.pk]))
        assert response.status_code == 200
    return len(context.captured_queries)


def test_the_client_page_costs_the_same_for_few_and_many_check_ins(clinician):
    few, _revision, start_few = started_weeks_ago(clinician, 4)
    for n, minutes in ((1, 30), (2, 40), (3, 50)):
        record(few, n, minutes, start=start_few, today=TODAY)
    many, _revision, start = started_weeks_ago(clinician, 30)
    for n in range(1, 30):
        record(many, n, 40, start=start, today=TODAY, **(
            {"phq9_total": 10, "phq9_item9": 0} if n % 4 == 3 else {}))
        if n in (4, 8, 12):
            review = review_at(many, n, start=start)
            review_decide(review=review, author=clinician, accept=True, today=review.review_date)
    owner = browser_for(clinician)
    detail_queries(owner, few)
    assert detail_queries(owner, few) == detail_queries(owner, many)


def test_progress_output_is_csp_safe_and_escaped(clinician):
    client, _revision, start = started_weeks_ago(clinician, 2)
    record(client, 1, 30, start=start, today=TODAY, notes="<script>alert(1)</script>")
    owner = browser_for(clinician)
    for url in (reverse("planner:client_detail", args=[client.pk]),
                reverse("planner:checkin_list", args=[client.pk])):
        page = owner.get(url).content.decode()
        section = page[page.index('class="mb-4 client-progress"') if "client-progress" in page
                       else page.index("<main"):]
        assert not re.search(r"<svg[^>]*\sstyle=", section)
        assert not re.search(r"<(rect|line|circle|polyline|text)[^>]*\sstyle=", section)
        assert "<script>alert" not in page
    page = owner.get(reverse("planner:checkin_list", args=[client.pk])).content.decode()
    assert "Correct the week of" in page


def test_no_check_in_under_a_hard_stop(clinician):
    client, _revision, _start = started_weeks_ago(clinician, 2,
                                                  suicide_risk="active_with_plan_or_intent")
    owner = browser_for(clinician)
    page = owner.get(reverse("planner:client_detail", args=[client.pk])).content.decode()
    assert reverse("planner:checkin_create", args=[client.pk]) not in page
    response = owner.get(reverse("planner:checkin_create", args=[client.pk]))
    assert response.status_code == 302
