"""
Fewer, clearer questions on the assessment form.

- The age comes from the client record (date of birth, or year of birth) on the assessment date,
  is shown read-only with where it came from, and is asked only when the record cannot give it.
- The optional sex at birth only suggests the ACSM age risk factor (men 45+, women 55+); the
  clinician's ticks are what the engine reads, and the answer never reaches the engine.
- Known cardiovascular disease and high blood pressure are each asked once (PAR-Q+ 1a, 1b);
  the answer is stored everywhere the engine reads the fact, and older assessments that
  answered the two questions differently still show and re-open.
"""

import datetime as dt
import re

import pytest
from crispy_forms.utils import render_crispy_form
from django.urls import reverse

from planner import adapters
from planner.engine.screening import age_risk_factor_suggested
from planner.forms.assessment import AssessmentForm
from planner.forms.assessment.age import age_on_record
from planner.models import Intake
from tests.support.assessment_data import C01_ANSWERS, post_data
from tests.support.factories import ClientFactory, IntakeFactory

pytestmark = pytest.mark.django_db

C01 = C01_ANSWERS
BIRTHDAY = dt.date(1967, 3, 12)


def valid_form(client, **overrides) -> AssessmentForm:
    form = AssessmentForm(post_data(C01, **overrides), client=client)
    assert form.is_valid(), form.errors
    return form


def visible_suggestion(form) -> str:
    """The text of the age risk factor sentence the page shows (the others are hidden)."""
    page = render_crispy_form(form)
    shown = [
        re.sub(r"\s+", " ", text).strip()
        for attrs, text in re.findall(r'<p class="[^"]*age-risk-suggestion"([^>]*)>(.*?)</p>',
                                      page, flags=re.S)
        if " hidden" not in attrs
    ]
    assert len(shown) <= 1, shown
    return shown[0] if shown else ""


# --- the age from the record -------------------------------------------------------------------


def test_the_age_from_a_date_of_birth_changes_on_the_birthday():
    record = ClientFactory.build(date_of_birth=BIRTHDAY, birth_year=1967)
    assert age_on_record(record, dt.date(2025, 3, 11)).age == 57
    assert age_on_record(record, dt.date(2025, 3, 12)).age == 58
    assert age_on_record(record, dt.date(2025, 3, 12)).note.startswith(
        "Age 58, from the date of birth on record"
    )


def test_the_age_from_a_year_of_birth_is_the_age_certainly_reached():
    record = ClientFactory.build(birth_year=1967)
    mid_year = age_on_record(record, dt.date(2025, 6, 1))
    assert mid_year.age == 57
    assert "57 or 58 on the assessment date; the lower is used" in mid_year.note
    # On 31 December everyone born in 1967 is 58.
    assert age_on_record(record, dt.date(2025, 12, 31)).age == 58
    assert age_on_record(record, dt.date(2025, 1, 1)).age == 57


@pytest.mark.parametrize(("born", "possible"), [(1960, "64 or 65"), (2007, "17 or 18"),
                                                (1950, "74 or 75")])
def test_a_year_of_birth_either_side_of_an_age_the_plan_reads_asks_the_age(born, possible):
    answer = age_on_record(ClientFactory.build(birth_year=born), dt.date(2025, 6, 1))
    assert answer.age is None and possible in answer.note


def test_the_form_asks_the_age_when_the_year_leaves_it_either_side_of_65(clinician):
    record = ClientFactory(owner=clinician, birth_year=1960)
    form = AssessmentForm(post_data(C01, assessed=dt.date(2025, 6, 1), age=65), client=record)
    assert not form.fields["age"].disabled
    assert "Born in 1960: 64 or 65 on the assessment date" in str(form.fields["age"].help_text)
    assert form.is_valid(), form.errors
    assert form.intake_data()["age"] == 65  # what the clinician entered
    # A year that settles the age shows it instead, and saves it whatever was typed.
    settled = AssessmentForm(post_data(C01, assessed=dt.date(2025, 6, 1), age=20),
                             client=ClientFactory(owner=clinician, birth_year=1970))
    assert settled.fields["age"].disabled and settled.is_valid(), settled.errors
    assert settled.intake_data()["age"] == 54


