"""
AssessmentForm: the questions of the section modules, laid out and checked together.

The fields, their order and their fieldsets come from planner/intake_fields.py; each section
module (condition, risk, screening, activity) words its questions. Input rules only: the
clinical rules between answers (severity required for a condition, PHQ-9 item 9 with a total,
restrictions only with clearance obtained, vigorous within the total, ...) are the engine's.
clean() builds the canonical intake through planner.adapters, calls planner.engine.parse_intake
and puts each of its errors next to the field it names. This form adds only what the web form
needs beyond the engine (rules.md 7.26): an explicit answer to every ✱ question, follow-up
questions answered when they apply (followups.py), and the date and volume checks of 2A and 2G.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout, Submit
from django import forms
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from planner import adapters, engine, intake_fields
from planner.engine.enums import CurrentTreatment, CvRiskFactor
from planner.engine.screening import ACSM_RISK_AGE, age_risk_factor_suggested
from planner.forms.assessment import activity, condition, risk, screening
from planner.forms.assessment.age import age_on_record
from planner.forms.assessment.fields import ERROR_MESSAGES, NONE_OF_THESE
from planner.forms.assessment.followups import (
    CLEARED_WHEN_NOT_ASKED,
    CONDITIONS,
    HIGH_VOLUME_MINUTES,
    REFUSED_WHEN_NOT_ASKED,
    REQUIRED_WHEN_ASKED,
)
from planner.forms.summary import ErrorSummaryMixin
from planner.models import Intake
from planner.models.clients import screening_date_errors


def _fields_in_form_order() -> dict[str, forms.Field]:
    """Return the section modules' fields in the order of planner/intake_fields.py."""
    worded = {**condition.FIELDS, **risk.FIELDS, **screening.FIELDS, **activity.FIELDS}
    mismatched = set(worded).symmetric_difference(intake_fields.FORM_FIELDS)
    if mismatched:
        raise ImproperlyConfigured(
            "The assessment's section modules and planner/intake_fields.py must name the same "
            f"questions; they differ on: {', '.join(sorted(mismatched))}"
        )
    return {name: worded[name] for name in intake_fields.FORM_FIELDS}


