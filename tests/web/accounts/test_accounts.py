"""Sign-in, sign-out, passwords, sessions, lockout and the profile page, through the real views."""

import re
from datetime import timedelta

from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.test import Client
from django.urls import reverse

from planner.models import AuditEvent, ClinicianProfile
from tests.support.auth import clock_shifted, log_in
from tests.support.factories import DEFAULT_PASSWORD, UserFactory

NEW_PASSWORD = "a-brand-new-long-passphrase"
LOGIN_ERROR = "Please enter a correct username and password"


def is_signed_in(client) -> bool:
    return SESSION_KEY in client.session


# --- login and logout -------------------------------------------------------------------------


def test_login_with_the_right_password_signs_in_and_goes_to_the_start_page(client, clinician):
    response = log_in(client, clinician.username)
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("planner:home")
    assert int(client.session[SESSION_KEY]) == clinician.pk
    assert client.get(reverse("planner:home")).status_code == 200


def test_login_with_a_wrong_password_shows_an_error(client, clinician):
    response = log_in(client, clinician.username, "not-the-password")
    assert response.status_code == 200
    assert LOGIN_ERROR in response.content.decode()
    assert not is_signed_in(client)


def test_inactive_clinician_cannot_log_in(client, clinician):
    clinician.is_active = False
    clinician.save()
    log_in(client, clinician.username)
    assert not is_signed_in(client)


def test_login_issues_a_new_session_key(client, clinician):
    session = client.session
    session["before_login"] = True
    session.save()
    key_before = client.cookies["sessionid"].value
    log_in(client, clinician.username)
    assert client.cookies["sessionid"].value != key_before
    assert is_signed_in(client)


def test_logout_ends_the_session(client, clinician):
    log_in(client, clinician.username)
    old_key = client.cookies["sessionid"].value
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("login")
    assert not is_signed_in(client)
    # The old session cookie is dead, even if replayed.
    replay = Client()
    replay.cookies["sessionid"] = old_key
    assert replay.get(reverse("planner:home")).status_code == 302


def test_logout_is_post_only(client_logged_in):
    assert client_logged_in.get(reverse("logout")).status_code == 405


def test_login_requires_csrf_token(clinician):
    strict = Client(enforce_csrf_checks=True)
    response = log_in(strict, clinician.username)
    assert response.status_code == 403
    assert not is_signed_in(strict)


# Every page needing a signed-in clinician (anonymous -> login) is proven by the URLconf walk in
# tests/security/test_access_matrix.py, together with the other-clinician 404 matrix.


# --- passwords --------------------------------------------------------------------------------


