from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from planner.forms.accounts import ClinicianProfileForm
from planner.services.accounts import clinician_profile_get_or_create, clinician_profile_update
from planner.services.twofactor import twofactor_device, twofactor_recovery_codes_left


@login_required
@require_http_methods(["GET"])
def home(request):
    """Start page after sign-in (the client list replaces it as the landing page later)."""
    profile = clinician_profile_get_or_create(user=request.user)
    return render(request, "planner/home.html", {"profile": profile})


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    """Show and edit the signed-in clinician's profile (what handouts print)."""
    profile = clinician_profile_get_or_create(user=request.user)
    form = ClinicianProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        clinician_profile_update(profile=profile, request=request, **form.cleaned_data)
        messages.success(request, _("Your profile was saved."))
        return redirect("planner:profile")
    return render(request, "planner/clinicianprofile_form.html", {
        "form": form,
        "profile": profile,
        "twofactor_on": twofactor_device(user=request.user) is not None,
        "recovery_codes_left": twofactor_recovery_codes_left(user=request.user),
        "twofactor_required": settings.PLANNER_REQUIRE_2FA,
    })
