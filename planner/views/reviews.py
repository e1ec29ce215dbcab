"""Review pages: run a review (what it uses, the clinician's findings), see the engine's
proposal and accept or decline it, and the new assessment a "re-run screening" leads to.
Thin: the services gather the inputs and call the engine; nothing clinical is computed here."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from planner import adapters, selectors
from planner.forms.assessment import AssessmentForm
from planner.forms.checkins import ReviewDecisionForm, ReviewForm
from planner.models import ReviewDecision
from planner.presenters import progress as progress_pages
from planner.services.reviews import REVIEW_CONFLICT, review_context
from planner.services.reviews import review_create as create_review
from planner.services.reviews import review_decide as decide_review
from planner.views.common import Action, add_service_errors, attempt, audit, method_not_allowed


@login_required
def review_create(request, pk):
    """Show what a review of the current revision uses and ask for the clinician's findings;
    POST asks the engine for its proposal and shows it."""
    client = selectors.client_get(request.user, pk)
    if refused := method_not_allowed(request, "GET", "POST"):
        return refused
    form = ReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            review = create_review(
                client=client, author=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("planner:review_detail", pk=client.pk, review_pk=review.pk)
    if request.method == "GET":
        audit(request, Action.VIEW, "client", client.pk, "review form")
    context = review_context(user=request.user, client=client)
    return render(
        request,
        "planner/review_form.html",
        {"client": client, "form": form, "ctx": context},
    )


def _render_detail(request, review, form, *, status=200, conflict=None):
    return render(
        request,
        "planner/review_detail.html",
        {
            "client": review.client,
            "review": review,
            "decision": getattr(review, "decision", None),
            "form": form,
            "why": progress_pages.rule_reasons(review.proposed_rules, label=_("proposal")),
            "conflict": conflict,
            "is_current": review.client.plan.current_revision_number == review.revision.number,
        },
        status=status,
    )


@login_required
def review_detail(request, pk, review_pk):
    """The engine's proposal with its rule IDs, the inputs, and the decision (or its form)."""
    review = selectors.review_get(request.user, pk, review_pk)
    if refused := method_not_allowed(request, "GET"):
        return refused
    audit(request, Action.VIEW, "review", review.pk)
    return _render_detail(request, review, ReviewDecisionForm())


@login_required
def review_decide(request, pk, review_pk):
    """Accept (the engine's helper makes the next revision) or decline with a reason."""
    review = selectors.review_get(request.user, pk, review_pk)
    if refused := method_not_allowed(request, "POST"):
        return refused
    form = ReviewDecisionForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, review, form, status=400)
    outcome = attempt(form, lambda: decide_review(
        review=review,
        author=request.user,
        accept=form.accepted,
        reason=form.cleaned_data["reason"],
        request=request,
    ))
    if outcome.conflict:
        message = REVIEW_CONFLICT % {"current": outcome.conflict.current_revision}
        return _render_detail(request, review, form, status=409, conflict=message)
    if not outcome.saved:
        return _render_detail(request, review, form, status=outcome.status)
    decision = outcome.result
    if decision.outcome == ReviewDecision.Outcome.REVISION:
        messages.success(
            request,
            _("Accepted. Revision %(number)s saved.")
            % {"number": decision.resulting_revision.number},
        )
        return redirect(
            "planner:plan_revision_detail", pk=pk, number=decision.resulting_revision.number
        )
    if decision.outcome == ReviewDecision.Outcome.RESCREEN:
        messages.warning(
            request,
            _("Accepted. Record a new assessment now: screening and risk are asked again, and "
              "the plan is made from it."),
        )
        return redirect("planner:review_assessment", pk=pk, review_pk=review.pk)
    if decision.accepted:
        messages.success(request, _("Accepted. The plan continues unchanged."))
    else:
        messages.success(request, _("Declined. The plan continues unchanged."))
    return redirect("planner:client_detail", pk=pk)


@login_required
def review_assessment(request, pk, review_pk):
    """A new assessment after a review that needs screening again, pre-filled from the last
    assessment and with the scores taken at the review (PHQ-9 item 9 included, so the engine
    opens the risk gate again). It is saved by the assessment page (planner:intake_create)."""
    review = selectors.review_get(request.user, pk, review_pk)
    if refused := method_not_allowed(request, "GET"):
        return refused
    client = review.client
    audit(request, Action.VIEW, "review", review.pk, "assessment form")
    previous = selectors.intake_latest(request.user, client)
    initial = {"assessed_date": timezone.localdate()}
    if previous is not None:
        initial.update(adapters.intake_to_form_initial(previous, AssessmentForm.base_fields))
    for name in ("phq9_total", "phq9_item9", "gad7_total"):
        value = getattr(review, name)
        if value is not None and name in AssessmentForm.base_fields:
            initial[name] = value
    if review.phq9_total is not None or review.gad7_total is not None:
        messages.info(
            request,
            _("The scores recorded at the review of week %(week)s are filled in.")
            % {"week": review.review_week},
        )
    form = AssessmentForm(initial=initial, client=client)
    form.helper.form_action = reverse("planner:intake_create", args=[client.pk])
    return render(
        request,
        "planner/intake_form.html",
        {
            "client": client,
            "form": form,
            "prefilled_from": previous.assessed_date if previous else None,
            "review": review,
        },
    )
