"""Signing in: the login form as a browser posts it, a test client already signed in, and a
shifted clock for session expiry and lockout cool-off."""

import contextlib
from datetime import timedelta
from unittest import mock

from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone

from tests.support.factories import DEFAULT_PASSWORD


def log_in(browser, user, password=DEFAULT_PASSWORD, **extra):
    """Post the real login form for `user` (a User or a username); return the response."""
    username = getattr(user, "username", user)
    return browser.post(reverse("login"), {"username": username, "password": password}, **extra)


def browser_for(user, **options) -> Browser:
    """A test client (`options` as for django.test.Client) signed in as `user`, skipping the
    login form."""
    browser = Browser(**options)
    browser.force_login(user)
    return browser


@contextlib.contextmanager
def clock_shifted(delta: timedelta):
    """Run the block as if `delta` had passed: for session expiry and lockout cool-off."""
    shifted = timezone.now() + delta
    with (
        mock.patch("django.utils.timezone.now", return_value=shifted),
        mock.patch("axes.handlers.proxy.now", return_value=shifted),
        mock.patch("axes.attempts.now", return_value=shifted),
    ):
        yield shifted
