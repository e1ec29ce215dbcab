"""
Clients and their assessments (Intake).

An Intake row is one assessment: every field of rules.md section 2 / plan-json.md, typed, with
the ranges of section 2. It is written once and never changed: a new assessment is a new row,
so the intake a saved plan revision came from stays exactly what the engine read.
"""

from enum import StrEnum

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from planner.choices import choices
from planner.engine.enums import (
    BipolarState,
    ClearanceIntensity,
    ClearanceStatus,
    Condition,
    CurrentTreatment,
    EdHistory,
    PsychosisState,
    SettingPreference,
    Severity,
    SocialPreference,
    SuicideRisk,
    TimeOfDay,
    WalkingAbility,
)
from planner.models.base import AppendOnlyModel, acting_user


def default_crisis_region() -> str:
    """Return the deployment's crisis region for new clients (read when called, not at import)."""
    return getattr(settings, "PLANNER_DEFAULT_CRISIS_REGION", "US")


@deconstructible
class ChoiceListValidator:
    """Check that a JSON list holds only distinct values of one engine enum."""

    def __init__(self, enum_path: str):
        self.enum_path = enum_path

    def _enum(self) -> type[StrEnum]:
        from planner.engine import enums

        return getattr(enums, self.enum_path)

    def __call__(self, value):
        if not isinstance(value, list):
            raise ValidationError(_("Expected a list."), code="not_a_list")
        allowed = {member.value for member in self._enum()}
        unknown = [item for item in value if item not in allowed]
        if unknown:
            raise ValidationError(
                _("Unknown values: %(values)s"),
                code="unknown_list_value",
                params={"values": ", ".join(map(str, unknown))},
            )
        if len(set(value)) != len(value):
            raise ValidationError(_("Each value may be given only once."), code="duplicate")

    def __eq__(self, other):
        return isinstance(other, ChoiceListValidator) and other.enum_path == self.enum_path


@deconstructible
class ExclusiveValueValidator:
    """Check that a list holding `value` (e.g. "none") holds nothing else."""

    def __init__(self, value: str):
        self.value = value

    def __call__(self, values):
        if isinstance(values, list | tuple) and self.value in values and len(values) > 1:
            raise ValidationError(
                _("“%(value)s” cannot be combined with other answers."),
                code="exclusive_value",
                params={"value": self.value},
            )

    def __eq__(self, other):
        return isinstance(other, ExclusiveValueValidator) and other.value == self.value


