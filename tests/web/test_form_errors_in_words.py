"""
Every form error in the clinician's words: no internal field name, no Python-ish token.

The test walks every form class defined in planner/forms (found by walking the package, so a new
form fails here until it is given a way to be built below) with invalid input of every kind (all
empty; words where numbers, dates and choices belong; out-of-range numbers; over-long text;
impossible dates), plus the assessment's answers that only the engine refuses, and reads every
message the form would show. A message fails when it holds

- the name of a field: the names come from the forms themselves and from the engine's intake
  keys; those with "_" or a digit (base_vig_min, q1a_heart_condition) are never English, while
  one-word names ("age", "notes", "reason") are ordinary words a sentence may use;
- any snake_case or UPPER_CASE identifier (light_to_moderate, MAINTAIN_AT_ED_CAP);
- "None" or "dict" (a value printed by Python, not a sentence).

The override refusals the engine answers an adjustment with reach the page through
views/common.attempt; they are walked through the adjust page with values the engine refuses.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable, Iterable

import pytest
from django import forms
from django.urls import reverse

import planner.forms
from planner import adapters
from planner.engine.enums import Gate
from planner.forms.assessment import AssessmentForm
from planner.forms.clientlog import ClientLogForm
from planner.services.accounts import clinician_profile_get_or_create
from tests.support.assessment_data import C01_ANSWERS, post_data
from tests.support.factories import ClientFactory
from tests.support.revisions import make_revision

pytestmark = pytest.mark.django_db

# "None of these" is an answer the form offers; "None" alone is a value Python printed.
PYTHON_WORDS = re.compile(r"\b(?:None(?! of)|dict|True|False)\b")
IDENTIFIER = re.compile(r"\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b")

C01 = C01_ANSWERS


def form_classes() -> list[type[forms.BaseForm]]:
    found = []
    for module_info in pkgutil.walk_packages(planner.forms.__path__, "planner.forms."):
        module = importlib.import_module(module_info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                found.append(cls)
    return sorted(set(found), key=lambda cls: cls.__qualname__)


def builders(user, client) -> dict[str, Callable[[dict], forms.BaseForm]]:
    """How to build each form of planner/forms bound to `data`, as its view does."""
    today = dt.date.today()
    weeks = [(today - dt.timedelta(days=today.weekday()), 1)]
    days = [(today, "Today")]
    colleagues = [(str(user.pk), "A colleague")]
    return {
        "AssessmentForm": lambda data: AssessmentForm(data, client=client),
        "AdjustmentForm": lambda data: _form("adjustments", "AdjustmentForm")(data),
        "BaseRevisionMixin": lambda data: _form("adjustments", "BaseRevisionMixin")(data),
        "ClearanceForm": lambda data: _form("adjustments", "ClearanceForm")(
            data, screened_on=today),
        "RestoreForm": lambda data: _form("adjustments", "RestoreForm")(data),
        "AttestationForm": lambda data: _form("adjustments", "AttestationForm")(
            data, gate=Gate.ED_TEAM_CONFIRM.value),
        "ReleaseForm": lambda data: _form("adjustments", "ReleaseForm")(data),
        "CheckInForm": lambda data: _form("checkins", "CheckInForm")(data, weeks=weeks),
        "ReviewForm": lambda data: _form("checkins", "ReviewForm")(data),
        "ReviewDecisionForm": lambda data: _form("checkins", "ReviewDecisionForm")(data),
        "ClientLogForm": lambda data: ClientLogForm(
            data, days=days, efforts=[("easy", "Easy")], ed=False),
        "AmendForm": lambda data: _form("clientlog", "AmendForm")(data),
        "ClientForm": lambda data: _form("clients", "ClientForm")(data),
        "RevisionSaveForm": lambda data: _form("clients", "RevisionSaveForm")(data),
        "MeasuresForm": lambda data: _form("measures", "MeasuresForm")(data),
        "ClientEraseForm": lambda data: _form("records", "ClientEraseForm")(data),
        "ClinicianProfileForm": lambda data: _form("accounts", "ClinicianProfileForm")(
            data, instance=clinician_profile_get_or_create(user=user)),
        "OTPTokenForm": lambda data: _form("twofactor", "OTPTokenForm")(data),
        "TwoFactorDisableForm": lambda data: _form("twofactor", "TwoFactorDisableForm")(
            user, data),
        "CareTeamAddForm": lambda data: _form("teams", "CareTeamAddForm")(
            data, colleagues=colleagues),
        "HandoverForm": lambda data: _form("teams", "HandoverForm")(data, colleagues=colleagues),
        "ClinicSettingsForm": lambda data: _form("teams", "ClinicSettingsForm")(data),
        "InvitationForm": lambda data: _form("teams", "InvitationForm")(
            data, supervisors=colleagues),
        "DeactivateForm": lambda data: _form("teams", "DeactivateForm")(data),
        "InvitationAcceptForm": lambda data: _form("teams", "InvitationAcceptForm")(data),
    }


def _form(module: str, name: str):
    return getattr(importlib.import_module(f"planner.forms.{module}"), name)


def field_names() -> set[str]:
    """Every field name of every form, and every key of the engine's intake, that is not an
    English word (it holds "_" or a digit)."""
    names = set(adapters.ENGINE_INTAKE_KEYS)
    for cls in form_classes():
        names |= set(getattr(cls, "base_fields", {}))
    names |= set(AssessmentForm.base_fields)
    return {name for name in names if "_" in name or re.search(r"\d", name)}


def invalid_inputs(form: forms.BaseForm) -> Iterable[dict]:
    """Invalid data of every kind for one form's fields."""
    def each(value):
        data = {}
        for name, field in form.fields.items():
            many = isinstance(field, forms.MultipleChoiceField)
            data[name] = [value] if many else value
        return data

    yield {}
    for value in ("not_a_value", "NOT_A_VALUE", "-1", "99999999", "1.5", "2026-13-45",
                  "x" * 5000, "None", "{}"):
        yield each(value)


