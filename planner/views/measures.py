"""
Physical-health measures (issue 26): the client's measures page (prompts, a chart and table per
measure against the plan revisions), the form that records them, and the FHIR R4 download.

Each loads the client scoped to the signed-in clinician first (404 for anyone else) and audits
the read or write with ids only.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from planner import selectors
from planner.fhir import bundle_for_record
from planner.forms.measures import MeasuresForm, occasion_initial
from planner.presenters import measures as measure_pages
from planner.services.accounts import clinician_profile_get_or_create
from planner.services.measures import measures_record
from planner.views.common import (
    Action,
    archived_redirect,
    attempt,
    audit,
    client_export_json,
    method_not_allowed,
)

ARCHIVED_NOT_EXPORTED = (
    "Archived clients are not exported to FHIR. Restore the client (Edit client) to export."
)


def _units(user) -> str:
    return clinician_profile_get_or_create(user=user).measurement_units


@login_required
def measure_list(request, pk):
    """The client's measures: prompts from the flags, then each measure's chart and table."""
    client = selectors.client_get(request.user, pk)
    if refused := method_not_allowed(request, "GET"):
        return refused
    units = _units(request.user)
    current = selectors.plan_revision_current(request.user, client)
    summary = measure_pages.client_measures(request.user, client, units=units, current=current)
    charts = measure_pages.measure_charts(
        selectors.measure_list(request.user, client),
        selectors.revision_effective_dates(request.user, client), units=units,
    )
    audit(request, Action.VIEW, "client", client.pk, "measures")
    return render(request, "planner/measure_list.html", {
        "client": client, "prompts": summary["prompts"], "charts": charts,
    })


@login_required
def measure_create(request, pk):
    """Record measures taken on one day, at an assessment, check-in or review, or on their own."""
    client = selectors.client_get(request.user, pk)
    if refused := method_not_allowed(request, "GET", "POST"):
        return refused
    units = _units(request.user)
    occasions = selectors.measure_occasions(request.user, client)
    initial = {"occasion": occasion_initial(occasions, request.GET.get("at"),
                                            timezone.localdate())}
    form = MeasuresForm(request.POST or None, units=units, occasions=occasions, initial=initial)
    if request.method == "GET":  # the form lists the client's assessments, check-ins, reviews
        audit(request, Action.VIEW, "client", client.pk, "measures form")
    status = 200
    if request.method == "POST" and form.is_valid():
        occasion = form.cleaned_data["occasion"]
        link = {}
        if occasion is not None:
            link = {occasion.kind: selectors.measure_occasion_object(request.user, client,
                                                                      occasion)}
        result = attempt(form, lambda: measures_record(
            client=client, author=request.user, measured_on=form.cleaned_data["measured_on"],
            values=form.metric_values(), request=request, **link,
        ))
        if result.saved:
            messages.success(request, _("Measures saved."))
            return redirect("planner:measure_list", pk=client.pk)
        status = result.status
    elif request.method == "POST":
        status = 400
    return render(request, "planner/measure_form.html",
                  {"client": client, "form": form, "units": units}, status=status)


@login_required
def client_fhir_export(request, pk):
    """Download the client's record as a FHIR R4 Bundle (JSON), audited."""
    client = selectors.client_get(request.user, pk)
    if refused := method_not_allowed(request, "GET"):
        return refused
    if archived := archived_redirect(request, client, _(ARCHIVED_NOT_EXPORTED)):
        return archived
    now = timezone.now()
    bundle = bundle_for_record(selectors.client_fhir_record(request.user, client), now=now)
    return client_export_json(
        request, client, bundle, what="fhir-r4", now=now,
        detail=f"format=fhir-r4 resources={len(bundle['entry'])}",
        content_type="application/fhir+json; charset=utf-8",
    )