class SexAtBirth(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    PREFER_NOT_TO_SAY = "prefer_not_to_say", _("Prefer not to say")


no_treatment_is_exclusive = ExclusiveValueValidator(CurrentTreatment.NONE.value)

SCREENING_IN_FUTURE = _("The screening date cannot be in the future.")
SCREENING_BEFORE_BIRTH = _("The screening date cannot be before the client's date of birth.")


def screening_date_errors(screening_date, *, client, today) -> list[ValidationError]:
    """
    Return what is wrong with a screening date (rules.md 2F `screening_date`, R-REV-6).

    Not in the future, and not before the client was born when the date or year of birth is
    known. Shared by the assessment form (errors next to the field) and Intake.clean().
    """
    if screening_date is None:
        return []
    errors = []
    if screening_date > today:
        errors.append(ValidationError(SCREENING_IN_FUTURE, code="screening_in_future"))
    if client is not None and (
        (client.date_of_birth is not None and screening_date < client.date_of_birth)
        or (client.birth_year is not None and screening_date.year < client.birth_year)
    ):
        errors.append(ValidationError(SCREENING_BEFORE_BIRTH, code="screening_before_birth"))
    return errors


def _range(low: int, high: int) -> list:
    return [MinValueValidator(low), MaxValueValidator(high)]


def _enum_field(verbose_name, enum, *, blank=False, **kwargs) -> models.CharField:
    return models.CharField(
        verbose_name, max_length=32, choices=choices(enum), blank=blank, **kwargs
    )


def _list_field(verbose_name, enum_name: str) -> models.JSONField:
    return models.JSONField(
        verbose_name, default=list, blank=True, validators=[ChoiceListValidator(enum_name)]
    )


class Client(models.Model):
    """A person a clinician plans exercise for. Owned by one clinician; everything hangs off it."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="clients",
        verbose_name=_("clinician"),
    )
    # Issue 24: the tenant boundary. `owner` stays the responsible clinician inside it.
    clinic = models.ForeignKey(
        "planner.Clinic", on_delete=models.PROTECT, related_name="clients",
        verbose_name=_("clinic"),
    )
    display_name = models.CharField(
        _("name or pseudonym"),
        max_length=120,
        help_text=_("How you recognise the client. A pseudonym or initials are fine."),
    )
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"),
        null=True,
        blank=True,
        validators=_range(1900, 2100),
        help_text=_("Optional."),
    )
    date_of_birth = models.DateField(
        _("date of birth"),
        null=True,
        blank=True,
        help_text=_("Optional; the year alone is enough."),
    )
    crisis_region = models.CharField(
        _("crisis region"),
        max_length=16,
        default=default_crisis_region,
        help_text=_(
            "Selects the crisis line and emergency number printed for this client. Only regions "
            "with configured crisis resources can be chosen."
        ),
    )
    show_conditions_on_handout = models.BooleanField(
        _("condition names may appear on the handout"),
        default=False,
        help_text=_(
            "Tick only if the client agreed. Otherwise handouts use general words such as "
            "“your other care”, because others may see them."
        ),
    )
    notes = models.TextField(
        _("notes"),
        max_length=2000,
        blank=True,
        help_text=_("For you only; never printed and never used to build the plan."),
    )
    archived = models.BooleanField(_("archived"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    # Set by the services on every save (client, assessment, revision): the list sorts by it.
    last_activity = models.DateTimeField(_("last activity"), default=timezone.now)

    class Meta:
        ordering = ["-last_activity", "-id"]
        indexes = [
            models.Index(
                fields=["owner", "archived", "-last_activity"], name="client_owner_activity"
            ),
            # The everyday list (active clients, most recent first) read in index order, so a
            # page of 25 touches 25 rows however many clients there are. SQLite cannot use the
            # index above for it: Django writes archived=False as "NOT archived", which is not an
            # equality on the column, and SQLite then sorted every client of the clinician.
            models.Index(
                fields=["owner", "-last_activity", "-id"],
                condition=models.Q(archived=False),
                name="client_active_activity",
            ),
            # A lead's caseload: the clinic's clients, most recent first (issue 24).
            models.Index(fields=["clinic", "archived", "-last_activity"],
                         name="client_clinic_activity"),
        ]
        verbose_name = _("client")
        verbose_name_plural = _("clients")

    def __str__(self):
        return self.display_name

    def clean(self):
        super().clean()
        if (
            self.birth_year is not None
            and self.date_of_birth is not None
            and self.date_of_birth.year != self.birth_year
        ):
            raise ValidationError(
                {"birth_year": _("The year of birth does not match the date of birth.")},
                code="birth_year_mismatch",
            )
        if self.date_of_birth is not None and self.date_of_birth > timezone.localdate():
            raise ValidationError(
                {"date_of_birth": _("The date of birth cannot be in the future.")},
                code="future_birth_date",
            )


class Intake(AppendOnlyModel):
    """
    One assessment of one client: the answers the engine reads, plus who assessed and when.

    Condition-dependent answers are null (or "") when the question was not asked; the adapters
    then leave the key out and the engine applies plan-json.md's default. crisis_region and
    show_conditions_on_handout are copied from the client when the assessment is saved, so this
    row alone says everything the engine was given.

    The assessment form's sections, their order and which answers a new assessment asks again
    are listed in planner/intake_fields.py; a system check keeps that list and these fields in
    step.
    """

    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="intakes", verbose_name=_("client")
    )
    author = acting_user(_("assessed by"))
    assessed_date = models.DateField(_("assessment date"))
    created = models.DateTimeField(_("created"), auto_now_add=True)

    # 2A administrative (copied from the client: see the class docstring)
    crisis_region = models.CharField(_("crisis region"), max_length=16)
    show_conditions_on_handout = models.BooleanField(
        _("condition names may appear on the handout"), default=False
    )
    plan_start_date = models.DateField(_("plan start date"), null=True, blank=True)

    # 2B demographics
    age = models.PositiveSmallIntegerField(_("age"), validators=_range(0, 110))
    # Optional, clinician view only: suggests the ACSM age risk factor (men 45+, women 55+) on the
    # form. The engine never reads it and no client document prints it (issue 22).
    sex_at_birth = models.CharField(
        _("sex at birth"), max_length=20, choices=SexAtBirth.choices, blank=True
    )
    pregnant_or_postpartum_6m = models.BooleanField(_("pregnant or within 6 months after birth"))

    # 2C condition and severity
    primary_condition = _enum_field(_("primary condition"), Condition)
    secondary_conditions = _list_field(_("other conditions"), "Condition")
    depression_severity = _enum_field(_("depression severity"), Severity, blank=True)
    phq9_total = models.PositiveSmallIntegerField(
        _("PHQ-9 total"), null=True, blank=True, validators=_range(0, 27)
    )
    phq9_item9 = models.PositiveSmallIntegerField(
        _("PHQ-9 item 9"), null=True, blank=True, validators=_range(0, 3)
    )
    anxiety_severity = _enum_field(_("anxiety severity"), Severity, blank=True)
    gad7_total = models.PositiveSmallIntegerField(
        _("GAD-7 total"), null=True, blank=True, validators=_range(0, 21)
    )
    bipolar_state = _enum_field(_("bipolar state"), BipolarState, blank=True)
    psychosis_state = _enum_field(_("psychosis state"), PsychosisState, blank=True)
    ptsd_in_trauma_focused_therapy = models.BooleanField(
        _("in trauma-focused therapy"), null=True, blank=True
    )
    stroke_months_since = models.PositiveSmallIntegerField(
        _("months since the stroke"), null=True, blank=True, validators=_range(0, 600)
    )
    stroke_rehab_team_involved = models.BooleanField(
        _("stroke rehabilitation team involved"), null=True, blank=True
    )
    walking_ability = _enum_field(_("walking ability"), WalkingAbility)
    # Clinician view only: the engine never reads it and no client text prints it (N01, N17).
    # [] = not recorded; ["none"] = the clinician recorded no current treatment.
    current_treatments = models.JSONField(
        _("current treatments"),
        default=list,
        blank=True,
        validators=[ChoiceListValidator("CurrentTreatment"), no_treatment_is_exclusive],
    )

    # 2D risk
    suicide_risk = _enum_field(_("suicide risk"), SuicideRisk)

    # 2E eating disorder and compulsive exercise
    ed_history = _enum_field(_("eating disorder history"), EdHistory)
    ed_medical_restriction = models.BooleanField(
        _("exercise restricted by the ED team or a doctor, or medically unstable"),
        null=True,
        blank=True,
    )
    compulsive_exercise_history = models.BooleanField(_("history of compulsive exercise"))

    # 2F screening (PAR-Q+ and ACSM)
    q1a_heart_condition = models.BooleanField(_("PAR-Q+ 1a: heart condition"))
    q1b_high_blood_pressure = models.BooleanField(_("PAR-Q+ 1b: high blood pressure"))
    bp_uncontrolled = models.BooleanField(
        _("blood pressure uncontrolled"), null=True, blank=True
    )
    q2_chest_pain = models.BooleanField(_("PAR-Q+ 2: chest pain"))
    q3_dizziness_loc = models.BooleanField(_("PAR-Q+ 3: dizziness or loss of consciousness"))
    q4_other_chronic = models.BooleanField(_("PAR-Q+ 4: other chronic physical condition"))
    q4_other_chronic_list = models.CharField(_("which conditions"), max_length=300, blank=True)
    q5_chronic_meds = models.BooleanField(_("PAR-Q+ 5: medication for a chronic condition"))
    q5_chronic_meds_list = models.CharField(_("which medicines"), max_length=300, blank=True)
    q6_msk_problem = models.BooleanField(_("PAR-Q+ 6: bone, joint or soft-tissue problem"))
    q7_supervised_only = models.BooleanField(_("PAR-Q+ 7: medically supervised activity only"))
    known_cvd = models.BooleanField(_("known cardiovascular disease"))
    known_metabolic = models.BooleanField(_("known metabolic disease"))
    known_renal = models.BooleanField(_("known renal disease"))
    symptoms = _list_field(_("symptoms in the last 3 months"), "Symptom")
    regular_exerciser = models.BooleanField(_("regular exerciser"))
    cv_risk_factors = _list_field(_("cardiovascular risk factors"), "CvRiskFactor")
    medication_flags = _list_field(_("medicines that change the advice"), "MedicationFlag")
    falls_12m = models.PositiveSmallIntegerField(
        _("falls in the last 12 months"), validators=_range(0, 99)
    )
    fear_of_falling = models.BooleanField(_("fear of falling"))
    clearance_status = _enum_field(_("medical clearance"), ClearanceStatus)
    clearance_date = models.DateField(_("date cleared"), null=True, blank=True)
    clearance_by = models.CharField(
        _("cleared by (name or role)"), max_length=200, blank=True
    )
    clearance_max_minutes = models.PositiveSmallIntegerField(
        _("clearance limit, minutes a week"), null=True, blank=True, validators=_range(10, 300)
    )
    clearance_max_intensity = _enum_field(
        _("clearance limit, intensity"), ClearanceIntensity, blank=True
    )
    # R-REV-6: the day the screening answers above were given; null = on the assessment date.
    screening_date = models.DateField(_("screening date"), null=True, blank=True)

    # 2G baseline activity
    base_total_min = models.PositiveSmallIntegerField(
        _("activity minutes a week"), validators=_range(0, 1500)
    )
    base_total_confirmed = models.BooleanField(
        _("more than 700 minutes a week confirmed"), default=False
    )
    base_vig_min = models.PositiveSmallIntegerField(
        _("vigorous minutes a week"), validators=_range(0, 1500)
    )
    base_strength_days = models.PositiveSmallIntegerField(
        _("strength days a week"), validators=_range(0, 7)
    )
    wants_to_keep_vigorous = models.BooleanField(
        _("wants to keep vigorous activity"), null=True, blank=True
    )
    # What the client does now (2G). Not read by the engine: the assessment form uses it as
    # the preferred activities when none are ticked (planner/forms/assessment/form.py).
    current_activities = _list_field(_("current activities"), "Activity")

    # 2H barriers
    barriers = _list_field(_("barriers"), "Barrier")
    barriers_other = models.CharField(_("other barrier"), max_length=200, blank=True)

    # 2I preferences
    preferred_activities = _list_field(_("preferred activities"), "Activity")
    social_preference = _enum_field(_("with whom"), SocialPreference, blank=True)
    setting_preference = _enum_field(_("where"), SettingPreference, blank=True)
    time_of_day = _enum_field(_("time of day"), TimeOfDay, blank=True)
    available_days = models.PositiveSmallIntegerField(
        _("days available a week"), validators=_range(1, 7)
    )
    usual_bedtime = models.TimeField(_("usual bedtime"), null=True, blank=True)

    notes = models.TextField(
        _("assessment notes"),
        max_length=2000,
        blank=True,
        help_text=_("For you only; never printed and never used to build the plan."),
    )

    class Meta:
        ordering = ["-assessed_date", "-id"]
        indexes = [
            models.Index(fields=["client", "-created"], name="intake_client_created"),
            # The latest assessment of each listed client (client list, schedules).
            models.Index(
                fields=["client", "-assessed_date", "-created"], name="intake_client_assessed"
            ),
        ]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self):
        return f"{self.client} {self.assessed_date:%Y-%m-%d}"

    def clean(self):
        super().clean()
        client = self.client if self.client_id else None
        errors = screening_date_errors(
            self.screening_date, client=client, today=timezone.localdate()
        )
        if errors:
            raise ValidationError({"screening_date": errors})

    @property
    def screened_on(self):
        """The day this assessment's screening answers were given (R-REV-6)."""
        return self.screening_date or self.assessed_date

