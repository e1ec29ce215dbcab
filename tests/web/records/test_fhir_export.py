"""
The FHIR R4 export (issue 26): every demo client's bundle validates with fhir.resources' R4
models and round-trips (parse -> serialise -> the same JSON); every Observation has a LOINC code
and UCUM units; one client's export holds nothing of another; the download is audited; the
command exits 2 for an unknown or archived client.
"""

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone
from fhir.resources import __fhir_version__
from fhir.resources.bundle import Bundle

from planner import selectors
from planner.fhir import bundle_for_record
from planner.management.commands.seed_demo import DEMO_USERNAME
from planner.measure_kinds import MeasureKind
from planner.models import AuditEvent, Client
from planner.services.measures import measures_record
from tests.support.auth import browser_for
from tests.support.progress import plan_started, record

pytestmark = pytest.mark.django_db

LOINC, UCUM = "http://loinc.org", "http://unitsofmeasure.org"
NOW = timezone.now()


def bundle_of(client):
    return bundle_for_record(selectors.client_fhir_record(client.owner, client), now=NOW)


def named(client, name, birth_year):
    Client.objects.filter(pk=client.pk).update(display_name=name, birth_year=birth_year)
    client.refresh_from_db()
    return client


def resources(bundle, kind=None):
    return [e["resource"] for e in bundle["entry"]
            if kind is None or e["resource"]["resourceType"] == kind]


@pytest.fixture
def demo_clients():
    call_command("seed_demo", stdout=io.StringIO())
    return list(Client.objects.filter(owner__username=DEMO_USERNAME).order_by("pk"))


def test_the_library_validates_fhir_r4():
    assert __fhir_version__ == "4.0.1"


def test_every_demo_clients_bundle_validates_and_round_trips(demo_clients):
    assert len(demo_clients) >= 7
    kinds = set()
    for client in demo_clients:
        bundle = bundle_of(client)
        text = json.dumps(bundle)
        again = json.loads(Bundle.parse_raw(text).json())
        assert again == json.loads(text), client.display_name
        assert bundle["type"] == "collection"
        kinds |= {r["resourceType"] for r in resources(bundle)}
        # Every reference points at an entry of the same bundle.
        urls = {e["fullUrl"] for e in bundle["entry"]}
        for ref in _references(bundle):
            assert ref in urls, (client.display_name, ref)
    assert kinds == {"Patient", "CarePlan", "Goal", "Observation"}


