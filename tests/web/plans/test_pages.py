"""Assessment, preview, save and revision pages; and the access matrix over every planner URL."""

import datetime as dt
import re
from unittest import mock

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from planner import adapters
from planner.models import AuditEvent, Intake, Plan, PlanRevision
from tests.support.assessment_data import C01_ANSWERS, post_data
from tests.support.factories import ClientFactory, IntakeFactory
from tests.support.revisions import add_revisions

pytestmark = pytest.mark.django_db

C01 = C01_ANSWERS
G1 = {
    "age": 44,
    "primary_condition": "depression",
    "depression_severity": "moderate",
    "suicide_risk": "active_with_plan_or_intent",
    "base_total_min": 20,
}


def assess(browser, client, intake=C01, **overrides):
    return browser.post(
        reverse("planner:intake_create", args=[client.pk]), post_data(intake, **overrides)
    )


def save(browser, intake, base_revision=0, reason=""):
    return browser.post(
        reverse("planner:plan_revision_create", args=[intake.pk]),
        {"base_revision": base_revision, "reason": reason},
    )


@pytest.fixture
def record(clinician):
    return ClientFactory(owner=clinician, display_name="Ana")


# --- assessment form -------------------------------------------------------------------------


def test_the_first_assessment_starts_blank(client_logged_in, record):
    response = client_logged_in.get(reverse("planner:intake_create", args=[record.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert not re.search(r"<input[^>]*\schecked", html)
    assert 'data-conditions="' in html and "assessment.js" in html
    assert "(only if depression is one of the conditions)" in html
    for legend in ("Client", "Condition and severity", "Risk",
                   "Eating disorder and compulsive exercise", "Screening: PAR-Q+ and symptoms",
                   "Baseline activity", "Barriers", "Preferences"):
        assert f"<legend>{legend}</legend>" in html


def test_a_new_assessment_is_prefilled_except_risk_and_screening(client_logged_in, clinician):
    previous = IntakeFactory(
        client__owner=clinician, suicide_risk="passive_ideation", q2_chest_pain=True,
        barriers=["time"], available_days=4, assessed_date=dt.date(2026, 1, 5),
    )
    response = client_logged_in.get(reverse("planner:intake_create", args=[previous.client_id]))
    form = response.context["form"]
    assert form["available_days"].value() == 4 and form["barriers"].value() == ["time"]
    assert form["suicide_risk"].value() is None and form["q2_chest_pain"].value() is None
    assert form["assessed_date"].value() == dt.date.today()
    assert "carried over" in response.content.decode()


def test_errors_are_summarised_and_everything_typed_is_kept(client_logged_in, record):
    response = assess(
        client_logged_in, record, depression_severity="", q2_chest_pain="", age="",
        notes="typed note", base_total_min="45",
    )
    html = response.content.decode()
    assert response.status_code == 200 and not Intake.objects.exists()
    assert 'id="error-summary"' in html and 'role="alert"' in html and 'tabindex="-1"' in html
    for anchor in ("#id_depression_severity", "#id_q2_chest_pain_0", "#id_age"):
        assert f'href="{anchor}"' in html
    assert "typed note" in html and 'value="45"' in html
    assert "Answer this question: Depression is one of the conditions" in html


def test_a_valid_assessment_is_saved_and_opens_the_preview(client_logged_in, clinician, record):
    response = assess(client_logged_in, record)
    intake = Intake.objects.get()
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("planner:intake_preview", args=[intake.pk])
    assert intake.author == clinician and intake.depression_severity == "mild"
    assert AuditEvent.objects.filter(action="create", object_type="intake",
                                     object_id=str(intake.pk)).exists()


def test_an_archived_client_cannot_be_assessed(client_logged_in, clinician):
    archived = ClientFactory(owner=clinician, archived=True)
    response = assess(client_logged_in, archived)
    assert response.status_code == 302 and not Intake.objects.exists()


# --- preview, save, revision -----------------------------------------------------------------


def test_the_preview_shows_the_plan_and_is_audited(client_logged_in, record):
    assess(client_logged_in, record)
    intake = Intake.objects.get()
    response = client_logged_in.get(reverse("planner:intake_preview", args=[intake.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    view = response.context["view"]
    assert view.hard_stop is None and len(view.steps) == 17
    assert "<svg" in html and 'class="plan-chart-bar"' in html and "style=" not in view.chart_svg
    assert "plan-steps" in html and "What the client will read" in html
    assert "Why?" in html and "R-DOSE" in html
    assert 'name="base_revision"' in html and 'value="0"' in html
    assert not PlanRevision.objects.exists()  # a preview saves nothing
    assert AuditEvent.objects.filter(action="view", object_type="intake",
                                     object_id=str(intake.pk)).exists()


def barrier_section(html: str) -> str:
    """The preview's "Barrier tips" section (up to the next section heading), or ""."""
    start = html.find('id="barriers-title"')
    if start == -1:
        return ""
    end = html.find("<h2", start)
    return html[start:end if end != -1 else len(html)]


def test_the_preview_shows_the_tips_for_the_clients_barriers(client_logged_in, record):
    assess(client_logged_in, record, barriers=["cost", "time"])
    intake = Intake.objects.get()
    response = client_logged_in.get(reverse("planner:intake_preview", args=[intake.pk]))
    assert response.status_code == 200
    tips = barrier_section(response.content.decode())
    assert "Barrier tips" in tips
    assert "Free options" in tips and "filled water bottles" in tips  # cost (R-BAR-08)
    assert "Short on time" in tips and "bouts of 5 minutes" in tips  # time (R-BAR-09)
    assert "Getting started" not in tips  # low motivation was not named


def test_the_preview_has_no_barrier_tips_without_a_barrier(client_logged_in, record):
    assess(client_logged_in, record, barriers=[])
    intake = Intake.objects.get()
    response = client_logged_in.get(reverse("planner:intake_preview", args=[intake.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Barrier tips" not in html and barrier_section(html) == ""
    assert "Free options" not in html and "Short on time" not in html


def test_save_creates_revision_1_then_a_reason_is_required(client_logged_in, clinician, record):
    assess(client_logged_in, record)
    intake = Intake.objects.get()
    response = save(client_logged_in, intake)
    assert response.status_code == 302
    assert response.headers["Location"] == reverse(
        "planner:plan_revision_detail", args=[record.pk, 1]
    )
    revision = PlanRevision.objects.get()
    assert revision.number == 1 and revision.author == clinician and revision.intake == intake
    assert revision.snapshot["mode"] == "BUILD" and len(revision.steps) == 17
    plan = Plan.objects.get(client=record)
    assert plan.current_revision_number == 1 and plan.next_review_date is not None

    response = save(client_logged_in, intake, base_revision=1)
    assert response.status_code == 400 and PlanRevision.objects.count() == 1
    assert "Say why the plan is changing" in response.content.decode()

    response = save(client_logged_in, intake, base_revision=1, reason="week 4 review")
    assert response.status_code == 302
    second = PlanRevision.objects.get(number=2)
    assert second.based_on_number == 1 and second.reason == "week 4 review"
    assert AuditEvent.objects.filter(action="create", object_type="plan_revision").count() == 2


def test_saving_from_an_outdated_page_is_a_conflict(client_logged_in, record):
    assess(client_logged_in, record)
    intake = Intake.objects.get()
    save(client_logged_in, intake)
    save(client_logged_in, intake, base_revision=1, reason="other tab")
    response = save(client_logged_in, intake, base_revision=1, reason="this tab")
    assert response.status_code == 409
    assert "changed since you opened it" in response.content.decode()
    assert reverse("planner:plan_revision_detail", args=[record.pk, 2]) in (
        response.content.decode()
    )
    assert PlanRevision.objects.count() == 2


def test_a_revision_renders_from_its_snapshot_without_the_engine(client_logged_in, record):
    assess(client_logged_in, record)
    intake = Intake.objects.get()
    save(client_logged_in, intake)
    with mock.patch.object(adapters, "build_plan", side_effect=AssertionError("re-run")):
        response = client_logged_in.get(
            reverse("planner:plan_revision_detail", args=[record.pk, 1])
        )
    assert response.status_code == 200
    assert response.context["view"].steps[0].weekly_minutes == 30
    assert AuditEvent.objects.filter(action="view", object_type="plan_revision").exists()


def test_a_saved_revision_shows_the_content_it_was_saved_with(client_logged_in, clinician):
    intake = IntakeFactory(client__owner=clinician)
    add_revisions(intake, 1)
    html = client_logged_in.get(
        reverse("planner:plan_revision_detail", args=[intake.client_id, 1])
    ).content.decode()
    assert "Aim for about 30 minutes." in html  # text stored in the snapshot (support/revisions)


def test_crisis_shows_resources_and_no_exercise_content(client_logged_in, record):
    assess(client_logged_in, record, G1)
    intake = Intake.objects.get()
    response = client_logged_in.get(reverse("planner:intake_preview", args=[intake.pk]))
    html = response.content.decode()
    assert response.status_code == 200 and response.context["view"].is_crisis
    assert "988" in html and "911" in html and "data-print" in html
    assert "plan-steps" not in html and "<svg" not in html and "minutes a week" not in html.lower()
    assert "What the client will read" not in html

    assert save(client_logged_in, intake).status_code == 302
    revision = PlanRevision.objects.get()
    assert revision.hard_stop == "CRISIS" and revision.steps == ()
    plan = Plan.objects.get(client=record)
    assert plan.current_revision_number == 1 and plan.next_review_date is None
    detail = client_logged_in.get(reverse("planner:client_detail", args=[record.pk]))
    assert "Crisis (suicide risk)" in detail.content.decode()


@pytest.mark.parametrize(
    ("intake", "stop"),
    [
        ({"age": 16, "primary_condition": "adhd", "base_total_min": 30}, "OUT_OF_SCOPE_MINOR"),
        ({"age": 30, "primary_condition": "bipolar", "bipolar_state": "hypomanic_or_manic",
          "base_total_min": 200}, "BIPOLAR_ELEVATED_HOLD"),
    ],
)
def test_other_hard_stops_show_a_stop_screen(client_logged_in, record, intake, stop):
    assess(client_logged_in, record, intake)
    saved = Intake.objects.get()
    response = client_logged_in.get(reverse("planner:intake_preview", args=[saved.pk]))
    assert response.status_code == 200 and response.context["view"].hard_stop == stop
    assert "No exercise plan" in response.content.decode()
    assert "plan-steps" not in response.content.decode()


# --- access: every URL, every method ---------------------------------------------------------


@pytest.fixture
def objects(clinician):
    intake = IntakeFactory(client__owner=clinician)
    add_revisions(intake, 1)
    return intake


def object_urls(intake):
    """Each planner URL of one clinician's objects, with the methods the owner may use."""
    client_id = intake.client_id
    return [
        (reverse("planner:client_detail", args=[client_id]), ["GET"]),
        (reverse("planner:client_update", args=[client_id]), ["GET", "POST"]),
        (reverse("planner:intake_create", args=[client_id]), ["GET", "POST"]),
        (reverse("planner:intake_preview", args=[intake.pk]), ["GET"]),
        (reverse("planner:plan_revision_create", args=[intake.pk]), ["POST"]),
        (reverse("planner:plan_revision_detail", args=[client_id, 1]), ["GET"]),
    ]


def test_anonymous_visitors_are_sent_to_login_everywhere(client, objects):
    urls = [url for url, _ in object_urls(objects)]
    urls += [reverse("planner:client_list"), reverse("planner:client_create")]
    for url in urls:
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, url
            assert response.headers["Location"].startswith(reverse("login")), url


def test_another_clinician_gets_404_for_every_method(other_clinician, objects):
    browser = HttpClient()
    browser.force_login(other_clinician)
    for url, _methods in object_urls(objects):
        assert browser.get(url).status_code == 404, url
        assert browser.post(url, {"base_revision": 1, "reason": "x"}).status_code == 404, url
    assert PlanRevision.objects.count() == 1 and Intake.objects.count() == 1


def test_the_owner_can_use_every_url(client_logged_in, objects):
    for url, methods in object_urls(objects):
        if "GET" in methods:
            assert client_logged_in.get(url).status_code == 200, url
        else:
            assert client_logged_in.get(url).status_code == 405, url  # state changes POST only
        if "POST" not in methods:
            assert client_logged_in.post(url).status_code == 405, url
    assert client_logged_in.get(reverse("planner:client_list")).status_code == 200
    assert client_logged_in.get(reverse("planner:client_create")).status_code == 200
    # POSTs that change state answer with a redirect when valid.
    assert save(client_logged_in, objects, base_revision=1, reason="r").status_code == 302
    response = assess(client_logged_in, objects.client)
    assert response.status_code == 302
    response = client_logged_in.post(
        reverse("planner:client_update", args=[objects.client_id]),
        {"display_name": "New name", "crisis_region": "US"},
    )
    assert response.status_code == 302
