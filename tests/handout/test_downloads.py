"""PDF downloads through the web: drafts, letters, crisis sheet, released bytes."""

import hashlib

import pytest
from django.urls import reverse

from planner.models import AuditEvent, ClinicianProfile, ReleasedDocument
from planner.services.releases import DOCUMENT_CORRUPTED, gate_attest, revision_release
from tests.handout.pdfutil import all_text, reader
from tests.support.revisions import (
    CRISIS_ANSWERS,
    GATE_ANSWERS,
    corrupt_stored_bytes,
    make_revision,
)

pytestmark = pytest.mark.django_db


def document(client, revision, kind, **params):
    url = reverse(
        "planner:revision_document", args=[revision.plan.client_id, revision.number, kind]
    )
    return client.get(url, params)


def released(client, revision, **params):
    url = reverse("planner:release_download", args=[revision.plan.client_id, revision.number])
    return client.get(url, params)


def assert_pdf_download(response, filename):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF")


def test_draft_handout_is_watermarked_named_and_audited(client_logged_in, clinician):
    revision = make_revision(clinician)
    client_pk = revision.plan.client_id
    response = document(client_logged_in, revision, "handout")
    assert_pdf_download(response, f"activity-plan-client{client_pk}-rev1-draft.pdf")
    assert "DRAFT" in all_text(response.content)
    event = AuditEvent.objects.get(action=AuditEvent.Action.PDF_DOWNLOAD)
    assert event.object_id == str(revision.pk) and event.actor_id == clinician.pk
    assert event.detail == "kind=handout draft=1 large_print=0"


def test_file_names_hold_no_client_name(client_logged_in, clinician):
    revision = make_revision(clinician)
    client = revision.plan.client
    client.display_name = "Ana Secretname"
    client.save()
    response = document(client_logged_in, revision, "handout", large_print=1)
    assert "Secretname" not in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith('-rev1-draft-large-print.pdf"')


def test_log_sheet_is_a_draft_until_release(client_logged_in, clinician):
    revision = make_revision(clinician)
    before = document(client_logged_in, revision, "log_sheet")
    assert "DRAFT" in all_text(before.content)
    revision_release(user=clinician, revision=revision)
    after = document(client_logged_in, revision, "log_sheet")
    assert_pdf_download(after, f"activity-log-client{revision.plan.client_id}-rev1.pdf")
    assert "DRAFT" not in all_text(after.content)


def test_clearance_letters_only_while_clearance_is_pending(client_logged_in, clinician):
    pending = make_revision(clinician, **GATE_ANSWERS["CLEARANCE_PENDING"])
    client_pk = pending.plan.client_id
    for kind, stem in (
        ("interim_clearance_letter", "before-you-start-letter"),
        ("clearance_request_letter", "clearance-request-letter"),
    ):
        response = document(client_logged_in, pending, kind)
        assert_pdf_download(response, f"{stem}-client{client_pk}-rev1.pdf")
        assert "DRAFT" not in all_text(response.content)
    # The draft handout of a pending revision is still printable, as a draft.
    assert "DRAFT" in all_text(document(client_logged_in, pending, "handout").content)
    cleared = make_revision(clinician)
    assert document(client_logged_in, cleared, "interim_clearance_letter").status_code == 404


def test_crisis_sheet_prints_without_release_or_watermark(client_logged_in, clinician):
    crisis = make_revision(clinician, **CRISIS_ANSWERS)
    response = document(client_logged_in, crisis, "crisis_sheet")
    assert_pdf_download(
        response, f"crisis-resources-client{crisis.plan.client_id}-rev1.pdf"
    )
    text = all_text(response.content)
    assert "988" in text and "DRAFT" not in text
    assert document(client_logged_in, crisis, "handout").status_code == 404
    assert document(client_logged_in, crisis, "log_sheet").status_code == 404
    assert document(client_logged_in, crisis, "stop_notice").status_code == 200


def test_unknown_document_is_404(client_logged_in, clinician):
    revision = make_revision(clinician)
    assert document(client_logged_in, revision, "passwords").status_code == 404
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.PDF_DOWNLOAD).exists()


