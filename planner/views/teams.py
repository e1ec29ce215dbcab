"""A client's care team and handover, and a trainee's revision co-signed (issue 24).

Thin: the client is read through the scoped selector (404 for anyone who may not see it); who
may change the team, hand over or co-sign is planner/permissions.py's, checked again by the
services (403 when someone who may see the client may not do this)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from planner import permissions, selectors
from planner.forms.adjustments import ReleaseForm
from planner.forms.teams import CareTeamAddForm, HandoverForm
from planner.presenters.teams import colleague_choices, person_name
from planner.services import teams
from planner.views.common import Action, add_service_errors, audit, method_not_allowed

# The handover form shares the care team page with the add form: its own field ids.
HANDOVER_PREFIX = "handover"


def _team_context(request, client, *, add_form=None, handover_form=None) -> dict:
    team = list(selectors.care_team_list(request.user, client))
    manage = permissions.can_manage_care_team(request.user, client)
    colleagues = list(selectors.clinic_colleagues(request.user))
    on_team = {member.user_id for member in team} | {client.owner_id}
    return {
        "client": client,
        "team": team,
        "handovers": selectors.handover_list(request.user, client)[:20],
        "can_manage": manage,
        "add_form": add_form or CareTeamAddForm(
            colleagues=colleague_choices(colleagues, exclude=on_team)),
        "handover_form": handover_form or HandoverForm(
            prefix=HANDOVER_PREFIX,
            colleagues=colleague_choices(colleagues, exclude={client.owner_id})),
    }


@login_required
def care_team(request, pk):
    """GET: the client's responsible clinician, care team and handovers. POST: add a colleague."""
    client = selectors.client_get(request.user, pk)
    if not_allowed := method_not_allowed(request, "GET", "POST"):
        return not_allowed
    if request.method == "GET":
        audit(request, Action.VIEW, "client", client.pk, "care team")
        return render(request, "planner/careteam_list.html", _team_context(request, client))
    if not permissions.can_manage_care_team(request.user, client):
        raise PermissionDenied(teams.NOT_ALLOWED_HANDOVER)
    colleagues = colleague_choices(selectors.clinic_colleagues(request.user))
    form = CareTeamAddForm(request.POST, colleagues=colleagues)
    if form.is_valid():
        try:
            member = teams.care_team_add(actor=request.user, client=client,
                                         colleague_id=form.cleaned_data["colleague"],
                                         reason=form.cleaned_data["reason"], request=request)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s is in the care team now.")
                             % {"name": person_name(member.user)})
            return redirect("planner:care_team", pk=client.pk)
    return render(request, "planner/careteam_list.html",
                  _team_context(request, client, add_form=form), status=200)


@login_required
def care_team_remove(request, pk, member_pk):
    """Take a colleague off the client's care team (POST)."""
    client = selectors.client_get(request.user, pk)
    if not_allowed := method_not_allowed(request, "POST"):
        return not_allowed
    teams.care_team_remove(actor=request.user, client=client, member_id=member_pk,
                           request=request)
    messages.success(request, _("The care team is changed."))
    return redirect("planner:care_team", pk=client.pk)


@login_required
def client_handover(request, pk):
    """Make another clinician of the clinic responsible for the client (POST; the form is on
    the care team page)."""
    client = selectors.client_get(request.user, pk)
    if not_allowed := method_not_allowed(request, "POST"):
        return not_allowed
    if not permissions.can_hand_over(request.user, client):
        raise PermissionDenied(teams.NOT_ALLOWED_HANDOVER)
    colleagues = colleague_choices(selectors.clinic_colleagues(request.user))
    form = HandoverForm(request.POST, prefix=HANDOVER_PREFIX, colleagues=colleagues)
    if form.is_valid():
        try:
            handover = teams.client_handover(
                actor=request.user, client=client, to_user_id=form.cleaned_data["to_user"],
                reason=form.cleaned_data["reason"], request=request)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(client)s is handed over to %(name)s.")
                             % {"client": client.display_name,
                                "name": person_name(handover.to_user)})
            if permissions.can_see_client(request.user, client):
                return redirect("planner:care_team", pk=client.pk)
            return redirect("planner:client_list")
    return render(request, "planner/careteam_list.html",
                  _team_context(request, client, handover_form=form), status=200)


@login_required
def revision_cosign(request, pk, number):
    """The supervisor co-signs a trainee's revision and releases it (POST, from the release
    page)."""
    revision = selectors.revision_with_release(request.user, pk, number)
    if not_allowed := method_not_allowed(request, "POST"):
        return not_allowed
    form = ReleaseForm(request.POST)
    large_print = form.is_valid() and form.cleaned_data["large_print"]
    try:
        teams.revision_cosign_and_release(user=request.user, revision=revision,
                                          large_print=large_print, request=request)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Co-signed and released revision %(number)s.")
                         % {"number": revision.number})
    return redirect("planner:revision_release", pk=pk, number=number)
