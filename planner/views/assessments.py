"""Assessment pages: the form (new assessment) and the plan preview of a saved assessment."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from planner import adapters, selectors
from planner.forms.assessment import AssessmentForm
from planner.forms.clients import RevisionSaveForm
from planner.presenters import plan as plan_presenter
from planner.services.clients import intake_create as create_intake
from planner.views.common import (
    Action,
    add_service_errors,
    archived_redirect,
    audit,
    method_not_allowed,
)


@login_required
def intake_create(request, pk):
    """Assess a client. A new assessment starts from the last one, except risk and screening,
    which are asked again; saving shows the plan preview."""
    client = selectors.client_get(request.user, pk)
    if refused := method_not_allowed(request, "GET", "POST"):
        return refused
    if archived := archived_redirect(request, client):
        return archived
    prefilled_from = None
    if request.method == "POST":
        form = AssessmentForm(request.POST, client=client)
        if form.is_valid():
            try:
                intake = create_intake(
                    client=client, author=request.user, request=request, **form.intake_data()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("planner:intake_preview", pk=intake.pk)
    else:
        previous = selectors.intake_latest(request.user, client)
        initial = {"assessed_date": timezone.localdate()}
        if previous is not None:
            initial.update(adapters.intake_to_form_initial(previous, AssessmentForm.base_fields))
        form = AssessmentForm(initial=initial, client=client)
        prefilled_from = previous.assessed_date if previous else None
        # The form shows the client and, pre-filled, their last assessment.
        audit(request, Action.VIEW, "client", client.pk,
              f"assessment form prefilled_from={previous.pk if previous else '-'}")
    return render(
        request,
        "planner/intake_form.html",
        {
            "client": client,
            "form": form,
            "prefilled_from": prefilled_from,
        },
    )


def render_preview(request, intake, save_form, *, status=200, conflict=None):
    """Render the plan the engine makes today from a saved assessment, with the save form."""
    plan = intake.client.plan
    try:
        preview = adapters.intake_plan(intake, today=timezone.localdate())
    except adapters.PlanUnavailable as error:
        return render(
            request,
            "planner/intake_preview.html",
            {"intake": intake, "client": intake.client, "plan": plan, "unavailable": str(error)},
            status=422,
        )
    return render(
        request,
        "planner/intake_preview.html",
        {
            "intake": intake,
            "client": intake.client,
            "plan": plan,
            "view": plan_presenter.plan_view(preview),
            "save_form": save_form,
            "conflict": conflict,
        },
        status=status,
    )


@login_required
def intake_preview(request, pk):
    """Preview the plan of a saved assessment (not saved as a revision until the clinician
    says so)."""
    intake = selectors.intake_get(request.user, pk)
    if refused := method_not_allowed(request, "GET"):
        return refused
    plan = intake.client.plan
    save_form = RevisionSaveForm(initial={"base_revision": plan.current_revision_number})
    audit(request, Action.VIEW, "intake", intake.pk, "preview")
    return render_preview(request, intake, save_form)
