"""The release page in the browser: attest each gate, release, adjust, record clearance."""

import pytest
from django.urls import reverse
from django.utils import timezone

from planner.models import GateAttestation, PlanRevision, Release
from planner.services.releases import GATES_OPEN
from tests.support.revisions import CRISIS_ANSWERS, GATE_ANSWERS, make_revision

pytestmark = pytest.mark.django_db


def release_url(revision, name="planner:revision_release"):
    return reverse(name, args=[revision.plan.client_id, revision.number])


def test_release_through_every_gate(client_logged_in, clinician):
    revision = make_revision(
        clinician,
        suicide_risk="passive_ideation",
        ed_history="current",
        ed_medical_restriction=False,
        base_total_min=200,
    )
    gates = set(revision.snapshot["gates"])
    assert gates == {"RISK_ATTESTATION", "ED_TEAM_CONFIRM", "ED_INFORMED_SIGNOFF"}
    page = client_logged_in.get(release_url(revision))
    assert page.status_code == 200
    assert not page.context["can_release"]
    assert {item["state"].code for item in page.context["gates"] if item["form"]} == gates

    # Releasing now is refused, with the open gates named.
    refused = client_logged_in.post(release_url(revision), {})
    assert refused.status_code == 200  # issue 22: errors answer 200
    assert str(GATES_OPEN).split(":")[0] in refused.content.decode()
    assert not Release.objects.exists()

    # An attestation needs its statement ticked; the ED team one needs the contact.
    attest = release_url(revision, "planner:gate_attest")
    missing = client_logged_in.post(attest, {"gate": "RISK_ATTESTATION"})
    assert missing.status_code == 200  # issue 22: errors answer 200
    assert "Tick the statement" in missing.content.decode()
    no_contact = client_logged_in.post(attest, {"gate": "ED_TEAM_CONFIRM", "confirm": "on"})
    assert no_contact.status_code == 200  # issue 22: errors answer 200
    assert "Name the eating-disorder team contact" in no_contact.content.decode()
    assert not GateAttestation.objects.exists()

    for gate in sorted(gates):
        response = client_logged_in.post(
            attest, {"gate": gate, "confirm": "on", "details": "Dr Lee, ED team"}
        )
        assert response.status_code == 302, response.content.decode()[:500]
    assert GateAttestation.objects.filter(revision=revision).count() == 3

    page = client_logged_in.get(release_url(revision))
    assert page.context["can_release"]
    response = client_logged_in.post(release_url(revision), {"large_print": "on"})
    assert response.status_code == 302
    release = Release.objects.get(revision=revision)
    assert release.documents.get().large_print
    page = client_logged_in.get(release_url(revision))
    assert page.context["release"] == release
    assert reverse(
        "planner:release_download", args=[revision.plan.client_id, 1]
    ) in page.content.decode()


def test_clearance_pending_page_offers_clearance_and_letters(client_logged_in, clinician):
    revision = make_revision(clinician, **GATE_ANSWERS["CLEARANCE_PENDING"])
    page = client_logged_in.get(release_url(revision))
    content = page.content.decode()
    assert reverse("planner:clearance_record", args=[revision.plan.client_id]) in content
    kinds = [kind for kind, _title in page.context["documents"]]
    assert "interim_clearance_letter" in kinds and "clearance_request_letter" in kinds
    assert not page.context["can_release"]
    refused = client_logged_in.post(release_url(revision), {})
    assert refused.status_code == 200  # issue 22: errors answer 200
    assert "Medical clearance is pending" in refused.content.decode()


