"""seed_demo's released demo client."""

from io import StringIO

import pytest
from django.core.management import call_command

from planner.demo.releases import DISPLAY_NAME, seed_demo_releases
from planner.models import Client, GateAttestation, PlanRevision, Release
from planner.services.releases import released_document_get, revision_open_gates
from tests.support.factories import ClinicianProfileFactory

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_adjusted_released_plan_with_an_attested_gate():
    user = ClinicianProfileFactory().user
    assert seed_demo_releases(user) == 1
    client = Client.objects.get(owner=user, display_name=DISPLAY_NAME)
    revisions = PlanRevision.objects.filter(plan__client=client).order_by("number")
    assert [r.number for r in revisions] == [1, 2]
    first, second = revisions
    assert second.overrides and second.reason
    assert second.snapshot["target_minutes"] < first.snapshot["target_minutes"]
    assert "RISK_ATTESTATION" in second.snapshot["gates"]
    attestation = GateAttestation.objects.get(revision=second)
    assert attestation.gate == "RISK_ATTESTATION" and attestation.attested_by == user
    assert revision_open_gates(second) == ()
    assert Release.objects.get(revision=second).released_by == user
    assert not Release.objects.filter(revision=first).exists()
    assert released_document_get(second).content.startswith(b"%PDF")
    # Idempotent.
    assert seed_demo_releases(user) == 0
    assert Client.objects.filter(display_name=DISPLAY_NAME).count() == 1


def test_seed_demo_command_makes_it():
    call_command("seed_demo", stdout=StringIO())
    assert Release.objects.filter(revision__plan__client__display_name=DISPLAY_NAME).exists()
