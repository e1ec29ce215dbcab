"""Choice lists of rules.md section 2 (as clarified in section 7).

Forms, models and the engine all use these enums, so a value is spelled in one place only.
"""

from enum import StrEnum


class Condition(StrEnum):
    DEPRESSION = "depression"
    ANXIETY = "anxiety"
    PTSD = "ptsd"
    ADHD = "adhd"
    BIPOLAR = "bipolar"
    PSYCHOTIC_DISORDER = "psychotic_disorder"
    HEALTHY_AGEING = "healthy_ageing"
    STROKE_REHAB = "stroke_rehab"
    SARCOPENIA_RISK = "sarcopenia_risk"


class Severity(StrEnum):
    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"


class BipolarState(StrEnum):
    EUTHYMIC = "euthymic"
    DEPRESSIVE_EPISODE = "depressive_episode"
    HYPOMANIC_OR_MANIC = "hypomanic_or_manic"
    MIXED = "mixed"


class PsychosisState(StrEnum):
    STABLE_COMMUNITY = "stable_community"
    ACUTE_OR_INPATIENT = "acute_or_inpatient"


class WalkingAbility(StrEnum):
    INDEPENDENT = "independent"
    WITH_AID = "with_aid"
    UNABLE_TO_WALK = "unable_to_walk"


class SuicideRisk(StrEnum):
    NONE = "none"
    PASSIVE_IDEATION = "passive_ideation"
    ACTIVE_IDEATION_NO_PLAN = "active_ideation_no_plan"
    ACTIVE_WITH_PLAN_OR_INTENT = "active_with_plan_or_intent"
    RECENT_ATTEMPT_OR_SELF_HARM = "recent_attempt_or_self_harm"


class EdHistory(StrEnum):
    NONE = "none"
    PAST = "past"
    CURRENT = "current"


class Symptom(StrEnum):
    CHEST_DISCOMFORT = "chest_discomfort"
    BREATHLESS_REST_OR_MILD_EXERTION = "breathless_rest_or_mild_exertion"
    DIZZINESS_OR_FAINTING = "dizziness_or_fainting"
    BREATHLESS_LYING_FLAT_OR_AT_NIGHT = "breathless_lying_flat_or_at_night"
    ANKLE_SWELLING = "ankle_swelling"
    PALPITATIONS = "palpitations"
    CALF_PAIN_WALKING = "calf_pain_walking"
    HEART_MURMUR = "heart_murmur"
    UNUSUAL_FATIGUE = "unusual_fatigue"


class CvRiskFactor(StrEnum):
    AGE = "age"
    FAMILY_HISTORY = "family_history"
    SMOKING = "smoking"
    HIGH_BLOOD_PRESSURE = "high_blood_pressure"
    HIGH_CHOLESTEROL = "high_cholesterol"
    PREDIABETES = "prediabetes"
    OBESITY = "obesity"


class MedicationFlag(StrEnum):
    LITHIUM = "lithium"
    ANTIPSYCHOTIC = "antipsychotic"
    BETA_BLOCKER = "beta_blocker"
    INSULIN_OR_SULFONYLUREA = "insulin_or_sulfonylurea"
    STIMULANT = "stimulant"


class CurrentTreatment(StrEnum):
    """2C `current_treatments`: recorded for the clinician only; never read by the engine and
    never printed (N01: the app never suggests changing any of these)."""

    ANTIDEPRESSANT = "antidepressant"
    MOOD_STABILISER = "mood_stabiliser"
    ANTIPSYCHOTIC = "antipsychotic"
    STIMULANT_OR_ADHD_MED = "stimulant_or_adhd_med"
    PSYCHOTHERAPY = "psychotherapy"
    TRAUMA_FOCUSED_THERAPY = "trauma_focused_therapy"
    REHAB_PROGRAMME = "rehab_programme"
    NONE = "none"
    OTHER = "other"


class ClearanceStatus(StrEnum):
    NOT_REQUIRED = "not_required"
    PENDING = "pending"
    OBTAINED = "obtained"


class ClearanceIntensity(StrEnum):
    LIGHT = "light"
    MODERATE = "moderate"


class Barrier(StrEnum):
    FATIGUE = "fatigue"
    ANHEDONIA = "anhedonia"
    LOW_MOTIVATION = "low_motivation"
    PSYCHOMOTOR_RETARDATION = "psychomotor_retardation"
    SOCIAL_WITHDRAWAL = "social_withdrawal"
    AVOIDANCE = "avoidance"
    NO_SAFE_PLACE = "no_safe_place"
    COST = "cost"
    TIME = "time"
    PHYSICAL_LIMITATION = "physical_limitation"
    PAIN = "pain"
    POOR_SLEEP = "poor_sleep"
    OTHER = "other"


