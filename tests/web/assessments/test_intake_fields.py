"""planner/intake_fields.py is the one list of the assessment's questions: the form follows it
and a system check (planner.E002) keeps it and the Intake model in step."""

from planner import checks, intake_fields
from planner.forms.assessment import AssessmentForm


def test_the_form_asks_the_listed_questions_in_order():
    assert tuple(AssessmentForm.base_fields) == intake_fields.FORM_FIELDS
    assert AssessmentForm.FIELDSETS == intake_fields.FORM_FIELDSETS


def test_the_list_and_the_intake_model_agree():
    assert checks.intake_fields_match_the_model() == []


def test_the_check_names_a_field_missing_from_the_list(monkeypatch):
    listed = tuple(name for name in intake_fields.INTAKE_FIELDS if name != "notes")
    monkeypatch.setattr(intake_fields, "INTAKE_FIELDS", (*listed, "shoe_size", "age"))
    errors = checks.intake_fields_match_the_model()
    assert {error.id for error in errors} == {checks.INTAKE_FIELDS_MISMATCH}
    assert [error.msg for error in errors] == [
        "Intake fields listed twice: age",
        "Intake fields not listed: notes",
        "Intake fields not a field of the Intake model: shoe_size",
    ]
