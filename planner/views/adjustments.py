"""Adjust the current plan (rules.md 2J overrides) and record medical clearance.

Both make the plan's next revision from the current one. Thin: the engine applies and checks
every override (its refusal message is shown on the field), the services save.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from planner import selectors
from planner.engine.enums import Gate
from planner.forms.adjustments import AdjustmentForm, ClearanceForm, adjustment_current_values
from planner.presenters import plan as plan_presenter
from planner.presenters.moves import revision_move_picker
from planner.services.adjustments import clearance_record, revision_adjust
from planner.views.common import Action, attempt, audit, conflict_context, method_not_allowed


def _audit_view(request, revision, detail: str) -> None:
    audit(request, Action.VIEW, "plan_revision", revision.pk, detail)


def _client_and_current(request, pk):
    """The client (scoped: 404 for anyone else, whatever the method) and its current revision,
    or the response that answers instead (405, no plan yet, or a hard stop)."""
    client = selectors.client_get(request.user, pk)
    if not_allowed := method_not_allowed(request, "GET", "POST"):
        return client, None, not_allowed
    current, response = _current_or_redirect(request, client)
    return client, current, response


def _refusal(request, client, current, form, outcome, fresh_form):
    """What a form page shows after a save that did not happen: the status (a validation error
    answers 200, issue 22: browsers log a 400 as a console error; a conflict, 409, or a refusal
    keeps its own), and after a conflict the notice and the form again, with what was typed,
    based on the newer revision. Returns (status, revision shown, form, extra context)."""
    status = 200 if outcome.invalid else outcome.status
    if not outcome.conflict:
        return status, current, form, {}
    context = conflict_context(request.user, client, outcome.conflict)
    current = context["conflict_revision"] or current
    return status, current, fresh_form(outcome.conflict.current_revision, current), context


def _render_form(request, template, client, current, form, context, status):
    context.update(
        {
            "client": client,
            "current": current,
            "view": plan_presenter.plan_view(current.saved_plan, with_whys=False),  # no why shown
            "form": form,
        }
    )
    return render(request, template, context, status=status)


def _current_or_redirect(request, client):
    current = selectors.plan_revision_current(request.user, client)
    if current is None:
        messages.error(request, _("This client has no saved plan yet."))
        return None, redirect("planner:client_detail", pk=client.pk)
    if current.hard_stop and request.method == "GET":
        # On POST the service decides, after the conflict check, so nothing typed is lost.
        messages.error(request, _("The current revision is a hard stop: there is no plan."))
        return None, redirect("planner:plan_revision_detail", pk=client.pk, number=current.number)
    return current, None


@login_required
def plan_adjust(request, pk):
    """Lower the target or the start, lower intensity or strength, delay a step or swap the
    main activity of the current revision, with a reason: a new revision."""
    client, current, response = _client_and_current(request, pk)
    if response:
        return response
    context, status = {}, 200
    picker = revision_move_picker(current)
    if request.method == "POST":
        form = AdjustmentForm(
            request.POST, current=adjustment_current_values(current.saved_plan), picker=picker
        )
        if form.is_valid():
            outcome = attempt(form, lambda: revision_adjust(
                user=request.user,
                client=client,
                base_revision=form.cleaned_data["base_revision"],
                changes=form.changes(),
                reason=form.cleaned_data["reason"],
                request=request,
            ))
            if outcome.saved:
                number = outcome.result.number
                messages.success(
                    request, _("Adjusted: saved as revision %(number)s.") % {"number": number}
                )
                return redirect("planner:plan_revision_detail", pk=client.pk, number=number)
            status, current, form, context = _refusal(
                request, client, current, form, outcome,
                lambda base, revision: AdjustmentForm.with_fresh_base(
                    request.POST, base, current=adjustment_current_values(revision.saved_plan),
                    picker=revision_move_picker(revision),
                ),
            )
        else:
            status = 200  # the form's field errors, nothing lost (issue 22)
    else:
        form = AdjustmentForm(
            initial={"base_revision": current.number},
            current=adjustment_current_values(current.saved_plan),
            picker=picker,
        )
        _audit_view(request, current, "adjust form")
    return _render_form(
        request, "planner/adjustment_form.html", client, current, form, context, status
    )


@login_required
def clearance_record_view(request, pk):
    """Record medical clearance (date, who, any limits): a new assessment and revision."""
    client, current, response = _client_and_current(request, pk)
    if response:
        return response
    pending = Gate.CLEARANCE_PENDING in current.saved_plan.gates
    if request.method == "GET" and not pending:
        # On POST the service decides, after the conflict check, so nothing typed is lost.
        messages.info(request, _("The current revision has no pending medical clearance."))
        return redirect("planner:plan_revision_detail", pk=client.pk, number=current.number)
    context, status = {}, 200
    # The form refuses a date before this screening; the service checks its own base (8.14).
    screened_on = current.intake.screened_on
    if request.method == "POST":
        form = ClearanceForm(request.POST, screened_on=screened_on)
        if form.is_valid():
            data = form.cleaned_data
            outcome = attempt(form, lambda: clearance_record(
                user=request.user,
                client=client,
                base_revision=data["base_revision"],
                clearance_date=data["clearance_date"],
                clearance_by=data["clearance_by"],
                clearance_max_minutes=data["clearance_max_minutes"],
                clearance_max_intensity=data["clearance_max_intensity"],
                request=request,
            ))
            if outcome.saved:
                result = outcome.result
                revision = result.revision
                messages.success(
                    request,
                    _("Clearance recorded: saved as revision %(number)s.")
                    % {"number": revision.number},
                )
                if result.dropped:
                    messages.warning(
                        request,
                        _(
                            "With the clearance limits, %(count)s earlier adjustment(s) no "
                            "longer apply and were left out; the revision's reason lists them."
                        )
                        % {"count": len(result.dropped)},
                    )
                return redirect(
                    "planner:plan_revision_detail", pk=client.pk, number=revision.number
                )
            status, current, form, context = _refusal(
                request, client, current, form, outcome,
                lambda base, revision: ClearanceForm.with_fresh_base(
                    request.POST, base, screened_on=revision.intake.screened_on
                ),
            )
        else:
            status = 200  # the form's field errors, nothing lost (issue 22)
    else:
        form = ClearanceForm(initial={"base_revision": current.number}, screened_on=screened_on)
        _audit_view(request, current, "clearance form")
    return _render_form(
        request, "planner/clearance_form.html", client, current, form, context, status
    )
