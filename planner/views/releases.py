"""Release page of a revision: its gates (attest each), release, and the stored handout."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from planner import handout, selectors
from planner.choices import label
from planner.engine.enums import Gate
from planner.forms.adjustments import AttestationForm, ReleaseForm
from planner.presenters.teams import cosign_state
from planner.services.documents import document_label, revision_document_kinds
from planner.services.releases import gate_attest as attest_gate
from planner.services.releases import released_document_add as add_released_document
from planner.services.releases import revision_release as release_revision
from planner.views.common import Action, attempt, audit, method_not_allowed


def _release_context(request, revision, *, attestation_forms=None, release_form=None):
    plan = revision.plan
    is_current = revision.number == plan.current_revision_number
    attestation_forms = attestation_forms or {}
    gates = []
    for state in revision.gate_states:
        form = None
        if state.is_open and state.attestable and is_current:
            form = attestation_forms.get(state.code) or AttestationForm(gate=state.code)
        gates.append({"state": state, "form": form})
    open_gates = [s for s in revision.gate_states if s.is_open]
    release = revision.release_or_none
    stored = {(d.kind, d.large_print) for d in revision.released_documents}
    kinds = revision_document_kinds(revision)
    return {
        "client": plan.client,
        "plan": plan,
        "revision": revision,
        "is_current": is_current,
        "gates": gates,
        "open_gates": open_gates,
        "clearance_pending": any(s.code == Gate.CLEARANCE_PENDING for s in open_gates),
        "release": release,
        "released_documents": revision.released_documents,
        "can_release": is_current and not revision.hard_stop and not open_gates and not release,
        "can_add_large_print": bool(release) and (handout.HANDOUT, True) not in stored,
        "release_form": release_form or ReleaseForm(),
        "documents": [(kind, document_label(kind, released=bool(release))) for kind in kinds],
        "cosign": cosign_state(request.user, revision,
                               *selectors.revision_cosign_facts(request.user, revision)),
    }


def _render_release(request, revision, **forms):
    """The release page; after a refused POST with the form(s) and their errors, still 200
    (a 400 is logged as a console error)."""
    return render(
        request, "planner/release_detail.html", _release_context(request, revision, **forms)
    )


@login_required
def revision_release(request, pk, number):
    """GET: the gates and release state of a revision. POST: release it to the client."""
    revision = selectors.revision_with_release(request.user, pk, number)
    if not_allowed := method_not_allowed(request, "GET", "POST"):
        return not_allowed
    if request.method == "GET":
        audit(request, Action.VIEW, "plan_revision", revision.pk, "release page")
        return _render_release(request, revision)
    form = ReleaseForm(request.POST)
    if form.is_valid() and attempt(form, lambda: release_revision(
        user=request.user,
        revision=revision,
        large_print=form.cleaned_data["large_print"],
        request=request,
    )).saved:
        messages.success(
            request,
            _("Revision %(number)s released. The client's handout is stored.")
            % {"number": revision.number},
        )
        return redirect("planner:revision_release", pk=pk, number=number)
    revision = selectors.revision_with_release(request.user, pk, number)
    return _render_release(request, revision, release_form=form)


@login_required
def gate_attest(request, pk, number):
    """Attest one gate of the current revision (the gate is a field of the form)."""
    revision = selectors.revision_with_release(request.user, pk, number)
    if not_allowed := method_not_allowed(request, "POST"):
        return not_allowed
    form = AttestationForm(request.POST)
    if form.is_valid() and attempt(form, lambda: attest_gate(
        user=request.user,
        revision=revision,
        gate=form.cleaned_data["gate"],
        details=form.cleaned_data["details"],
        request=request,
    )).saved:
        messages.success(
            request, _("Attested: %(gate)s.") % {"gate": label(Gate, form.cleaned_data["gate"])}
        )
        return redirect("planner:revision_release", pk=pk, number=number)
    revision = selectors.revision_with_release(request.user, pk, number)
    shown = {s.code for s in revision.gate_states if s.is_open and s.attestable}
    if form.gate not in shown or revision.number != revision.plan.current_revision_number:
        # No form of this gate on the page to carry the error: say it at the top.
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return _render_release(request, revision, attestation_forms={form.gate: form})


@login_required
def released_document_add(request, pk, number):
    """Store a large-print copy of a released revision's handout."""
    revision = selectors.revision_with_release(request.user, pk, number)
    if not_allowed := method_not_allowed(request, "POST"):
        return not_allowed
    try:
        add_released_document(
            user=request.user, revision=revision, large_print=True, request=request
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("A large-print copy of the released handout is stored."))
    return redirect("planner:revision_release", pk=pk, number=number)
