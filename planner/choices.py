"""
Human labels for the engine's choice lists (planner/engine/enums.py), for models, forms and pages.

The engine spells every value once (StrEnum); this module only adds translated labels, so a
value is never retyped here. `choices(Enum)` gives Django `choices` in the enum's order and
fails loudly (KeyError at import) when the engine adds a value nobody has labelled yet.
"""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from planner.engine.enums import (
    Activity,
    Barrier,
    BipolarState,
    ClearanceIntensity,
    ClearanceReason,
    ClearanceStatus,
    Condition,
    CurrentTreatment,
    CvRiskFactor,
    EdHistory,
    Flag,
    Gate,
    HardStop,
    Intensity,
    MedicationFlag,
    Mode,
    PsychosisState,
    SettingPreference,
    Severity,
    SocialPreference,
    SuicideRisk,
    Symptom,
    TimeOfDay,
    WalkingAbility,
    Wording,
)


class _Labels(dict):
    """Labels keyed by (enum class, value): members of different enums that share a value
    ("moderate" is a severity, an intensity and a clearance limit) keep their own labels."""

    def __init__(self, pairs):
        super().__init__(((type(member), member.value), text) for member, text in pairs)

    def __getitem__(self, member):
        return super().__getitem__((type(member), member.value))

    def __contains__(self, member):
        return super().__contains__((type(member), getattr(member, "value", member)))


