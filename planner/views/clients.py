"""Client pages: the list (home), create, detail and edit. Thin: form -> service -> redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from planner import permissions, selectors
from planner.forms.clients import ClientForm
from planner.models import Client
from planner.presenters import plan as plan_presenter
from planner.presenters.release_state import release_state_of
from planner.services.clients import client_create as create_client
from planner.services.clients import client_update as update_client
from planner.views.common import Action, attempt, audit, method_not_allowed

# How many assessments and revisions the detail page lists (the full history is paginated in
# the history view); keeps the page's queries and size constant as a record grows.
DETAIL_LIST_LIMIT = 20


@login_required
@require_http_methods(["GET"])
def client_list(request):
    """List the clinician's clients, most recent activity first; search and archived filter."""
    search = request.GET.get("q", "")[:120]
    archived = request.GET.get("archived") == "1"
    page = selectors.client_list(
        request.user, search=search, archived=archived, page=request.GET.get("page")
    )
    for client in page.object_list:
        client.release_state = release_state_of(client)
    # The list shows names and review and clearance dates: audited like any read of client data
    # (ids and the page only; never the search text).
    audit(request, Action.VIEW, "client_list", "", list_audit_detail(page, search, archived))
    return render(
        request,
        "planner/client_list.html",
        {"page": page, "search": search, "archived": archived},
    )


def list_audit_detail(page, search: str, archived: bool) -> str:
    """`page=2 search=yes archived=no ids=4,9,...` within the audit detail's 200 characters."""
    head = (f"page={page.number} search={'yes' if search else 'no'} "
            f"archived={'yes' if archived else 'no'} ids=")
    ids = [str(client.pk) for client in page.object_list]
    shown = ids
    while shown and len(head + ",".join(shown)) > 200 - len(f" +{len(ids)} more"):
        shown = shown[:-1]
    rest = f" +{len(ids) - len(shown)} more" if len(shown) < len(ids) else ""
    return head + ",".join(shown) + rest


@login_required
@require_http_methods(["GET", "POST"])
def client_create(request):
    """Create a client (name or pseudonym, crisis region, handout consent)."""
    if not permissions.sees_clinical_records(request.user):
        raise PermissionDenied("a clinic administrator holds no clients")
    form = ClientForm(request.POST or None, instance=Client())
    return _client_form(
        request, form, None,
        lambda: create_client(owner=request.user, request=request, **form.cleaned_data),
        _("Client created. Next: the first assessment."),
    )


def _client_form(request, form, client, save, saved_message):
    """The client form (new: `client` None): a valid POST is saved with `save()` and goes to
    the client's page; otherwise the form again, with the service's errors on it."""
    if request.method == "POST" and form.is_valid():
        outcome = attempt(form, save)
        if outcome.saved:
            messages.success(request, saved_message)
            return redirect("planner:client_detail", pk=outcome.result.pk)
    return render(request, "planner/client_form.html", {"form": form, "client": client})


@login_required
def client_detail(request, pk):
    """Show a client: current plan, next review, assessments and revisions."""
    client = selectors.client_get(request.user, pk)
    if refused := method_not_allowed(request, "GET"):
        return refused
    current = selectors.plan_revision_current(request.user, client)
    intakes = selectors.intake_list(request.user, client)[:DETAIL_LIST_LIMIT]
    revisions = selectors.plan_revision_list(request.user, client)[:DETAIL_LIST_LIMIT]
    audit(request, Action.VIEW, "client", client.pk)
    return render(
        request,
        "planner/client_detail.html",
        {
            "client": client,
            "plan": client.plan,
            "current": current,
            "release_state": release_state_of(client),
            # The page shows the plan's numbers, none of the reasons behind them.
            "view": (plan_presenter.plan_view(current.saved_plan, with_whys=False)
                     if current else None),
            "intakes": intakes,
            "revisions": revisions,
            "list_limit": DETAIL_LIST_LIMIT,
        },
    )


@login_required
def client_update(request, pk):
    """Edit a client's record, or archive it."""
    client = selectors.client_get(request.user, pk)
    if refused := method_not_allowed(request, "GET", "POST"):
        return refused
    form = ClientForm(request.POST or None, instance=client)
    if request.method == "GET":  # the edit form shows the client's record
        audit(request, Action.VIEW, "client", client.pk, "edit form")
    return _client_form(
        request, form, client,
        lambda: update_client(
            client=client, actor=request.user, request=request, **form.cleaned_data
        ),
        _("Client saved."),
    )


@login_required
def client_archive(request, pk):
    """Archive a client, or restore an archived one, from the client page (POST; issue 22):
    the record and its plans stay, the client leaves the active list."""
    client = selectors.client_get(request.user, pk)
    if refused := method_not_allowed(request, "POST"):
        return refused
    archived = request.POST.get("archived") == "1"
    update_client(client=client, actor=request.user, request=request, archived=archived)
    messages.success(request, _("Client archived: the record and plans are kept.") if archived
                     else _("Client restored to the active list."))
    return redirect("planner:client_detail", pk=client.pk)
