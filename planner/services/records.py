"""
Erasure of one client's whole record (quality.md S11).

client_erase() is the one code path that deletes rows of the append-only models (assessments,
revisions, attestations, releases, stored documents, reviews and their decisions). Those models
refuse delete() on a row and on a queryset (planner.models.base.AppendOnlyModel), and that stays
so: no other code may remove the past of a plan. Erasure deletes them deliberately, with the
plain QuerySet.delete() the guard overrides, child rows first so no RESTRICT or PROTECT
relation is ever in the way, inside one transaction with the client and its plan locked.

The audit trail stays: its rows hold ids, never names or health values (planner.models.audit),
and one more row records the erasure with the client's id and how many rows of each kind went.
"""

from __future__ import annotations

from collections import Counter

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from planner.models import (
    AuditEvent,
    CareTeamMember,
    CheckIn,
    Client,
    ClientLogAmendment,
    ClientLogEntry,
    ClientLogLink,
    CoSign,
    GateAttestation,
    Handover,
    Intake,
    Measure,
    Plan,
    PlanRevision,
    Release,
    ReleasedDocument,
    Review,
    ReviewDecision,
)
from planner.permissions import can_erase, client_scope
from planner.services.audit import audit_record

NAME_MISMATCH = _(
    "This is not the client's name. Type it exactly as shown above, with the same capitals, "
    "to erase the record."
)


def erasure_querysets(client: Client) -> list[models.QuerySet]:
    """
    Every row of `client`'s record, one queryset per model, in the order erasure deletes them.

    Children come before their parents: measures (which may point at an assessment, check-in
    or review) first, decisions before reviews, check-ins and reviews before
    the revisions they point at (RESTRICT), documents before releases, releases and attestations
    before revisions, revisions before the assessments they came from (RESTRICT), the plan and
    then the client last. A model that gains a relation to a client must be added here: the
    erasure test compares this list with every model Django's deletion collector reaches.
    """
    return [
        Measure.objects.filter(client=client),
        ReviewDecision.objects.filter(review__client=client),
        Review.objects.filter(client=client),
        ClientLogAmendment.objects.filter(entry__client=client),
        ClientLogEntry.objects.filter(client=client),
        ClientLogLink.objects.filter(client=client),
        CheckIn.objects.filter(client=client),
        ReleasedDocument.objects.filter(release__revision__plan__client=client),
        Release.objects.filter(revision__plan__client=client),
        GateAttestation.objects.filter(revision__plan__client=client),
        CoSign.objects.filter(revision__plan__client=client),
        PlanRevision.objects.filter(plan__client=client),
        Intake.objects.filter(client=client),
        Plan.objects.filter(client=client),
        # Issue 24: who shared the client's care and who handed it over.
        CareTeamMember.objects.filter(client=client),
        Handover.objects.filter(client=client),
        Client.objects.filter(pk=client.pk),
    ]


def _delete(queryset: models.QuerySet) -> Counter:
    # models.QuerySet.delete, not queryset.delete(): the append-only querysets refuse delete()
    # for every other caller, on purpose. Django's collector still checks PROTECT and RESTRICT,
    # so a row this order missed stops the erasure (and the transaction) instead of vanishing.
    _total, per_model = models.QuerySet.delete(queryset)
    return Counter(per_model)


def client_name_matches(client: Client, typed: str) -> bool:
    """True if `typed` is the client's name: case-sensitive, surrounding spaces ignored."""
    return (typed or "").strip() == client.display_name.strip()


@transaction.atomic
def client_erase(
    *,
    client: Client,
    actor: AbstractBaseUser,
    confirm_name: str,
    request: HttpRequest | None = None,
) -> dict[str, int]:
    """
    Erase `client` and everything that hangs off it, after `confirm_name` matched its name.

    Returns how many rows of each model went, by model name ("planrevision": 2, ...). Raises
    ValidationError on confirm_name (and erases nothing) if the name does not match, and
    Client.DoesNotExist if `actor` may not see the client, PermissionDenied if they see it
    but do not answer for it (planner/permissions.py: the responsible clinician or a lead).
    """
    # Lock the client and its plan: a revision, check-in or review being saved for this client
    # waits for the erasure and then finds nothing to add to.
    client = Client.objects.select_for_update().get(client_scope(actor), pk=client.pk)
    if not can_erase(actor, client):
        raise PermissionDenied("only the responsible clinician or a lead erases a record")
    Plan.objects.select_for_update().filter(client=client).first()
    if not client_name_matches(client, confirm_name):
        raise ValidationError({"confirm_name": NAME_MISMATCH}, code="name_mismatch")
    client_id = client.pk
    erased: Counter = Counter()
    for queryset in erasure_querysets(client):
        erased += _delete(queryset)
    counts = {label.rsplit(".", 1)[1].lower(): n for label, n in sorted(erased.items())}
    audit_record(
        actor=actor,
        action=AuditEvent.Action.ERASE,
        object_type="client",
        object_id=client_id,
        request=request,
        # Counts only: the name and everything else of the record are gone.
        detail=" ".join(f"{name}={n}" for name, n in counts.items())[:200],
    )
    return counts
