"""
Two-factor sign-in pages: the code step after the password, set-up, recovery codes, turning off.

planner.middleware.TwoFactorMiddleware sends a session that still owes a code here (or to set-up
when settings.PLANNER_REQUIRE_2FA is on); these views do the rest through
planner.services.twofactor.
"""

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from planner.forms.twofactor import OTPTokenForm, TwoFactorDisableForm
from planner.services import twofactor as services

WRONG_CODE = gettext_lazy(
    "That code is not valid. Check the time on your phone, or use a recovery code."
)


def _next_url(request) -> str:
    """Return the page the clinician was going to, if it is on this site, else the start page."""
    candidate = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@login_required
@require_http_methods(["GET", "POST"])
def twofactor_verify(request):
    """The second step of signing in: a code from the authenticator app or a recovery code."""
    if request.user.is_verified() or not services.twofactor_enabled(user=request.user):
        return redirect(_next_url(request))
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = services.twofactor_verify(request=request, token=form.cleaned_data["token"])
        if result is services.VerifyResult.OK:
            return redirect(_next_url(request))
        if result is services.VerifyResult.WAIT:
            form.add_error("token", _("Too many wrong codes. Wait a minute, then try again."))
        else:
            form.add_error("token", WRONG_CODE)
    return render(request, "planner/twofactor_verify.html", {
        "form": form, "next": _next_url(request),
    })


@login_required
@require_http_methods(["GET", "POST"])
def twofactor_setup(request):
    """Set up an authenticator app: show its secret (text and QR code), confirm with a code."""
    if services.twofactor_device(user=request.user) is not None:
        messages.info(request, _("Two-factor sign-in is already on for your account."))
        return redirect("planner:profile")
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.twofactor_enrol(request=request, token=form.cleaned_data["token"])
        if codes is not None:
            return render(request, "planner/twofactor_recovery_codes.html", {
                "codes": codes, "enrolled": True, "next": _next_url(request),
            })
        form.add_error("token", _("That code is not valid. Check the time on your phone and "
                                  "enter the code the app shows now."))
    uri, secret = services.twofactor_setup_uri(
        user=request.user, key=services.twofactor_setup_key(request=request)
    )
    qr_code = segno.make(uri, error="m").svg_data_uri(scale=4, light="white")
    return render(request, "planner/twofactor_setup.html", {
        "form": form, "otpauth_uri": uri, "secret": secret, "qr_code": qr_code,
        "required": settings.PLANNER_REQUIRE_2FA, "next": _next_url(request),
        # Grouped in fours, as authenticator apps show it, for typing by hand.
        "secret_groups": [secret[i:i + 4] for i in range(0, len(secret), 4)],
    })


@login_required
@require_POST
def twofactor_recovery_codes(request):
    """Replace the recovery codes with ten new ones, shown once."""
    if services.twofactor_device(user=request.user) is None:
        return redirect("planner:profile")
    codes = services.twofactor_recovery_codes_renew(request=request)
    return render(request, "planner/twofactor_recovery_codes.html", {
        "codes": codes, "enrolled": False,
    })


@login_required
@require_http_methods(["GET", "POST"])
def twofactor_disable(request):
    """Turn two-factor sign-in off after the password is given again (unless mandatory)."""
    if settings.PLANNER_REQUIRE_2FA:
        messages.error(request, _("Two-factor sign-in is required on this site."))
        return redirect("planner:profile")
    if not services.twofactor_enabled(user=request.user):
        return redirect("planner:profile")
    form = TwoFactorDisableForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.twofactor_disable(request=request)
        messages.success(request, _("Two-factor sign-in is off."))
        return redirect("planner:profile")
    return render(request, "planner/twofactor_disable.html", {"form": form})
