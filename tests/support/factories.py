"""factory_boy factories for the models tests need (cookiecutter-django style): clinicians,
clients, assessments. Clients and plan revisions go through the services where the services add
something (a client always has its Plan row). Check-ins: tests/support/progress.py."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model

from planner.models import Client, ClinicianProfile, Intake, Plan
from planner.services.clinics import clinic_for

DEFAULT_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"clinician{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Lee{n}")
    is_active = True

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or DEFAULT_PASSWORD)
        if create:
            self.save(update_fields=["password"])


class ClinicianProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClinicianProfile

    user = factory.SubFactory(UserFactory)
    display_name = factory.LazyAttribute(lambda p: f"{p.user.first_name} {p.user.last_name}")
    profession = "Physiotherapist"
    organisation = "Riverside Clinic"
    handout_contact = "0123 456 789"
    paper_size = ClinicianProfile.PaperSize.A4


# A complete, valid assessment: case C01 of rules.md (mild depression, sedentary), every
# question answered explicitly as the web form requires.
C01_ANSWERS = {
    "assessed_date": dt.date(2026, 1, 5),
    "plan_start_date": None,
    "age": 29,
    "pregnant_or_postpartum_6m": False,
    "primary_condition": "depression",
    "secondary_conditions": [],
    "depression_severity": "mild",
    "phq9_total": 8,
    "phq9_item9": 0,
    "walking_ability": "independent",
    # Not in the case: a mild first episode with no treatment yet (clinician view only).
    "current_treatments": ["none"],
    "suicide_risk": "none",
    "ed_history": "none",
    "compulsive_exercise_history": False,
    "q1a_heart_condition": False,
    "q1b_high_blood_pressure": False,
    "q2_chest_pain": False,
    "q3_dizziness_loc": False,
    "q4_other_chronic": False,
    "q5_chronic_meds": False,
    "q6_msk_problem": False,
    "q7_supervised_only": False,
    "known_cvd": False,
    "known_metabolic": False,
    "known_renal": False,
    "symptoms": [],
    "regular_exerciser": False,
    "cv_risk_factors": [],
    "medication_flags": [],
    "falls_12m": 0,
    "fear_of_falling": False,
    "clearance_status": "not_required",
    # Screened at the assessment: the assessment date counts (R-REV-6).
    "screening_date": None,
    "base_total_min": 0,
    "base_vig_min": 0,
    "base_strength_days": 0,
    "current_activities": [],  # sedentary
    "barriers": ["low_motivation", "time"],
    "preferred_activities": ["walking"],
    "available_days": 5,
}


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client
        skip_postgeneration_save = True

    owner = factory.SubFactory(UserFactory)
    # The owner's clinic (a clinic of their own if they have none yet), as client_create does;
    # a built (unsaved) client has an unsaved owner and so no clinic to look up.
    clinic = factory.LazyAttribute(lambda c: clinic_for(c.owner) if c.owner.pk else None)
    display_name = factory.Sequence(lambda n: f"Client {n}")
    crisis_region = "US"

    @factory.post_generation
    def with_plan(self, create, extracted, **kwargs):
        # client_create always makes the Plan row; factories do the same.
        if create:
            Plan.objects.get_or_create(client=self)


class IntakeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intake

    client = factory.SubFactory(ClientFactory)
    author = factory.LazyAttribute(lambda i: i.client.owner)
    crisis_region = factory.LazyAttribute(lambda i: i.client.crisis_region)
    show_conditions_on_handout = factory.LazyAttribute(
        lambda i: i.client.show_conditions_on_handout
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        values = {**C01_ANSWERS, **kwargs}
        return super()._create(model_class, *args, **values)
