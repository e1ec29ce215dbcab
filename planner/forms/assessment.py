"""
The assessment form: every question of rules.md section 2, in the fieldsets clinicians work
through (client, condition, risk, eating disorder, screening, baseline, barriers, preferences).

Input rules only. The clinical rules between answers (severity required for a condition, PHQ-9
item 9 with a total, restrictions only with clearance obtained, vigorous within the total, ...)
are the engine's: clean() builds the canonical intake through planner.adapters, calls
planner.engine.parse_intake and puts each of its errors next to the field it names. This form
adds only what the web form needs beyond the engine (rules.md 7.26): an explicit answer to every
✱ question, follow-up questions answered when they apply, and the date and volume checks of 2A
and 2G.
"""

from __future__ import annotations

import json
from typing import Any

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from planner import adapters, engine
from planner.choices import choices
from planner.engine.enums import (
    Activity,
    Barrier,
    BipolarState,
    ClearanceIntensity,
    ClearanceStatus,
    Condition,
    CurrentTreatment,
    CvRiskFactor,
    EdHistory,
    MedicationFlag,
    PsychosisState,
    SettingPreference,
    Severity,
    SocialPreference,
    SuicideRisk,
    Symptom,
    TimeOfDay,
    WalkingAbility,
)
from planner.forms.summary import ErrorSummaryMixin
from planner.models import Intake
from planner.models.clients import screening_date_errors

YES, NO = "yes", "no"
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

# When each follow-up question is asked: {field: (controlling fields, test, hint)}. The same
# table drives the server checks below and static/planner/js/assessment.js (data-conditions),
# which hides the question until it applies; without JavaScript every question shows with its
# "(only if ...)" hint.
CONDITIONS: dict[str, dict[str, Any]] = {
    "depression_severity": {
        "fields": ["primary_condition", "secondary_conditions"],
        "in": [Condition.DEPRESSION.value],
        "when": _("if depression is one of the conditions"),
    },
    "phq9_item9": {
        "fields": ["phq9_total"],
        "filled": True,
        "when": _("if a PHQ-9 total is entered"),
    },
    "anxiety_severity": {
        "fields": ["primary_condition", "secondary_conditions"],
        "in": [Condition.ANXIETY.value],
        "when": _("if anxiety is one of the conditions"),
    },
    "bipolar_state": {
        "fields": ["primary_condition", "secondary_conditions"],
        "in": [Condition.BIPOLAR.value],
        "when": _("if bipolar disorder is one of the conditions"),
    },
    "psychosis_state": {
        "fields": ["primary_condition", "secondary_conditions"],
        "in": [Condition.PSYCHOTIC_DISORDER.value],
        "when": _("if a psychotic disorder is one of the conditions"),
    },
    "ptsd_in_trauma_focused_therapy": {
        "fields": ["primary_condition", "secondary_conditions"],
        "in": [Condition.PTSD.value],
        "when": _("if PTSD is one of the conditions"),
    },
    "stroke_months_since": {
        "fields": ["primary_condition", "secondary_conditions"],
        "in": [Condition.STROKE_REHAB.value],
        "when": _("if stroke rehabilitation is one of the conditions"),
    },
    "stroke_rehab_team_involved": {
        "fields": ["primary_condition", "secondary_conditions"],
        "in": [Condition.STROKE_REHAB.value],
        "when": _("if stroke rehabilitation is one of the conditions"),
    },
    "ed_medical_restriction": {
        "fields": ["ed_history"],
        "in": [EdHistory.CURRENT.value],
        "when": _("if the eating disorder is current"),
    },
    "bp_uncontrolled": {
        "fields": ["q1b_high_blood_pressure"],
        "in": [YES],
        "when": _("if a doctor has said the client has high blood pressure"),
    },
    "q4_other_chronic_list": {
        "fields": ["q4_other_chronic"],
        "in": [YES],
        "when": _("if yes"),
    },
    "q5_chronic_meds_list": {
        "fields": ["q5_chronic_meds"],
        "in": [YES],
        "when": _("if yes"),
    },
    "clearance_date": {
        "fields": ["clearance_status"],
        "in": [ClearanceStatus.OBTAINED.value],
        "when": _("if clearance was obtained"),
    },
    "clearance_by": {
        "fields": ["clearance_status"],
        "in": [ClearanceStatus.OBTAINED.value],
        "when": _("if clearance was obtained"),
    },
    "clearance_max_minutes": {
        "fields": ["clearance_status"],
        "in": [ClearanceStatus.OBTAINED.value],
        "when": _("if clearance was obtained"),
    },
    "clearance_max_intensity": {
        "fields": ["clearance_status"],
        "in": [ClearanceStatus.OBTAINED.value],
        "when": _("if clearance was obtained"),
    },
    "base_total_confirmed": {
        "fields": ["base_total_min"],
        "gt": 700,
        "when": _("if more than 700 minutes a week"),
    },
    "wants_to_keep_vigorous": {
        "fields": ["base_vig_min"],
        "gt": 0,
        "when": _("if the client does any vigorous activity"),
    },
    "barriers_other": {
        "fields": ["barriers"],
        "in": [Barrier.OTHER.value],
        "when": _("if “Other” is ticked"),
    },
}

