"""
Shared fixtures. Keep this light: a fixture that one area needs lives in that area's
conftest.py; helpers, factories and set-ups shared as plain functions live in tests/support/.

- clinician / other_clinician: active users with a ClinicianProfile (password: DEFAULT_PASSWORD)
- client_logged_in: a django.test.Client signed in as `clinician` (pytest-django's own `client`
  fixture stays the anonymous one); tests/support/auth.py's browser_for(user) signs in anyone
"""

import pytest

from tests.support.auth import browser_for
from tests.support.factories import ClinicianProfileFactory


@pytest.fixture
def clinician(db):
    return ClinicianProfileFactory().user


@pytest.fixture
def other_clinician(db):
    return ClinicianProfileFactory().user


@pytest.fixture
def client_logged_in(clinician):
    return browser_for(clinician)
