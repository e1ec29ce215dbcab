"""
Shared fixtures. Keep this light; add area-specific fixtures next to the tests that use them.

- clinician / other_clinician: active users with a ClinicianProfile (password: DEFAULT_PASSWORD)
- client_logged_in: a django.test.Client signed in as `clinician` (pytest-django's own `client`
  fixture stays the anonymous one)
"""

import pytest
from django.test import Client

from tests.support.factories import ClinicianProfileFactory


@pytest.fixture
def clinician(db):
    return ClinicianProfileFactory().user


@pytest.fixture
def other_clinician(db):
    return ClinicianProfileFactory().user


@pytest.fixture
def client_logged_in(clinician):
    logged_in = Client()
    logged_in.force_login(clinician)
    return logged_in
