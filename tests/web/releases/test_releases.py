"""Gates, attestations and release (rules.md 3(f), N11, N22), and the documents stored at
release: exact bytes, digests, large print."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from planner.handout import choose_client_document
from planner.models import (
    AppendOnlyError,
    AuditEvent,
    GateAttestation,
    Release,
    ReleasedDocument,
)
from planner.services import releases as release_services
from planner.services.adjustments import revision_adjust
from planner.services.releases import (
    ALREADY_ATTESTED,
    ALREADY_RELEASED,
    CLEARANCE_OPEN,
    DETAILS_REQUIRED,
    HARD_STOP,
    DocumentCorrupted,
    gate_attest,
    released_document_add,
    released_document_get,
    revision_open_gates,
    revision_release,
)
from tests.handout.pdfutil import all_text
from tests.support.revisions import (
    CRISIS_ANSWERS,
    GATE_ANSWERS,
    corrupt_stored_bytes,
    make_revision,
)

pytestmark = pytest.mark.django_db

ATTESTABLE = ["RISK_ATTESTATION", "ED_TEAM_CONFIRM", "ED_INFORMED_SIGNOFF"]


def attest(revision, gate, user=None, details="team lead J. Doe"):
    return gate_attest(
        user=user or revision.author, revision=revision, gate=gate, details=details
    )


def codes(error):
    return {e.code for e in error.value.error_list} if hasattr(error.value, "error_list") else set()


# --- each gate blocks release until attested ---------------------------------------------------


@pytest.mark.parametrize("gate", ATTESTABLE)
def test_each_gate_blocks_release_until_attested(clinician, gate):
    revision = make_revision(clinician, **GATE_ANSWERS[gate])
    assert gate in revision.snapshot["gates"]
    with pytest.raises(ValidationError) as error:
        revision_release(user=clinician, revision=revision)
    assert error.value.code == "gates_open"
    assert not Release.objects.exists()
    for other in revision.snapshot["gates"]:
        attest(revision, other)
    release = revision_release(user=clinician, revision=revision)
    assert release.revision == revision and release.released_by == clinician


def test_two_gates_need_two_attestations(clinician):
    revision = make_revision(
        clinician, ed_history="current", ed_medical_restriction=False, base_total_min=200
    )
    assert set(revision.snapshot["gates"]) == {"ED_TEAM_CONFIRM", "ED_INFORMED_SIGNOFF"}
    attest(revision, "ED_TEAM_CONFIRM")
    assert revision_open_gates(revision) == ("ED_INFORMED_SIGNOFF",)
    with pytest.raises(ValidationError):
        revision_release(user=clinician, revision=revision)
    attest(revision, "ED_INFORMED_SIGNOFF")
    assert revision_release(user=clinician, revision=revision)


def test_clearance_pending_cannot_be_attested_or_released(clinician):
    revision = make_revision(clinician, **GATE_ANSWERS["CLEARANCE_PENDING"])
    with pytest.raises(ValidationError) as error:
        attest(revision, "CLEARANCE_PENDING")
    assert error.value.error_dict["gate"][0].code == "not_attestable"
    with pytest.raises(ValidationError) as error:
        revision_release(user=clinician, revision=revision)
    assert error.value.messages == [str(CLEARANCE_OPEN)]
    assert choose_client_document(revision.saved_plan) == "interim_clearance_letter"


def test_a_revision_without_gates_releases_at_once(clinician):
    revision = make_revision(clinician)
    assert revision.snapshot["gates"] == []
    release = revision_release(user=clinician, revision=revision)
    document = release.documents.get()
    assert document.kind == "handout" and not document.large_print


def test_a_gate_the_revision_does_not_have_cannot_be_attested(clinician):
    revision = make_revision(clinician)
    with pytest.raises(ValidationError) as error:
        attest(revision, "RISK_ATTESTATION")
    assert error.value.error_dict["gate"][0].code == "gate_not_open"
    assert not GateAttestation.objects.exists()


def test_ed_team_confirmation_needs_the_team_contact(clinician):
    revision = make_revision(clinician, **GATE_ANSWERS["ED_TEAM_CONFIRM"])
    with pytest.raises(ValidationError) as error:
        attest(revision, "ED_TEAM_CONFIRM", details="  ")
    assert error.value.message_dict["details"] == [str(DETAILS_REQUIRED)]


def test_a_gate_is_attested_once_per_revision(clinician):
    revision = make_revision(clinician, **GATE_ANSWERS["RISK_ATTESTATION"])
    attest(revision, "RISK_ATTESTATION")
    with pytest.raises(ValidationError) as error:
        attest(revision, "RISK_ATTESTATION")
    assert error.value.messages == [str(ALREADY_ATTESTED)]
    assert GateAttestation.objects.count() == 1


def test_attestations_belong_to_one_revision_a_new_revision_must_be_attested_again(clinician):
    revision = make_revision(clinician, **GATE_ANSWERS["RISK_ATTESTATION"])
    attest(revision, "RISK_ATTESTATION")
    newer = revision_adjust(
        user=clinician,
        client=revision.plan.client,
        base_revision=1,
        changes=[("lower_target_minutes", 120)],
        reason="client prefers a smaller goal",
    )
    assert revision_open_gates(newer) == ("RISK_ATTESTATION",)
    with pytest.raises(ValidationError):
        revision_release(user=clinician, revision=newer)


def test_only_the_current_revision_can_be_attested_or_released(clinician):
    revision = make_revision(clinician, **GATE_ANSWERS["RISK_ATTESTATION"])
    revision_adjust(
        user=clinician,
        client=revision.plan.client,
        base_revision=1,
        changes=[("lower_target_minutes", 120)],
        reason="smaller goal",
    )
    with pytest.raises(ValidationError) as error:
        attest(revision, "RISK_ATTESTATION")
    assert error.value.code == "not_current"
    with pytest.raises(ValidationError) as error:
        revision_release(user=clinician, revision=revision)
    assert error.value.code == "not_current"


def test_a_hard_stop_cannot_be_released(clinician):
    revision = make_revision(clinician, **CRISIS_ANSWERS)
    with pytest.raises(ValidationError) as error:
        revision_release(user=clinician, revision=revision)
    assert error.value.messages == [str(HARD_STOP)]


def test_a_revision_is_released_once(clinician):
    revision = make_revision(clinician)
    revision_release(user=clinician, revision=revision)
    with pytest.raises(ValidationError) as error:
        revision_release(user=clinician, revision=revision)
    assert error.value.messages == [str(ALREADY_RELEASED)]
    assert Release.objects.count() == 1 and ReleasedDocument.objects.count() == 1


# --- stored bytes ------------------------------------------------------------------------------


def test_release_stores_the_exact_handout_bytes_and_their_digest(clinician):
    revision = make_revision(clinician)
    release = revision_release(user=clinician, revision=revision, large_print=True)
    document = release.documents.get()
    content = bytes(document.content)
    assert content.startswith(b"%PDF")
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.size == len(content)
    assert document.large_print and document.paper == "A4"
    client_id = revision.plan.client_id
    assert document.filename == f"activity-plan-client{client_id}-rev1-large-print.pdf"
    assert "DRAFT" not in all_text(content)
    served = released_document_get(revision)
    assert served.content == content
    assert released_document_get(revision).content == content


def test_a_large_print_copy_can_be_stored_after_release(clinician):
    revision = make_revision(clinician)
    revision_release(user=clinician, revision=revision)
    document = released_document_add(user=clinician, revision=revision, large_print=True)
    assert document.large_print
    assert released_document_get(revision, large_print=True).pk == document.pk
    assert released_document_get(revision, large_print=False).pk != document.pk
    with pytest.raises(ValidationError):
        released_document_add(user=clinician, revision=revision, large_print=True)


def test_a_document_that_fails_its_digest_is_never_served(clinician):
    revision = make_revision(clinician)
    release = revision_release(user=clinician, revision=revision)
    stored = release.documents.get()
    corrupted = corrupt_stored_bytes(stored)
    # The change reached the database and kept the size: only the digest can tell.
    assert bytes(ReleasedDocument.objects.get(pk=stored.pk).content) == corrupted
    assert len(corrupted) == stored.size
    with pytest.raises(DocumentCorrupted):
        released_document_get(revision)


def test_a_failed_render_leaves_no_release(clinician, monkeypatch):
    revision = make_revision(clinician)

    def broken(**kwargs):
        raise release_services.DocumentUnavailable("no font")

    monkeypatch.setattr(release_services, "render_revision_document", broken)
    with pytest.raises(ValidationError):
        revision_release(user=clinician, revision=revision)
    assert not Release.objects.exists() and not ReleasedDocument.objects.exists()


# --- append-only -------------------------------------------------------------------------------


def test_attestations_cannot_be_edited_or_deleted(clinician):
    revision = make_revision(clinician, **GATE_ANSWERS["RISK_ATTESTATION"])
    attestation = attest(revision, "RISK_ATTESTATION", details="first")
    attestation.details = "changed"
    with pytest.raises(AppendOnlyError):
        attestation.save()
    with pytest.raises(AppendOnlyError):
        attestation.delete()
    with pytest.raises(AppendOnlyError):
        GateAttestation.objects.filter(pk=attestation.pk).update(details="x")
    with pytest.raises(AppendOnlyError):
        GateAttestation.objects.filter(pk=attestation.pk).delete()
    attestation.refresh_from_db()
    assert attestation.details == "first"


def test_releases_and_their_documents_cannot_be_edited_or_deleted(clinician, other_clinician):
    revision = make_revision(clinician)
    release = revision_release(user=clinician, revision=revision)
    document = release.documents.get()
    release.released_by = other_clinician
    with pytest.raises(AppendOnlyError):
        release.save()
    with pytest.raises(AppendOnlyError):
        release.delete()
    with pytest.raises(AppendOnlyError):
        Release.objects.filter(pk=release.pk).update(released_by=other_clinician)
    with pytest.raises(AppendOnlyError):
        Release.objects.all().delete()
    document.content = b"%PDF-forged"
    with pytest.raises(AppendOnlyError):
        document.save()
    with pytest.raises(AppendOnlyError):
        document.delete()
    with pytest.raises(AppendOnlyError):
        ReleasedDocument.objects.filter(pk=document.pk).update(sha256="0" * 64)
    with pytest.raises(AppendOnlyError):
        ReleasedDocument.objects.bulk_update([document], ["content"])
    assert released_document_get(revision).sha256 == document.sha256


def test_the_database_allows_one_release_and_one_attestation_per_gate(clinician):
    revision = make_revision(clinician, **GATE_ANSWERS["RISK_ATTESTATION"])
    attest(revision, "RISK_ATTESTATION")
    with pytest.raises(IntegrityError), transaction.atomic():
        GateAttestation.objects.create(
            revision=revision, gate="RISK_ATTESTATION", attested_by=clinician
        )
    Release.objects.create(revision=revision, released_by=clinician)
    with pytest.raises(IntegrityError), transaction.atomic():
        Release.objects.create(revision=revision, released_by=clinician)


def test_erasing_a_client_takes_its_releases_along(clinician):
    """Client erasure (S11) cascades through revisions; the audit rows stay."""
    revision = make_revision(clinician, **GATE_ANSWERS["RISK_ATTESTATION"])
    attest(revision, "RISK_ATTESTATION")
    revision_release(user=clinician, revision=revision)
    client = revision.plan.client
    from django.db.models.deletion import Collector

    collector = Collector(using="default")
    collector.collect([client])
    collector.delete()
    assert not Release.objects.exists() and not GateAttestation.objects.exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.RELEASE).exists()


# --- audit ---------------------------------------------------------------------------------------


def test_attestation_and_release_are_audited_without_typed_text(clinician):
    revision = make_revision(clinician, **GATE_ANSWERS["ED_TEAM_CONFIRM"])
    attest(revision, "ED_TEAM_CONFIRM", details="Dr Secret Name")
    release = revision_release(user=clinician, revision=revision)
    attest_event = AuditEvent.objects.get(action=AuditEvent.Action.ATTEST)
    assert attest_event.object_id == str(revision.pk)
    assert attest_event.detail == "gate=ED_TEAM_CONFIRM"
    release_event = AuditEvent.objects.get(action=AuditEvent.Action.RELEASE)
    assert release_event.actor_id == clinician.pk
    assert f"release={release.pk}" in release_event.detail
    assert not AuditEvent.objects.filter(detail__contains="Secret").exists()
