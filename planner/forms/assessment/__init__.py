"""
The assessment form: every question of rules.md section 2, in the fieldsets clinicians work
through (client, condition, risk, eating disorder, screening, baseline, barriers, preferences).

- planner/intake_fields.py: which questions, in which order, under which heading;
- fields.py: how a question is asked (yes/no, one of, many of, number, date, text);
- followups.py: when a follow-up question applies (CONDITIONS) and what its answer must be;
- age.py: the age from the client record (asked only when the record cannot give it) and the
  ACSM age risk factor suggested from the sex at birth;
- condition.py, risk.py, screening.py, activity.py: the wording of each section's questions;
- form.py: AssessmentForm, which lays them out and checks them together.

Import from here: `from planner.forms.assessment import AssessmentForm`.
"""

from planner.forms.assessment.fields import ERROR_MESSAGES, NONE_OF_THESE, NOT_ANSWERED, YES_NO
from planner.forms.assessment.followups import (
    CLEARED_WHEN_NOT_ASKED,
    CONDITIONS,
    HIGH_VOLUME_MINUTES,
    NO,
    REFUSED_WHEN_NOT_ASKED,
    REQUIRED_WHEN_ASKED,
    YES,
)
from planner.forms.assessment.form import AssessmentForm, preferences_with_defaults

__all__ = [
    "AssessmentForm",
    "CLEARED_WHEN_NOT_ASKED",
    "CONDITIONS",
    "ERROR_MESSAGES",
    "HIGH_VOLUME_MINUTES",
    "NO",
    "NONE_OF_THESE",
    "NOT_ANSWERED",
    "REFUSED_WHEN_NOT_ASKED",
    "REQUIRED_WHEN_ASKED",
    "YES",
    "YES_NO",
    "preferences_with_defaults",
]
