"""
The questions of an assessment, section by section: the one list of the answers an Intake holds.

SECTIONS says which Intake fields the assessment form asks, in which order and under which
heading (rules.md section 2, 2A to 2I), and which answers a new assessment of the same client
starts from. The places that need the list read it from here:

- the assessment form builds its fieldsets from it (planner/forms/assessment/form.py);
- planner/adapters.py pre-fills a new assessment from the last one except NOT_CARRIED_OVER, and
  copies COPIED_FROM_CLIENT from the client record;
- the comparison page's answer changes (planner/presenters/answer_changes.py) compare
  INTAKE_FIELDS, and the clinician-only summary (planner/forms/summary.py) follows the form order;
- a system check (planner/checks.py) fails when the Intake model and INTAKE_FIELDS disagree, as
  the model's columns cannot be generated from this list without a migration.

Only names and headings live here (no model, no form), so every layer can import it.
"""

from __future__ import annotations

from typing import NamedTuple

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Question(NamedTuple):
    name: str  # the Intake field, and the form field of the same name
    carried_over: bool  # pre-filled from the client's last assessment


class Section(NamedTuple):
    heading: Promise
    questions: tuple[Question, ...]

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(question.name for question in self.questions)


def carry_over(*names: str) -> tuple[Question, ...]:
    """Return questions whose last answer pre-fills the client's next assessment."""
    return tuple(Question(name, carried_over=True) for name in names)


def ask_again(*names: str) -> tuple[Question, ...]:
    """Return questions asked afresh at every assessment, never pre-filled."""
    return tuple(Question(name, carried_over=False) for name in names)


def section(heading: Promise, *groups: tuple[Question, ...]) -> Section:
    return Section(heading, tuple(question for group in groups for question in group))


SECTIONS: tuple[Section, ...] = (
    section(
        _("Client"),  # 2A, 2B
        # A new assessment has its own date and start date.
        ask_again("assessed_date", "plan_start_date"),
        carry_over("age", "sex_at_birth", "pregnant_or_postpartum_6m"),
    ),
    section(
        _("Condition and severity"),  # 2C
        carry_over("primary_condition", "secondary_conditions", "depression_severity"),
        # Scores belong to the day they were taken.
        ask_again("phq9_total", "phq9_item9"),
        carry_over("anxiety_severity"),
        ask_again("gad7_total"),
        carry_over(
            "bipolar_state",
            "psychosis_state",
            "ptsd_in_trauma_focused_therapy",
            "stroke_months_since",
            "stroke_rehab_team_involved",
            "walking_ability",
            "current_treatments",
        ),
    ),
    # Risk can change from one week to the next (R-SAFE-CRISIS).
    section(_("Risk"), ask_again("suicide_risk")),  # 2D
    section(
        _("Eating disorder and compulsive exercise"),  # 2E
        carry_over("ed_history", "ed_medical_restriction", "compulsive_exercise_history"),
    ),
    section(
        _("Screening: PAR-Q+ and symptoms"),  # 2F: PAR-Q+ 2023 and the ACSM algorithm
        # Screening answers must be current (R-REV-2, R-REV-6), so their date is asked again too.
        ask_again(
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
            "known_metabolic",
            "known_renal",
            "symptoms",
        ),
        carry_over(
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
    section(
        _("Baseline activity"),  # 2G
        carry_over("base_total_min"),
        # The clinician confirms the number of this assessment, not of the last one.
        ask_again("base_total_confirmed"),
        carry_over(
            "base_vig_min", "base_strength_days", "wants_to_keep_vigorous", "current_activities"
        ),
    ),
    section(_("Barriers"), carry_over("barriers", "barriers_other")),  # 2H
    section(
        _("Preferences"),  # 2I
        carry_over(
            "preferred_activities",
            "social_preference",
            "setting_preference",
            "time_of_day",
            "available_days",
            "usual_bedtime",
        ),
    ),
    section(_("Notes"), carry_over("notes")),
)

# The assessment form's fieldsets, (heading, field names), and its fields in order.
FORM_FIELDSETS: tuple[tuple[Promise, tuple[str, ...]], ...] = tuple(
    (each.heading, each.fields) for each in SECTIONS
)
FORM_FIELDS: tuple[str, ...] = tuple(name for each in SECTIONS for name in each.fields)

NOT_CARRIED_OVER: frozenset[str] = frozenset(
    question.name
    for each in SECTIONS
    for question in each.questions
    if not question.carried_over
)

# 2A answers the form does not ask: copied from the client record when the assessment is saved,
# so the Intake row alone says everything the engine was given.
COPIED_FROM_CLIENT: tuple[str, ...] = ("crisis_region", "show_conditions_on_handout")

# Answers the form does not ask separately because another question asks the same fact (issue
# 22: each fact asked once): {stored answer: the form question whose answer it takes}. PAR-Q+ 1a
# ("heart condition, including stroke or TIA") and the ACSM known cardiovascular disease were
# two questions for one fact; the engine still reads both keys (rules.md 3.0 known_cmr), so the
# Intake row keeps both, equal, and an older row with different answers still reads as saved.
ANSWERED_BY: dict[str, str] = {"known_cvd": "q1a_heart_condition"}

# Every answer an Intake row holds.
INTAKE_FIELDS: tuple[str, ...] = (*COPIED_FROM_CLIENT, *FORM_FIELDS, *ANSWERED_BY)
