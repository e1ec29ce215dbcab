"""
The questions that can stop the planner or cap the plan for safety: suicide risk (2D), and
eating disorder and compulsive exercise (2E).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from planner.engine.enums import EdHistory, SuicideRisk
from planner.forms.assessment.fields import NEEDS_CLEARANCE, build, one_of, yes_no

FIELDS = build(
    # Risk (2D)
    suicide_risk=one_of(
        SuicideRisk,
        _("Suicide risk (your assessment)"),
        _("Passive or active ideation without a plan needs your risk attestation before release. "
          "A plan or intent, or an attempt or self-harm in the last 3 months, stops the planner "
          "and shows crisis resources instead of exercise."),
    ),

    # Eating disorder and compulsive exercise (2E)
    ed_history=one_of(
        EdHistory,
        _("Eating disorder"),
        _("Past or current caps the plan at 150 minutes a week with no vigorous work. Current "
          "needs the eating-disorder team's confirmation before release."),
    ),
    ed_medical_restriction=yes_no(
        _("Has the ED team or a doctor restricted exercise, or is the client medically unstable "
          "(e.g. low weight, fainting, abnormal heart rhythm or electrolytes)?"),
        NEEDS_CLEARANCE,
    ),
    compulsive_exercise_history=yes_no(
        _("Has exercise ever felt compulsory, been used to compensate for eating, or continued "
          "despite illness or injury?"),
        _("Yes applies the same cap as an eating-disorder history."),
    ),
)
