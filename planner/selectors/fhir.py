"""
What the FHIR export reads of one client (issue 26), scoped to the signed-in clinician (the
management command passes the client's owner). A constant number of queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.utils import timezone

from planner.models import CheckIn, Client, Measure, PlanRevision
from planner.permissions import client_scope
from planner.selectors.checkins import client_scores
from planner.selectors.plans import plan_revision_current


@dataclass(frozen=True)
class FhirRecord:
    client: Client
    current: PlanRevision | None
    current_saved_on: dt.date | None
    releases: list[tuple[int, dt.date]]  # (revision number, day released), oldest first
    scores: dict
    measures: list[Measure]
    checkins: list[CheckIn]
    today: dt.date


def client_fhir_record(user: AbstractBaseUser, client: Client, *,
                       today: dt.date | None = None) -> FhirRecord:
    current = plan_revision_current(user, client)
    releases = [
        (number, timezone.localtime(released_at).date())
        for number, released_at in PlanRevision.objects.filter(
            client_scope(user, "plan__client__"), plan__client=client, release__isnull=False
        ).order_by("number").values_list("number", "release__released_at")
    ]
    return FhirRecord(
        client=client,
        current=current,
        current_saved_on=timezone.localtime(current.created).date() if current else None,
        releases=releases,
        scores=client_scores(user, client),
        measures=list(Measure.objects.filter(client_scope(user, "client__"), client=client)
                      .order_by("measured_on", "kind", "id")),
        checkins=list(CheckIn.objects.filter(client_scope(user, "client__"), client=client)
                      .only("id", "week_start", "minutes_completed").order_by("week_start")),
        today=today or timezone.localdate(),
    )