class Activity(StrEnum):
    WALKING = "walking"
    RUNNING = "running"
    CYCLING = "cycling"
    SWIMMING_OR_WATER = "swimming_or_water"
    DANCING = "dancing"
    TEAM_OR_RACKET_SPORT = "team_or_racket_sport"
    GYM_STRENGTH = "gym_strength"
    HOME_BODYWEIGHT = "home_bodyweight"
    MIND_BODY = "mind_body"
    GARDENING_OR_ACTIVE_CHORES = "gardening_or_active_chores"
    SEATED_EXERCISE = "seated_exercise"


class SocialPreference(StrEnum):
    ALONE = "alone"
    ONE_PERSON = "one_person"
    GROUP = "group"


class SettingPreference(StrEnum):
    OUTDOORS = "outdoors"
    INDOORS = "indoors"
    HOME = "home"


class TimeOfDay(StrEnum):
    MORNING = "morning"
    AFTERNOON = "afternoon"
    EVENING = "evening"


# --- output vocabularies (plan-json.md "Plan (output)") ---


class HardStop(StrEnum):
    OUT_OF_SCOPE_MINOR = "OUT_OF_SCOPE_MINOR"
    CRISIS = "CRISIS"
    BIPOLAR_ELEVATED_HOLD = "BIPOLAR_ELEVATED_HOLD"
    PSYCHOSIS_ACUTE_HOLD = "PSYCHOSIS_ACUTE_HOLD"


class Mode(StrEnum):
    BUILD = "BUILD"
    MAINTAIN = "MAINTAIN"
    MAINTAIN_AT_ED_CAP = "MAINTAIN_AT_ED_CAP"
    MAINTAIN_CURRENT = "MAINTAIN_CURRENT"


class Wording(StrEnum):
    # Ordered from least to most strict; R-DOSE-4 takes the strictest.
    GENERAL = "GENERAL"
    STANDALONE_FOR_SOME = "STANDALONE_FOR_SOME"
    ADJUNCT = "ADJUNCT"
    ADJUNCT_REHAB = "ADJUNCT_REHAB"


class Gate(StrEnum):
    RISK_ATTESTATION = "RISK_ATTESTATION"
    CLEARANCE_PENDING = "CLEARANCE_PENDING"
    ED_TEAM_CONFIRM = "ED_TEAM_CONFIRM"
    ED_INFORMED_SIGNOFF = "ED_INFORMED_SIGNOFF"


class Flag(StrEnum):
    CLEARANCE_REQUIRED = "CLEARANCE_REQUIRED"
    VIGOROUS_LOCK = "VIGOROUS_LOCK"
    ADVISORY_GP = "ADVISORY_GP"
    ED_COMPULSIVE_CAP = "ED_COMPULSIVE_CAP"
    HIGH_VOLUME_REVIEW = "HIGH_VOLUME_REVIEW"
    VIGOROUS_BASELINE_REVIEW = "VIGOROUS_BASELINE_REVIEW"
    FALLS_RISK = "FALLS_RISK"
    DAYS_LIMITED = "DAYS_LIMITED"  # rules 8.2
    MED_LITHIUM = "MED_LITHIUM"
    MED_ANTIPSYCHOTIC = "MED_ANTIPSYCHOTIC"
    MED_BETA_BLOCKER = "MED_BETA_BLOCKER"
    MED_INSULIN_OR_SULFONYLUREA = "MED_INSULIN_OR_SULFONYLUREA"
    MED_STIMULANT = "MED_STIMULANT"


class ClearanceReason(StrEnum):
    SYMPTOMS = "SYMPTOMS"
    PARQ_CHEST_PAIN = "PARQ_CHEST_PAIN"
    PARQ_DIZZINESS_OR_LOC = "PARQ_DIZZINESS_OR_LOC"
    PARQ_SUPERVISED_ONLY = "PARQ_SUPERVISED_ONLY"
    KNOWN_CMR_DISEASE_INACTIVE = "KNOWN_CMR_DISEASE_INACTIVE"
    STROKE_REHAB_TEAM = "STROKE_REHAB_TEAM"
    PREGNANCY = "PREGNANCY"
    BP_UNCONTROLLED = "BP_UNCONTROLLED"
    ED_MEDICAL = "ED_MEDICAL"
    REHAB_INPUT = "REHAB_INPUT"


class Intensity(StrEnum):
    LIGHT = "light"
    LIGHT_TO_MODERATE = "light_to_moderate"
    MODERATE = "moderate"
    MODERATE_VIGOROUS_OPTIONAL = "moderate_vigorous_optional"
