"""
The clinician-only answers of an assessment: current treatments (rules.md 2C), the screening date
(2F, R-REV-6) and current activities (2G, the preference defaults).

What each test pins: the form's and the model's validation, where each question sits, that a
new assessment asks the screening date again, that current activities become the preferences
only when none are ticked, that the clinician pages show the answers, that no client document
prints a treatment (N01, N06, N17), and that the screening expiry on the client list and page
counts from the screening date.
"""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.formats import date_format

from planner.adapters import intake_to_engine_dict, intake_to_form_initial
from planner.forms.assessment import ERROR_MESSAGES, AssessmentForm
from planner.models import Intake, PlanRevision
from planner.services.clients import intake_create
from planner.services.documents import revision_document_kinds
from planner.services.plans import plan_revision_create
from tests.handout.pdfutil import all_text
from tests.support.assessment_data import post_data
from tests.support.auth import browser_for
from tests.support.factories import C01_ANSWERS, ClientFactory, IntakeFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()
C01 = {
    "age": 29,
    "primary_condition": "depression",
    "depression_severity": "mild",
    "phq9_total": 8,
    "phq9_item9": 0,
    "base_total_min": 0,
    "barriers": ["low_motivation", "time"],
    "preferred_activities": ["walking"],
    "available_days": 5,
}
NEW_FIELDS = ("current_treatments", "screening_date", "current_activities")


def form_for(client_record, intake=C01, **overrides) -> AssessmentForm:
    return AssessmentForm(post_data(intake, **overrides), client=client_record)


def field_errors(form, name) -> list[str]:
    assert not form.is_valid()
    return [str(message) for message in form.errors.get(name, [])]


# --- the form ------------------------------------------------------------------------------------


def test_each_question_sits_in_its_fieldset():
    where = {name: str(legend) for legend, names in AssessmentForm.FIELDSETS for name in names}
    assert where["current_treatments"] == "Condition and severity"
    assert where["screening_date"] == "Screening: PAR-Q+ and symptoms"
    assert where["current_activities"] == "Baseline activity"


def test_the_three_questions_are_optional_and_nothing_is_chosen_for_the_clinician(clinician):
    # Not ✱ in rules.md section 2, so 7.26 does not require them; an empty answer stays empty
    # (no silent "none", no date filled in, no activity ticked).
    record = ClientFactory(owner=clinician)
    blank = AssessmentForm(client=record)
    for name in NEW_FIELDS:
        assert not blank.fields[name].required and blank[name].value() is None
    html = blank.as_div()
    assert not re.search(r'name="current_(treatments|activities)"[^>]*checked', html)
    form = form_for(record, current_treatments=[], screening_date="", current_activities=[])
    assert form.is_valid(), form.errors
    data = form.intake_data()
    assert data["current_treatments"] == [] and data["current_activities"] == []
    assert data["screening_date"] is None


def test_none_cannot_be_combined_with_a_treatment(clinician):
    record = ClientFactory(owner=clinician)
    form = form_for(record, current_treatments=["none", "antidepressant"])
    assert field_errors(form, "current_treatments") == [
        str(ERROR_MESSAGES["treatments_none_and_some"])
    ]
    # The ticks are kept for correction.
    assert form["current_treatments"].value() == ["none", "antidepressant"]
    for ok in (["none"], ["antidepressant", "psychotherapy"]):
        form = form_for(record, current_treatments=ok)
        assert form.is_valid(), form.errors
        assert form.intake_data()["current_treatments"] == ok


def test_an_unknown_treatment_is_refused(clinician):
    form = form_for(ClientFactory(owner=clinician), current_treatments=["homeopathy"])
    assert field_errors(form, "current_treatments")


def test_the_screening_date_cannot_be_in_the_future(clinician):
    form = form_for(
        ClientFactory(owner=clinician),
        screening_date=(TODAY + dt.timedelta(days=1)).isoformat(),
    )
    assert field_errors(form, "screening_date") == [
        "The screening date cannot be in the future."
    ]


