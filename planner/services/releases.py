"""
Gates and release (rules.md 3(f), N11, N22; issue 6 part 2 and the web half of issue 7).

- gate_attest(): the clinician attests one gate of the CURRENT revision (append-only row).
- revision_release(): release the current revision once every gate is closed; renders the
  document the client gets (planner.handout.choose_client_document), stores its exact bytes
  and SHA-256, and audits.
- released_document_add(): store another print of a released revision (large print).
- released_document_get(): the stored bytes, after checking their digest.

Rules, and why:
- Only the plan's current revision can be attested or released: an older revision is history,
  and releasing it would give the client a plan the clinician has since changed. To give an old
  plan again, restore it (a new revision) and release that.
- Attestations belong to one revision. A new revision must be attested again, because the
  clinician attests a specific plan (N22: a gate is never bypassed).
- CLEARANCE_PENDING cannot be attested: clearance is data (date, who, limits) that changes the
  engine's input, so it is recorded as a new assessment and revision (services.adjustments).
- A hard stop has no plan to release. Under CRISIS the crisis-resources sheet is printable
  from the revision page at any time, without a release (services.documents).
- Release and attestation lock the Plan row first, like every revision save, so a release can
  never slip in between a concurrent save and its check.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from planner import handout
from planner.choices import label
from planner.engine.enums import Gate
from planner.models import (
    ATTESTABLE_GATES,
    AuditEvent,
    GateAttestation,
    Plan,
    PlanRevision,
    Release,
    ReleasedDocument,
)
from planner.services import clientlog
from planner.services.audit import audit_record
from planner.services.clients import client_touch
from planner.services.documents import DocumentUnavailable, render_revision_document
from planner.services.teams import release_allowed

NOT_CURRENT = _(
    "Only the current revision can be attested or released. Revision %(current)s is the current "
    "one; to give the client an older plan, restore it first."
)
HARD_STOP = _("This revision is a hard stop: there is no plan to release.")
ALREADY_RELEASED = _("This revision has already been released.")
NOT_RELEASED = _("This revision has not been released.")
GATES_OPEN = _("This revision cannot be released while a gate is open: %(gates)s.")
CLEARANCE_OPEN = _(
    "Medical clearance is pending. Record the clearance (date, who cleared, any limits): that "
    "makes a new revision. Until then the client gets the interim letter, not the plan."
)
GATE_NOT_OPEN = _("This revision has no %(gate)s gate.")
GATE_NOT_ATTESTABLE = _("This gate is closed by recording data, not by an attestation.")
ALREADY_ATTESTED = _("This gate has already been attested for this revision.")
DETAILS_REQUIRED = _("Name the eating-disorder team contact who agreed to this plan.")
DOCUMENT_CORRUPTED = _(
    "The stored document does not match its checksum and was not served. Contact support."
)
LARGE_PRINT_EXISTS = _("This print of the released handout is already stored.")


class DocumentCorrupted(Exception):
    """A stored released document no longer matches its SHA-256 (never served)."""


def _lock_current(revision: PlanRevision) -> Plan:
    """Lock the revision's plan row and check that the revision is still the current one."""
    plan = Plan.objects.select_for_update().get(pk=revision.plan_id)
    if revision.number != plan.current_revision_number:
        raise ValidationError(
            NOT_CURRENT, code="not_current", params={"current": plan.current_revision_number}
        )
    return plan


def revision_gates(revision: PlanRevision) -> tuple[str, ...]:
    """The gates the engine opened for this revision (rules.md 3(f)), as saved."""
    return revision.saved_plan.gates


def revision_open_gates(
    revision: PlanRevision, attested: set[str] | None = None
) -> tuple[str, ...]:
    """
    The revision's gates that are still open: CLEARANCE_PENDING always (it closes only with a new
    revision), every other gate until it has an attestation for THIS revision.
    """
    if attested is None:
        attested = set(
            GateAttestation.objects.filter(revision=revision).values_list("gate", flat=True)
        )
    return tuple(
        gate
        for gate in revision_gates(revision)
        if gate == Gate.CLEARANCE_PENDING or gate not in attested
    )


@transaction.atomic
def gate_attest(
    *,
    user: AbstractBaseUser,
    revision: PlanRevision,
    gate: str,
    details: str = "",
    request: HttpRequest | None = None,
) -> GateAttestation:
    """Record the clinician's attestation that `gate` of the current revision is satisfied."""
    _lock_current(revision)
    if gate == Gate.CLEARANCE_PENDING or gate not in {g.value for g in ATTESTABLE_GATES}:
        raise ValidationError(
            {"gate": ValidationError(GATE_NOT_ATTESTABLE, code="not_attestable")}
        )
    if gate not in revision_gates(revision):
        raise ValidationError(
            {
                "gate": ValidationError(
                    GATE_NOT_OPEN, code="gate_not_open", params={"gate": label(Gate, gate)}
                )
            }
        )
    details = (details or "").strip()
    if gate == Gate.ED_TEAM_CONFIRM and not details:
        raise ValidationError(
            {"details": ValidationError(DETAILS_REQUIRED, code="details_required")}
        )
    if GateAttestation.objects.filter(revision=revision, gate=gate).exists():
        raise ValidationError(ALREADY_ATTESTED, code="already_attested")
    attestation = GateAttestation(
        revision=revision, gate=gate, attested_by=user, details=details
    )
    attestation.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            attestation.save()
    except IntegrityError:
        raise ValidationError(ALREADY_ATTESTED, code="already_attested") from None
    client_touch(client=revision.plan.client)
    audit_record(
        actor=user,
        action=AuditEvent.Action.ATTEST,
        object_type="plan_revision",
        object_id=revision.pk,
        request=request,
        # The gate's code only; what the clinician typed stays on the attestation row.
        detail=f"gate={gate}",
    )
    return attestation