def engine_refused_assessments() -> Iterable[dict]:
    """Assessment answers the form's own checks let through and the engine refuses."""
    for change in (
        {"depression_severity": None},
        {"primary_condition": "psychotic_disorder", "depression_severity": None},
        {"bipolar_state": "euthymic"},
        {"psychosis_state": "stable_community"},
        {"phq9_item9": None},
        {"secondary_conditions": ["depression"]},
        {"secondary_conditions": ["anxiety", "ptsd", "adhd", "bipolar"],
         "anxiety_severity": "mild", "bipolar_state": "euthymic"},
        {"base_total_min": 60, "base_vig_min": 90},
        {"clearance_max_minutes": 100, "clearance_max_intensity": "light"},
        {"clearance_status": "obtained", "clearance_max_minutes": 102},
        {"plan_start_date": "9999-12-30"},
    ):
        yield post_data({k: v for k, v in {**C01, **change}.items() if v is not None})


def messages_of(form: forms.BaseForm) -> list[str]:
    form.is_valid()
    return [str(message) for messages in form.errors.values() for message in messages]


def problems(messages: Iterable[str], names: set[str]) -> list[tuple[str, str]]:
    found = []
    for message in messages:
        for name in names:
            if re.search(rf"\b{re.escape(name)}\b", message):
                found.append((name, message))
        for token in IDENTIFIER.findall(message) + PYTHON_WORDS.findall(message):
            found.append((token, message))
    return found


def test_the_check_finds_field_names_and_python_tokens():
    names = field_names()
    assert "base_total_min" in names and "q1a_heart_condition" in names and "age" not in names
    assert problems(["must not exceed base_total_min (60 > 30)"], names)
    assert problems(["Limit the intensity to light_to_moderate."], names)
    assert problems(["A MAINTAIN_AT_ED_CAP plan has no start."], names)
    assert problems(["Got None."], names) and problems(["Expected a dict."], names)
    assert not problems(["Enter the client's age.", "Vigorous minutes (90) cannot be more than "
                         "the activity minutes of the whole week (60)."], names)


def test_every_form_in_planner_forms_can_be_walked(clinician):
    client = ClientFactory(owner=clinician)
    missing = {cls.__name__ for cls in form_classes()} - set(builders(clinician, client))
    assert not missing, f"give these forms a builder in this test: {sorted(missing)}"


def test_no_form_error_names_a_field_or_shows_a_python_token(clinician):
    client = ClientFactory(owner=clinician, date_of_birth=dt.date(1990, 5, 1), birth_year=1990)
    names = field_names()
    found, walked = [], 0
    for build in builders(clinician, client).values():
        for data in invalid_inputs(build({})):
            messages = messages_of(build(data))
            walked += len(messages)
            found += problems(messages, names)
    for data in engine_refused_assessments():
        for record in (client, ClientFactory(owner=clinician)):
            messages = messages_of(AssessmentForm(data, client=record))
            assert messages, data
            walked += len(messages)
            found += problems(messages, names)
    assert walked > 500  # the walk reached the forms' errors, not just their absence
    assert not found, sorted(set(found))


@pytest.mark.parametrize(
    "change",
    [
        {"lower_target_minutes": 500},  # above the computed target
        {"lower_start_minutes": 500},  # above the computed start
        {"lower_max_intensity": "moderate", "lower_target_minutes": 5},
        {"lower_strength_sessions": 7},
        {"delay_step": 200},
        {"sessions_per_week": 7},
        {"sessions_per_week": 1},
    ],
)
def test_override_refusals_reach_the_adjust_page_in_words(client_logged_in, clinician, change):
    revision = make_revision(clinician)
    url = reverse("planner:plan_adjust", args=[revision.plan.client_id])
    response = client_logged_in.post(
        url, {"base_revision": revision.number, "reason": "walk the refusals", **change})
    form = response.context["form"]
    messages = [str(m) for ms in form.errors.values() for m in ms]
    assert messages, change  # refused (by the form or the engine), nothing saved
    assert not problems(messages, field_names()), messages


def test_a_refusal_keeps_its_rule_code_but_reads_as_words():
    from planner.engine_messages import in_words

    said = in_words("the intensity limit must be light, light_to_moderate or moderate")
    assert said.startswith("The intensity limit must be light, light to moderate")
    assert in_words("more than 300 minutes a week breaks R-CAP-1") == (
        "More than 300 minutes a week breaks R-CAP-1.")
    assert "A “Maintain at the eating-disorder cap” plan" in in_words(
        "a MAINTAIN_AT_ED_CAP plan has no build-up start")

