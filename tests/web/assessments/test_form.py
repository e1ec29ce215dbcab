"""The assessment form: explicit answers, follow-up questions, ranges, and the engine's rules
shown next to their fields."""

import datetime as dt
import re

import pytest

from planner.adapters import intake_to_form_initial
from planner.forms.assessment import ERROR_MESSAGES, AssessmentForm
from tests.support.assessment_data import C01_ANSWERS, post_data
from tests.support.factories import ClientFactory, IntakeFactory

pytestmark = pytest.mark.django_db

C01 = C01_ANSWERS


@pytest.fixture
def client_record(clinician):
    return ClientFactory(owner=clinician)


def form_for(client_record, intake=C01, **overrides):
    return AssessmentForm(post_data(intake, **overrides), client=client_record)


def errors_of(form) -> dict[str, list[str]]:
    assert not form.is_valid()
    return {name: [str(m) for m in messages] for name, messages in form.errors.items()}


def test_a_complete_assessment_is_valid(client_record):
    form = form_for(client_record)
    assert form.is_valid(), form.errors
    data = form.intake_data()
    assert data["depression_severity"] == "mild" and data["symptoms"] == []
    assert data["bp_uncontrolled"] is None and data["wants_to_keep_vigorous"] is None


def test_every_required_question_needs_an_explicit_answer(client_record):
    # rules.md 7.26: no silent defaults on the web form.
    errors = errors_of(AssessmentForm({}, client=client_record))
    required = {
        "assessed_date", "age", "pregnant_or_postpartum_6m", "primary_condition",
        "walking_ability", "suicide_risk", "ed_history", "compulsive_exercise_history",
        "q1a_heart_condition", "q1b_high_blood_pressure", "q2_chest_pain", "q3_dizziness_loc",
        "q4_other_chronic", "q5_chronic_meds", "q6_msk_problem", "q7_supervised_only",
        "known_metabolic", "known_renal", "symptoms", "regular_exerciser",
        "falls_12m", "fear_of_falling", "clearance_status", "base_total_min", "base_vig_min",
        "base_strength_days", "available_days",
    }
    assert required <= set(errors), required - set(errors)
    assert errors["q2_chest_pain"] == [str(ERROR_MESSAGES["yes_no_required"])]
    assert errors["suicide_risk"] == [str(ERROR_MESSAGES["answer_required"])]
    assert errors["symptoms"] == [str(ERROR_MESSAGES["symptoms_required"])]


def test_a_new_form_has_no_answers_chosen(client_record):
    form = AssessmentForm(client=client_record)
    html = form.as_div()
    assert not re.search(r"<input[^>]*\schecked", html)
    assert not re.search(r"<option value=\"[^\"]+\"[^>]*\sselected", html)
    assert form["available_days"].value() is None and form["suicide_risk"].value() is None


# --- the engine's condition-dependent rules, shown next to their field ------------------------


@pytest.mark.parametrize(
    ("intake_change", "field", "words"),
    [
        ({"depression_severity": None}, "depression_severity",
         "Answer this question: Depression is one of"),
        ({"primary_condition": "anxiety", "depression_severity": None},
         "anxiety_severity", "Answer this question: Anxiety disorder is one of"),
        ({"primary_condition": "bipolar", "depression_severity": None},
         "bipolar_state", "Answer this question: Bipolar disorder is one of"),
        ({"primary_condition": "psychotic_disorder", "depression_severity": None},
         "psychosis_state", "Answer this question: Psychotic disorder is one of"),
        ({"bipolar_state": "euthymic"}, "bipolar_state",
         "applies only when Bipolar disorder is one of"),
        ({"psychosis_state": "stable_community"}, "psychosis_state",
         "applies only when Psychotic disorder"),
        ({"phq9_item9": None}, "phq9_item9", "PHQ-9 item 9 whenever a PHQ-9 total is entered"),
        ({"secondary_conditions": ["depression"]}, "secondary_conditions",
         "Depression is already the primary condition"),
        ({"secondary_conditions": ["anxiety", "ptsd", "adhd", "bipolar"],
          "anxiety_severity": "mild", "bipolar_state": "euthymic"},
         "secondary_conditions", "Tick at most 3 other conditions."),
        ({"base_total_min": 60, "base_vig_min": 90}, "base_vig_min",
         "Vigorous minutes (90) cannot be more than the activity minutes of the whole week (60)."),
        ({"clearance_max_minutes": 100}, "clearance_max_minutes",
         "only when medical clearance is obtained"),
        ({"clearance_max_intensity": "light"}, "clearance_max_intensity",
         "only when medical clearance"),
        ({"clearance_status": "obtained", "clearance_max_minutes": 102},
         "clearance_max_minutes", "Enter a multiple of 5 (you entered 102)."),
    ],
)
def test_engine_rules_appear_next_to_their_field(client_record, intake_change, field, words):
    intake = {k: v for k, v in {**C01, **intake_change}.items() if v is not None}
    errors = errors_of(form_for(client_record, intake))
    assert field in errors, errors
    assert any(words in message for message in errors[field]), errors[field]


