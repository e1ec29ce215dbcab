"""
Reads of one client's whole record, for its export (quality.md S11) and the erasure page.

client_record_export() returns everything the app stores about one client as JSON-ready data
(str, int, bool, None, lists, dicts; dates as ISO 8601): the client, its plan, every assessment
with all its answers, the clearances those assessments record, every revision with its snapshot,
the intake the engine read, overrides and reasons, its gate attestations and its release with
the stored documents, every check-in, and every review with the clinician's decision.

Stored PDFs are listed by their metadata (kind, size, SHA-256, file name), not their bytes: the
export is meant to be read and kept, a handout is a rendering of the revision snapshot that is in
the export already, and the digest ties any copy downloaded from the release page to this
record. Base64 would add a third to each PDF's size for no information the export lacks.

Like the other selectors, every function takes the signed-in clinician and filters on ownership
in its queries (404 for anyone else). The number of queries does not grow with the record.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models
from django.db.models import F, Prefetch, Q
from django.utils import timezone

from planner.engine.enums import ClearanceStatus
from planner.models import (
    CheckIn,
    Client,
    ClientLogAmendment,
    ClientLogEntry,
    ClientLogLink,
    GateAttestation,
    Intake,
    Measure,
    PlanRevision,
    Release,
    ReleasedDocument,
    Review,
    ReviewDecision,
)
from planner.permissions import client_scope

EXPORT_FORMAT = "planner.client_record"
# Bump when the shape of the export changes, so a reader can tell older files apart.
EXPORT_FORMAT_VERSION = 1

# Fields left out of a row: the parent a row is nested under (it would only repeat it), the
# client's owner (given as exported_by) and the PDF bytes (see the module docstring).
_LEFT_OUT = {
    Client: {"owner"},
    Intake: {"client"},
    PlanRevision: {"plan"},
    GateAttestation: {"revision"},
    Release: {"revision"},
    ReleasedDocument: {"release", "content"},
    CheckIn: {"client"},
    Review: {"client"},
    Measure: {"client"},
    ReviewDecision: {"review"},
    # The link's secret parts stay out of a file that leaves the server (issue 23).
    ClientLogLink: {"client", "token_hash", "nonce"},
    ClientLogEntry: {"client"},
    ClientLogAmendment: {"entry"},
}


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date | dt.time):  # a datetime is a date too
        return value.isoformat()
    if isinstance(value, Decimal):  # a measure (metric): its exact digits, as text
        return str(value)
    return value


def _person(user: AbstractBaseUser | None) -> dict | None:
    """A clinician, as id and user name (nothing else of the account belongs in the record)."""
    if user is None:
        return None
    return {"id": user.pk, "username": user.get_username()}


def _row(obj: models.Model) -> dict[str, Any]:
    """Every concrete field of `obj`: clinicians as id and name, other relations as ids."""
    user_model = get_user_model()
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in _LEFT_OUT.get(type(obj), ()):
            continue
        if field.is_relation and field.related_model is user_model:
            data[field.name] = _person(getattr(obj, field.name))
        elif field.is_relation:
            data[field.attname] = getattr(obj, field.attname)
        else:
            data[field.name] = _json_value(field.value_from_object(obj))
    return data


def _clearance(intake: Intake) -> dict[str, Any]:
    return {
        "intake_id": intake.pk,
        "assessed_date": _json_value(intake.assessed_date),
        "status": intake.clearance_status,
        "date": _json_value(intake.clearance_date),
        "by": intake.clearance_by,
        "max_minutes": intake.clearance_max_minutes,
        "max_intensity": intake.clearance_max_intensity,
    }


def _revision(revision: PlanRevision) -> dict[str, Any]:
    data = _row(revision)
    data["attestations"] = [_row(a) for a in revision.attestations.all()]
    release = getattr(revision, "release", None)
    if release is None:
        data["release"] = None
    else:
        data["release"] = {
            **_row(release),
            "documents": [_row(d) for d in release.documents.all()],
        }
    return data


def _review(review: Review) -> dict[str, Any]:
    data = _row(review)
    data["revision_number"] = review.revision_number
    decision = getattr(review, "decision", None)
    data["decision"] = None if decision is None else {
        **_row(decision),
        "resulting_revision_number": (
            decision.resulting_revision.number if decision.resulting_revision else None
        ),
    }
    return data


def client_record_export(
    user: AbstractBaseUser, client: Client, *, now: dt.datetime | None = None
) -> dict[str, Any]:
    """
    Return the whole record of the user's `client` (from selectors.client_get), oldest first
    throughout: assessments by date, revisions by number, check-ins by week. Every query is
    scoped to `user` too, so another clinician's client yields nothing of its rows.
    """
    intakes = list(
        Intake.objects.filter(client_scope(user, "client__"), client=client)
        .select_related("author")
        .order_by("assessed_date", "created", "id")
    )
    revisions = (
        PlanRevision.objects.filter(client_scope(user, "plan__client__"), plan__client=client)
        .select_related("author", "release", "release__released_by")
        .prefetch_related(
            Prefetch(
                "attestations",
                queryset=GateAttestation.objects.select_related("attested_by").order_by("id"),
            ),
            Prefetch(
                "release__documents",
                queryset=ReleasedDocument.objects.defer("content").order_by("id"),
            ),
        )
        .order_by("number")
    )
    checkins = (
        CheckIn.objects.filter(client_scope(user, "client__"), client=client)
        .select_related("author")
        .annotate(revision_number=F("revision__number"))
        .order_by("week_start", "id")
    )
    reviews = (
        Review.objects.filter(client_scope(user, "client__"), client=client)
        .select_related(
            "author", "decision", "decision__author", "decision__resulting_revision"
        )
        .defer(
            "decision__resulting_revision__snapshot",
            "decision__resulting_revision__intake_data",
        )
        .annotate(revision_number=F("revision__number"))
        .order_by("review_date", "id")
    )
    plan = client.plan
    return {
        "format": EXPORT_FORMAT,
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": _json_value(now or timezone.now()),
        "exported_by": _person(user),
        "client": _row(client),
        "plan": {
            "id": plan.pk,
            "start_date": _json_value(plan.start_date),
            "current_revision_number": plan.current_revision_number,
            "next_review_date": _json_value(plan.next_review_date),
            "created": _json_value(plan.created),
            "updated": _json_value(plan.updated),
        },
        "intakes": [_row(intake) for intake in intakes],
        # Clearance is recorded as answers of an assessment (services.adjustments); listed here
        # on its own so a reader finds every clearance without reading each assessment.
        "clearances": [
            _clearance(intake)
            for intake in intakes
            if intake.clearance_status != ClearanceStatus.NOT_REQUIRED
        ],
        "revisions": [_revision(revision) for revision in revisions],
        "checkins": [{**_row(c), "revision_number": c.revision_number} for c in checkins],
        "reviews": [_review(review) for review in reviews],
        # Issue 26: physical-health measures, metric, oldest first.
        "measures": [
            _row(m) for m in Measure.objects.filter(client_scope(user, "client__"), client=client)
            .order_by("measured_on", "kind", "id")
        ],
        "client_log": _client_log(user, client),
    }


def _client_log(user: AbstractBaseUser, client: Client) -> dict[str, list]:
    """The client's log links (without their token's hash or nonce) and logged days, each
    with the clinician's amendments (issue 23)."""
    owned = Q(client=client) & client_scope(user, "client__")
    entries = (ClientLogEntry.objects.filter(owned)
               .prefetch_related(Prefetch("amendments", queryset=ClientLogAmendment.objects
                                          .select_related("author").order_by("id")))
               .order_by("day", "id"))
    return {
        "links": [_row(link) for link in ClientLogLink.objects.filter(owned)
                  .select_related("created_by", "revoked_by").order_by("id")],
        "entries": [{**_row(entry), "amendments": [_row(a) for a in entry.amendments.all()]}
                    for entry in entries],
    }


def client_record_counts(user: AbstractBaseUser, client: Client) -> dict[str, int]:
    """How many rows of each kind the user's client has (for the erasure page)."""
    owned = Q(client=client) & client_scope(user, "client__")
    revisions = PlanRevision.objects.filter(
        client_scope(user, "plan__client__"), plan__client=client
    )
    return {
        "intakes": Intake.objects.filter(owned).count(),
        "revisions": revisions.count(),
        "attestations": GateAttestation.objects.filter(revision__in=revisions).count(),
        "releases": Release.objects.filter(revision__in=revisions).count(),
        "documents": ReleasedDocument.objects.filter(release__revision__in=revisions).count(),
        "checkins": CheckIn.objects.filter(owned).count(),
        "reviews": Review.objects.filter(owned).count(),
        "measures": Measure.objects.filter(owned).count(),
    }