def test_no_birth_date_or_year_means_the_age_is_asked(clinician):
    record = ClientFactory(owner=clinician)
    assert age_on_record(record, dt.date(2025, 6, 1)) is None
    form = AssessmentForm(post_data(C01, age=""), client=record)
    assert not form.is_valid()
    assert form.errors["age"] == ["Answer this question."]
    assert valid_form(record).intake_data()["age"] == 29


def test_the_form_shows_the_age_from_the_date_of_birth_and_saves_it(clinician):
    record = ClientFactory(owner=clinician, date_of_birth=BIRTHDAY, birth_year=1967)
    shown = AssessmentForm(initial={"assessed_date": dt.date(2025, 3, 12)}, client=record)
    assert shown.fields["age"].disabled
    assert "Age 58, from the date of birth on record" in str(shown.fields["age"].help_text)
    assert shown["age"].value() == 58
    # The age typed (or tampered with) is ignored: the record's age on the assessment date is
    # saved, one day before the birthday and on it.
    before = valid_form(record, assessed=dt.date(2025, 3, 11), age=20)
    assert before.intake_data()["age"] == 57
    assert valid_form(record, assessed=dt.date(2025, 3, 12), age="").intake_data()["age"] == 58


def test_an_assessment_before_the_birth_on_record_is_refused(clinician):
    record = ClientFactory(owner=clinician, date_of_birth=dt.date(2024, 5, 1), birth_year=2024)
    form = AssessmentForm(post_data(C01, assessed=dt.date(2024, 4, 30)), client=record)
    assert not form.is_valid()
    assert "before the date of birth" in form.errors["assessed_date"][0]


def test_the_assessment_page_shows_the_computed_age(client_logged_in, clinician):
    record = ClientFactory(owner=clinician, date_of_birth=BIRTHDAY, birth_year=1967)
    html = client_logged_in.get(reverse("planner:intake_create", args=[record.pk])).content
    assert re.search(rb'<input[^>]*name="age"[^>]*disabled', html)
    assert b"from the date of birth on record" in html


# --- sex at birth: only a suggestion -----------------------------------------------------------


@pytest.mark.parametrize(
    ("sex", "age", "suggested"),
    [("male", 44, False), ("male", 45, True), ("female", 54, False), ("female", 55, True),
     ("female", 45, False), ("", 70, None), ("prefer_not_to_say", 70, None), ("male", None, None)],
)
def test_the_age_risk_factor_is_suggested_from_acsm_ages(sex, age, suggested):
    assert age_risk_factor_suggested(sex, age) is suggested


@pytest.mark.parametrize(
    ("sex", "age", "words"),
    [("male", 44, "not a risk factor yet: ACSM counts it for men from 45"),
     ("male", 45, "Suggested: tick “Age” below. ACSM counts age as a risk factor for men from 45"),
     ("female", 54, "not a risk factor yet: ACSM counts it for women from 55"),
     ("female", 55, "Suggested: tick “Age” below. ACSM counts age as a risk factor for women"),
     ("", 60, "")],
)
def test_the_form_shows_the_suggestion_as_a_sentence(clinician, sex, age, words):
    record = ClientFactory(owner=clinician)
    form = AssessmentForm(post_data(C01, age=age, sex_at_birth=sex), client=record)
    shown = visible_suggestion(form)
    assert (words in shown) if words else shown == ""


def test_the_suggestion_follows_the_age_on_record(clinician):
    record = ClientFactory(owner=clinician, date_of_birth=dt.date(1980, 1, 10), birth_year=1980)
    form = AssessmentForm(
        initial={"assessed_date": dt.date(2025, 1, 10), "sex_at_birth": "male"}, client=record
    )
    assert "Suggested" in visible_suggestion(form)  # 45 on the assessment date
    form = AssessmentForm(
        initial={"assessed_date": dt.date(2025, 1, 9), "sex_at_birth": "male"}, client=record
    )
    assert "not a risk factor yet" in visible_suggestion(form)  # 44 the day before