# --- follow-up questions the web form insists on (rules.md 7.26) ------------------------------


@pytest.mark.parametrize(
    ("intake_change", "post_change", "field"),
    [
        ({"q1b_high_blood_pressure": True}, {"bp_uncontrolled": ""}, "bp_uncontrolled"),
        ({"ed_history": "current"}, {"ed_medical_restriction": ""}, "ed_medical_restriction"),
        ({"primary_condition": "stroke_rehab", "depression_severity": None},
         {"stroke_months_since": ""}, "stroke_months_since"),
        ({"primary_condition": "stroke_rehab", "depression_severity": None},
         {"stroke_rehab_team_involved": ""}, "stroke_rehab_team_involved"),
        ({"base_total_min": 100, "base_vig_min": 30, "regular_exerciser": True},
         {"wants_to_keep_vigorous": ""}, "wants_to_keep_vigorous"),
        ({"clearance_status": "obtained"}, {"clearance_date": ""}, "clearance_date"),
        ({"clearance_status": "obtained"}, {"clearance_by": ""}, "clearance_by"),
    ],
)
def test_a_follow_up_question_needs_an_answer_when_it_applies(
    client_record, intake_change, post_change, field
):
    intake = {k: v for k, v in {**C01, **intake_change}.items() if v is not None}
    intake.setdefault("stroke_months_since", 8)
    errors = errors_of(form_for(client_record, intake, **post_change))
    assert errors[field] == [str(ERROR_MESSAGES["answer_required"])]


@pytest.mark.parametrize(
    ("post_change", "field"),
    [
        ({"bp_uncontrolled": "yes"}, "bp_uncontrolled"),
        ({"ed_medical_restriction": "yes"}, "ed_medical_restriction"),
        ({"stroke_rehab_team_involved": "no"}, "stroke_rehab_team_involved"),
        ({"stroke_months_since": "4"}, "stroke_months_since"),
        ({"wants_to_keep_vigorous": "yes"}, "wants_to_keep_vigorous"),
        ({"ptsd_in_trauma_focused_therapy": "yes"}, "ptsd_in_trauma_focused_therapy"),
    ],
)
def test_an_answer_to_a_question_that_does_not_apply_is_refused(client_record, post_change, field):
    # A stale hidden answer (e.g. "uncontrolled blood pressure") must never set a clearance
    # reason the clinician cannot see.
    errors = errors_of(form_for(client_record, **post_change))
    assert len(errors[field]) == 1 and "applies only" in errors[field][0]


def test_free_text_for_a_question_that_does_not_apply_is_dropped(client_record):
    form = form_for(client_record, q4_other_chronic_list="asthma", barriers_other="weather")
    assert form.is_valid(), form.errors
    assert form.intake_data()["q4_other_chronic_list"] == ""
    assert form.intake_data()["barriers_other"] == ""


def test_follow_up_answers_are_kept_when_they_apply(client_record):
    intake = {**C01, "q1b_high_blood_pressure": True, "bp_uncontrolled": True}
    form = form_for(client_record, intake, q5_chronic_meds="yes", q5_chronic_meds_list="sertraline")
    assert form.is_valid(), form.errors
    assert form.intake_data()["bp_uncontrolled"] is True
    assert form.intake_data()["q5_chronic_meds_list"] == "sertraline"