def test_the_screening_date_cannot_be_before_the_client_was_born(clinician):
    born = ClientFactory(owner=clinician, date_of_birth=dt.date(1997, 3, 10), birth_year=1997)
    form = form_for(born, screening_date="1997-03-09")
    assert field_errors(form, "screening_date") == [
        "The screening date cannot be before the client's date of birth."
    ]
    assert form_for(born, screening_date="1997-03-10").is_valid()
    year_only = ClientFactory(owner=clinician, birth_year=1997)
    assert field_errors(form_for(year_only, screening_date="1996-12-31"), "screening_date")
    assert form_for(year_only, screening_date="1997-01-01").is_valid()
    unknown = ClientFactory(owner=clinician)
    assert form_for(unknown, screening_date="1950-01-01").is_valid()


def test_a_valid_screening_date_is_kept(clinician):
    screened = TODAY - dt.timedelta(days=20)
    form = form_for(ClientFactory(owner=clinician), screening_date=screened.isoformat())
    assert form.is_valid(), form.errors
    assert form.intake_data()["screening_date"] == screened


def test_the_service_refuses_what_the_form_refuses(clinician):
    # Intake.clean() runs inside intake_create (full_clean), so no other path can store these.
    record = ClientFactory(owner=clinician, birth_year=1997)
    answers = {**C01_ANSWERS, "assessed_date": TODAY}
    bad = {
        "current_treatments": ["none", "psychotherapy"],
        "screening_date": TODAY + dt.timedelta(days=1),
    }
    for name, value in bad.items():
        with pytest.raises(ValidationError) as error:
            intake_create(client=record, author=clinician, **{**answers, name: value})
        assert name in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        intake_create(client=record, author=clinician,
                      **{**answers, "screening_date": dt.date(1990, 1, 1)})
    assert "screening_date" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        intake_create(client=record, author=clinician,
                      **{**answers, "current_activities": ["knitting"]})
    assert "current_activities" in error.value.message_dict
    assert not Intake.objects.filter(client=record).exists()


# --- current activities as the preference defaults ----------------------------------------------


