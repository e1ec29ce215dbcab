"""
The first questions of the assessment: the client (2A, 2B) and their conditions (2C).
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from planner.engine.enums import (
    BipolarState,
    Condition,
    CurrentTreatment,
    PsychosisState,
    Severity,
    WalkingAbility,
)
from planner.forms.assessment.fields import (
    NOT_ANSWERED,
    build,
    date,
    many_of,
    number,
    one_of,
    question,
    yes_no,
)
from planner.models.clients import SexAtBirth

FIELDS = build(
    # Client (2A, 2B)
    assessed_date=date(
        _("Assessment date"),
        _("The day you assessed the client. Review weeks count from the start date."),
    ),
    plan_start_date=date(
        _("Plan start date"),
        _("Optional: the first day of week 1, printed on the handout. Leave empty to start on "
          "the day the plan is saved."),
        required=False,
    ),
    age=number(
        _("Age in years"),
        _("Under 18 stops the planner: guidance for children and adolescents differs."),
    ),
    sex_at_birth=question(
        forms.ChoiceField,
        _("Sex at birth (optional)"),
        _("Used only to suggest the age risk factor under screening (men 45 or over, women 55 "
          "or over). Never printed, and the plan never reads it."),
        choices=[NOT_ANSWERED, *SexAtBirth.choices],
        required=False,
    ),
    pregnant_or_postpartum_6m=yes_no(
        _("Pregnant, or gave birth in the last 6 months?"),
        _("Answer “No” when not applicable. Yes needs medical clearance first: the guidance "
          "for pregnancy differs."),
    ),

    # Condition and severity (2C)
    primary_condition=one_of(
        Condition,
        _("Primary condition"),
        _("The main reason for this plan; it sets the target dose and the wording."),
        radio=False,
    ),
    secondary_conditions=many_of(
        Condition,
        _("Other conditions"),
        _("Up to 3, not repeating the primary. The most cautious value of all conditions is "
          "used."),
    ),
    depression_severity=one_of(
        Severity,
        _("Depression severity (your rating)"),
        _("If a PHQ-9 score gives a more severe band, the more severe is used."),
    ),
    phq9_total=number(
        _("PHQ-9 total (optional)"),
        _("0–27. Bands: 5–9 mild, 10–14 moderate, 15 or more severe."),
        required=False,
    ),
    phq9_item9=number(
        _("PHQ-9 item 9 (thoughts of self-harm)"),
        _("0–3. Any answer of 1 or more needs your risk attestation before release."),
        required=False,
    ),
    anxiety_severity=one_of(
        Severity,
        _("Anxiety severity (your rating)"),
        _("If a GAD-7 score gives a more severe band, the more severe is used."),
    ),
    gad7_total=number(
        _("GAD-7 total (optional)"),
        _("0–21. Bands: 5–9 mild, 10–14 moderate, 15 or more severe."),
        required=False,
    ),
    bipolar_state=one_of(
        BipolarState,
        _("Current bipolar mood state"),
        _("Hypomanic, manic or mixed stops the planner until the mood is stable."),
    ),
    psychosis_state=one_of(
        PsychosisState,
        _("Current state of the psychotic disorder"),
        _("An acute episode or inpatient stay stops the planner until stable in the community."),
    ),
    ptsd_in_trauma_focused_therapy=yes_no(
        _("In trauma-focused therapy now?"),
        _("Optional. Used only to name the therapy in the handout wording."),
    ),
    stroke_months_since=number(
        _("Months since the stroke"),
        _("Under 3 months: follow the rehabilitation team's plan."),
    ),
    stroke_rehab_team_involved=yes_no(
        _("Is a stroke rehabilitation team involved?"),
        _("Decides who gives medical clearance."),
    ),
    walking_ability=one_of(
        WalkingAbility,
        _("Walking"),
        _("Walking with an aid means falls risk (gentle start). Unable to walk needs a seated "
          "programme designed by a physiotherapist or rehabilitation professional."),
    ),
    current_treatments=many_of(
        CurrentTreatment,
        _("Current treatments (optional)"),
        _("For your record only: never printed and never used to build the plan, which always "
          "works alongside these and never suggests changing them. Tick “None” if the client "
          "has no current treatment; leave all unticked if not known."),
    ),
)