# --- checks of the form itself (2A, 2G) ------------------------------------------------------


def test_the_assessment_date_cannot_be_in_the_future(client_record):
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    errors = errors_of(form_for(client_record, assessed_date=tomorrow.isoformat()))
    assert errors["assessed_date"] == [str(ERROR_MESSAGES["assessed_in_future"])]


def test_the_plan_cannot_start_before_the_assessment(client_record):
    yesterday = dt.date.today() - dt.timedelta(days=1)
    errors = errors_of(form_for(client_record, plan_start_date=yesterday.isoformat()))
    assert errors["plan_start_date"] == [str(ERROR_MESSAGES["start_before_assessment"])]


def test_more_than_700_minutes_needs_a_confirmation(client_record):
    intake = {**C01, "base_total_min": 720}
    errors = errors_of(form_for(client_record, intake, base_total_confirmed=""))
    assert errors["base_total_confirmed"] == [str(ERROR_MESSAGES["high_volume_unconfirmed"])]
    assert form_for(client_record, intake).is_valid()


def test_none_of_these_symptoms_excludes_a_symptom(client_record):
    errors = errors_of(form_for(client_record, symptoms=["none", "palpitations"]))
    assert errors["symptoms"] == [str(ERROR_MESSAGES["symptoms_none_and_some"])]


@pytest.mark.parametrize(
    ("field", "value", "low", "high"),
    [
        ("age", 111, 0, 110), ("age", -1, 0, 110), ("phq9_total", 28, 0, 27),
        ("phq9_item9", 4, 0, 3), ("gad7_total", 22, 0, 21), ("available_days", 0, 1, 7),
        ("available_days", 8, 1, 7), ("base_total_min", 1501, 0, 1500),
        ("base_strength_days", 8, 0, 7), ("falls_12m", 100, 0, 99),
        ("clearance_max_minutes", 5, 10, 300), ("stroke_months_since", 601, 0, 600),
    ],
)
def test_numbers_outside_their_range_are_refused(client_record, field, value, low, high):
    post = {"clearance_status": "obtained"} if field == "clearance_max_minutes" else {}
    errors = errors_of(form_for(client_record, **post, **{field: value}))
    assert errors[field] == [f"Enter a whole number from {low} to {high}."]


def test_a_number_that_is_not_a_whole_number_is_refused_naming_the_range(client_record):
    errors = errors_of(form_for(client_record, age="forty", available_days="2.5"))
    assert errors["age"] == ["Enter a whole number from 0 to 110."]
    assert errors["available_days"] == ["Enter a whole number from 1 to 7."]


def test_unknown_choices_are_refused(client_record):
    errors = errors_of(form_for(client_record, barriers=["weather"], suicide_risk="maybe"))
    assert {"barriers", "suicide_risk"} <= set(errors)


def test_the_error_summary_links_each_error_to_its_field(client_record):
    form = form_for(client_record, q2_chest_pain="", age="")
    assert not form.is_valid()
    anchors = {item["anchor"] for item in form.error_summary()}
    assert {"id_q2_chest_pain_0", "id_age"} <= anchors


# --- pre-fill from the last assessment -------------------------------------------------------


def test_a_new_assessment_carries_over_all_but_risk_scores_and_screening(clinician):
    previous = IntakeFactory(
        client__owner=clinician, suicide_risk="passive_ideation", q2_chest_pain=True,
        symptoms=["palpitations"], barriers=["time"], available_days=4,
    )
    initial = intake_to_form_initial(previous, AssessmentForm.base_fields)
    assert initial["primary_condition"] == "depression"
    assert initial["barriers"] == ["time"] and initial["available_days"] == 4
    assert initial["regular_exerciser"] == "no"
    for asked_again in ("suicide_risk", "phq9_total", "phq9_item9", "q2_chest_pain", "symptoms",
                        "q1a_heart_condition", "known_cvd", "bp_uncontrolled", "assessed_date"):
        assert asked_again not in initial


# --- help text: it explains each clinical question -------------------------------------------


def test_every_field_of_the_assessment_form_has_help_text():
    missing = [
        name
        for name, field in AssessmentForm.base_fields.items()
        if not str(field.help_text).strip()
    ]
    assert missing == []
