"""
Shared fixtures. Keep this light: a fixture that one area needs lives in that area's
conftest.py; helpers, factories and set-ups shared as plain functions live in tests/support/.

- clinician / other_clinician: active users with a ClinicianProfile (password: DEFAULT_PASSWORD)
- client_logged_in: a django.test.Client signed in as `clinician` (pytest-django's own `client`
  fixture stays the anonymous one); tests/support/auth.py's browser_for(user) signs in anyone
- gb_configured: the organisation's crisis regions are GB (tests/support/crisis_regions.py)
  and the built-in US, for one test
"""

import pytest

from planner.engine import crisis
from tests.support.auth import browser_for
from tests.support.crisis_regions import GB
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


@pytest.fixture
def gb_configured():
    """GB (Samaritans) configured besides the built-in US for the test, the default after."""
    crisis.configure_regions({"regions": [GB]})
    yield
    crisis.reset_regions()
