"""
With DEBUG off, errors show a friendly page: no traceback, no settings, no client data (R9).
"""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.security.urls_errors import SECRET

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.security.urls_errors")]

TECHNICAL = ("Traceback", 'File "', "Django Version", "Request Method", "Exception Value",
             "settings.py", "DEBUG = True", "site-packages", "RuntimeError", "raise_")

EXPECTED = {
    400: "The request could not be handled",
    403: "Not allowed",
    404: "Page not found",
    500: "Something went wrong",
}


def assert_friendly(response, status):
    assert response.status_code == status
    body = response.content.decode()
    assert EXPECTED[status] in body
    for marker in TECHNICAL:
        assert marker not in body, marker
    assert "Jane Roe" not in body and "PHQ" not in body
    assert response.headers["Content-Type"].startswith("text/html")
    return body


@override_settings(DEBUG=False)
@pytest.mark.parametrize("status", [400, 403, 404, 500])
def test_error_pages_are_friendly_and_leak_nothing(browser, status):
    assert_friendly(browser.get(f"/test-errors/{status}/"), status)


@override_settings(DEBUG=False)
@pytest.mark.parametrize("status", [400, 403, 404, 500])
def test_error_pages_for_anonymous_visitors_too(status):
    anonymous = Client(raise_request_exception=False)
    assert_friendly(anonymous.get(f"/test-errors/{status}/"), status)


@override_settings(DEBUG=False)
def test_the_500_page_needs_no_request_context_or_database(browser, clinician):
    body = assert_friendly(browser.get("/test-errors/500/"), 500)
    assert clinician.username not in body  # static: not even the signed-in name
    assert "{%" not in body and "{{" not in body


@override_settings(DEBUG=False)
def test_an_unknown_address_is_a_friendly_404(browser):
    assert_friendly(browser.get("/no/such/page/"), 404)


@override_settings(DEBUG=False)
def test_a_forged_host_header_is_a_friendly_400(browser):
    assert_friendly(browser.get(reverse("planner:profile"), HTTP_HOST="evil.example"), 400)


@override_settings(DEBUG=False)
def test_a_missing_csrf_token_is_a_friendly_403(clinician):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(clinician)
    response = strict.post(reverse("planner:profile"), {"display_name": SECRET})
    assert response.status_code == 403
    body = response.content.decode()
    assert "This form has expired" in body
    assert "Jane Roe" not in body and "CSRF" not in body
