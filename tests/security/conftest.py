"""Fixtures of the security tests (the shared ones are in tests/conftest.py)."""

import pytest

from tests.support.auth import browser_for


@pytest.fixture
def browser(clinician):
    """A test client signed in as `clinician` whose requests come back as responses, 500s
    included (raise_request_exception=False): what a hostile or failing request shows."""
    return browser_for(clinician, raise_request_exception=False)
