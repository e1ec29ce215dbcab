"""
The screening questions (2F): PAR-Q+ 2023, the ACSM algorithm, falls and medical clearance.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from planner.choices import choices
from planner.engine.enums import (
    ClearanceIntensity,
    ClearanceStatus,
    CvRiskFactor,
    MedicationFlag,
    Symptom,
)
from planner.forms.assessment.fields import (
    ERROR_MESSAGES,
    KNOWN_DISEASE,
    NEEDS_CLEARANCE,
    NONE_OF_THESE,
    build,
    date,
    many_of,
    number,
    one_of,
    question,
    text,
    yes_no,
)

FIELDS = build(
    # Screening (2F: PAR-Q+ 2023 and the ACSM algorithm)
    screening_date=date(
        _("Date the screening answers below were given (optional)"),
        _("Leave empty if the client answered them at this assessment: the assessment date is "
          "used. Screening is due again 12 months after this date, or sooner if health changes."),
        required=False,
    ),
    # One question for known cardiovascular disease: PAR-Q+ 1a and the ACSM "known CVD" asked
    # the same fact twice; its answer is stored as both (intake_fields.ANSWERED_BY).
    q1a_heart_condition=yes_no(
        _("1a. Known cardiovascular disease: has a doctor ever said the client has a heart "
          "condition (including heart attack, heart surgery or heart failure), had a stroke or "
          "TIA, or has peripheral artery disease?"),
        KNOWN_DISEASE,
    ),
    # High blood pressure is asked here only; the risk factors below count it from this answer.
    q1b_high_blood_pressure=yes_no(
        _("1b. Has a doctor ever said the client has high blood pressure?"),
        _("Counted as a cardiovascular risk factor (advice to see the GP), not a reason for "
          "clearance on its own."),
    ),
    bp_uncontrolled=yes_no(
        _("Is the blood pressure uncontrolled now, or has a doctor said not to exercise until it "
          "is controlled?"),
        NEEDS_CLEARANCE,
    ),
    q2_chest_pain=yes_no(
        _("2. Pain in the chest at rest, during daily activities or during physical activity?"),
        NEEDS_CLEARANCE,
    ),
    q3_dizziness_loc=yes_no(
        _("3. Lost balance because of dizziness, or lost consciousness, in the last 12 months?"),
        _("Answer no if the dizziness came from over-breathing during vigorous exercise. Yes "
          "needs medical clearance first."),
    ),
    q4_other_chronic=yes_no(
        _("4. Another chronic physical condition (other than heart disease or high blood "
          "pressure)?"),
        _("Psychiatric conditions do not count here. Record diabetes or kidney disease as known "
          "metabolic or renal disease below."),
    ),
    q4_other_chronic_list=text(
        _("Which conditions?"),
        _("For your record; never on the handout. Diabetes or kidney disease: also answer yes "
          "to known metabolic or renal disease below."),
        max_length=300,
    ),
    q5_chronic_meds=yes_no(
        _("5. Prescribed medication for a chronic condition?"),
        _("Information only; tick the medicines that change the advice below."),
    ),
    q5_chronic_meds_list=text(
        _("Which medicines?"),
        _("For your record; never on the handout. The plan reads only the medicines ticked "
          "under “Medicines that change the advice”."),
        max_length=300,
    ),
    q6_msk_problem=yes_no(
        _("6. A bone, joint or soft-tissue problem now or in the last 12 months that more "
          "activity could make worse?"),
        _("Yes adds low-impact options, and advice to see the GP if not a regular exerciser."),
    ),
    q7_supervised_only=yes_no(
        _("7. Has a doctor ever said the client should only do medically supervised activity?"),
        NEEDS_CLEARANCE,
    ),
    known_metabolic=yes_no(
        _("Known metabolic disease (type 1 or type 2 diabetes)?"),
        KNOWN_DISEASE,
    ),
    known_renal=yes_no(
        _("Known renal (kidney) disease?"),
        KNOWN_DISEASE,
    ),
    # Unlike the other lists, required: "None of these" is an answer, an empty list is not.
    symptoms=question(
        forms.MultipleChoiceField,
        _("Symptoms in the last 3 months"),
        _("Any symptom needs medical clearance first, whether or not the client exercises "
          "regularly."),
        choices=[*choices(Symptom), (NONE_OF_THESE, _("None of these"))],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": ERROR_MESSAGES["symptoms_required"]},
    ),
    regular_exerciser=yes_no(
        _("In the last 3 months, planned exercise of at least 30 minutes at moderate effort on at "
          "least 3 days a week?"),
        _("The ACSM definition of a regular exerciser."),
    ),
    cv_risk_factors=many_of(
        CvRiskFactor,
        _("Cardiovascular risk factors"),
        _("Any, in someone who does not exercise regularly, adds advice to see the GP. Never "
          "printed on the handout. High blood pressure is counted from question 1b."),
        asked_elsewhere=(CvRiskFactor.HIGH_BLOOD_PRESSURE.value,),
    ),
    medication_flags=many_of(
        MedicationFlag,
        _("Medicines that change the advice"),
        _("Adds the matching safety note (heat and fluids, dizziness, no heart-rate targets, "
          "glucose checks)."),
    ),
    falls_12m=number(
        _("Falls in the last 12 months"),
        _("One or more means falls risk: a gentle start."),
    ),
    fear_of_falling=yes_no(
        _("Afraid of falling?"),
        _("Yes means falls risk: a gentle start."),
    ),
    clearance_status=one_of(
        ClearanceStatus,
        _("Medical clearance"),
        _("When a clearance reason applies and clearance is not obtained, the client gets an "
          "interim letter instead of a plan."),
    ),
    clearance_date=date(
        _("Date cleared"),
        _("Clearance is valid for 12 months or until health changes."),
        required=False,
    ),
    clearance_by=text(
        _("Cleared by (name or role)"),
        _("The doctor or professional who gave the clearance, for your record, e.g. "
          "“Dr Patel, GP” or “stroke rehabilitation team”."),
        max_length=200,
    ),
    clearance_max_minutes=number(
        _("Limit set by the clearing professional: minutes a week (optional)"),
        _("10–300, a multiple of 5. Can only lower the plan."),
        required=False,
    ),
    clearance_max_intensity=one_of(
        ClearanceIntensity,
        _("Limit set by the clearing professional: intensity (optional)"),
        _("Can only lower the plan's intensity."),
    ),
)