class AssessmentForm(ErrorSummaryMixin, forms.Form):
    """One assessment of one client. cleaned_data holds Intake field values (see intake_data)."""

    error_messages = ERROR_MESSAGES
    FIELDSETS = intake_fields.FORM_FIELDSETS

    def __init__(self, *args, client, submit_label=None, **kwargs):
        self.client = client
        super().__init__(*args, **kwargs)
        self._use_age_on_record()
        self.helper = FormHelper()
        self.helper.form_tag = True
        self.helper.attrs = {
            "novalidate": "",
            "data-conditions": json.dumps(
                {name: {k: v for k, v in rule.items() if k != "when"}
                 for name, rule in CONDITIONS.items()}
            ),
        }
        self.helper.form_id = "assessment-form"
        fieldsets = []
        for legend, names in self.FIELDSETS:
            items = [
                InlineRadios(name)
                if isinstance(self.fields[name].widget, forms.RadioSelect)
                and getattr(self.fields[name], "choices", None)
                and len(self.fields[name].choices) <= 3
                else name
                for name in names
            ]
            if "cv_risk_factors" in names:
                at = items.index("cv_risk_factors")
                items.insert(at, HTML(render_to_string(
                    "planner/includes/age_risk_suggestion.html",
                    {"suggestions": self.age_risk_suggestions()},
                )))
            fieldsets.append(Fieldset(legend, *items, css_class="assessment-fieldset"))
        self.helper.layout = Layout(*fieldsets)
        self.helper.add_input(Submit("submit", submit_label or _("Save assessment and preview")))

    # --- the age on record and the age risk factor ------------------------------------------

    def _assessment_date(self):
        """The assessment date as submitted (or pre-filled), else today."""
        field = self.fields["assessed_date"]
        if self.is_bound:
            try:
                return field.clean(self._raw_value("assessed_date")) or timezone.localdate()
            except ValidationError:
                return timezone.localdate()
        initial = self.get_initial_for_field(field, "assessed_date")
        return initial if isinstance(initial, dt.date) else timezone.localdate()

    def _raw_value(self, name: str):
        widget = self.fields[name].widget
        return widget.value_from_datadict(self.data, self.files, self.add_prefix(name))

    def _use_age_on_record(self) -> None:
        """Ask the age only when the client record cannot give it (age.py says how it does)."""
        self.age_on_record = age_on_record(self.client, self._assessment_date())
        if self.age_on_record is None or self.age_on_record.error:
            return
        field = self.fields["age"]
        if self.age_on_record.age is None:
            field.help_text = f"{self.age_on_record.note} {field.help_text}"
            return
        # Shown, not asked: a disabled field takes its value from `initial`, never from the
        # submitted data, so what the clinician sees is what is saved.
        field.disabled, field.required = True, False
        field.help_text = self.age_on_record.note
        self.initial["age"] = self.age_on_record.age

    def age_risk_suggestions(self) -> list[dict[str, Any]]:
        """The ACSM age risk factor suggestion, one sentence per sex at birth and answer; the
        one that applies to the answers as they stand is shown (the page's script switches it
        when the answers change)."""
        if self.is_bound:
            sex, age = self._raw_value("sex_at_birth"), self._raw_value("age")
        else:
            sex = self.get_initial_for_field(self.fields["sex_at_birth"], "sex_at_birth")
            age = self.get_initial_for_field(self.fields["age"], "age")
        if self.fields["age"].disabled:
            age = self.initial["age"]
        try:
            age = int(age)
        except (TypeError, ValueError):
            age = None
        shown = age_risk_factor_suggested(sex, age)
        return [
            {"sex": each, "from_age": from_age, "suggested": suggested,
             "shown": each == sex and shown is suggested}
            for each, from_age in ACSM_RISK_AGE.items()
            for suggested in (True, False)
        ]

    # --- follow-up questions -------------------------------------------------------------

    def _raw(self, name: str) -> list[str]:
        value = self._raw_value(name)
        if value is None:
            return []
        return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]

    def is_asked(self, name: str) -> bool:
        """Return whether a follow-up question applies, from the answers as submitted."""
        rule = CONDITIONS.get(name)
        if rule is None:
            return True
        values = [v.strip() for field in rule["fields"] for v in self._raw(field)]
        if "in" in rule:
            return any(v in rule["in"] for v in values)
        if rule.get("filled"):
            return any(values)
        if "gt" in rule:
            return any(v.lstrip("-").isdigit() and int(v) > rule["gt"] for v in values)
        raise AssertionError(rule)  # pragma: no cover

    # --- cleaning --------------------------------------------------------------------------

    def _error(self, code: str, **params) -> ValidationError:
        return ValidationError(self.error_messages[code], code=code, params=params or None)

    def clean_symptoms(self):
        symptoms = self.cleaned_data["symptoms"]
        if NONE_OF_THESE in symptoms:
            if len(symptoms) > 1:
                raise self._error("symptoms_none_and_some")
            return []
        return symptoms

    def clean_current_treatments(self):
        treatments = self.cleaned_data["current_treatments"]
        if CurrentTreatment.NONE.value in treatments and len(treatments) > 1:
            raise self._error("treatments_none_and_some")
        return treatments

    def clean_screening_date(self):
        screened = self.cleaned_data["screening_date"]
        errors = screening_date_errors(screened, client=self.client, today=timezone.localdate())
        if errors:
            raise ValidationError(errors)
        return screened

    def clean_assessed_date(self):
        assessed = self.cleaned_data["assessed_date"]
        if assessed > timezone.localdate():
            raise self._error("assessed_in_future")
        return assessed

    def clean(self):
        cleaned = super().clean()
        self._clean_age(cleaned)
        self._merge_answers(cleaned)
        self._clean_follow_ups(cleaned)
        self._clean_dates_and_volume(cleaned)
        if not self.has_error("preferred_activities") and not self.has_error("current_activities"):
            cleaned["preferred_activities"] = preferences_with_defaults(
                cleaned.get("preferred_activities"), cleaned.get("current_activities")
            )
        self._clean_with_engine(cleaned)
        return cleaned

    def _clean_age(self, cleaned):
        """The age on the assessment date as saved, from the record when it gives one."""
        assessed = cleaned.get("assessed_date")
        if assessed is None:
            return
        record = age_on_record(self.client, assessed)
        if record is not None and record.error:
            self.add_error("assessed_date", ValidationError(record.note, code="before_birth"))
        elif record is not None and record.age is not None:
            cleaned["age"] = record.age

    def _merge_answers(self, cleaned):
        """Store each fact asked once where the engine reads it (intake_fields.ANSWERED_BY;
        high blood pressure among the risk factors only from question 1b)."""
        for stored, asked in intake_fields.ANSWERED_BY.items():
            if cleaned.get(asked) is not None:
                cleaned[stored] = cleaned[asked]
        high_bp = CvRiskFactor.HIGH_BLOOD_PRESSURE.value
        factors = cleaned.get("cv_risk_factors")
        if factors is None or cleaned.get("q1b_high_blood_pressure") is None:
            return
        ticked = set(factors) - {high_bp}
        if cleaned["q1b_high_blood_pressure"]:
            ticked.add(high_bp)
        cleaned["cv_risk_factors"] = [each.value for each in CvRiskFactor if each.value in ticked]

    def _clean_follow_ups(self, cleaned):
        for name in CONDITIONS:
            if name not in self.fields or self.has_error(name):
                continue
            value = cleaned.get(name)
            empty = value is None or value == "" or value == []
            if self.is_asked(name):
                if name in REQUIRED_WHEN_ASKED and empty:
                    self.add_error(name, self._error("answer_required"))
            elif name in CLEARED_WHEN_NOT_ASKED:
                cleaned[name] = False if name == "base_total_confirmed" else ""
            elif name in REFUSED_WHEN_NOT_ASKED and not empty:
                self.add_error(name, self._error("not_asked", when=CONDITIONS[name]["when"]))

    def _clean_dates_and_volume(self, cleaned):
        assessed, start = cleaned.get("assessed_date"), cleaned.get("plan_start_date")
        if assessed and start and start < assessed:
            self.add_error("plan_start_date", self._error("start_before_assessment"))
        total = cleaned.get("base_total_min")
        if (
            total is not None
            and total > HIGH_VOLUME_MINUTES
            and not cleaned.get("base_total_confirmed")
            and not self.has_error("base_total_confirmed")
        ):
            self.add_error("base_total_confirmed", self._error("high_volume_unconfirmed"))

    def _clean_with_engine(self, cleaned):
        """Let the engine validate the intake; show each of its errors next to its field."""
        valid = {name: value for name, value in cleaned.items() if not self.has_error(name)}
        data = adapters.form_to_engine_dict(valid, client=self.client)
        try:
            adapters.parse_intake(data)
        except engine.IntakeError as error:
            mapped = adapters.engine_errors_to_form(error.errors, self.fields)
            for name, messages in mapped.items():
                if name != adapters.NON_FIELD and self.has_error(name):
                    continue  # the form already explains this field; one message is enough
                for message in messages:
                    self.add_error(
                        None if name == adapters.NON_FIELD else name,
                        ValidationError(message, code="engine"),
                    )

    # --- output ----------------------------------------------------------------------------

    def intake_data(self) -> dict[str, Any]:
        """Return the cleaned answers as Intake field values (for services.intake_create)."""
        data = {}
        for name in (*self.fields, *intake_fields.ANSWERED_BY):
            value = self.cleaned_data.get(name)
            model_field = Intake._meta.get_field(name)
            if value is None and not model_field.null:
                value = [] if isinstance(model_field.default, type) else ""
            data[name] = value
        return data


# The fields come from data, not class attributes, so the form metaclass found none to collect:
# set what it sets from declared fields.
AssessmentForm.base_fields = AssessmentForm.declared_fields = _fields_in_form_order()


def preferences_with_defaults(preferred, current) -> list[str]:
    """
    rules.md 2G/2I: the client's current activities are the preference defaults.

    When the clinician ticks no preferred activity, the activities the client does now become
    the preferences, and are stored as such, so the saved assessment says exactly what the engine
    read; with neither, the list stays empty and the engine applies its own default (walking).
    A form concern: the engine never sees current_activities.
    """
    return list(preferred or ()) or list(current or ())

