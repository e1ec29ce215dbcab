"""
The codes the FHIR export uses. Sources are listed in docs/fhir.md (section "Codes").

Every Observation carries a LOINC code (system http://loinc.org) and, where it has a quantity,
a UCUM unit (system http://unitsofmeasure.org). The 2-minute walk distance has no LOINC term
this project could confirm, so it is left out of the export (docs/fhir.md says so) rather than
sent under a wrong code.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.measure_kinds import MeasureKind

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
PA_TEMPORARY_CODES = "http://hl7.org/fhir/us/physical-activity/CodeSystem/pa-temporary-codes"
# The HL7 Physical Activity IG profile whose pattern the weekly-minutes observations follow.
PA_EVS_MIN_PER_WEEK = ("http://hl7.org/fhir/us/physical-activity/StructureDefinition/"
                       "pa-observation-evs-min-per-week")


@dataclass(frozen=True)
class Code:
    code: str
    display: str
    unit: str = ""  # UCUM code
    unit_display: str = ""
    category: str = "exam"  # observation-category code


PHQ9_TOTAL = Code("44261-6", "Patient Health Questionnaire 9 item (PHQ-9) total score "
                  "[Reported]", "{score}", "score", "survey")
GAD7_TOTAL = Code("70274-6", "Generalized anxiety disorder 7 item (GAD-7) total score "
                  "[Reported.PHQ]", "{score}", "score", "survey")
WEEKLY_MINUTES = Code("82290-8", "Frequency of moderate to vigorous aerobic physical activity",
                      "min/wk", "min/wk", "activity")
BP_SYSTOLIC = Code("8480-6", "Systolic blood pressure", "mm[Hg]", "mmHg", "vital-signs")
BP_DIASTOLIC = Code("8462-4", "Diastolic blood pressure", "mm[Hg]", "mmHg", "vital-signs")
GOAL_MINUTES = WEEKLY_MINUTES

MEASURE_CODES: dict[MeasureKind, Code] = {
    MeasureKind.WEIGHT: Code("29463-7", "Body weight", "kg", "kg", "vital-signs"),
    MeasureKind.WAIST: Code("8280-0", "Waist Circumference at umbilicus by Tape measure", "cm",
                            "cm", "exam"),
    MeasureKind.BLOOD_PRESSURE: Code("85354-9", "Blood pressure panel with all children "
                                     "optional", "", "", "vital-signs"),
    MeasureKind.RESTING_HEART_RATE: Code("40443-4", "Heart rate --resting", "/min",
                                         "beats/minute", "vital-signs"),
    MeasureKind.CHAIR_STAND_30S: Code("66247-8", "Sit to stand frequency in 30 seconds",
                                      "{#}/(30.s)", "stands in 30 s", "exam"),
    MeasureKind.TIMED_UP_AND_GO: Code("89423-8", "Time to rise from chair, walk 10 feet and "
                                      "back, and return to sitting [TUG]", "s", "s", "exam"),
    MeasureKind.WALK_6_MIN: Code("64098-7", "Walking distance 6 minutes", "m", "m", "exam"),
}
