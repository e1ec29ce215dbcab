"""
A client's whole record: export it as JSON, or erase it (quality.md S11, issue 9 item 5).

Both load the client scoped to the signed-in clinician before anything else, so another
clinician gets 404 for every method. The export is an attachment named by the client's id (never
its name), not cached, and audited (export). Erasure asks for the client's name typed again;
services.records.client_erase does the deleting and audits it (erase).
"""


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from planner import selectors
from planner.forms.records import ClientEraseForm
from planner.services.records import client_erase as erase_client
from planner.views.common import (
    Action,
    add_service_errors,
    audit,
    client_export_json,
    method_not_allowed,
)


@login_required
def client_export(request, pk):
    """Download the client's whole record as one JSON file."""
    client = selectors.client_get(request.user, pk)
    if not_allowed := method_not_allowed(request, "GET"):
        return not_allowed
    now = timezone.now()
    record = selectors.client_record_export(request.user, client, now=now)
    return client_export_json(
        request, client, record, what="record", now=now,
        detail=f"format=json revisions={len(record['revisions'])}",
        content_type="application/json; charset=utf-8",
    )


@login_required
def client_erase(request, pk):
    """Explain what erasing the client removes; erase it once its name is typed again."""
    client = selectors.client_get(request.user, pk)
    if not_allowed := method_not_allowed(request, "GET", "POST"):
        return not_allowed
    form = ClientEraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            erase_client(
                client=client,
                actor=request.user,
                confirm_name=form.cleaned_data["confirm_name"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The client's record was erased."))
            return redirect("planner:client_list")
    if request.method == "GET":
        audit(request, Action.VIEW, "client", client.pk, "erase_confirm")
    return render(
        request,
        "planner/client_erase.html",
        {
            "client": client,
            "form": form,
            "counts": selectors.client_record_counts(request.user, client),
        },
    )