def _references(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "reference":
                yield value
            else:
                yield from _references(value)
    elif isinstance(node, list):
        for item in node:
            yield from _references(item)


def test_a_broken_bundle_is_refused():
    from planner.fhir import FhirExportError, validate

    with pytest.raises(FhirExportError):
        validate({"resourceType": "Bundle", "type": "collection",
                  "entry": [{"resource": {"resourceType": "Observation", "status": "final"}}]})


def test_every_observation_has_a_loinc_code_and_ucum_units(demo_clients):
    seen = set()
    for client in demo_clients:
        for obs in resources(bundle_of(client), "Observation"):
            assert obs["code"]["coding"][0]["system"] == LOINC
            seen.add(obs["code"]["coding"][0]["code"])
            quantities = ([obs["valueQuantity"]] if "valueQuantity" in obs
                          else [c["valueQuantity"] for c in obs["component"]])
            for component in obs.get("component", ()):
                assert component["code"]["coding"][0]["system"] == LOINC
            for quantity in quantities:
                assert quantity["system"] == UCUM and quantity["code"]
    # The demo data reaches every kind of observation the export writes.
    assert seen >= {"44261-6", "70274-6", "82290-8", "29463-7", "8280-0", "85354-9",
                    "40443-4", "66247-8", "89423-8"}


def test_what_the_bundle_holds_for_one_client(clinician):
    client, revision = plan_started(owner=clinician, start=dt.date.today()
                                    - dt.timedelta(weeks=2))
    client = named(client, "Bea Example", 1970)
    record(client, 1, 45, start=dt.date.today() - dt.timedelta(weeks=2))
    measures_record(client=client, author=clinician, measured_on=dt.date.today(),
                    values={MeasureKind.WEIGHT: Decimal("82.35"),
                            MeasureKind.BLOOD_PRESSURE: (Decimal(131), 83),
                            MeasureKind.WALK_2_MIN: Decimal(150)})
    bundle = bundle_of(client)
    (patient,) = resources(bundle, "Patient")
    assert patient == {"resourceType": "Patient", "id": patient["id"],
                       "name": [{"text": client.display_name}], "birthDate": "1970"}
    (care_plan,) = resources(bundle, "CarePlan")
    assert care_plan["status"] == "draft"  # revision 1 is not released
    assert len(care_plan["activity"]) == len(revision.saved_plan.steps)
    (goal,) = resources(bundle, "Goal")
    assert goal["target"][0]["detailQuantity"]["value"] == revision.saved_plan.target_minutes
    observations = {o["code"]["coding"][0]["code"]: o for o in resources(bundle, "Observation")}
    assert observations["29463-7"]["valueQuantity"] == {
        "value": 82.35, "unit": "kg", "system": UCUM, "code": "kg"}
    assert [c["valueQuantity"]["value"] for c in observations["85354-9"]["component"]] == [
        131, 83]
    minutes = observations["82290-8"]
    assert minutes["valueQuantity"]["value"] == 45 and minutes["valueQuantity"]["code"] == "min/wk"
    assert {c["coding"][0]["code"] for c in minutes["category"]} == {"activity",
                                                                      "PhysicalActivity"}
    # The 2-minute walk has no confirmed LOINC term: left out, not mis-coded.
    assert len(observations) == 4  # PHQ-9 (assessment), weight, blood pressure, minutes


def test_one_clients_export_holds_nothing_of_another(clinician):
    mine = named(plan_started(owner=clinician)[0], "Ada Mine", None)
    theirs = named(plan_started(owner=clinician)[0], "Zed Theirs", 1961)
    measures_record(client=theirs, author=clinician, measured_on=dt.date.today(),
                    values={MeasureKind.WEIGHT: Decimal("111.11")})
    text = json.dumps(bundle_of(mine))
    other = json.dumps(bundle_of(theirs))
    assert "Zed Theirs" not in text and "111.11" not in text and "1961" not in text
    ids = {r["id"] for r in resources(bundle_of(theirs))}
    assert not any(resource_id in text for resource_id in ids)
    assert "Ada Mine" not in other


def test_the_download_is_an_audited_attachment(clinician):
    client, _ = plan_started(owner=clinician)
    response = browser_for(clinician).get(
        reverse("planner:client_fhir_export", kwargs={"pk": client.pk}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    assert response["Content-Disposition"].startswith(f'attachment; filename="client-{client.pk}-')
    assert "no-store" in response["Cache-Control"]
    Bundle.parse_raw(response.content)
    event = AuditEvent.objects.get(action="export", object_id=str(client.pk))
    assert event.actor_id == clinician.pk and event.detail.startswith("format=fhir-r4")
    assert client.display_name not in event.detail


def test_an_archived_client_is_not_exported_from_the_page(clinician):
    client, _ = plan_started(owner=clinician)
    Client.objects.filter(pk=client.pk).update(archived=True)
    response = browser_for(clinician).get(
        reverse("planner:client_fhir_export", kwargs={"pk": client.pk}))
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action="export").exists()


def test_the_command_writes_a_valid_bundle(clinician, tmp_path):
    client, _ = plan_started(owner=clinician)
    out = tmp_path / "bundle.json"
    call_command("export_fhir", str(client.pk), "-o", str(out), stderr=io.StringIO())
    Bundle.parse_file(out)
    assert AuditEvent.objects.filter(action="export", object_id=str(client.pk)).exists()


@pytest.mark.parametrize("which", ["unknown", "archived", "not-a-number"])
def test_the_command_exits_2_for_an_unknown_or_archived_client(clinician, tmp_path, which):
    client, _ = plan_started(owner=clinician)
    client_id = {"unknown": str(client.pk + 999), "archived": str(client.pk),
                 "not-a-number": "abc"}[which]
    if which == "archived":
        Client.objects.filter(pk=client.pk).update(archived=True)
    out = tmp_path / "bundle.json"
    with pytest.raises(CommandError) as refused:
        call_command("export_fhir", client_id, "-o", str(out))
    assert refused.value.returncode == 2
    assert ("archived" if which == "archived" else "No client with id") in str(refused.value)
    assert not out.exists()
