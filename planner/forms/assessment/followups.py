"""
Follow-up questions: when each is asked, and what happens to its answer when it is not.

CONDITIONS drives the server checks (AssessmentForm.clean) and static/planner/js/assessment.js
(the form's data-conditions attribute), which hides a question until it applies; without
JavaScript every question shows with its "(only if ...)" hint (only_if).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from planner.engine.enums import Barrier, ClearanceStatus, Condition, EdHistory

YES, NO = "yes", "no"
HIGH_VOLUME_MINUTES = 700  # rules.md 2G: "> 700 needs a confirm click"

# Where the clinician names the client's conditions.
CONDITION_FIELDS = ("primary_condition", "secondary_conditions")


def _if_condition(condition: Condition, when) -> dict[str, Any]:
    """Ask when `condition` is the primary or one of the other conditions."""
    return {"fields": list(CONDITION_FIELDS), "in": [condition.value], "when": when}


def _if_answer(field: str, value: str, when) -> dict[str, Any]:
    """Ask when `field` is answered (or ticked) with `value`."""
    return {"fields": [field], "in": [value], "when": when}


def _if_more_than(field: str, number: int, when) -> dict[str, Any]:
    return {"fields": [field], "gt": number, "when": when}


def _if_clearance_obtained() -> dict[str, Any]:
    return _if_answer(
        "clearance_status", ClearanceStatus.OBTAINED.value, _("if clearance was obtained")
    )


# When each follow-up question is asked: {field: {"fields": the answers it depends on, then
# one test ("in": any of these values, "filled": any answer, "gt": a number above), "when": the
# hint}}. The order of the keys is the order of the JSON the script reads.
CONDITIONS: dict[str, dict[str, Any]] = {
    "depression_severity": _if_condition(
        Condition.DEPRESSION, _("if depression is one of the conditions")
    ),
    "phq9_item9": {
        "fields": ["phq9_total"],
        "filled": True,
        "when": _("if a PHQ-9 total is entered"),
    },
    "anxiety_severity": _if_condition(Condition.ANXIETY, _("if anxiety is one of the conditions")),
    "bipolar_state": _if_condition(
        Condition.BIPOLAR, _("if bipolar disorder is one of the conditions")
    ),
    "psychosis_state": _if_condition(
        Condition.PSYCHOTIC_DISORDER, _("if a psychotic disorder is one of the conditions")
    ),
    "ptsd_in_trauma_focused_therapy": _if_condition(
        Condition.PTSD, _("if PTSD is one of the conditions")
    ),
    "stroke_months_since": _if_condition(
        Condition.STROKE_REHAB, _("if stroke rehabilitation is one of the conditions")
    ),
    "stroke_rehab_team_involved": _if_condition(
        Condition.STROKE_REHAB, _("if stroke rehabilitation is one of the conditions")
    ),
    "ed_medical_restriction": _if_answer(
        "ed_history", EdHistory.CURRENT.value, _("if the eating disorder is current")
    ),
    "bp_uncontrolled": _if_answer(
        "q1b_high_blood_pressure",
        YES,
        _("if a doctor has said the client has high blood pressure"),
    ),
    "q4_other_chronic_list": _if_answer("q4_other_chronic", YES, _("if yes")),
    "q5_chronic_meds_list": _if_answer("q5_chronic_meds", YES, _("if yes")),
    "clearance_date": _if_clearance_obtained(),
    "clearance_by": _if_clearance_obtained(),
    "clearance_max_minutes": _if_clearance_obtained(),
    "clearance_max_intensity": _if_clearance_obtained(),
    "base_total_confirmed": _if_more_than(
        "base_total_min", HIGH_VOLUME_MINUTES, _("if more than 700 minutes a week")
    ),
    "wants_to_keep_vigorous": _if_more_than(
        "base_vig_min", 0, _("if the client does any vigorous activity")
    ),
    "barriers_other": _if_answer("barriers", Barrier.OTHER.value, _("if “Other” is ticked")),
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


def only_if(name: str, label):
    """Return the label of a question, with "(only if ...)" when it is a follow-up."""
    condition = CONDITIONS.get(name)
    if condition is None:
        return label
    return _("%(label)s (only %(when)s)") % {"label": label, "when": condition["when"]}