def test_the_clinicians_ticks_are_what_the_engine_reads(clinician):
    record = ClientFactory(owner=clinician)
    # Suggested (a man of 60), not ticked: the engine reads no age risk factor, and no sex.
    form = valid_form(record, age=60, sex_at_birth="male", cv_risk_factors=[])
    data = form.intake_data()
    assert data["sex_at_birth"] == "male" and data["cv_risk_factors"] == []
    engine_dict = adapters.form_to_engine_dict(form.cleaned_data, client=record)
    assert "sex_at_birth" not in engine_dict and engine_dict.get("cv_risk_factors", []) == []
    # Not suggested (a woman of 50), ticked: the engine reads it.
    form = valid_form(record, age=50, sex_at_birth="female", cv_risk_factors=["age"])
    assert form.intake_data()["cv_risk_factors"] == ["age"]


def test_sex_at_birth_is_optional_and_kept_for_the_next_assessment(clinician):
    record = ClientFactory(owner=clinician)
    assert valid_form(record, sex_at_birth="").intake_data()["sex_at_birth"] == ""
    previous = IntakeFactory(client=record, sex_at_birth="female")
    initial = adapters.intake_to_form_initial(previous, AssessmentForm.base_fields)
    assert initial["sex_at_birth"] == "female"


# --- each fact asked once ----------------------------------------------------------------------


def test_known_cardiovascular_disease_is_one_question_stored_twice(clinician):
    record = ClientFactory(owner=clinician)
    form = AssessmentForm(client=record)
    assert "known_cvd" not in form.fields
    assert "peripheral artery disease" in str(form.fields["q1a_heart_condition"].label)
    for answer in (True, False):
        data = valid_form(record, q1a_heart_condition="yes" if answer else "no").intake_data()
        assert data["q1a_heart_condition"] is answer and data["known_cvd"] is answer


def test_high_blood_pressure_is_asked_once_and_counted_as_a_risk_factor(clinician):
    record = ClientFactory(owner=clinician)
    offered = dict(AssessmentForm(client=record).fields["cv_risk_factors"].choices)
    assert "high_blood_pressure" not in offered
    yes = valid_form(record, q1b_high_blood_pressure="yes", bp_uncontrolled="no",
                     cv_risk_factors=["smoking"]).intake_data()
    assert yes["cv_risk_factors"] == ["smoking", "high_blood_pressure"]
    no = valid_form(record, q1b_high_blood_pressure="no", cv_risk_factors=["smoking"])
    assert no.intake_data()["cv_risk_factors"] == ["smoking"]


def test_an_older_assessment_with_both_questions_shows_and_reopens(client_logged_in, clinician):
    record = ClientFactory(owner=clinician)
    # Saved before the questions were merged: known CVD (peripheral artery disease) but "no" to
    # 1a, and high blood pressure ticked as a risk factor but "no" to 1b.
    old = IntakeFactory(client=record, q1a_heart_condition=False, known_cvd=True,
                        q1b_high_blood_pressure=False, cv_risk_factors=["high_blood_pressure"])
    assert adapters.intake_to_engine_dict(old)["known_cvd"] is True
    preview = client_logged_in.get(reverse("planner:intake_preview", args=[old.pk]))
    assert preview.status_code == 200
    reopened = client_logged_in.get(reverse("planner:intake_create", args=[record.pk]))
    assert reopened.status_code == 200
    # The screening questions are asked again; the new answers are stored in both places.
    response = client_logged_in.post(
        reverse("planner:intake_create", args=[record.pk]),
        post_data(C01, q1a_heart_condition="yes", q1b_high_blood_pressure="yes",
                  bp_uncontrolled="no"),
    )
    assert response.status_code == 302, response.context["form"].errors
    new = Intake.objects.filter(client=record).exclude(pk=old.pk).get()
    assert new.known_cvd and new.q1a_heart_condition
    assert "high_blood_pressure" in new.cv_risk_factors
