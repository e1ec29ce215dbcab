"""Every response carries the CSP and the security headers; pages load nothing inline or remote."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.support.factories import DEFAULT_PASSWORD

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
}

ANONYMOUS_PAGES = [
    ("get", "login"),
    ("get", "password_reset"),
    ("get", "/no-such-page/"),
    ("post", "login"),  # a failed login re-renders the form
]
SIGNED_IN_PAGES = [
    ("get", "planner:home"),
    ("get", "planner:profile"),
    ("get", "password_change"),
    ("get", "/no-such-page/"),
    ("post", "logout"),
]


def _url(name):
    return name if name.startswith("/") else reverse(name)


def parse_csp(header: str) -> dict[str, str]:
    directives = [part.strip().split(None, 1) for part in header.split(";") if part.strip()]
    return {name: value for name, value in directives}


def assert_security_headers(response):
    csp = parse_csp(response.headers["Content-Security-Policy"])
    for directive, value in EXPECTED_CSP.items():
        assert csp[directive] == value, directive
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "no-store" in response.headers["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "name"), ANONYMOUS_PAGES)
def test_anonymous_responses_carry_the_security_headers(client, method, name):
    response = getattr(client, method)(_url(name))
    assert_security_headers(response)


@pytest.mark.parametrize(("method", "name"), SIGNED_IN_PAGES)
def test_signed_in_responses_carry_the_security_headers_and_no_store(
    client_logged_in, method, name
):
    response = getattr(client_logged_in, method)(_url(name))
    assert_security_headers(response)


def test_admin_pages_carry_the_security_headers(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 16)
    client.force_login(admin)
    assert_security_headers(client.get(reverse("admin:index")))


@pytest.mark.django_db
def test_hsts_is_sent_on_https_for_a_year(client):
    response = client.get(reverse("login"), secure=True)
    hsts = response.headers["Strict-Transport-Security"]
    max_age = int(re.search(r"max-age=(\d+)", hsts).group(1))
    assert max_age >= 365 * 24 * 3600
    assert "includeSubDomains" in hsts


@pytest.mark.parametrize("name", ["planner:home", "planner:profile", "password_change"])
def test_pages_have_no_inline_script_and_load_assets_only_from_static(client_logged_in, name):
    html = client_logged_in.get(reverse(name)).content.decode()
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts, "the layout loads Bootstrap's and the app's JavaScript"
    for attributes, body in scripts:
        assert 'src="/static/' in attributes
        assert body.strip() == ""
    assert not re.search(r"\son[a-z]+\s*=", html), "inline event handler"
    assert not re.search(r"\sstyle\s*=", html), "inline style attribute"
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert stylesheets and all(href.startswith("/static/") for href in stylesheets)
    assert "//cdn" not in html and "https://" not in html.split("<body", 1)[0]


@pytest.mark.django_db
def test_bootstrap_is_served_from_static(client):
    for path in ["/static/vendor/bootstrap/bootstrap.min.css",
                 "/static/vendor/bootstrap/bootstrap.bundle.min.js"]:
        response = client.get(path)
        assert response.status_code == 200, path
        body = b"".join(response.streaming_content)
        assert b"Bootstrap" in body[:200]


def test_session_cookie_is_httponly_secure_and_lax(client, clinician):
    response = client.post(
        reverse("login"), {"username": clinician.username, "password": DEFAULT_PASSWORD}
    )
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["secure"] is True
    assert cookie["samesite"] == "Lax"


def test_csrf_failure_explains_itself_with_the_app_layout(clinician):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        reverse("login"), {"username": clinician.username, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()
    assert_security_headers(response)
