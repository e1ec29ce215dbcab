"""factory_boy factories for the models tests need (cookiecutter-django style)."""

import factory
from django.contrib.auth import get_user_model

from planner.models import ClinicianProfile

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
