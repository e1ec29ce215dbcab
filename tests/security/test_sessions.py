"""
Sessions end on the server: logout, password change, password reset, deactivation (S5).

tests/web/accounts/test_accounts.py covers the basics (new key at login, the replayed cookie
after logout, the other device after a password change, the 30-minute idle limit); these go
further.
"""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.support import auth
from tests.support.auth import clock_shifted
from tests.support.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-brand-new-long-passphrase"
HOME = "planner:home"


def log_in(browser, user):
    """Sign in through the real login form; return the new session's key."""
    response = auth.log_in(browser, user)
    assert response.status_code == 302
    return browser.cookies["sessionid"].value


def sent_to_login(response):
    return response.status_code == 302 and response.headers["Location"].startswith(
        reverse("login")
    )


def test_logout_deletes_the_session_on_the_server(clinician):
    browser = Client()
    key = log_in(browser, clinician)
    assert Session.objects.filter(session_key=key).exists()
    browser.post(reverse("logout"))
    assert not Session.objects.filter(session_key=key).exists()
    replay = Client()
    replay.cookies["sessionid"] = key
    assert sent_to_login(replay.get(reverse(HOME)))
    assert SESSION_KEY not in replay.session


def test_password_change_keeps_this_verified_session_and_ends_the_others(clinician):
    device = TOTPDevice.objects.create(user=clinician, name="authenticator", confirmed=True)
    browsers = [Client(), Client()]
    for step, browser in enumerate(browsers):
        log_in(browser, clinician)
        code = f"{totp(device.bin_key, drift=step):06d}"  # each code works once
        assert browser.post(reverse("planner:twofactor_verify"), {"token": code}).status_code == 302
        assert browser.get(reverse(HOME)).status_code == 200
    this, other = browsers
    response = this.post(reverse("password_change"), {
        "old_password": DEFAULT_PASSWORD, "new_password1": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD,
    })
    assert response.headers["Location"] == reverse("password_change_done")
    # This session stays signed in and still counts as having given its code...
    assert this.get(reverse(HOME)).status_code == 200
    # ...while the other one is signed out: its stored password hash no longer matches.
    assert sent_to_login(other.get(reverse(HOME)))


def test_a_password_reset_ends_every_session(clinician):
    signed_in = Client()
    log_in(signed_in, clinician)
    stranger = Client()
    stranger.post(reverse("password_reset"), {"email": clinician.email})
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    set_url = stranger.get(link, follow=True).redirect_chain[-1][0]
    stranger.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert sent_to_login(signed_in.get(reverse(HOME)))
    assert SESSION_KEY not in stranger.session  # the reset does not sign the stranger in


def test_a_password_set_by_an_administrator_ends_the_clinicians_sessions(
    clinician, django_user_model
):
    signed_in = Client()
    log_in(signed_in, clinician)
    root = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 16)
    admin = Client()
    admin.force_login(root)
    response = admin.post(reverse("admin:auth_user_password_change", args=[clinician.pk]), {
        "password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true",
    })
    assert response.status_code == 302
    assert sent_to_login(signed_in.get(reverse(HOME)))


def test_deactivating_a_clinician_ends_their_live_session(clinician):
    signed_in = Client()
    log_in(signed_in, clinician)
    assert signed_in.get(reverse(HOME)).status_code == 200
    clinician.is_active = False
    clinician.save(update_fields=["is_active"])
    assert sent_to_login(signed_in.get(reverse(HOME)))


# --- idle expiry, refreshed at most once a minute (SessionIdleRefreshMiddleware) --------------


def session_expiry(key):
    return Session.objects.get(session_key=key).expire_date


def test_activity_moves_the_idle_expiry_on_at_most_once_a_minute(clinician):
    browser = Client()
    key = log_in(browser, clinician)
    signed_in_expiry = session_expiry(key)
    # Within the minute the session row is not written again...
    with clock_shifted(timedelta(seconds=30)):
        assert browser.get(reverse(HOME)).status_code == 200
    assert session_expiry(key) == signed_in_expiry
    # ...after it, the request moves the expiry to 30 minutes from then.
    with clock_shifted(timedelta(seconds=90)) as now:
        assert browser.get(reverse(HOME)).status_code == 200
    assert session_expiry(key) == now + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert browser.cookies["sessionid"].value == key


def test_the_first_pages_after_signing_in_write_nothing_to_the_session(clinician):
    browser = Client()
    key = log_in(browser, clinician)
    signed_in_expiry = session_expiry(key)
    for _ in range(3):
        assert browser.get(reverse(HOME)).status_code == 200
    assert session_expiry(key) == signed_in_expiry


def test_a_session_idle_for_30_minutes_after_its_last_refresh_is_gone(clinician):
    browser = Client()
    log_in(browser, clinician)
    # Seen 40 s after signing in (no refresh yet), then nothing: the limit counts from sign-in.
    with clock_shifted(timedelta(seconds=40)):
        assert browser.get(reverse(HOME)).status_code == 200
    with clock_shifted(timedelta(minutes=30, seconds=1)):
        assert sent_to_login(browser.get(reverse(HOME)))


def test_anonymous_requests_create_no_session(db):
    browser = Client()
    assert browser.get(reverse("login")).status_code == 200
    assert not Session.objects.exists()
    assert "sessionid" not in browser.cookies
