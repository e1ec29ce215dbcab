"""The clinic's own pages (issue 24): its home, members (invite, deactivate, settings) for leads
and administrators, its list of clients, the lead's audit trail, and the public page where an
invited colleague sets a password. Django's admin is not how a clinic manages its members."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from planner import permissions, selectors
from planner.forms.teams import (
    ClinicSettingsForm,
    DeactivateForm,
    InvitationAcceptForm,
    InvitationForm,
)
from planner.models import Role
from planner.presenters.activity import activity_rows
from planner.presenters.teams import colleague_choices, person_name
from planner.services import clinics
from planner.views.common import Action, add_service_errors, audit, method_not_allowed


@login_required
@require_http_methods(["GET"])
def clinic_home(request):
    """The user's clinic: its name, their role, and the clinic pages open to them."""
    membership = permissions.membership_of(request.user)
    return render(request, "planner/clinic_home.html", {
        "membership": membership,
        "can_manage": permissions.can_manage_members(request.user),
        "is_lead": permissions.is_lead(request.user),
        "sees_list": permissions.is_lead(request.user)
        or permissions.directory_scope(request.user) is not None,
        "cosign_waiting": selectors.cosign_waiting(request.user),
    })


def _members_context(request, *, invite_form=None, invitation_link=None, deactivate_error=None):
    membership = permissions.membership_of(request.user)
    supervisors = [m for m in selectors.clinic_colleagues(request.user)
                   if m.role in (Role.CLINICIAN, Role.LEAD)]
    return {
        "clinic": membership.clinic,
        "members": selectors.clinic_members(request.user),
        "invitations": selectors.invitation_list(request.user),
        "invite_form": invite_form or InvitationForm(supervisors=colleague_choices(supervisors)),
        "settings_form": ClinicSettingsForm(initial={
            "whole_clinic_sees_clients": membership.clinic.whole_clinic_sees_clients}),
        "invitation_link": invitation_link,
        "deactivate_error": deactivate_error,
        "is_lead": membership.role == Role.LEAD,
    }


def _require_manager(request) -> None:
    if not permissions.can_manage_members(request.user):
        raise PermissionDenied(clinics.NOT_A_MANAGER)


@login_required
@require_http_methods(["GET"])
def clinic_members(request):
    """Who is in the clinic; invite, deactivate, and the clinic's settings."""
    _require_manager(request)
    audit(request, Action.VIEW, "clinic", permissions.clinic_id_of(request.user), "members")
    return render(request, "planner/membership_list.html", _members_context(request))


@login_required
@require_http_methods(["POST"])
def member_invite(request):
    """Make a one-time link for a colleague; it is shown once, on this answer only."""
    _require_manager(request)
    supervisors = [m for m in selectors.clinic_colleagues(request.user)
                   if m.role in (Role.CLINICIAN, Role.LEAD)]
    form = InvitationForm(request.POST, supervisors=colleague_choices(supervisors))
    link = None
    if form.is_valid():
        try:
            _invitation, token = clinics.invitation_create(
                actor=request.user, name=form.cleaned_data["name"],
                role=form.cleaned_data["role"],
                supervisor_id=form.cleaned_data["supervisor"], request=request)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            link = request.build_absolute_uri(reverse("invitation_accept", args=[token]))
            form = None
    return render(request, "planner/membership_list.html",
                  _members_context(request, invite_form=form, invitation_link=link))


@login_required
def member_deactivate(request, pk):
    """Deactivate a member (POST): their sessions end; their clients were handed over first,
    or go to the acting lead."""
    if not permissions.can_manage_members(request.user) or not any(
            m.user_id == pk for m in selectors.clinic_members(request.user)):
        raise Http404("no such member of your clinic")
    if not_allowed := method_not_allowed(request, "POST"):
        return not_allowed
    form = DeactivateForm(request.POST)
    form.is_valid()
    try:
        user = clinics.member_deactivate(
            actor=request.user, member_id=pk,
            clients_to_me=form.cleaned_data.get("clients_to_me", False), request=request)
    except ValidationError as error:
        return render(request, "planner/membership_list.html",
                      _members_context(request, deactivate_error=" ".join(error.messages)))
    messages.success(request, _("%(name)s can no longer sign in.") % {"name": person_name(user)})
    return redirect("planner:clinic_members")


@login_required
@require_http_methods(["POST"])
def clinic_settings(request):
    """Turn "whole clinic can see all clients" on or off."""
    _require_manager(request)
    form = ClinicSettingsForm(request.POST)
    form.is_valid()
    clinics.clinic_settings_update(
        actor=request.user,
        whole_clinic_sees_clients=form.cleaned_data.get("whole_clinic_sees_clients", False),
        request=request)
    messages.success(request, _("The clinic's settings are saved."))
    return redirect("planner:clinic_members")


@login_required
@require_http_methods(["GET"])
def clinic_clients(request):
    """The clinic's clients: a lead's caseload (with links), else names and responsible
    clinicians only, when the clinic's setting allows it (403 otherwise)."""
    lead = permissions.is_lead(request.user)
    page = (selectors.client_list(request.user, page=request.GET.get("page")) if lead
            else selectors.clinic_directory(request.user, page=request.GET.get("page")))
    if page is None:
        raise PermissionDenied("the clinic's list is off")
    audit(request, Action.VIEW, "client_list", "",
          f"clinic page={page.number} ids=" + ",".join(str(c.pk) for c in page.object_list)
          [:150])
    return render(request, "planner/clinic_clients.html", {"page": page, "is_lead": lead})


@login_required
@require_http_methods(["GET"])
def clinic_audit(request):
    """A lead reads the audit trail of the clinic (what each member did, ids only)."""
    page = selectors.clinic_audit_page(request.user, page=request.GET.get("page"))
    audit(request, Action.VIEW, "clinic", permissions.clinic_id_of(request.user), "audit trail")
    names = {m.user_id: person_name(m.user) for m in selectors.clinic_members(request.user)}
    rows = [(row, names.get(row.event.actor_id) or _outsider(row.event.actor_id))
            for row in activity_rows(request.user, page.object_list)]
    return render(request, "planner/clinic_audit.html", {"page": page, "rows": rows})


def _outsider(actor_id: int | None) -> str:
    """Who wrote a row of the clinic's trail without being a member: someone of another clinic
    refused one of ours (named by id only: their name is their clinic's), or nobody signed in."""
    if actor_id is None:
        return "—"
    return _("Not of this clinic (user %(id)s)") % {"id": actor_id}


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    """Public: an invited colleague chooses a username and password (the app's rules); the
    link then is spent. A used, expired or mistyped link is 404 with a plain message."""
    invitation = clinics.invitation_for_token(token)
    if invitation is None:
        return render(request, "planner/invitation_invalid.html", status=404)
    form = InvitationAcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            clinics.invitation_accept(token=token, username=form.cleaned_data["username"],
                                      password=form.cleaned_data["password1"], request=request)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                add_service_errors(form, error)
            else:
                form.add_error("password1", error)
        else:
            messages.success(request, _("Your account is ready. Sign in with it now."))
            return redirect("login")
    return render(request, "planner/invitation_accept.html",
                  {"form": form, "invitation": invitation})


invitation_accept.client_public = True  # no clinician session step (TwoFactorMiddleware)