# Follow-up questions the engine defaults when absent (plan-json.md), so the web form itself
# must insist on an answer when they apply (rules.md 7.26). The engine checks the others
# (severities, states, PHQ-9 item 9, clearance restrictions).
REQUIRED_WHEN_ASKED = frozenset(
    {
        "ed_medical_restriction",
        "bp_uncontrolled",
        "stroke_months_since",
        "stroke_rehab_team_involved",
        "clearance_date",
        "clearance_by",
        "wants_to_keep_vigorous",
    }
)
# Answers that would reach the engine although their question does not apply: refused, so a
# stale hidden answer can never set a clearance reason or a flag the clinician did not see.
REFUSED_WHEN_NOT_ASKED = REQUIRED_WHEN_ASKED | {"ptsd_in_trauma_focused_therapy"}
# Free text and confirmations that simply do not apply are dropped.
CLEARED_WHEN_NOT_ASKED = frozenset(
    {"q4_other_chronic_list", "q5_chronic_meds_list", "barriers_other", "base_total_confirmed"}
)
HIGH_VOLUME_MINUTES = 700  # rules.md 2G: "> 700 needs a confirm click"


def _only_if(name: str, text) -> str:
    condition = CONDITIONS.get(name)
    if condition is None:
        return text
    return _("%(label)s (only %(when)s)") % {"label": text, "when": condition["when"]}


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