def test_current_activities_are_the_preferences_when_none_are_ticked(client_logged_in, clinician):
    record = ClientFactory(owner=clinician)
    data = post_data(
        {**C01, "preferred_activities": [], "base_total_min": 60},
        current_activities=["cycling", "swimming_or_water"],
    )
    response = client_logged_in.post(reverse("planner:intake_create", args=[record.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    intake = Intake.objects.get(client=record)
    assert intake.preferred_activities == ["cycling", "swimming_or_water"]
    assert intake.current_activities == ["cycling", "swimming_or_water"]
    preview = client_logged_in.get(response.headers["Location"])
    assert preview.status_code == 200
    client_logged_in.post(reverse("planner:plan_revision_create", args=[intake.pk]),
                          {"base_revision": 0, "reason": ""})
    assert PlanRevision.objects.get(plan__client=record).snapshot["main_activity"] == "cycling"


def test_ticked_preferences_win_over_current_activities(clinician):
    form = form_for(
        ClientFactory(owner=clinician),
        {**C01, "preferred_activities": ["dancing"]},
        current_activities=["running"],
    )
    assert form.is_valid(), form.errors
    data = form.intake_data()
    assert data["preferred_activities"] == ["dancing"] and data["current_activities"] == ["running"]


def test_with_neither_the_preferences_stay_empty_for_the_engine_default(clinician):
    form = form_for(ClientFactory(owner=clinician), {**C01, "preferred_activities": []},
                    current_activities=[])
    assert form.is_valid(), form.errors
    assert form.intake_data()["preferred_activities"] == []


def test_an_invalid_answer_keeps_the_preferences_as_typed(client_logged_in, clinician):
    record = ClientFactory(owner=clinician)
    data = post_data({**C01, "preferred_activities": []}, current_activities=["cycling"],
                     age="")
    response = client_logged_in.post(reverse("planner:intake_create", args=[record.pk]), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form["preferred_activities"].value() == []
    assert form["current_activities"].value() == ["cycling"]


# --- the engine never reads them; a new assessment asks the screening date again ---------------


def test_the_engine_is_never_given_the_clinician_only_answers(clinician):
    intake = IntakeFactory(
        client__owner=clinician,
        current_treatments=["antidepressant"],
        screening_date=dt.date(2025, 12, 1),
        current_activities=["running"],
    )
    data = intake_to_engine_dict(intake)
    assert not set(NEW_FIELDS) & set(data)


def test_a_new_assessment_carries_treatments_and_activities_but_not_the_screening_date(clinician):
    previous = IntakeFactory(
        client__owner=clinician,
        current_treatments=["psychotherapy"],
        screening_date=dt.date(2025, 12, 1),
        current_activities=["walking"],
    )
    initial = intake_to_form_initial(previous, AssessmentForm.base_fields)
    assert initial["current_treatments"] == ["psychotherapy"]
    assert initial["current_activities"] == ["walking"]
    assert "screening_date" not in initial


# --- clinician pages -----------------------------------------------------------------------------


def test_the_preview_and_the_revision_page_show_the_answers(client_logged_in, clinician):
    record = ClientFactory(owner=clinician)
    screened = TODAY - dt.timedelta(days=30)
    data = post_data({**C01, "base_total_min": 40},
                     current_treatments=["antidepressant", "psychotherapy"],
                     screening_date=screened.isoformat(), current_activities=["cycling"])
    response = client_logged_in.post(reverse("planner:intake_create", args=[record.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    preview = client_logged_in.get(response.headers["Location"]).content.decode()
    intake = Intake.objects.get(client=record)
    client_logged_in.post(reverse("planner:plan_revision_create", args=[intake.pk]),
                          {"base_revision": 0, "reason": ""})
    detail = client_logged_in.get(
        reverse("planner:plan_revision_detail", args=[record.pk, 1])
    ).content.decode()
    for page in (preview, detail):
        section = page[page.index('class="assessment-context'):]
        section = section[: section.index("</section>")]
        assert "no-print" in page[page.index('class="assessment-context'):][:60]
        assert "Antidepressant, Psychotherapy or counselling" in section
        assert "Cycling" in section
        assert date_format(screened, "SHORT_DATE_FORMAT") in section
        assert "overdue" not in section


def test_unrecorded_answers_say_so(client_logged_in, clinician):
    intake = IntakeFactory(client__owner=clinician, current_treatments=[],
                           current_activities=[], assessed_date=TODAY)
    page = client_logged_in.get(reverse("planner:intake_preview", args=[intake.pk]))
    html = page.content.decode()
    assert 'id="context-current_treatments">not recorded<' in html
    assert 'id="context-current_activities">none recorded<' in html
    assert "(at the assessment)" in html


# --- never on a client document ---------------------------------------------------------------

TREATMENTS = ["antidepressant", "mood_stabiliser", "psychotherapy", "stimulant_or_adhd_med"]
# Words of those treatments' labels that no client text of these plans uses otherwise.
TREATMENT_WORDS = ("antidepressant", "stabiliser", "psychotherapy", "counselling", "adhd")
SCENARIOS = {
    # STANDALONE_FOR_SOME wording: handout, log sheet, crisis sheet.
    "mild": ({**C01}, False),
    # ADJUNCT wording ("your other care, such as talking therapy or medication") with the
    # client's consent to name conditions, and clearance pending: both clearance letters too.
    "moderate_clearance": (
        {**C01, "depression_severity": "moderate", "phq9_total": 12, "q2_chest_pain": True,
         "clearance_status": "pending"},
        True,
    ),
}


def _documents(browser, owner, intake: dict, *, treatments, show: bool) -> dict[str, str]:
    record = ClientFactory(owner=owner, display_name="Ana Example",
                           show_conditions_on_handout=show)
    data = post_data(intake, current_treatments=treatments)
    response = browser.post(reverse("planner:intake_create", args=[record.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    intake_row = Intake.objects.get(client=record)
    assert intake_row.current_treatments == treatments
    response = browser.post(reverse("planner:plan_revision_create", args=[intake_row.pk]),
                            {"base_revision": 0, "reason": ""})
    assert response.status_code == 302
    revision = PlanRevision.objects.get(plan__client=record)
    texts = {}
    for kind in revision_document_kinds(revision):
        pdf = browser.get(reverse("planner:revision_document", args=[record.pk, 1, kind]))
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
        texts[kind] = all_text(b"".join(pdf.streaming_content) if pdf.streaming else pdf.content)
    return texts


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_no_client_document_names_a_treatment(client_logged_in, clinician, scenario):
    # R-SAFE-MED has no antidepressant note and N06 forbids the word in client text; the other
    # treatments have no client text at all (clinician view only, N01). So: the word never
    # appears, and every document reads exactly as it does for a client with no treatment
    # recorded.
    intake, show = SCENARIOS[scenario]
    treated = _documents(client_logged_in, clinician, intake, treatments=TREATMENTS, show=show)
    untreated = _documents(client_logged_in, clinician, intake, treatments=[], show=show)
    expected_kinds = {"handout", "log_sheet", "crisis_sheet"}
    if scenario == "moderate_clearance":
        expected_kinds |= {"interim_clearance_letter", "clearance_request_letter"}
    assert set(treated) == expected_kinds
    for kind, text in treated.items():
        assert len(text) > 200, kind
        lowered = text.lower()
        for word in TREATMENT_WORDS:
            assert word not in lowered, (kind, word)
        assert text == untreated[kind], kind


# --- R-REV-6: screening expiry counts from the screening date --------------------------------


def twelve_months_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _client_assessed_today(owner, name, **answers):
    """A client assessed today, with revision 1 saved (the client page shows the schedule of a
    client with a plan)."""
    record = ClientFactory(owner=owner, display_name=name)
    intake = IntakeFactory(client=record, assessed_date=TODAY, **answers)
    plan_revision_create(intake=intake, author=owner, base_revision=0)
    return record


def test_a_screening_13_months_old_is_overdue_on_the_list_and_the_client_page(clinician):
    screened = TODAY - dt.timedelta(days=396)  # 13 months ago
    old = _client_assessed_today(clinician, "Old screening", screening_date=screened)
    _client_assessed_today(clinician, "Screened today")
    browser = browser_for(clinician)
    response = browser.get(reverse("planner:client_list"))
    schedules = {c.display_name: c.schedule for c in response.context["page"].object_list}
    assert schedules["Old screening"].screening.overdue
    # Twelve months after the screening date, not after the assessment (which is today).
    assert schedules["Old screening"].screening.date == twelve_months_after(screened)
    assert not schedules["Screened today"].screening.overdue
    assert schedules["Screened today"].screening.date == twelve_months_after(TODAY)
    page = response.content.decode()
    assert page.count('<span class="badge text-bg-danger">overdue</span>') == 1
    detail = browser.get(reverse("planner:client_detail", args=[old.pk])).content.decode()
    assert "overdue: screen again" in detail
    assert date_format(twelve_months_after(screened), "SHORT_DATE_FORMAT") in detail


def test_without_a_screening_date_the_assessment_date_counts(clinician):
    record = _client_assessed_today(clinician, "Assessed long ago")
    IntakeFactory(client=record, assessed_date=TODAY - dt.timedelta(days=400))
    # The latest assessment (today, no screening date) is the one that counts.
    response = browser_for(clinician).get(reverse("planner:client_list"))
    (row,) = response.context["page"].object_list
    assert not row.schedule.screening.overdue
    stale = ClientFactory(owner=clinician, display_name="Stale")
    IntakeFactory(client=stale, assessed_date=TODAY - dt.timedelta(days=400))
    response = browser_for(clinician).get(reverse("planner:client_list"))
    rows = {c.display_name: c.schedule for c in response.context["page"].object_list}
    assert rows["Stale"].screening.overdue and not rows["Assessed long ago"].screening.overdue