def test_released_handout_is_byte_identical_on_every_download(client_logged_in, clinician):
    revision = make_revision(clinician, **GATE_ANSWERS["RISK_ATTESTATION"])
    assert released(client_logged_in, revision).status_code == 404
    gate_attest(user=clinician, revision=revision, gate="RISK_ATTESTATION")
    release = revision_release(user=clinician, revision=revision)
    stored = release.documents.get()
    first = released(client_logged_in, revision)
    second = released(client_logged_in, revision)
    assert_pdf_download(first, f"activity-plan-client{revision.plan.client_id}-rev1.pdf")
    assert first.content == second.content == bytes(stored.content)
    assert hashlib.sha256(first.content).hexdigest() == stored.sha256
    assert "DRAFT" not in all_text(first.content)
    events = AuditEvent.objects.filter(action=AuditEvent.Action.PDF_DOWNLOAD)
    assert events.count() == 2
    assert all(e.detail.startswith(f"released document={stored.pk}") for e in events)


def test_released_large_print_copy_is_served_on_request(client_logged_in, clinician):
    revision = make_revision(clinician)
    revision_release(user=clinician, revision=revision)
    url = reverse(
        "planner:released_document_add", args=[revision.plan.client_id, revision.number]
    )
    assert client_logged_in.post(url).status_code == 302
    large = ReleasedDocument.objects.get(large_print=True)
    response = released(client_logged_in, revision, large_print=1)
    assert response.content == bytes(large.content)
    assert response["Content-Disposition"].endswith('-rev1-large-print.pdf"')
    standard = released(client_logged_in, revision, large_print=0)
    assert standard.content != response.content


def test_a_stored_document_that_fails_its_digest_is_not_served(client_logged_in, clinician):
    revision = make_revision(clinician)
    stored = revision_release(user=clinician, revision=revision).documents.get()
    corrupt_stored_bytes(stored)
    response = released(client_logged_in, revision)
    # Not served, and no server error: the clinician is sent to the release page and told why.
    assert response.status_code == 302
    assert response["Location"] == release_page(revision)
    assert not response.content.startswith(b"%PDF")
    page = client_logged_in.get(response["Location"])
    assert page.status_code == 200
    assert str(DOCUMENT_CORRUPTED) in page.content.decode()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.PDF_DOWNLOAD).exists()


# --- what the client was given stays what the client was given ---------------------------------


def release_page(revision):
    return reverse("planner:revision_release", args=[revision.plan.client_id, revision.number])


def release_through_the_web(client, revision):
    response = client.post(release_page(revision))
    assert response.status_code == 302, response.content.decode()[:500]
    return ReleasedDocument.objects.get(release__revision=revision, large_print=False)


def test_the_released_handout_is_the_stored_bytes_not_a_new_render(client_logged_in, clinician):
    revision = make_revision(clinician)
    client = revision.plan.client
    client.display_name = "Ana Before"
    client.save()
    profile = clinician.clinician_profile
    profile.handout_contact = "0111 000 111"
    profile.save()
    stored = bytes(release_through_the_web(client_logged_in, revision).content)
    assert "Ana Before" in all_text(stored) and "0111 000 111" in all_text(stored)

    client.display_name = "Ana After"
    client.save()
    profile.handout_contact = "0999 888 777"
    profile.save()
    # A render made now would carry the new name and contact...
    now = all_text(document(client_logged_in, revision, "handout").content)
    assert "Ana After" in now and "0999 888 777" in now
    # ...but the released handout is the one the client was given, byte for byte.
    response = released(client_logged_in, revision)
    assert_pdf_download(response, f"activity-plan-client{client.pk}-rev1.pdf")
    assert response.content == stored
    text = all_text(response.content)
    assert "Ana Before" in text and "0111 000 111" in text
    assert "Ana After" not in text and "0999 888 777" not in text


def mediabox_points(pdf: bytes) -> set[tuple[int, int]]:
    return {(round(float(page.mediabox.width)), round(float(page.mediabox.height)))
            for page in reader(pdf).pages}


def test_the_released_handout_is_a4_by_default(client_logged_in, clinician):
    revision = make_revision(clinician)
    assert clinician.clinician_profile.paper_size == "A4"
    release_through_the_web(client_logged_in, revision)
    assert mediabox_points(released(client_logged_in, revision).content) == {(595, 842)}


def test_letter_paper_from_the_profile_reaches_the_released_handout(client_logged_in, clinician):
    profile = clinician.clinician_profile
    profile.paper_size = ClinicianProfile.PaperSize.LETTER
    profile.save()
    revision = make_revision(clinician)
    stored = release_through_the_web(client_logged_in, revision)
    assert stored.paper == "LETTER"
    response = released(client_logged_in, revision)
    assert_pdf_download(response, f"activity-plan-client{revision.plan.client_id}-rev1.pdf")
    assert mediabox_points(response.content) == {(612, 792)}
    # The drafts and the log sheet follow the profile too.
    assert mediabox_points(document(client_logged_in, revision, "log_sheet").content) == {
        (612, 792)}
