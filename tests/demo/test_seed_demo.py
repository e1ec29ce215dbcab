import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import RequestFactory

from planner.models import ClinicianProfile

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def printed_password(output: str) -> str:
    return re.search(r"username 'demo', password '([^']+)'", output).group(1)


def test_seed_demo_creates_the_demo_clinician_and_prints_a_working_password():
    password = printed_password(seed())
    user = authenticate(RequestFactory().post("/"), username="demo", password=password)
    assert user is not None and user.is_active
    assert not user.is_staff and not user.is_superuser
    assert user.clinician_profile.paper_size == ClinicianProfile.PaperSize.A4
    assert user.clinician_profile.display_name


def test_seed_demo_is_idempotent():
    first = printed_password(seed())
    second = printed_password(seed())
    assert first == second
    assert get_user_model().objects.filter(username="demo").count() == 1
    assert ClinicianProfile.objects.filter(user__username="demo").count() == 1


def test_seed_demo_restores_a_changed_demo_password():
    password = printed_password(seed())
    user = get_user_model().objects.get(username="demo")
    user.set_password("something-else-entirely")
    user.save()
    assert printed_password(seed()) == password
    user.refresh_from_db()
    assert user.check_password(password)