def _audit_stored(user, document: ReleasedDocument, request: HttpRequest | None) -> None:
    """Audit a stored print of a released handout: ids and the PDF's digest, no content."""
    release = document.release
    audit_record(actor=user, action=AuditEvent.Action.RELEASE, object_type="plan_revision",
                 object_id=release.revision_id, request=request,
                 detail=f"release={release.pk} document={document.pk} "
                        f"sha256={document.sha256[:16]}")


def _store_document(*, release: Release, rendered) -> ReleasedDocument:
    document = ReleasedDocument(
        release=release,
        kind=rendered.kind,
        large_print=rendered.large_print,
        paper=rendered.paper,
        content=rendered.content,
        sha256=rendered.sha256,
        size=len(rendered.content),
        filename=rendered.filename,
        content_type=rendered.content_type,
    )
    document.full_clean(validate_constraints=False)
    document.save()
    return document


@transaction.atomic
def revision_release(
    *,
    user: AbstractBaseUser,
    revision: PlanRevision,
    large_print: bool = False,
    request: HttpRequest | None = None,
) -> Release:
    """
    Release the current revision to the client: check every gate, render the client document,
    store its bytes and digest, audit. Raises ValidationError with one of the messages above,
    or services.teams' when a trainee releases or a trainee's revision lacks its co-sign.
    """
    release_allowed(user=user, revision=revision)
    _lock_current(revision)
    if revision.hard_stop:
        raise ValidationError(HARD_STOP, code="hard_stop")
    if Release.objects.filter(revision=revision).exists():
        raise ValidationError(ALREADY_RELEASED, code="already_released")
    open_gates = revision_open_gates(revision)
    if Gate.CLEARANCE_PENDING in open_gates:
        raise ValidationError(CLEARANCE_OPEN, code="clearance_pending")
    if open_gates:
        raise ValidationError(
            GATES_OPEN,
            code="gates_open",
            params={"gates": ", ".join(label(Gate, g) for g in open_gates)},
        )
    kind = handout.choose_client_document(revision.saved_plan)
    if kind != handout.HANDOUT:  # defensive: the checks above leave only the handout
        raise ValidationError(HARD_STOP, code="hard_stop")
    if clientlog.enabled():
        # The client's log link replaces the previous release's, and exists before the
        # handout is rendered: the handout prints it (issue 23).
        clientlog.link_issue(user=user, revision=revision, request=request)
    try:
        rendered = render_revision_document(
            user=user, revision=revision, kind=kind, large_print=large_print, draft=False
        )
    except DocumentUnavailable as error:
        raise ValidationError(str(error), code="unrenderable") from error
    release = Release(revision=revision, released_by=user)
    release.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            release.save()
    except IntegrityError:
        raise ValidationError(ALREADY_RELEASED, code="already_released") from None
    document = _store_document(release=release, rendered=rendered)
    client_touch(client=revision.plan.client)
    _audit_stored(user, document, request)
    return release


@transaction.atomic
def released_document_add(
    *,
    user: AbstractBaseUser,
    revision: PlanRevision,
    large_print: bool,
    request: HttpRequest | None = None,
) -> ReleasedDocument:
    """
    Store one more print (standard or large print) of a released revision's handout, e.g. when
    the client asks for large print after the release. Same plan, same date, no watermark.
    """
    release = Release.objects.select_for_update().filter(revision=revision).first()
    if release is None:
        raise ValidationError(NOT_RELEASED, code="not_released")
    kind = handout.choose_client_document(revision.saved_plan)
    if release.documents.filter(kind=kind, large_print=large_print).exists():
        raise ValidationError(LARGE_PRINT_EXISTS, code="exists")
    rendered = render_revision_document(
        user=user, revision=revision, kind=kind, large_print=large_print, draft=False
    )
    document = _store_document(release=release, rendered=rendered)
    _audit_stored(user, document, request)
    return document


def released_document_get(
    revision: PlanRevision, *, large_print: bool | None = None
) -> ReleasedDocument | None:
    """
    Return the stored document of a released revision (the first stored print unless
    large_print picks one), or None. Raises DocumentCorrupted if the bytes do not match their
    SHA-256: a changed document is never served as what the client received.
    """
    documents = ReleasedDocument.objects.filter(release__revision=revision).order_by("id")
    if large_print is not None:
        documents = documents.filter(large_print=large_print)
    document = documents.first()
    if document is None:
        return None
    content = bytes(document.content)
    if handout.sha256_hex(content) != document.sha256 or len(content) != document.size:
        raise DocumentCorrupted(str(DOCUMENT_CORRUPTED))
    document.content = content
    return document
