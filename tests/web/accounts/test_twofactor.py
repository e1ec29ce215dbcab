"""Two-factor sign-in (django-otp): enrolment, the code step, recovery codes, mandatory mode."""

import re
from base64 import b32decode
from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from planner.models import AuditEvent
from tests.support.auth import clock_shifted, log_in
from tests.support.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

RECOVERY_CODES = ["abcd2345", "efgh6723"]


def code_for(key: bytes, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows now (or that many 30-second steps later)."""
    return f"{totp(key, drift=steps_ahead):06d}"


def verify(browser, token, next_url=""):
    data = {"token": token}
    if next_url:
        data["next"] = next_url
    return browser.post(reverse("planner:twofactor_verify"), data)


@pytest.fixture
def device(clinician):
    """A confirmed authenticator and two recovery codes for `clinician`."""
    totp_device = TOTPDevice.objects.create(user=clinician, name="authenticator", confirmed=True)
    static = StaticDevice.objects.create(user=clinician, name="recovery codes", confirmed=True)
    for code in RECOVERY_CODES:
        StaticToken.objects.create(device=static, token=code)
    return totp_device


@pytest.fixture
def password_only(client, clinician, device):
    """A browser that has given the right password but no code yet."""
    response = log_in(client, clinician)
    assert response.status_code == 302
    assert SESSION_KEY in client.session
    return client


def redirects_to(response, url_name):
    return response.status_code == 302 and response.headers["Location"].startswith(
        reverse(url_name)
    )


# --- enrolment --------------------------------------------------------------------------------


def secret_on(page) -> bytes:
    match = re.search(r'data-testid="secret">([A-Z2-7 ]+)</code>', page.content.decode())
    return b32decode(match.group(1).replace(" ", ""))


def test_a_clinician_enrols_from_the_profile_page(client_logged_in, clinician):
    profile = client_logged_in.get(reverse("planner:profile")).content.decode()
    assert "Two-factor sign-in" in profile
    assert reverse("planner:twofactor_setup") in profile
    page = client_logged_in.get(reverse("planner:twofactor_setup"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "otpauth://totp/" in body and "issuer=Exercise%20planner" in body
    assert 'src="data:image/svg+xml' in body  # the QR code, drawn on the server
    assert not TOTPDevice.objects.exists()  # nothing is stored until a code proves the set-up
    key = secret_on(page)

    response = client_logged_in.post(reverse("planner:twofactor_setup"),
                                     {"token": code_for(key)})
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    device = TOTPDevice.objects.get(user=clinician)
    assert device.confirmed and device.bin_key == key
    assert sorted(StaticToken.objects.filter(device__user=clinician)
                  .values_list("token", flat=True)) == sorted(codes)
    event = AuditEvent.objects.get(action="create", object_type="totp_device")
    assert (event.actor_id, event.object_id) == (clinician.pk, str(device.pk))
    assert key.hex() not in str(AuditEvent.objects.values())
    # This session counts as verified; the profile now says so.
    profile = client_logged_in.get(reverse("planner:profile"))
    assert profile.status_code == 200
    assert "10 unused recovery codes left" in profile.content.decode()
    # A second set-up is refused while one exists.
    again = client_logged_in.get(reverse("planner:twofactor_setup"))
    assert again.headers["Location"] == reverse("planner:profile")


def test_enrolment_with_a_wrong_code_stores_nothing(client_logged_in):
    page = client_logged_in.get(reverse("planner:twofactor_setup"))
    key = secret_on(page)
    wrong = f"{(int(code_for(key)) + 1) % 1_000_000:06d}"
    for token in (wrong, "abcdef", "", "1" * 40, "12\x0034"):
        response = client_logged_in.post(reverse("planner:twofactor_setup"), {"token": token})
        assert response.status_code == 200
        assert "is-invalid" in response.content.decode()
    assert not TOTPDevice.objects.exists() and not StaticDevice.objects.exists()
    # The same key is offered until set-up succeeds, so a reload does not break a scanned code.
    assert secret_on(client_logged_in.get(reverse("planner:twofactor_setup"))) == key


def test_enrol_then_sign_in_again_needs_a_code(client, clinician):
    log_in(client, clinician)
    key = secret_on(client.get(reverse("planner:twofactor_setup")))
    client.post(reverse("planner:twofactor_setup"), {"token": code_for(key)})
    client.post(reverse("logout"))

    log_in(client, clinician)
    assert redirects_to(client.get(reverse("planner:home")), "planner:twofactor_verify")
    # The code used at enrolment cannot be replayed; the next one works.
    assert verify(client, code_for(key)).status_code == 200
    with clock_shifted(timedelta(seconds=5)):  # past the 1-second wait after a wrong code
        assert redirects_to(verify(client, code_for(key, steps_ahead=1)), "planner:home")
    assert client.get(reverse("planner:home")).status_code == 200


# --- the code step at sign-in -----------------------------------------------------------------


@pytest.mark.parametrize("url_name", [
    "planner:home", "planner:profile", "planner:twofactor_setup", "password_change",
    "admin:index",
])
def test_after_the_password_every_page_waits_for_the_code(password_only, url_name):
    response = password_only.get(reverse(url_name))
    assert redirects_to(response, "planner:twofactor_verify")
    assert response.headers["Location"].endswith(f"?next={reverse(url_name)}")
    assert password_only.post(reverse(url_name)).status_code == 302


def test_login_with_the_right_code_opens_the_app_and_is_audited(password_only, clinician, device):
    key_before = password_only.cookies["sessionid"].value
    page = password_only.get(reverse("planner:twofactor_verify"))
    assert page.status_code == 200
    assert 'autocomplete="one-time-code"' in page.content.decode()
    response = verify(password_only, code_for(device.bin_key), next_url=reverse("planner:profile"))
    assert response.headers["Location"] == reverse("planner:profile")
    assert password_only.get(reverse("planner:home")).status_code == 200
    assert password_only.cookies["sessionid"].value != key_before  # new key at each step
    logins = list(AuditEvent.objects.filter(action="login").order_by("id")
                  .values_list("actor_id", "detail"))
    assert logins == [(clinician.pk, ""), (clinician.pk, "otp")]


def test_a_wrong_code_fails_and_is_audited(password_only, clinician, device):
    wrong = f"{(int(code_for(device.bin_key)) + 500_000) % 1_000_000:06d}"
    response = verify(password_only, wrong)
    assert response.status_code == 200
    assert "That code is not valid" in response.content.decode()
    assert redirects_to(password_only.get(reverse("planner:home")), "planner:twofactor_verify")
    failed = AuditEvent.objects.get(action="login_failed")
    assert (failed.actor_id, failed.object_id, failed.detail) == (
        clinician.pk, str(clinician.pk), "otp"
    )
    assert wrong not in str(AuditEvent.objects.values())


def test_wrong_codes_slow_down_the_next_try(password_only, device):
    verify(password_only, "000000" if code_for(device.bin_key) != "000000" else "111111")
    # Even the right code waits a second after one wrong one (then 2, 4, 8... seconds).
    response = verify(password_only, code_for(device.bin_key))
    assert response.status_code == 200
    assert "Too many wrong codes" in response.content.decode()
    with clock_shifted(timedelta(seconds=2)):
        assert redirects_to(verify(password_only, code_for(device.bin_key)), "planner:home")


def test_an_off_site_next_is_ignored(password_only, device):
    response = verify(password_only, code_for(device.bin_key), next_url="https://evil.example/")
    assert response.headers["Location"] == reverse("planner:home")


def test_a_recovery_code_works_once(client, clinician, device):
    log_in(client, clinician)
    # Typed in capitals with a space: still accepted.
    assert redirects_to(verify(client, "ABCD 2345"), "planner:home")
    assert client.get(reverse("planner:home")).status_code == 200
    assert AuditEvent.objects.filter(action="login", detail="otp recovery code").count() == 1
    client.post(reverse("logout"))

    log_in(client, clinician)
    assert verify(client, "abcd2345").status_code == 200  # used up
    assert redirects_to(client.get(reverse("planner:home")), "planner:twofactor_verify")
    assert list(StaticToken.objects.values_list("token", flat=True)) == ["efgh6723"]


def test_new_recovery_codes_replace_the_old_ones(client, clinician, device):
    log_in(client, clinician)
    verify(client, code_for(device.bin_key))
    response = client.post(reverse("planner:twofactor_recovery_codes"))
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(codes) == 10
    assert not StaticToken.objects.filter(token__in=RECOVERY_CODES).exists()
    assert client.get(reverse("planner:twofactor_recovery_codes")).status_code == 405
    client.post(reverse("logout"))
    log_in(client, clinician)
    assert redirects_to(verify(client, codes[0]), "planner:home")


def test_a_clinician_without_a_device_signs_in_with_the_password_alone(client, clinician):
    log_in(client, clinician)
    assert client.get(reverse("planner:home")).status_code == 200
    assert redirects_to(client.get(reverse("planner:twofactor_verify")), "planner:home")


def test_turning_it_off_needs_the_password(client, clinician, device):
    log_in(client, clinician)
    verify(client, code_for(device.bin_key))
    wrong = client.post(reverse("planner:twofactor_disable"), {"password": "not-it"})
    assert "entered incorrectly" in wrong.content.decode()
    assert TOTPDevice.objects.filter(user=clinician).exists()
    right = client.post(reverse("planner:twofactor_disable"), {"password": DEFAULT_PASSWORD})
    assert right.headers["Location"] == reverse("planner:profile")
    assert not TOTPDevice.objects.exists() and not StaticDevice.objects.exists()
    assert AuditEvent.objects.filter(action="change", detail="2fa removed").count() == 1
    fresh = Client()
    log_in(fresh, clinician)
    assert fresh.get(reverse("planner:home")).status_code == 200


# --- mandatory mode (DJANGO_REQUIRE_2FA) ------------------------------------------------------


@override_settings(PLANNER_REQUIRE_2FA=True)
def test_mandatory_mode_sends_a_clinician_without_a_device_to_enrolment(client, clinician):
    log_in(client, clinician)
    for url_name in ("planner:home", "planner:profile", "password_change", "admin:index"):
        assert redirects_to(client.get(reverse(url_name)), "planner:twofactor_setup"), url_name
    page = client.get(reverse("planner:twofactor_setup"))
    assert "requires two-factor sign-in" in page.content.decode()
    client.post(reverse("planner:twofactor_setup"), {"token": code_for(secret_on(page))})
    assert client.get(reverse("planner:home")).status_code == 200
    # ...and it cannot be turned off.
    response = client.post(reverse("planner:twofactor_disable"), {"password": DEFAULT_PASSWORD})
    assert response.headers["Location"] == reverse("planner:profile")
    assert TOTPDevice.objects.filter(user=clinician).exists()


@override_settings(PLANNER_REQUIRE_2FA=True)
def test_mandatory_mode_still_lets_a_clinician_log_out(client, clinician):
    log_in(client, clinician)
    response = client.post(reverse("logout"))
    assert response.headers["Location"] == reverse("login")
    assert SESSION_KEY not in client.session


def test_the_setting_comes_from_the_environment():
    from tests.support.commands import TEST_SECRET_KEY, run_manage

    code = "from django.conf import settings; print(settings.PLANNER_REQUIRE_2FA)"
    shell = ["shell", "--no-imports", "-c", code]
    env = {"DJANGO_SECRET_KEY": TEST_SECRET_KEY}
    assert run_manage(*shell, env=env).stdout.strip() == "False"
    assert run_manage(*shell, env={**env, "DJANGO_REQUIRE_2FA": "true"}).stdout.strip() == "True"


# --- whether a clinician has a second factor (asked on every request before the code) ------


@pytest.mark.parametrize(
    ("authenticator", "recovery_codes", "expected"),
    [
        (None, None, False),
        (False, None, False),  # an authenticator still being set up does not count
        (True, None, True),
        (None, True, True),  # recovery codes alone are a second factor
        (None, False, False),
        (True, True, True),
    ],
)
def test_twofactor_enabled_asks_one_query(clinician, other_clinician,
                                          django_assert_num_queries,
                                          authenticator, recovery_codes, expected):
    from planner.services.twofactor import twofactor_enabled

    # Another clinician's devices never count.
    TOTPDevice.objects.create(user=other_clinician, name="authenticator", confirmed=True)
    StaticDevice.objects.create(user=other_clinician, name="recovery codes", confirmed=True)
    if authenticator is not None:
        TOTPDevice.objects.create(user=clinician, name="authenticator", confirmed=authenticator)
    if recovery_codes is not None:
        StaticDevice.objects.create(user=clinician, name="recovery codes",
                                    confirmed=recovery_codes)
    with django_assert_num_queries(1):
        assert twofactor_enabled(user=clinician) is expected
