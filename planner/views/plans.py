"""Plan revision pages: save a previewed plan as a revision (POST), show a saved revision."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from planner import adapters, selectors
from planner.forms.clients import RevisionSaveForm
from planner.models import AuditEvent
from planner.presenters import plan as plan_presenter
from planner.services.audit import audit_record
from planner.services.plans import PlanConflict
from planner.services.plans import plan_revision_create as create_revision
from planner.views.assessments import render_preview
from planner.views.common import add_service_errors, method_not_allowed


@login_required
def plan_revision_create(request, pk):
    """Save the plan of assessment `pk` as the plan's next revision (POST only)."""
    intake = selectors.intake_get(request.user, pk)
    if refused := method_not_allowed(request, "POST"):
        return refused
    form = RevisionSaveForm(request.POST)
    if not form.is_valid():
        return render_preview(request, intake, form, status=400)
    try:
        revision = create_revision(
            intake=intake,
            author=request.user,
            base_revision=form.cleaned_data["base_revision"],
            reason=form.cleaned_data["reason"],
            request=request,
        )
    except PlanConflict as conflict:
        # Say what happened and offer the newer revision; keep what was typed, now based on the
        # newer revision, so a second submit is a deliberate one (quality.md R1).
        data = request.POST.copy()
        data["base_revision"] = str(conflict.current_revision)
        form = RevisionSaveForm(data)
        form.is_valid()
        return render_preview(request, intake, form, status=409, conflict=conflict)
    except ValidationError as error:
        add_service_errors(form, error)
        return render_preview(request, intake, form, status=400)
    except adapters.PlanUnavailable:
        return render_preview(request, intake, form, status=422)
    messages.success(request, _("Saved as revision %(number)s.") % {"number": revision.number})
    return redirect(
        "planner:plan_revision_detail", pk=intake.client_id, number=revision.number
    )


@login_required
def plan_revision_detail(request, pk, number):
    """Show a saved revision exactly as saved: rendered from its saved plan, never re-run."""
    revision = selectors.plan_revision_get(request.user, pk, number)
    if refused := method_not_allowed(request, "GET"):
        return refused
    audit_record(
        actor=request.user,
        action=AuditEvent.Action.VIEW,
        object_type="plan_revision",
        object_id=revision.pk,
        request=request,
    )
    return render(
        request,
        "planner/planrevision_detail.html",
        {
            "revision": revision,
            "client": revision.plan.client,
            "plan": revision.plan,
            "view": plan_presenter.plan_view(revision.saved_plan),
        },
    )
