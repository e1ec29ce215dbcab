"""The admin: for active superusers only; they create and deactivate clinician accounts."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from planner.models import ClinicianProfile
from tests.support.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 16)
    browser = Client()
    browser.force_login(admin)
    return browser


def test_clinicians_and_staff_without_superuser_cannot_open_the_admin(client_logged_in):
    staff = UserFactory(is_staff=True)
    staff_client = Client()
    staff_client.force_login(staff)
    for browser in (client_logged_in, staff_client):
        response = browser.get(reverse("admin:index"))
        assert response.status_code == 302
        assert response.headers["Location"].startswith(reverse("admin:login"))


def test_superuser_creates_a_clinician_account(superuser_client):
    response = superuser_client.post(
        reverse("admin:auth_user_add"),
        {"username": "newclinician", "password1": "a-long-enough-pass", "password2":
         "a-long-enough-pass", "usable_password": "true"},
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="newclinician")
    assert user.check_password("a-long-enough-pass")
    change_page = superuser_client.get(reverse("admin:auth_user_change", args=[user.pk]))
    assert b"clinician_profile-0-paper_size" in change_page.content


def test_superuser_deactivates_a_clinician_who_then_cannot_log_in(superuser_client, clinician):
    profile = clinician.clinician_profile
    data = {
        "username": clinician.username,
        "email": clinician.email,
        "date_joined_0": clinician.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": clinician.date_joined.strftime("%H:%M:%S"),
        # "is_active" is left out: the unticked checkbox.
        "clinician_profile-TOTAL_FORMS": "1",
        "clinician_profile-INITIAL_FORMS": "1",
        "clinician_profile-MIN_NUM_FORMS": "0",
        "clinician_profile-MAX_NUM_FORMS": "1",
        "clinician_profile-0-id": str(profile.pk),
        "clinician_profile-0-user": str(clinician.pk),
        "clinician_profile-0-display_name": profile.display_name,
        "clinician_profile-0-paper_size": profile.paper_size,
        "clinician_profile-0-measurement_units": profile.measurement_units,
    }
    response = superuser_client.post(reverse("admin:auth_user_change", args=[clinician.pk]), data)
    assert response.status_code == 302
    clinician.refresh_from_db()
    assert clinician.is_active is False
    assert ClinicianProfile.objects.filter(user=clinician).count() == 1
    browser = Client()
    browser.post(reverse("login"), {"username": clinician.username, "password": DEFAULT_PASSWORD})
    assert "_auth_user_id" not in browser.session
