"""Plan history, side-by-side comparison of two revisions, and restore (issue 6, part 3)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from planner import selectors
from planner.forms.adjustments import RestoreForm
from planner.presenters.answer_changes import answer_changes
from planner.presenters.comparison import compare_plans
from planner.presenters.release_state import release_state_of
from planner.services.adjustments import revision_restore as restore_revision
from planner.views.common import Action, attempt, audit, conflict_context, method_not_allowed


@login_required
def plan_history(request, pk):
    """Every revision of the client's plan: number, date, author, reason, gates, release."""
    client = selectors.client_get(request.user, pk)
    if not_allowed := method_not_allowed(request, "GET"):
        return not_allowed
    page = selectors.plan_history_page(
        request.user, client, page=request.GET.get("page")
    )
    audit(request, Action.VIEW, "plan", client.plan.pk, "history")
    current = client.plan.current_revision_number
    return render(
        request,
        "planner/planrevision_history.html",
        {
            "client": client,
            "plan": client.plan,
            "page": page,
            "release_state": release_state_of(client),
            "compare_a": max(current - 1, 1),
            "compare_b": current,
        },
    )


@login_required
def revision_compare(request, pk):
    """Two revisions side by side in clinical terms (?a=&b=, revision numbers)."""
    client = selectors.client_get(request.user, pk)
    if not_allowed := method_not_allowed(request, "GET"):
        return not_allowed
    current = client.plan.current_revision_number
    if not current:
        raise Http404("no revisions yet")
    a_number = request.GET.get("a") or max(current - 1, 1)
    b_number = request.GET.get("b") or current
    a, b = selectors.revision_pair(request.user, client, a_number, b_number)
    comparison = compare_plans(
        a.saved_plan, b.saved_plan, overrides_a=a.overrides, overrides_b=b.overrides
    )
    audit(request, Action.COMPARE, "plan", client.plan.pk, f"a={a.number} b={b.number}")
    return render(
        request,
        "planner/planrevision_compare.html",
        {
            "client": client,
            "plan": client.plan,
            "a": a,
            "b": b,
            "comparison": comparison,
            "changed_steps": [row for row in comparison.steps if row.changed],
            "changed_texts": [row for row in comparison.texts if row.changed],
            "answer_changes": answer_changes(a.intake, b.intake),
        },
    )


@login_required
def revision_restore(request, pk, number):
    """Make a new revision with the content of revision `number` (GET: confirm, POST: do it)."""
    revision = selectors.plan_revision_get(request.user, pk, number)
    if not_allowed := method_not_allowed(request, "GET", "POST"):
        return not_allowed
    client = revision.plan.client
    context = {"client": client, "revision": revision}
    status = 200
    if request.method == "POST":
        form = RestoreForm(request.POST)
        if form.is_valid():
            outcome = attempt(form, lambda: restore_revision(
                user=request.user,
                revision=revision,
                base_revision=form.cleaned_data["base_revision"],
                note=form.cleaned_data["note"],
                request=request,
            ))
            status = outcome.status
            if outcome.conflict:
                form = RestoreForm.with_fresh_base(request.POST,
                                                   outcome.conflict.current_revision)
                context.update(conflict_context(request.user, client, outcome.conflict))
            if outcome.saved:
                new = outcome.result
                messages.success(
                    request,
                    _("Revision %(old)s restored as revision %(new)s, a draft: the client "
                      "keeps the plan they have until you release it.")
                    % {"old": revision.number, "new": new.number},
                )
                return redirect("planner:plan_revision_detail", pk=client.pk, number=new.number)
        else:
            status = 400
    else:
        form = RestoreForm(initial={"base_revision": revision.plan.current_revision_number})
        audit(request, Action.VIEW, "plan_revision", revision.pk, "restore form")
    current = selectors.plan_revision_current(request.user, client)
    context.update(
        {
            "form": form,
            "current": current,
            "is_current": current is not None and current.number == revision.number,
            "comparison": (
                compare_plans(
                    current.saved_plan,
                    revision.saved_plan,
                    overrides_a=current.overrides,
                    overrides_b=revision.overrides,
                )
                if current is not None
                else None
            ),
        }
    )
    return render(request, "planner/planrevision_restore.html", context, status=status)
