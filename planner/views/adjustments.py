"""Adjust the current plan (rules.md 2J overrides) and record medical clearance.

Both make the plan's next revision from the current one. Thin: the engine applies and checks
every override (its refusal message is shown on the field), the services save.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from planner import adapters, selectors
from planner.engine.enums import Gate
from planner.forms.adjustments import AdjustmentForm, ClearanceForm, adjustment_current_values
from planner.models import AuditEvent
from planner.presenters import plan as plan_presenter
from planner.services.adjustments import OverrideRefused, clearance_record, revision_adjust
from planner.services.audit import audit_record
from planner.services.plans import PlanConflict
from planner.views.common import add_service_errors, method_not_allowed
from planner.views.conflicts import CONFLICT_STATUS, conflict_context


def _audit_view(request, revision, detail: str) -> None:
    audit_record(
        actor=request.user,
        action=AuditEvent.Action.VIEW,
        object_type="plan_revision",
        object_id=revision.pk,
        request=request,
        detail=detail,
    )


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
    client = selectors.client_get(request.user, pk)
    if not_allowed := method_not_allowed(request, "GET", "POST"):
        return not_allowed
    current, response = _current_or_redirect(request, client)
    if response:
        return response
    context, status = {}, 200
    if request.method == "POST":
        form = AdjustmentForm(
            request.POST, current=adjustment_current_values(current.saved_plan)
        )
        if form.is_valid():
            try:
                revision = revision_adjust(
                    user=request.user,
                    client=client,
                    base_revision=form.cleaned_data["base_revision"],
                    changes=form.changes(),
                    reason=form.cleaned_data["reason"],
                    request=request,
                )
            except PlanConflict as conflict:
                context.update(conflict_context(request.user, client, conflict))
                current = context["conflict_revision"] or current
                form = AdjustmentForm.with_fresh_base(
                    request.POST,
                    conflict.current_revision,
                    current=adjustment_current_values(current.saved_plan),
                )
                status = CONFLICT_STATUS
            except OverrideRefused as refusal:
                form.add_error(refusal.kind if refusal.kind in form.fields else None,
                               refusal.message)
                status = 400
            except ValidationError as error:
                add_service_errors(form, error)
                status = 400
            except adapters.PlanUnavailable as error:
                form.add_error(None, str(error))
                status = 422
            else:
                messages.success(
                    request,
                    _("Adjusted: saved as revision %(number)s.") % {"number": revision.number},
                )
                return redirect(
                    "planner:plan_revision_detail", pk=client.pk, number=revision.number
                )
        else:
            status = 400
    else:
        form = AdjustmentForm(
            initial={"base_revision": current.number},
            current=adjustment_current_values(current.saved_plan),
        )
        _audit_view(request, current, "adjust form")
    context.update(
        {
            "client": client,
            "current": current,
            "view": plan_presenter.plan_view(current.saved_plan, with_whys=False),  # no why shown
            "form": form,
        }
    )
    return render(request, "planner/adjustment_form.html", context, status=status)


@login_required
def clearance_record_view(request, pk):
    """Record medical clearance (date, who, any limits): a new assessment and revision."""
    client = selectors.client_get(request.user, pk)
    if not_allowed := method_not_allowed(request, "GET", "POST"):
        return not_allowed
    current, response = _current_or_redirect(request, client)
    if response:
        return response
    pending = Gate.CLEARANCE_PENDING in current.saved_plan.gates
    if request.method == "GET" and not pending:
        # On POST the service decides, after the conflict check, so nothing typed is lost.
        messages.info(request, _("The current revision has no pending medical clearance."))
        return redirect("planner:plan_revision_detail", pk=client.pk, number=current.number)
    context, status = {}, 200
    if request.method == "POST":
        form = ClearanceForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                result = clearance_record(
                    user=request.user,
                    client=client,
                    base_revision=data["base_revision"],
                    clearance_date=data["clearance_date"],
                    clearance_by=data["clearance_by"],
                    clearance_max_minutes=data["clearance_max_minutes"],
                    clearance_max_intensity=data["clearance_max_intensity"],
                    request=request,
                )
            except PlanConflict as conflict:
                context.update(conflict_context(request.user, client, conflict))
                current = context["conflict_revision"] or current
                form = ClearanceForm.with_fresh_base(request.POST, conflict.current_revision)
                status = CONFLICT_STATUS
            except ValidationError as error:
                add_service_errors(form, error)
                status = 400
            except adapters.PlanUnavailable as error:
                form.add_error(None, str(error))
                status = 422
            else:
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
        else:
            status = 400
    else:
        form = ClearanceForm(initial={"base_revision": current.number})
        _audit_view(request, current, "clearance form")
    context.update(
        {
            "client": client,
            "current": current,
            "view": plan_presenter.plan_view(current.saved_plan, with_whys=False),  # no why shown
            "form": form,
        }
    )
    return render(request, "planner/clearance_form.html", context, status=status)
