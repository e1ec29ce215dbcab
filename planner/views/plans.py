"""Plan revision pages: save a previewed plan as a revision (POST), show a saved revision."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from planner import selectors
from planner.engine.enums import Gate
from planner.forms.clients import RevisionSaveForm
from planner.presenters import plan as plan_presenter
from planner.presenters.release_state import ReleaseState
from planner.services.plans import plan_revision_create as create_revision
from planner.services.releases import revision_open_gates
from planner.views.assessments import render_preview
from planner.views.common import Action, attempt, audit, method_not_allowed


@login_required
def plan_revision_create(request, pk):
    """Save the plan of assessment `pk` as the plan's next revision (POST only)."""
    intake = selectors.intake_get(request.user, pk)
    if refused := method_not_allowed(request, "POST"):
        return refused
    form = RevisionSaveForm(request.POST)
    if not form.is_valid():
        return render_preview(request, intake, form, status=400)
    outcome = attempt(form, lambda: create_revision(
        intake=intake,
        author=request.user,
        base_revision=form.cleaned_data["base_revision"],
        reason=form.cleaned_data["reason"],
        request=request,
    ), unavailable_on_form=False)  # the preview says why the engine made no plan
    if outcome.conflict:
        # Say what happened and offer the newer revision; keep what was typed, now based on the
        # newer revision, so a second submit is a deliberate one (quality.md R1).
        data = request.POST.copy()
        data["base_revision"] = str(outcome.conflict.current_revision)
        form = RevisionSaveForm(data)
        form.is_valid()
        return render_preview(request, intake, form, status=409, conflict=outcome.conflict)
    if not outcome.saved:
        return render_preview(request, intake, form, status=outcome.status)
    revision = outcome.result
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
    audit(request, Action.VIEW, "plan_revision", revision.pk)
    return render(
        request,
        "planner/planrevision_detail.html",
        {
            "revision": revision,
            "client": revision.plan.client,
            "plan": revision.plan,
            "view": plan_presenter.plan_view(revision.saved_plan),
            "open_gates": _open_gates(revision),
            "release_state": ReleaseState(current=revision.plan.current_revision_number,
                                          released=revision.plan_released_number,
                                          released_at=revision.plan_released_at),
        },
    )


def _open_gates(revision) -> tuple[str, ...]:
    """The revision's gates not yet attested (rules 8.15 heads the client preview with them).
    CLEARANCE_PENDING is never attested, so only other gates need the attestations read."""
    gates = revision.saved_plan.gates
    if all(gate == Gate.CLEARANCE_PENDING for gate in gates):
        return gates
    return revision_open_gates(revision)
