"""
Reads of plan revisions (a client's list, one revision, the current one, history pages, pairs
to compare, releases), each scoped to the signed-in clinician
like planner.selectors.clients: another clinician's revisions do not exist (404).

Query counts do not grow with the number of revisions: the history is paginated, the release
and its releasing user come in the same query (reverse one-to-one), attestations in one
prefetch per page, and the gates are read out of the JSON snapshot by the database, so the
(large) snapshots are never loaded for a list.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.paginator import Page
from django.db.models import F, OuterRef, Prefetch, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404

from planner.choices import label
from planner.engine.enums import Gate
from planner.models import Client, GateAttestation, PlanRevision, ReleasedDocument
from planner.permissions import client_scope
from planner.selectors.clients import PlainCountPaginator, latest_release

HISTORY_PER_PAGE = 25
# The fields a revision's row in a list shows (number, when, outcome, reason).
REVISION_ROW_FIELDS = ("plan_id", "number", "created", "hard_stop", "mode", "reason")


def _revisions(user: AbstractBaseUser) -> QuerySet[PlanRevision]:
    return PlanRevision.objects.filter(client_scope(user, "plan__client__"))


@dataclass(frozen=True)
class GateState:
    """One gate of one revision: open, attested (by whom, when) or closed by clearance data."""

    code: str
    label: str
    attestation: GateAttestation | None

    @property
    def is_open(self) -> bool:
        return self.attestation is None

    @property
    def attestable(self) -> bool:
        return self.code != Gate.CLEARANCE_PENDING


def gate_states(gates, attestations) -> tuple[GateState, ...]:
    """Pair a revision's gates (its saved plan's, or read by the database out of its snapshot
    for a list) with its attestations."""
    by_gate = {a.gate: a for a in attestations}
    return tuple(
        GateState(
            code=gate,
            label=label(Gate, gate),
            attestation=None if gate == Gate.CLEARANCE_PENDING else by_gate.get(gate),
        )
        for gate in gates or ()
    )


def plan_history_page(
    user: AbstractBaseUser,
    client: Client,
    *,
    page: int | str | None = 1,
    per_page: int = HISTORY_PER_PAGE,
) -> Page:
    """
    Return one page of the client's revisions, newest first, each with `release` (and its
    user) selected, `gate_codes` (the snapshot's gates) annotated and `attestations`
    prefetched. Each revision gets `.gate_states` and `.release_or_none` for the template.
    """
    revisions = (
        _revisions(user)
        # By the plan's id, not through the client: PostgreSQL then walks the (plan, number)
        # index backwards and stops at the page, instead of reading every revision of the plan
        # (and its snapshot's gates) to sort them; 32 ms -> 0.7 ms for a plan of 1,000.
        .filter(plan_id=client.plan.pk)
        .select_related("author", "release", "release__released_by")
        # What a row shows: no assessment, no JSON bodies (the gates come out of the snapshot
        # in the database, below).
        .only(
            *REVISION_ROW_FIELDS, "based_on_number", "author__username",
            "release__revision_id", "release__released_at", "release__released_by__username",
        )
        .annotate(gate_codes=F("snapshot__gates"))
        .prefetch_related(
            Prefetch(
                "attestations",
                queryset=GateAttestation.objects.select_related("attested_by").order_by("gate"),
            )
        )
        .order_by("-number")
    )
    # The total counts the plan's rows alone: no joins (the client is the clinician's already).
    paginator = PlainCountPaginator(
        revisions, per_page, count_rows=PlanRevision.objects.filter(plan_id=client.plan.pk)
    )
    result = paginator.get_page(page)
    for revision in result.object_list:
        revision.gate_states = gate_states(revision.gate_codes, revision.attestations.all())
        # Set here: a template asking an unreleased row for `release` pays for an exception.
        revision.release_or_none = revision.release if _has_release(revision) else None
    return result


def revision_with_release(user: AbstractBaseUser, client_pk: int, number: int) -> PlanRevision:
    """
    Return revision `number` of the user's client with its snapshot, release, attestations and
    stored documents (without their bytes), or raise Http404. Adds `.gate_states`,
    `.release_or_none` and `.released_documents`.
    """
    revision = get_object_or_404(
        _revisions(user)
        .select_related(
            "plan", "plan__client", "intake", "author", "release", "release__released_by"
        )
        .prefetch_related(
            Prefetch(
                "attestations",
                queryset=GateAttestation.objects.select_related("attested_by").order_by("gate"),
            )
        ),
        plan__client_id=client_pk,
        number=number,
    )
    revision.gate_states = gate_states(revision.saved_plan.gates, revision.attestations.all())
    release = getattr(revision, "release", None) if _has_release(revision) else None
    revision.release_or_none = release
    revision.released_documents = (
        tuple(
            ReleasedDocument.objects.filter(release=release)
            .defer("content")
            .order_by("id")
        )
        if release
        else ()
    )
    return revision


def _has_release(revision: PlanRevision) -> bool:
    try:
        revision.release  # noqa: B018 - fetches the reverse one-to-one
    except PlanRevision.release.RelatedObjectDoesNotExist:
        return False
    return True


# The largest revision number a PositiveIntegerField holds on every supported database.
MAX_REVISION_NUMBER = 2_147_483_647


def revision_pair(
    user: AbstractBaseUser, client: Client, a: int | str | None, b: int | str | None
) -> tuple[PlanRevision, PlanRevision]:
    """Return revisions a and b of the user's client (one query), or raise Http404."""
    try:
        numbers = (int(a), int(b))
    except (TypeError, ValueError):
        raise Http404("two revision numbers are needed") from None
    if not all(1 <= n <= MAX_REVISION_NUMBER for n in numbers):
        # Larger than the column holds: SQLite raised OverflowError (500), PostgreSQL said 404.
        raise Http404("no such revision")
    found = {
        r.number: r
        for r in _revisions(user)
        .filter(plan__client=client, number__in=numbers)
        .select_related("author", "intake")
    }
    if any(n not in found for n in numbers):
        raise Http404("no such revision")
    return found[numbers[0]], found[numbers[1]]


def plan_revision_list(user: AbstractBaseUser, client: Client) -> QuerySet[PlanRevision]:
    """Return the client's revisions, newest first, without their (large) JSON bodies."""
    return (
        # plan_id, not plan__client: the (plan, number) index then serves the order and the
        # slice on PostgreSQL, with no sort of all the plan's revisions (see plan_history_page).
        PlanRevision.objects.filter(client_scope(user, "plan__client__"), plan_id=client.plan.pk)
        .select_related("author", "intake")
        # What a list row shows; the JSON bodies and the assessment's answers stay unread.
        .only(*REVISION_ROW_FIELDS, "author__username", "intake__assessed_date")
        .order_by("-number")
    )


def plan_revision_get(user: AbstractBaseUser, client_pk: int, number: int) -> PlanRevision:
    """Return revision `number` of the user's client `client_pk`, or raise Http404.

    Its release (if any) and releasing user come in the same query, so a released revision
    costs what an unreleased one does; no other revision of the plan is read.
    """
    released = latest_release(revision__plan=OuterRef("plan"))
    return get_object_or_404(
        PlanRevision.objects.select_related(
            "plan", "plan__client", "intake", "author", "release", "release__released_by"
        ).annotate(
            # issue 22: the revision the client holds, in the same query
            plan_released_number=Subquery(released.values("revision__number")[:1]),
            plan_released_at=Subquery(released.values("released_at")[:1]),
        ),
        client_scope(user, "plan__client__"),
        plan__client_id=client_pk,
        number=number,
    )


def plan_revision_current(user: AbstractBaseUser, client: Client) -> PlanRevision | None:
    """Return the client's current revision (the highest number), or None before the first."""
    plan = getattr(client, "plan", None)
    if plan is None or not plan.current_revision_number:
        return None
    return (
        PlanRevision.objects.filter(
            client_scope(user, "plan__client__"),
            plan=plan, number=plan.current_revision_number
        )
        .select_related("author")
        .first()
    )