LABELS: _Labels = _Labels([
    (Condition.DEPRESSION, _("Depression")),
    (Condition.ANXIETY, _("Anxiety disorder")),
    (Condition.PTSD, _("PTSD")),
    (Condition.ADHD, _("ADHD")),
    (Condition.BIPOLAR, _("Bipolar disorder")),
    (Condition.PSYCHOTIC_DISORDER, _("Psychotic disorder")),
    (Condition.HEALTHY_AGEING, _("Healthy ageing")),
    (Condition.STROKE_REHAB, _("Stroke rehabilitation")),
    (Condition.SARCOPENIA_RISK, _("Sarcopenia risk (muscle loss)")),
    (Severity.MILD, _("Mild")),
    (Severity.MODERATE, _("Moderate")),
    (Severity.SEVERE, _("Severe")),
    (BipolarState.EUTHYMIC, _("Euthymic (stable mood)")),
    (BipolarState.DEPRESSIVE_EPISODE, _("Depressive episode")),
    (BipolarState.HYPOMANIC_OR_MANIC, _("Hypomanic or manic")),
    (BipolarState.MIXED, _("Mixed features")),
    (PsychosisState.STABLE_COMMUNITY, _("Stable, living in the community")),
    (PsychosisState.ACUTE_OR_INPATIENT, _("Acute episode or inpatient")),
    (WalkingAbility.INDEPENDENT, _("Walks independently")),
    (WalkingAbility.WITH_AID, _("Walks with an aid (stick, frame)")),
    (WalkingAbility.UNABLE_TO_WALK, _("Unable to walk")),
    (SuicideRisk.NONE, _("None identified")),
    (SuicideRisk.PASSIVE_IDEATION, _("Passive ideation")),
    (SuicideRisk.ACTIVE_IDEATION_NO_PLAN, _("Active ideation, no plan")),
    (SuicideRisk.ACTIVE_WITH_PLAN_OR_INTENT, _("Active ideation with plan or intent")),
    (SuicideRisk.RECENT_ATTEMPT_OR_SELF_HARM, _("Attempt or self-harm in the last 3 months")),
    (EdHistory.NONE, _("None")),
    (EdHistory.PAST, _("Past eating disorder")),
    (EdHistory.CURRENT, _("Current eating disorder")),
    (Symptom.CHEST_DISCOMFORT, _("Chest, neck, jaw or arm discomfort at rest or on exertion")),
    (Symptom.BREATHLESS_REST_OR_MILD_EXERTION, _("Breathlessness at rest or on mild exertion")),
    (Symptom.DIZZINESS_OR_FAINTING, _("Dizziness or fainting")),
    (Symptom.BREATHLESS_LYING_FLAT_OR_AT_NIGHT,
     _(
        "Breathlessness lying flat, or waking at night breathless"
    )),
    (Symptom.ANKLE_SWELLING, _("Ankle swelling")),
    (Symptom.PALPITATIONS, _("Palpitations or racing heart")),
    (Symptom.CALF_PAIN_WALKING, _("Calf pain on walking that eases with rest")),
    (Symptom.HEART_MURMUR, _("Known heart murmur")),
    (Symptom.UNUSUAL_FATIGUE, _("Unusual fatigue or breathlessness with usual activities")),
    (CvRiskFactor.AGE, _("Age (men 45 or over, women 55 or over)")),
    (CvRiskFactor.FAMILY_HISTORY, _("Family history of early heart disease")),
    (CvRiskFactor.SMOKING, _("Current smoker, or quit less than 6 months ago")),
    (CvRiskFactor.HIGH_BLOOD_PRESSURE, _("High blood pressure")),
    (CvRiskFactor.HIGH_CHOLESTEROL, _("High cholesterol")),
    (CvRiskFactor.PREDIABETES, _("Prediabetes")),
    (CvRiskFactor.OBESITY, _("Obesity (recorded, never printed)")),
    (MedicationFlag.LITHIUM, _("Lithium")),
    (MedicationFlag.ANTIPSYCHOTIC, _("Antipsychotic")),
    (MedicationFlag.BETA_BLOCKER, _("Beta-blocker")),
    (MedicationFlag.INSULIN_OR_SULFONYLUREA, _("Insulin or a sulfonylurea")),
    (MedicationFlag.STIMULANT, _("Stimulant")),
    (ClearanceStatus.NOT_REQUIRED, _("Not required / not sought")),
    (ClearanceStatus.PENDING, _("Pending")),
    (ClearanceStatus.OBTAINED, _("Obtained")),
    (CurrentTreatment.ANTIDEPRESSANT, _("Antidepressant")),
    (CurrentTreatment.MOOD_STABILISER, _("Mood stabiliser")),
    (CurrentTreatment.ANTIPSYCHOTIC, _("Antipsychotic")),
    (CurrentTreatment.STIMULANT_OR_ADHD_MED, _("Stimulant or other ADHD medication")),
    (CurrentTreatment.PSYCHOTHERAPY, _("Psychotherapy or counselling")),
    (CurrentTreatment.TRAUMA_FOCUSED_THERAPY, _("Trauma-focused therapy")),
    (CurrentTreatment.REHAB_PROGRAMME, _("Rehabilitation programme")),
    (CurrentTreatment.NONE, _("None")),
    (CurrentTreatment.OTHER, _("Other")),
    (ClearanceIntensity.LIGHT, _("Light")),
    (ClearanceIntensity.MODERATE, _("Moderate")),
    (Barrier.FATIGUE, _("Fatigue")),
    (Barrier.ANHEDONIA, _("Anhedonia (little pleasure or interest)")),
    (Barrier.LOW_MOTIVATION, _("Low motivation")),
    (Barrier.PSYCHOMOTOR_RETARDATION, _("Psychomotor slowing")),
    (Barrier.SOCIAL_WITHDRAWAL, _("Social withdrawal")),
    (Barrier.AVOIDANCE, _("Avoidance (places, sensations)")),
    (Barrier.NO_SAFE_PLACE, _("No safe place to be active")),
    (Barrier.COST, _("Cost")),
    (Barrier.TIME, _("Time")),
    (Barrier.PHYSICAL_LIMITATION, _("Physical limitation")),
    (Barrier.PAIN, _("Pain")),
    (Barrier.POOR_SLEEP, _("Poor sleep (3 or more nights a week for 2 weeks)")),
    (Barrier.OTHER, _("Other")),
    (Activity.WALKING, _("Walking")),
    (Activity.RUNNING, _("Running")),
    (Activity.CYCLING, _("Cycling")),
    (Activity.SWIMMING_OR_WATER, _("Swimming or water exercise")),
    (Activity.DANCING, _("Dancing")),
    (Activity.TEAM_OR_RACKET_SPORT, _("Team or racket sport")),
    (Activity.GYM_STRENGTH, _("Gym or strength training")),
    (Activity.HOME_BODYWEIGHT, _("Home bodyweight exercises")),
    (Activity.MIND_BODY, _("Mind-body (yoga, tai chi, qigong, pilates)")),
    (Activity.GARDENING_OR_ACTIVE_CHORES, _("Gardening or active chores")),
    (Activity.SEATED_EXERCISE, _("Seated exercise")),
    (SocialPreference.ALONE, _("Alone")),
    (SocialPreference.ONE_PERSON, _("With one other person")),
    (SocialPreference.GROUP, _("In a group")),
    (SettingPreference.OUTDOORS, _("Outdoors")),
    (SettingPreference.INDOORS, _("Indoors (gym, pool, class)")),
    (SettingPreference.HOME, _("At home")),
    (TimeOfDay.MORNING, _("Morning")),
    (TimeOfDay.AFTERNOON, _("Afternoon")),
    (TimeOfDay.EVENING, _("Evening")),
    (HardStop.OUT_OF_SCOPE_MINOR, _("Out of scope: under 18")),
    (HardStop.CRISIS, _("Crisis (suicide risk)")),
    (HardStop.BIPOLAR_ELEVATED_HOLD, _("Hold: elevated or mixed mood (bipolar)")),
    (HardStop.PSYCHOSIS_ACUTE_HOLD, _("Hold: acute psychosis or inpatient")),
    (Mode.BUILD, _("Build up")),
    (Mode.MAINTAIN, _("Maintain")),
    (Mode.MAINTAIN_AT_ED_CAP, _("Maintain at the eating-disorder cap")),
    (Mode.MAINTAIN_CURRENT, _("Maintain current activity (no steps)")),
    (Wording.GENERAL, _("General")),
    (Wording.STANDALONE_FOR_SOME, _("Standalone for some (mild low mood)")),
    (Wording.ADJUNCT, _("Adjunct to other care")),
    (Wording.ADJUNCT_REHAB, _("Adjunct to rehabilitation")),
    (Gate.RISK_ATTESTATION, _("Risk attestation needed")),
    (Gate.CLEARANCE_PENDING, _("Medical clearance pending")),
    (Gate.ED_TEAM_CONFIRM, _("Eating-disorder team confirmation needed")),
    (Gate.ED_INFORMED_SIGNOFF, _("Informed sign-off of the eating-disorder cap needed")),
    (Flag.CLEARANCE_REQUIRED, _("Medical clearance required")),
    (Flag.VIGOROUS_LOCK, _("Vigorous activity locked")),
    (Flag.ADVISORY_GP, _("Advise a check with the GP")),
    (Flag.ED_COMPULSIVE_CAP, _("Eating-disorder / compulsive exercise cap")),
    (Flag.HIGH_VOLUME_REVIEW, _("High volume: review for compulsive exercise")),
    (Flag.VIGOROUS_BASELINE_REVIEW, _("Vigorous baseline: review")),
    (Flag.FALLS_RISK, _("Falls risk")),
    (Flag.DAYS_LIMITED, _("Target limited by the days available")),
    (Flag.MED_LITHIUM, _("Medication: lithium")),
    (Flag.MED_ANTIPSYCHOTIC, _("Medication: antipsychotic")),
    (Flag.MED_BETA_BLOCKER, _("Medication: beta-blocker")),
    (Flag.MED_INSULIN_OR_SULFONYLUREA, _("Medication: insulin or sulfonylurea")),
    (Flag.MED_STIMULANT, _("Medication: stimulant")),
    (ClearanceReason.SYMPTOMS, _("Symptoms in the last 3 months")),
    (ClearanceReason.PARQ_CHEST_PAIN, _("PAR-Q+: chest pain")),
    (ClearanceReason.PARQ_DIZZINESS_OR_LOC, _("PAR-Q+: dizziness or loss of consciousness")),
    (ClearanceReason.PARQ_SUPERVISED_ONLY, _("PAR-Q+: medically supervised activity only")),
    (ClearanceReason.KNOWN_CMR_DISEASE_INACTIVE,
     _(
        "Known cardiovascular, metabolic or renal disease, not a regular exerciser"
    )),
    (ClearanceReason.STROKE_REHAB_TEAM, _("Stroke: clearance from the rehabilitation team")),
    (ClearanceReason.PREGNANCY, _("Pregnant or within 6 months after birth")),
    (ClearanceReason.BP_UNCONTROLLED, _("Uncontrolled blood pressure")),
    (ClearanceReason.ED_MEDICAL, _("Eating disorder: medical restriction or instability")),
    (ClearanceReason.REHAB_INPUT, _("Unable to walk: seated programme needs rehab design")),
    (Intensity.LIGHT, _("Light (easy)")),
    (Intensity.LIGHT_TO_MODERATE, _("Light to moderate (comfortably brisk)")),
    (Intensity.MODERATE, _("Moderate (brisk)")),
    (Intensity.MODERATE_VIGOROUS_OPTIONAL, _("Moderate (vigorous optional)")),
])


def choices(enum: type[StrEnum]) -> list[tuple[str, str]]:
    """Return Django choices for an engine enum, in the engine's order, with labels."""
    return [(member.value, LABELS[member]) for member in enum]


def label(enum: type[StrEnum], value: str | None) -> str:
    """Return the label of one stored value; an unknown value (an older snapshot) shows as is."""
    if value is None:
        return ""
    try:
        return str(LABELS[enum(value)])
    except (ValueError, KeyError):
        return str(value)
