"""
How the assessment form asks a question: one builder per kind of answer.

A builder (yes_no, one_of, many_of, number, date, text, question) takes the wording of a
question and returns a function of the Intake field name, so each section module lists its
questions once, by name: build(age=number(...), ...). The name supplies the rest: the range of
a number (from the Intake model's validators) and, for a follow-up question
(followups.CONDITIONS), the "(only if ...)" hint and an answer that may stay empty.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from planner.choices import choices
from planner.forms.assessment.followups import CONDITIONS, NO, YES, only_if
from planner.models import Intake

YES_NO = [(YES, _("Yes")), (NO, _("No"))]
NONE_OF_THESE = "none"
NOT_ANSWERED = ("", _("— not answered —"))

ERROR_MESSAGES = {
    "answer_required": _("Answer this question."),
    "yes_no_required": _("Answer yes or no."),
    "not_asked": _(
        "This question applies only %(when)s. Change the answer above, or set this one to "
        "“not answered”."
    ),
    "symptoms_required": _("Tick each symptom the client has had, or “None of these”."),
    "symptoms_none_and_some": _("“None of these” cannot be ticked together with a symptom."),
    "treatments_none_and_some": _("“None” cannot be ticked together with a treatment."),
    "assessed_in_future": _("The assessment date cannot be in the future."),
    "start_before_assessment": _("The plan cannot start before the assessment date."),
    "high_volume_unconfirmed": _(
        "More than 700 minutes a week is unusual (often a typing error). Check the number, then "
        "tick the box to confirm it."
    ),
}

# Help texts several questions share, worded once.
NEEDS_CLEARANCE = _("Yes needs medical clearance first.")
KNOWN_DISEASE = _("Known cardiovascular, metabolic or renal disease needs medical clearance "
                  "unless the client already exercises regularly, and always rules out vigorous "
                  "work.")

# Builds the form field of a question from the name of its Intake field.
FieldBuilder = Callable[[str], forms.Field]


def build(**questions: FieldBuilder) -> dict[str, forms.Field]:
    """Return each question's form field, built for the Intake field it is named after."""
    return {name: builder(name) for name, builder in questions.items()}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


def _model_range(name: str) -> dict[str, int]:
    """Return min_value/max_value of an Intake integer field, from its model validators."""
    limits = {}
    for validator in Intake._meta.get_field(name).validators:
        if isinstance(validator, MinValueValidator):
            limits["min_value"] = validator.limit_value
        elif isinstance(validator, MaxValueValidator):
            limits["max_value"] = validator.limit_value
    return limits


def _coerce_yes(value: str) -> bool:
    return value == YES


def question(field_class: type[forms.Field], label, help_text="", **options) -> FieldBuilder:
    """Ask with any form field; a follow-up question's label gets its hint."""

    def field(name: str) -> forms.Field:
        return field_class(label=only_if(name, label), help_text=help_text, **options)

    return field


def yes_no(label, help_text="") -> FieldBuilder:
    """A yes/no question with no default. Follow-up questions use a select that can be set back
    to "not answered", which radio buttons cannot without JavaScript."""

    def field(name: str) -> forms.Field:
        if name in CONDITIONS:
            return forms.TypedChoiceField(
                label=only_if(name, label),
                help_text=help_text,
                choices=[NOT_ANSWERED, *YES_NO],
                coerce=_coerce_yes,
                empty_value=None,
                required=False,
            )
        return forms.TypedChoiceField(
            label=label,
            help_text=help_text,
            choices=YES_NO,
            coerce=_coerce_yes,
            empty_value=None,
            widget=forms.RadioSelect,
            error_messages={"required": ERROR_MESSAGES["yes_no_required"]},
        )

    return field


def one_of(enum, label, help_text="", *, required=True, radio=True) -> FieldBuilder:
    """One value of an engine enum: radio buttons (or a select), or, when the question is
    optional or a follow-up, a select that can stay "not answered"."""

    def field(name: str) -> forms.Field:
        if name in CONDITIONS or not required:
            return forms.ChoiceField(
                label=only_if(name, label),
                help_text=help_text,
                choices=[NOT_ANSWERED, *choices(enum)],
                required=False,
            )
        return forms.ChoiceField(
            label=label,
            help_text=help_text,
            choices=choices(enum) if radio else [("", _("Choose…")), *choices(enum)],
            widget=forms.RadioSelect if radio else forms.Select,
            error_messages={"required": ERROR_MESSAGES["answer_required"]},
        )

    return field


def many_of(enum, label, help_text="", *, asked_elsewhere=()) -> FieldBuilder:
    """Any values of an engine enum, as checkboxes; none ticked is an answer. Values in
    `asked_elsewhere` are not offered: another question of the form answers them."""
    return question(
        forms.MultipleChoiceField,
        label,
        help_text,
        choices=[(value, name) for value, name in choices(enum) if value not in asked_elsewhere],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


def number(label, help_text="", *, required=True) -> FieldBuilder:
    """A whole number in the Intake field's range; a follow-up question may stay empty."""

    def field(name: str) -> forms.Field:
        limits = _model_range(name)
        messages = {"required": ERROR_MESSAGES["answer_required"]}
        if {"min_value", "max_value"} <= limits.keys():
            # Name the whole range, not just the bound that was crossed.
            in_range = _("Enter a whole number from %(low)s to %(high)s.") % {
                "low": limits["min_value"], "high": limits["max_value"]}
            messages.update(invalid=in_range, min_value=in_range, max_value=in_range)
        return forms.IntegerField(
            label=only_if(name, label),
            help_text=help_text,
            required=required and name not in CONDITIONS,
            error_messages=messages,
            **limits,
        )

    return field


def date(label, help_text="", *, required=True) -> FieldBuilder:
    return question(forms.DateField, label, help_text, widget=DateInput, required=required)


def text(label, help_text="", *, max_length: int, **options) -> FieldBuilder:
    """Free text, never required: for the clinician's record, never read by the engine."""
    return question(
        forms.CharField, label, help_text, max_length=max_length, required=False, **options
    )