def test_password_change_takes_effect_and_ends_other_sessions(client, clinician):
    other_device = Client()
    log_in(other_device, clinician.username)
    log_in(client, clinician.username)
    response = client.post(
        reverse("password_change"),
        {"old_password": DEFAULT_PASSWORD, "new_password1": NEW_PASSWORD,
         "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("password_change_done")
    assert client.get(reverse("planner:home")).status_code == 200  # this session lives on
    assert other_device.get(reverse("planner:home")).status_code == 302  # the other one ended
    fresh = Client()
    log_in(fresh, clinician.username, DEFAULT_PASSWORD)
    assert not is_signed_in(fresh)
    log_in(fresh, clinician.username, NEW_PASSWORD)
    assert is_signed_in(fresh)


def test_password_change_rejects_short_passwords(client_logged_in):
    response = client_logged_in.post(
        reverse("password_change"),
        {"old_password": DEFAULT_PASSWORD, "new_password1": "short-pw1",
         "new_password2": "short-pw1"},
    )
    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()


def test_password_reset_by_email_link(client, clinician):
    response = client.post(reverse("password_reset"), {"email": clinician.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.headers["Location"] == reverse("password_reset_complete")
    fresh = Client()
    log_in(fresh, clinician.username, NEW_PASSWORD)
    assert is_signed_in(fresh)


# --- sessions ---------------------------------------------------------------------------------


def test_an_idle_session_expires_after_30_minutes(client, clinician):
    log_in(client, clinician.username)
    home = reverse("planner:home")
    # Activity keeps the session alive: each request moves the expiry 30 minutes on...
    with clock_shifted(timedelta(minutes=29)):
        assert client.get(home).status_code == 200
    with clock_shifted(timedelta(minutes=29 + 29)):
        assert client.get(home).status_code == 200
    # ...but 31 idle minutes after the last request, it is gone.
    with clock_shifted(timedelta(minutes=29 + 29 + 31)):
        response = client.get(home)
    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("login"))


# --- lockout (django-axes) --------------------------------------------------------------------


def fail_logins(client, username, times, **extra):
    return [log_in(client, username, "wrong-password", **extra) for _ in range(times)]


def test_five_failures_lock_and_then_even_the_right_password_fails(client, clinician):
    responses = fail_logins(client, clinician.username, 4)
    assert [r.status_code for r in responses] == [200] * 4
    assert all(LOGIN_ERROR in r.content.decode() for r in responses)
    fifth, sixth = fail_logins(client, clinician.username, 2)
    assert fifth.status_code == sixth.status_code == 429
    right = log_in(client, clinician.username)
    assert right.status_code == 429
    assert not is_signed_in(client)
    page = right.content.decode()
    assert "Too many failed log-in attempts" in page
    assert "locked for 15 minutes" in page


def test_lockout_is_per_username_and_ip(client, clinician, other_clinician):
    fail_logins(client, clinician.username, 5)
    # Same username from another address, and another username from the same address, still work.
    other_ip = Client(REMOTE_ADDR="10.0.0.7")
    log_in(other_ip, clinician.username)
    assert is_signed_in(other_ip)
    same_ip = Client()
    log_in(same_ip, other_clinician.username)
    assert is_signed_in(same_ip)


def test_lockout_ends_after_15_minutes(client, clinician):
    fail_logins(client, clinician.username, 5)
    with clock_shifted(timedelta(minutes=14)):
        assert log_in(client, clinician.username).status_code == 429
    with clock_shifted(timedelta(minutes=16)):
        response = log_in(client, clinician.username)
    assert response.status_code == 302
    assert is_signed_in(client)


# --- profile ----------------------------------------------------------------------------------


def test_profile_page_shows_the_profile(client_logged_in, clinician):
    response = client_logged_in.get(reverse("planner:profile"))
    assert response.status_code == 200
    assert clinician.clinician_profile.display_name in response.content.decode()


def test_profile_update_saves_and_audits(client_logged_in, clinician):
    data = {"display_name": "Dr Ana Ruiz", "profession": "Exercise physiologist",
            "organisation": "Clínica Sur", "handout_contact": "+34 600 000 000",
            "paper_size": "LETTER"}
    response = client_logged_in.post(reverse("planner:profile"), data)
    assert response.status_code == 302
    profile = ClinicianProfile.objects.get(user=clinician)
    assert (profile.display_name, profile.organisation, profile.paper_size) == (
        "Dr Ana Ruiz", "Clínica Sur", "LETTER"
    )
    event = AuditEvent.objects.get(action=AuditEvent.Action.CHANGE)
    assert (event.actor_id, event.object_type, event.object_id) == (
        clinician.pk, "clinician_profile", str(profile.pk)
    )
    followed = client_logged_in.get(reverse("planner:profile"))
    assert "Your profile was saved." in followed.content.decode()


def test_profile_update_rejects_an_unknown_paper_size(client_logged_in, clinician):
    response = client_logged_in.post(reverse("planner:profile"), {"paper_size": "A3"})
    assert response.status_code == 200
    assert "Choose one of the answers offered." in response.content.decode()
    assert ClinicianProfile.objects.get(user=clinician).paper_size == "A4"


def test_profile_is_created_on_first_visit(client, db):
    user = UserFactory()
    client.force_login(user)
    assert not ClinicianProfile.objects.filter(user=user).exists()
    assert client.get(reverse("planner:profile")).status_code == 200
    profile = ClinicianProfile.objects.get(user=user)
    assert profile.paper_size == ClinicianProfile.PaperSize.A4
    assert profile.name == user.get_full_name()