def yes_no(label, help_text="", *, name: str = "") -> forms.TypedChoiceField:
    """A yes/no question with no default. Follow-up questions (in CONDITIONS) use a select that
    can be set back to "not answered", which radio buttons cannot without JavaScript."""
    if name in CONDITIONS:
        return forms.TypedChoiceField(
            label=_only_if(name, label),
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


def one_of(enum, label, help_text="", *, name: str = "", required=True, radio=True):
    if name in CONDITIONS or not required:
        return forms.ChoiceField(
            label=_only_if(name, label),
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


def many_of(enum, label, help_text="", *, extra=()):
    return forms.MultipleChoiceField(
        label=label,
        help_text=help_text,
        choices=[*choices(enum), *extra],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


def number(name: str, label, help_text="", *, required=True):
    limits = _model_range(name)
    messages = {"required": ERROR_MESSAGES["answer_required"]}
    if {"min_value", "max_value"} <= limits.keys():
        # Name the whole range, not just the bound that was crossed.
        in_range = _("Enter a whole number from %(low)s to %(high)s.") % {
            "low": limits["min_value"], "high": limits["max_value"]}
        messages.update(invalid=in_range, min_value=in_range, max_value=in_range)
    return forms.IntegerField(
        label=_only_if(name, label),
        help_text=help_text,
        required=required and name not in CONDITIONS,
        error_messages=messages,
        **limits,
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class AssessmentForm(ErrorSummaryMixin, forms.Form):
    """One assessment of one client. cleaned_data holds Intake field values (see intake_data)."""

    error_messages = ERROR_MESSAGES

    # --- client (2A, 2B)
    assessed_date = forms.DateField(
        label=_("Assessment date"),
        widget=DateInput,
        help_text=_("The day you assessed the client. Review weeks count from the start date."),
    )
    plan_start_date = forms.DateField(
        label=_("Plan start date"),
        widget=DateInput,
        required=False,
        help_text=_("Optional: the first day of week 1, printed on the handout. Leave empty to "
                    "start on the day the plan is saved."),
    )
    age = number(
        "age",
        _("Age in years"),
        _("Under 18 stops the planner: guidance for children and adolescents differs."),
    )
    pregnant_or_postpartum_6m = yes_no(
        _("Pregnant, or gave birth in the last 6 months?"),
        _("Answer “No” when not applicable. Yes needs medical clearance first: the guidance "
          "for pregnancy differs."),
    )

    # --- condition and severity (2C)
    primary_condition = one_of(
        Condition,
        _("Primary condition"),
        _("The main reason for this plan; it sets the target dose and the wording."),
        radio=False,
    )
    secondary_conditions = many_of(
        Condition,
        _("Other conditions"),
        _("Up to 3, not repeating the primary. The most cautious value of all conditions is "
          "used."),
    )
    depression_severity = one_of(
        Severity,
        _("Depression severity (your rating)"),
        _("If a PHQ-9 score gives a more severe band, the more severe is used."),
        name="depression_severity",
    )
    phq9_total = number(
        "phq9_total",
        _("PHQ-9 total (optional)"),
        _("0–27. Bands: 5–9 mild, 10–14 moderate, 15 or more severe."),
        required=False,
    )
    phq9_item9 = number(
        "phq9_item9",
        _("PHQ-9 item 9 (thoughts of self-harm)"),
        _("0–3. Any answer of 1 or more needs your risk attestation before release."),
        required=False,
    )
    anxiety_severity = one_of(
        Severity,
        _("Anxiety severity (your rating)"),
        _("If a GAD-7 score gives a more severe band, the more severe is used."),
        name="anxiety_severity",
    )
    gad7_total = number(
        "gad7_total",
        _("GAD-7 total (optional)"),
        _("0–21. Bands: 5–9 mild, 10–14 moderate, 15 or more severe."),
        required=False,
    )
    bipolar_state = one_of(
        BipolarState,
        _("Current bipolar mood state"),
        _("Hypomanic, manic or mixed stops the planner until the mood is stable."),
        name="bipolar_state",
    )
    psychosis_state = one_of(
        PsychosisState,
        _("Current state of the psychotic disorder"),
        _("An acute episode or inpatient stay stops the planner until stable in the community."),
        name="psychosis_state",
    )
    ptsd_in_trauma_focused_therapy = yes_no(
        _("In trauma-focused therapy now?"),
        _("Optional. Used only to name the therapy in the handout wording."),
        name="ptsd_in_trauma_focused_therapy",
    )
    stroke_months_since = number(
        "stroke_months_since",
        _("Months since the stroke"),
        _("Under 3 months: follow the rehabilitation team's plan."),
    )
    stroke_rehab_team_involved = yes_no(
        _("Is a stroke rehabilitation team involved?"),
        _("Decides who gives medical clearance."),
        name="stroke_rehab_team_involved",
    )
    walking_ability = one_of(
        WalkingAbility,
        _("Walking"),
        _("Walking with an aid means falls risk (gentle start). Unable to walk needs a seated "
          "programme designed by a physiotherapist or rehabilitation professional."),
    )
    current_treatments = many_of(
        CurrentTreatment,
        _("Current treatments (optional)"),
        _("For your record only: never printed and never used to build the plan, which always "
          "works alongside these and never suggests changing them. Tick “None” if the client "
          "has no current treatment; leave all unticked if not known."),
    )

    # --- risk (2D)
    suicide_risk = one_of(
        SuicideRisk,
        _("Suicide risk (your assessment)"),
        _("Passive or active ideation without a plan needs your risk attestation before release. "
          "A plan or intent, or an attempt or self-harm in the last 3 months, stops the planner "
          "and shows crisis resources instead of exercise."),
    )

    # --- eating disorder and compulsive exercise (2E)
    ed_history = one_of(
        EdHistory,
        _("Eating disorder"),
        _("Past or current caps the plan at 150 minutes a week with no vigorous work. Current "
          "needs the eating-disorder team's confirmation before release."),
    )
    ed_medical_restriction = yes_no(
        _("Has the ED team or a doctor restricted exercise, or is the client medically unstable "
          "(e.g. low weight, fainting, abnormal heart rhythm or electrolytes)?"),
        _("Yes needs medical clearance first."),
        name="ed_medical_restriction",
    )
    compulsive_exercise_history = yes_no(
        _("Has exercise ever felt compulsory, been used to compensate for eating, or continued "
          "despite illness or injury?"),
        _("Yes applies the same cap as an eating-disorder history."),
    )

    # --- screening (2F: PAR-Q+ 2023 and the ACSM algorithm)
    screening_date = forms.DateField(
        label=_("Date the screening answers below were given (optional)"),
        widget=DateInput,
        required=False,
        help_text=_("Leave empty if the client answered them at this assessment: the assessment "
                    "date is used. Screening is due again 12 months after this date, or sooner "
                    "if health changes."),
    )
    q1a_heart_condition = yes_no(
        _("1a. Has a doctor ever said the client has a heart condition (including heart attack, "
          "heart surgery, heart failure, stroke or TIA)?"),
        _("Yes counts as known cardiovascular disease."),
    )
    q1b_high_blood_pressure = yes_no(
        _("1b. Has a doctor ever said the client has high blood pressure?"),
        _("A risk factor (advice to see the GP), not a reason for clearance on its own."),
    )
    bp_uncontrolled = yes_no(
        _("Is the blood pressure uncontrolled now, or has a doctor said not to exercise until it "
          "is controlled?"),
        _("Yes needs medical clearance first."),
        name="bp_uncontrolled",
    )
    q2_chest_pain = yes_no(
        _("2. Pain in the chest at rest, during daily activities or during physical activity?"),
        _("Yes needs medical clearance first."),
    )
    q3_dizziness_loc = yes_no(
        _("3. Lost balance because of dizziness, or lost consciousness, in the last 12 months?"),
        _("Answer no if the dizziness came from over-breathing during vigorous exercise. Yes "
          "needs medical clearance first."),
    )
    q4_other_chronic = yes_no(
        _("4. Another chronic physical condition (other than heart disease or high blood "
          "pressure)?"),
        _("Psychiatric conditions do not count here. Record diabetes or kidney disease as known "
          "metabolic or renal disease below."),
    )
    q4_other_chronic_list = forms.CharField(
        label=_only_if("q4_other_chronic_list", _("Which conditions?")),
        max_length=300,
        required=False,
        help_text=_("For your record; never on the handout. Diabetes or kidney disease: also "
                    "answer yes to known metabolic or renal disease below."),
    )
    q5_chronic_meds = yes_no(
        _("5. Prescribed medication for a chronic condition?"),
        _("Information only; tick the medicines that change the advice below."),
    )
    q5_chronic_meds_list = forms.CharField(
        label=_only_if("q5_chronic_meds_list", _("Which medicines?")),
        max_length=300,
        required=False,
        help_text=_("For your record; never on the handout. The plan reads only the medicines "
                    "ticked under “Medicines that change the advice”."),
    )
    q6_msk_problem = yes_no(
        _("6. A bone, joint or soft-tissue problem now or in the last 12 months that more "
          "activity could make worse?"),
        _("Yes adds low-impact options, and advice to see the GP if not a regular exerciser."),
    )
    q7_supervised_only = yes_no(
        _("7. Has a doctor ever said the client should only do medically supervised activity?"),
        _("Yes needs medical clearance first."),
    )
    known_cvd = yes_no(
        _("Known cardiovascular disease (heart disease, stroke or TIA, peripheral artery "
          "disease)?"),
        _("Known cardiovascular, metabolic or renal disease needs clearance unless the client "
          "already exercises regularly, and always locks vigorous work."),
    )
    known_metabolic = yes_no(
        _("Known metabolic disease (type 1 or type 2 diabetes)?"),
        _("As for heart disease: needs clearance unless the client already exercises "
          "regularly, and always locks vigorous work."),
    )
    known_renal = yes_no(
        _("Known renal (kidney) disease?"),
        _("As for heart disease: needs clearance unless the client already exercises "
          "regularly, and always locks vigorous work."),
    )
    symptoms = forms.MultipleChoiceField(
        label=_("Symptoms in the last 3 months"),
        help_text=_("Any symptom needs medical clearance first, whether or not the client "
                    "exercises regularly."),
        choices=[*choices(Symptom), (NONE_OF_THESE, _("None of these"))],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": ERROR_MESSAGES["symptoms_required"]},
    )
    regular_exerciser = yes_no(
        _("In the last 3 months, planned exercise of at least 30 minutes at moderate effort on at "
          "least 3 days a week?"),
        _("The ACSM definition of a regular exerciser."),
    )
    cv_risk_factors = many_of(
        CvRiskFactor,
        _("Cardiovascular risk factors"),
        _("Any, in someone who does not exercise regularly, adds advice to see the GP. Never "
          "printed on the handout."),
    )
    medication_flags = many_of(
        MedicationFlag,
        _("Medicines that change the advice"),
        _("Adds the matching safety note (heat and fluids, dizziness, no heart-rate targets, "
          "glucose checks)."),
    )
    falls_12m = number(
        "falls_12m",
        _("Falls in the last 12 months"),
        _("One or more means falls risk: a gentle start."),
    )
    fear_of_falling = yes_no(
        _("Afraid of falling?"),
        _("Yes means falls risk: a gentle start."),
    )
    clearance_status = one_of(
        ClearanceStatus,
        _("Medical clearance"),
        _("When a clearance reason applies and clearance is not obtained, the client gets an "
          "interim letter instead of a plan."),
    )
    clearance_date = forms.DateField(
        label=_only_if("clearance_date", _("Date cleared")),
        widget=DateInput,
        required=False,
        help_text=_("Clearance is valid for 12 months or until health changes."),
    )
    clearance_by = forms.CharField(
        label=_only_if("clearance_by", _("Cleared by (name or role)")),
        max_length=200,
        required=False,
        help_text=_("The doctor or professional who gave the clearance, for your record, e.g. "
                    "“Dr Patel, GP” or “stroke rehabilitation team”."),
    )
    clearance_max_minutes = number(
        "clearance_max_minutes",
        _("Limit set by the clearing professional: minutes a week (optional)"),
        _("10–300, a multiple of 5. Can only lower the plan."),
        required=False,
    )
    clearance_max_intensity = one_of(
        ClearanceIntensity,
        _("Limit set by the clearing professional: intensity (optional)"),
        _("Can only lower the plan's intensity."),
        name="clearance_max_intensity",
    )

    # --- baseline activity (2G)
    base_total_min = number(
        "base_total_min",
        _("Activity minutes in a typical week (last 4 weeks)"),
        _("Purposeful activity at least as hard as a comfortable walk, in bouts of 5 minutes or "
          "more; not housework. Vigorous minutes are included."),
    )
    base_total_confirmed = forms.BooleanField(
        label=_only_if("base_total_confirmed", _("I have checked: more than 700 minutes a week "
                                                  "is right")),
        required=False,
        help_text=_("Over 700 minutes is often a slip (e.g. a month's minutes entered instead "
                    "of a week's). Tick only after checking the number with the client."),
    )
    base_vig_min = number(
        "base_vig_min",
        _("Of which vigorous minutes a week"),
        _("Hard effort: can only say a few words. Enter 0 if none."),
    )
    base_strength_days = number(
        "base_strength_days",
        _("Strength training days a week"),
        _("0–7. An existing routine is kept."),
    )
    wants_to_keep_vigorous = yes_no(
        _("Does the client want to keep some vigorous activity?"),
        _("Vigorous work is only ever continued, never introduced, and only when every safety "
          "condition allows it."),
        name="wants_to_keep_vigorous",
    )
    current_activities = many_of(
        Activity,
        _("Activities the client does now (optional)"),
        _("Nothing is ticked for you. If you leave “Preferred activities” empty, these are used "
          "as the client's preferences."),
    )

    # --- barriers (2H)
    barriers = many_of(
        Barrier,
        _("Barriers"),
        _("Each barrier adds its adaptation to the plan. Poor sleep means 3 or more nights a "
          "week for the last 2 weeks."),
    )
    barriers_other = forms.CharField(
        label=_only_if("barriers_other", _("Other barrier")),
        max_length=200,
        required=False,
        help_text=_("For you only; it does not change the plan."),
    )

    # --- preferences (2I)
    preferred_activities = many_of(
        Activity,
        _("Preferred activities"),
        _("When none is ticked, the activities the client does now are used; if there are none "
          "either, walking."),
    )
    social_preference = one_of(
        SocialPreference, _("With whom"), _("Optional."), required=False
    )
    setting_preference = one_of(SettingPreference, _("Where"), _("Optional."), required=False)
    time_of_day = one_of(TimeOfDay, _("Time of day"), _("Optional."), required=False)
    available_days = number(
        "available_days",
        _("Days available for activity each week"),
        _("1–7. Sets the number of sessions; no session needs more than 60 minutes."),
    )
    usual_bedtime = forms.TimeField(
        label=_("Usual bedtime"),
        widget=TimeInput,
        required=False,
        help_text=_("Optional; used for advice on timing activity before sleep."),
    )
    notes = forms.CharField(
        label=_("Assessment notes"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=_("For you only; never printed and never used to build the plan."),
    )

    FIELDSETS = (
        (_("Client"), ("assessed_date", "plan_start_date", "age", "pregnant_or_postpartum_6m")),
        (
            _("Condition and severity"),
            (
                "primary_condition",
                "secondary_conditions",
                "depression_severity",
                "phq9_total",
                "phq9_item9",
                "anxiety_severity",
                "gad7_total",
                "bipolar_state",
                "psychosis_state",
                "ptsd_in_trauma_focused_therapy",
                "stroke_months_since",
                "stroke_rehab_team_involved",
                "walking_ability",
                "current_treatments",
            ),
        ),
        (_("Risk"), ("suicide_risk",)),
        (
            _("Eating disorder and compulsive exercise"),
            ("ed_history", "ed_medical_restriction", "compulsive_exercise_history"),
        ),
        (
            _("Screening: PAR-Q+ and symptoms"),
            (
                "screening_date",
                "q1a_heart_condition",
                "q1b_high_blood_pressure",
                "bp_uncontrolled",
                "q2_chest_pain",
                "q3_dizziness_loc",
                "q4_other_chronic",
                "q4_other_chronic_list",
                "q5_chronic_meds",
                "q5_chronic_meds_list",
                "q6_msk_problem",
                "q7_supervised_only",
                "known_cvd",
                "known_metabolic",
                "known_renal",
                "symptoms",
                "regular_exerciser",
                "cv_risk_factors",
                "medication_flags",
                "falls_12m",
                "fear_of_falling",
                "clearance_status",
                "clearance_date",
                "clearance_by",
                "clearance_max_minutes",
                "clearance_max_intensity",
            ),
        ),
        (
            _("Baseline activity"),
            (
                "base_total_min",
                "base_total_confirmed",
                "base_vig_min",
                "base_strength_days",
                "wants_to_keep_vigorous",
                "current_activities",
            ),
        ),
        (_("Barriers"), ("barriers", "barriers_other")),
        (
            _("Preferences"),
            (
                "preferred_activities",
                "social_preference",
                "setting_preference",
                "time_of_day",
                "available_days",
                "usual_bedtime",
            ),
        ),
        (_("Notes"), ("notes",)),
    )

    def __init__(self, *args, client, submit_label=None, **kwargs):
        self.client = client
        super().__init__(*args, **kwargs)
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
            fieldsets.append(Fieldset(legend, *items, css_class="assessment-fieldset"))
        self.helper.layout = Layout(*fieldsets)
        self.helper.add_input(Submit("submit", submit_label or _("Save assessment and preview")))

    # --- follow-up questions -------------------------------------------------------------

    def _raw(self, name: str) -> list[str]:
        widget = self.fields[name].widget
        value = widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
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

    def clean_symptoms(self):
        symptoms = self.cleaned_data["symptoms"]
        if NONE_OF_THESE in symptoms:
            if len(symptoms) > 1:
                raise ValidationError(
                    self.error_messages["symptoms_none_and_some"], code="symptoms_none_and_some"
                )
            return []
        return symptoms

    def clean_current_treatments(self):
        treatments = self.cleaned_data["current_treatments"]
        if CurrentTreatment.NONE.value in treatments and len(treatments) > 1:
            raise ValidationError(
                self.error_messages["treatments_none_and_some"], code="treatments_none_and_some"
            )
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
            raise ValidationError(
                self.error_messages["assessed_in_future"], code="assessed_in_future"
            )
        return assessed

    def clean(self):
        cleaned = super().clean()
        for name in CONDITIONS:
            if name not in self.fields or self.has_error(name):
                continue
            value = cleaned.get(name)
            empty = value is None or value == "" or value == []
            if self.is_asked(name):
                if name in REQUIRED_WHEN_ASKED and empty:
                    self.add_error(
                        name,
                        ValidationError(
                            self.error_messages["answer_required"], code="answer_required"
                        ),
                    )
            elif name in CLEARED_WHEN_NOT_ASKED:
                cleaned[name] = False if name == "base_total_confirmed" else ""
            elif name in REFUSED_WHEN_NOT_ASKED and not empty:
                self.add_error(
                    name,
                    ValidationError(
                        self.error_messages["not_asked"],
                        code="not_asked",
                        params={"when": CONDITIONS[name]["when"]},
                    ),
                )
        self._clean_dates_and_volume(cleaned)
        if not self.has_error("preferred_activities") and not self.has_error("current_activities"):
            cleaned["preferred_activities"] = preferences_with_defaults(
                cleaned.get("preferred_activities"), cleaned.get("current_activities")
            )
        self._clean_with_engine(cleaned)
        return cleaned

    def _clean_dates_and_volume(self, cleaned):
        assessed, start = cleaned.get("assessed_date"), cleaned.get("plan_start_date")
        if assessed and start and start < assessed:
            self.add_error(
                "plan_start_date",
                ValidationError(
                    self.error_messages["start_before_assessment"], code="start_before_assessment"
                ),
            )
        total = cleaned.get("base_total_min")
        if (
            total is not None
            and total > HIGH_VOLUME_MINUTES
            and not cleaned.get("base_total_confirmed")
            and not self.has_error("base_total_confirmed")
        ):
            self.add_error(
                "base_total_confirmed",
                ValidationError(
                    self.error_messages["high_volume_unconfirmed"], code="high_volume_unconfirmed"
                ),
            )

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
                        ValidationError(_engine_message(message), code="engine"),
                    )

    # --- output ----------------------------------------------------------------------------

    def intake_data(self) -> dict[str, Any]:
        """Return the cleaned answers as Intake field values (for services.intake_create)."""
        data = {}
        for name in self.fields:
            value = self.cleaned_data.get(name)
            model_field = Intake._meta.get_field(name)
            if value is None and not model_field.null:
                value = [] if isinstance(model_field.default, type) else ""
            data[name] = value
        return data


def preferences_with_defaults(preferred, current) -> list[str]:
    """
    rules.md 2G/2I: the client's current activities are the preference defaults.

    When the clinician ticks no preferred activity, the activities the client does now become
    the preferences, and are stored as such, so the saved assessment says exactly what the engine
    read; with neither, the list stays empty and the engine applies its own default (walking).
    A form concern: the engine never sees current_activities.
    """
    return list(preferred or ()) or list(current or ())


def _engine_message(message: str) -> str:
    """Turn the engine's "is required when ..." into a sentence next to the field."""
    message = str(message)
    if message.startswith(("is ", "must ", "lists ", "at most ")):
        return str(_("This answer %(rule)s.")) % {"rule": message.rstrip(".")}
    return message[:1].upper() + message[1:]