def test_clearance_in_the_browser_makes_a_revision_that_follows_the_limits(
    client_logged_in, clinician
):
    revision = make_revision(clinician, **GATE_ANSWERS["CLEARANCE_PENDING"])
    url = reverse("planner:clearance_record", args=[revision.plan.client_id])
    form = client_logged_in.get(url)
    assert form.status_code == 200
    bad = client_logged_in.post(
        url,
        {
            "base_revision": 1,
            "clearance_date": timezone.localdate().isoformat(),
            "clearance_by": "Dr Ortiz",
            "clearance_max_minutes": 103,
        },
    )
    assert bad.status_code == 200  # issue 22: errors answer 200
    assert "Dr Ortiz" in bad.content.decode()
    response = client_logged_in.post(
        url,
        {
            "base_revision": 1,
            "clearance_date": timezone.localdate().isoformat(),
            "clearance_by": "Dr Ortiz",
            "clearance_max_minutes": 90,
            "clearance_max_intensity": "light",
        },
    )
    assert response.status_code == 302
    new = PlanRevision.objects.get(plan=revision.plan, number=2)
    assert new.reason == "Clearance recorded"
    assert new.snapshot["gates"] == [] and new.snapshot["target_minutes"] <= 90
    assert {s["intensity"] for s in new.snapshot["steps"]} == {"light"}
    # With the gate closed and no other gate, the new revision releases at once.
    assert client_logged_in.get(release_url(new)).context["can_release"]


def test_clearance_page_without_a_pending_gate_redirects(client_logged_in, clinician):
    revision = make_revision(clinician)
    response = client_logged_in.get(
        reverse("planner:clearance_record", args=[revision.plan.client_id])
    )
    assert response.status_code == 302


def test_adjust_in_the_browser_and_a_refusal_on_its_field(client_logged_in, clinician):
    revision = make_revision(clinician)
    url = reverse("planner:plan_adjust", args=[revision.plan.client_id])
    page = client_logged_in.get(url)
    assert page.status_code == 200
    assert "Now: 150." in page.content.decode()
    refused = client_logged_in.post(
        url, {"base_revision": 1, "lower_target_minutes": 400, "reason": "try"}
    )
    assert refused.status_code == 400
    assert "R-CAP-1" in refused.context["form"].errors["lower_target_minutes"][0]
    nothing = client_logged_in.post(url, {"base_revision": 1, "reason": "try"})
    assert nothing.status_code == 200  # issue 22: errors answer 200
    assert "Fill in at least one change" in nothing.content.decode()
    no_reason = client_logged_in.post(url, {"base_revision": 1, "lower_target_minutes": 100})
    assert no_reason.status_code == 200  # issue 22: errors answer 200
    assert PlanRevision.objects.count() == 1
    done = client_logged_in.post(
        url,
        {"base_revision": 1, "lower_target_minutes": 100, "delay_step": 2, "reason": "busy"},
    )
    assert done.status_code == 302
    new = PlanRevision.objects.get(number=2)
    assert [o["kind"] for o in new.overrides] == ["lower_target_minutes", "delay_step"]


def test_a_hard_stop_has_no_adjust_page_and_no_release(client_logged_in, clinician):
    revision = make_revision(clinician, **CRISIS_ANSWERS)
    response = client_logged_in.get(reverse("planner:plan_adjust", args=[revision.plan.client_id]))
    assert response.status_code == 302
    page = client_logged_in.get(release_url(revision))
    assert page.status_code == 200 and not page.context["can_release"]
    assert [k for k, _t in page.context["documents"]] == ["crisis_sheet", "stop_notice"]
    refused = client_logged_in.post(release_url(revision), {})
    assert refused.status_code == 200  # issue 22: errors answer 200


def test_an_older_revision_cannot_be_attested_from_its_page(client_logged_in, clinician):
    revision = make_revision(clinician, **GATE_ANSWERS["RISK_ATTESTATION"])
    client_logged_in.post(
        reverse("planner:plan_adjust", args=[revision.plan.client_id]),
        {"base_revision": 1, "lower_target_minutes": 100, "reason": "smaller"},
    )
    page = client_logged_in.get(release_url(revision))
    assert not page.context["is_current"]
    assert all(item["form"] is None for item in page.context["gates"])
    response = client_logged_in.post(
        release_url(revision, "planner:gate_attest"),
        {"gate": "RISK_ATTESTATION", "confirm": "on"},
    )
    assert response.status_code == 200  # issue 22: errors answer 200
    assert "Only the current revision" in response.content.decode()
    assert not GateAttestation.objects.exists()
