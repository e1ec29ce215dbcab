"""
A client's whole record: JSON export and erasure (quality.md S11).

The record is built through the real services, as the pages build it: an assessment with medical
clearance pending and a risk gate (revision 1), an adjustment with a reason (revision 2), the
clearance recorded as a new assessment (revision 3), the risk gate attested, revision 3 released
with its stored handout, three weekly check-ins and a week-4 review the clinician declined.
"""

import datetime as dt
import hashlib
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models.deletion import Collector, RestrictedError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from planner import selectors
from planner.measure_kinds import MeasureKind
from planner.models import (
    AppendOnlyError,
    AuditEvent,
    CheckIn,
    Client,
    ClientLogAmendment,
    ClientLogEntry,
    ClientLogLink,
    GateAttestation,
    Intake,
    Measure,
    Plan,
    PlanRevision,
    Release,
    ReleasedDocument,
    Review,
    ReviewDecision,
)
from planner.selectors.clients import client_get
from planner.services import clientlog
from planner.services.adjustments import clearance_record, revision_adjust
from planner.services.measures import measures_record
from planner.services.records import NAME_MISMATCH, client_erase, erasure_querysets
from planner.services.releases import gate_attest, revision_release
from planner.services.reviews import review_decide
from tests.support.auth import browser_for
from tests.support.progress import START, plan_started, record, review_at, review_for, week

pytestmark = pytest.mark.django_db

NAME = "Robin Quill-Ödegaard"
CLIENT_NOTES = "prefers mornings; sister drives"
ATTESTATION_DETAILS = "safety plan agreed with Robin"
ADJUST_REASON = "knee sore on long walks"
DECLINE_REASON = "client wants to keep going"
CLEARED_BY = "Dr Ortiz, GP"
CLIENT_LOG_NOTE = "Walked with my sister, felt lighter"
DISCOUNT_REASON = "Logged twice, same walk as the check-in"

# Every model that holds part of a client's record, each with how to find one client's rows.
RECORD_MODELS = {
    Client: "pk",
    Plan: "client",
    Intake: "client",
    PlanRevision: "plan__client",
    GateAttestation: "revision__plan__client",
    Release: "revision__plan__client",
    ReleasedDocument: "release__revision__plan__client",
    CheckIn: "client",
    Review: "client",
    ReviewDecision: "review__client",
    ClientLogLink: "client",
    ClientLogEntry: "client",
    ClientLogAmendment: "entry__client",
    Measure: "client",
}


def full_record(owner, name=NAME):
    """Build a client's record through the services; return the client and what was made."""
    client, first = plan_started(
        owner=owner, suicide_risk="passive_ideation", q2_chest_pain=True,
        clearance_status="pending",
    )
    client.display_name = name
    client.notes = CLIENT_NOTES
    client.save()
    adjusted = revision_adjust(
        user=owner, client=client, base_revision=1,
        changes=[("lower_target_minutes", 120)], reason=ADJUST_REASON, today=START,
    )
    cleared = clearance_record(
        user=owner, client=client, base_revision=2, clearance_date=START,
        clearance_by=CLEARED_BY, clearance_max_minutes=140, today=START,
    ).revision
    attestation = gate_attest(
        user=owner, revision=cleared, gate="RISK_ATTESTATION", details=ATTESTATION_DETAILS
    )
    release = revision_release(user=owner, revision=cleared)
    checkins = [record(client, n, minutes) for n, minutes in ((1, 30), (2, 40), (3, 50))]
    review = review_at(client, 4)
    decision = review_decide(
        review=review, author=owner, accept=False, reason=DECLINE_REASON, today=week(4)
    )
    # The client logs today with the link the release made; the clinician discounts it.
    link = ClientLogLink.objects.get(client=client, revoked_at__isnull=True)
    logged = clientlog.entry_log(link=link, day=dt.date.today(), active=True, minutes=15,
                                 note=CLIENT_LOG_NOTE)
    clientlog.entry_amend(user=owner, entry=logged, kind="discount", reason=DISCOUNT_REASON)
    measures = measures_record(client=client, author=owner, measured_on=week(4),
                               values={MeasureKind.WEIGHT: Decimal("71.5")}, review=review)
    client.refresh_from_db()
    return {
        "measures": measures,
        "client": client, "revisions": [first, adjusted, cleared], "attestation": attestation,
        "release": release, "checkins": checkins, "review": review, "decision": decision,
    }


def rows_of(client_pk) -> dict[str, int]:
    """How many rows of each record model belong to the client with id `client_pk`."""
    return {
        model.__name__: model._base_manager.filter(**{lookup: client_pk}).count()
        for model, lookup in RECORD_MODELS.items()
    }


def export_url(client):
    return reverse("planner:client_export", kwargs={"pk": client.pk})


def erase_url(client):
    return reverse("planner:client_erase", kwargs={"pk": client.pk})


@pytest.fixture
def made(clinician):
    return full_record(clinician)


# --- export --------------------------------------------------------------------------------------


def test_the_record_has_what_the_export_test_needs(made):
    # The fixture itself: if a service stops making one of these, the export tests prove less.
    assert rows_of(made["client"].pk) == {
        "Client": 1, "Plan": 1, "Intake": 2, "PlanRevision": 3, "GateAttestation": 1,
        "Release": 1, "ReleasedDocument": 1, "CheckIn": 4, "Review": 1, "ReviewDecision": 1,
        "ClientLogLink": 1, "ClientLogEntry": 1, "ClientLogAmendment": 1, "Measure": 1,
    }


def test_the_export_is_a_json_attachment_named_by_id_and_never_cached(made, clinician):
    client = made["client"]
    response = browser_for(clinician).get(export_url(client))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert disposition.startswith(f'attachment; filename="client-{client.pk}-record-')
    assert disposition.endswith('.json"')
    assert "Robin" not in disposition and "Quill" not in disposition
    assert "no-store" in response["Cache-Control"]
    assert int(response["Content-Length"]) == len(response.content)
    data = json.loads(response.content)
    assert data["format"] == "planner.client_record" and data["format_version"] == 1
    assert data["exported_by"] == {"id": clinician.pk, "username": clinician.username}


def test_the_export_holds_the_client_and_every_assessment_with_its_answers(made, clinician):
    client = made["client"]
    data = json.loads(browser_for(clinician).get(export_url(client)).content)
    assert data["client"]["id"] == client.pk
    assert data["client"]["display_name"] == NAME  # non-ASCII kept as typed
    assert data["client"]["notes"] == CLIENT_NOTES
    assert data["client"]["crisis_region"] == "US"
    assert data["plan"]["current_revision_number"] == 3
    assert data["plan"]["start_date"] == "2026-01-05"
    intakes = data["intakes"]
    assert [i["id"] for i in intakes] == list(
        Intake.objects.filter(client=client).order_by("id").values_list("id", flat=True)
    )
    first, second = intakes
    # Answers from plan_started(): case C01 with a risk and a pending clearance.
    assert first["suicide_risk"] == "passive_ideation"
    assert first["q2_chest_pain"] is True and first["clearance_status"] == "pending"
    assert first["primary_condition"] == "depression" and first["phq9_total"] == 8
    assert first["plan_start_date"] == "2026-01-05"
    assert first["author"] == {"id": clinician.pk, "username": clinician.username}
    assert second["clearance_status"] == "obtained" and second["clearance_by"] == CLEARED_BY
    # Every answer field of the model is there, not only the ones this test names.
    answer_fields = {f.name for f in Intake._meta.concrete_fields} - {"client"}
    assert answer_fields <= set(first)


def test_the_export_lists_each_clearance(made, clinician):
    data = json.loads(browser_for(clinician).get(export_url(made["client"])).content)
    pending, obtained = data["clearances"]
    assert pending["status"] == "pending" and pending["date"] is None
    assert obtained == {
        "intake_id": made["revisions"][2].intake_id, "assessed_date": obtained["assessed_date"],
        "status": "obtained", "date": "2026-01-05", "by": CLEARED_BY, "max_minutes": 140,
        "max_intensity": "",
    }


def test_the_export_holds_every_revision_with_snapshot_overrides_and_reasons(made, clinician):
    data = json.loads(browser_for(clinician).get(export_url(made["client"])).content)
    revisions = data["revisions"]
    assert [r["number"] for r in revisions] == [1, 2, 3]
    for exported, saved in zip(revisions, made["revisions"], strict=True):
        saved.refresh_from_db()
        assert exported["snapshot"] == saved.snapshot
        assert exported["intake_data"] == saved.intake_data
        assert exported["intake_id"] == saved.intake_id
        assert exported["engine_version"] == saved.engine_version
    assert revisions[0]["overrides"] == [] and revisions[0]["based_on_number"] is None
    assert revisions[1]["reason"] == ADJUST_REASON and revisions[1]["based_on_number"] == 1
    [override] = revisions[1]["overrides"]
    assert override["reason"] == ADJUST_REASON and override["value"] == 120
    assert revisions[1]["snapshot"]["target_minutes"] == 120
    assert revisions[2]["reason"].startswith("Clearance recorded")
    assert "CLEARANCE_PENDING" in revisions[0]["snapshot"]["gates"]


def test_the_export_holds_attestations_releases_and_document_metadata(made, clinician):
    data = json.loads(browser_for(clinician).get(export_url(made["client"])).content)
    first, second, third = data["revisions"]
    assert first["attestations"] == [] and first["release"] is None
    assert second["release"] is None
    [attestation] = third["attestations"]
    assert attestation["gate"] == "RISK_ATTESTATION"
    assert attestation["details"] == ATTESTATION_DETAILS
    assert attestation["attested_by"]["id"] == clinician.pk
    release = third["release"]
    assert release["id"] == made["release"].pk
    assert release["released_by"] == {"id": clinician.pk, "username": clinician.username}
    [document] = release["documents"]
    stored = ReleasedDocument.objects.get(release=made["release"])
    assert document["kind"] == "handout" and document["large_print"] is False
    assert document["sha256"] == hashlib.sha256(bytes(stored.content)).hexdigest()
    assert document["size"] == len(bytes(stored.content))
    assert document["filename"] == stored.filename
    assert "content" not in document  # metadata only: the bytes are on the release page


def test_the_export_holds_checkins_reviews_and_decisions(made, clinician):
    data = json.loads(browser_for(clinician).get(export_url(made["client"])).content)
    checkins = [c for c in data["checkins"] if c["source"] == "clinician"]
    # The week the client logged today (issue 23), its day and the clinician's discount.
    assert [c["source"] for c in data["checkins"]].count("client") == 1
    [entry] = data["client_log"]["entries"]
    assert entry["note"] == CLIENT_LOG_NOTE and entry["minutes"] == 15
    assert [a["reason"] for a in entry["amendments"]] == [DISCOUNT_REASON]
    [link] = data["client_log"]["links"]
    assert "token_hash" not in link and "nonce" not in link
    assert [c["week_start"] for c in checkins] == ["2026-01-05", "2026-01-12", "2026-01-19"]
    assert [c["minutes_completed"] for c in checkins] == [30, 40, 50]
    assert [c["plan_step"] for c in checkins] == [1, 2, 3]
    assert [(c["revision_id"], c["revision_number"]) for c in checkins] == [
        (c.revision_id, c.revision.number) for c in made["checkins"]]
    [review] = data["reviews"]
    assert review["id"] == made["review"].pk and review["review_week"] == 4
    assert review["revision_number"] == made["review"].revision.number
    assert review["proposed_action"] == made["review"].proposed_action
    assert [w["completed"] for w in review["window"]] == [30, 40, 50]
    decision = review["decision"]
    assert decision["accepted"] is False and decision["reason"] == DECLINE_REASON
    assert decision["outcome"] == "no_change" and decision["resulting_revision_number"] is None


def test_the_export_is_audited_without_the_name(made, clinician):
    browser_for(clinician).get(export_url(made["client"]))
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.actor_id == clinician.pk
    assert (event.object_type, event.object_id) == ("client", str(made["client"].pk))
    assert "Robin" not in event.detail and "depression" not in event.detail


def test_the_export_takes_the_same_queries_for_a_longer_record(made, clinician):
    small = made["client"]
    big = full_record(clinician, name="Big Record")["client"]
    revision_adjust(user=clinician, client=big, base_revision=3, reason="shorter sessions",
                    changes=[("lower_start_minutes", 20)], today=START)
    record(big, 4, 60)
    # Loaded as the view loads them (with the plan); then the export alone is counted.
    small, big = client_get(clinician, small.pk), client_get(clinician, big.pk)
    with CaptureQueriesContext(connection) as few:
        selectors.client_record_export(clinician, small)
    with CaptureQueriesContext(connection) as more:
        exported = selectors.client_record_export(clinician, big)
    assert (len(exported["revisions"]), len(exported["checkins"])) == (4, 5)  # 1 client-logged
    assert len(more) == len(few)


def test_another_clinician_cannot_export_or_erase(made, other_clinician):
    intruder = browser_for(other_clinician)
    client = made["client"]
    before = rows_of(client.pk)
    for response in (
        intruder.get(export_url(client)),
        intruder.post(export_url(client)),
        intruder.get(erase_url(client)),
        intruder.post(erase_url(client), {"confirm_name": NAME}),
    ):
        assert response.status_code == 404
        assert NAME.encode() not in response.content
    assert rows_of(client.pk) == before
    assert not AuditEvent.objects.filter(
        actor_id=other_clinician.pk, action__in=["export", "erase"]
    ).exists()


def test_the_export_is_get_only(made, clinician):
    response = browser_for(clinician).post(export_url(made["client"]))
    assert response.status_code == 405
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


# --- erasure -------------------------------------------------------------------------------------


def test_the_client_page_links_to_export_and_erase(made, clinician):
    body = browser_for(clinician).get(
        reverse("planner:client_detail", kwargs={"pk": made["client"].pk})
    ).content.decode()
    assert f'href="{export_url(made["client"])}"' in body
    assert f'class="btn btn-outline-danger" href="{erase_url(made["client"])}"' in body


def test_the_confirm_page_says_what_goes_and_erases_nothing(made, clinician):
    client = made["client"]
    before = rows_of(client.pk)
    response = browser_for(clinician).get(erase_url(client))
    assert response.status_code == 200
    body = response.content.decode()
    assert "This cannot be undone." in body
    for text in ("2 assessments", "3 plan revisions", "1 gate attestation", "1 release",
                 "1 stored handout", "4 check-ins", "1 review"):
        assert text in body, text
    assert 'name="confirm_name"' in body
    assert rows_of(client.pk) == before
    view = AuditEvent.objects.filter(action=AuditEvent.Action.VIEW).latest("id")
    assert (view.object_type, view.object_id, view.detail) == (
        "client", str(client.pk), "erase_confirm")


@pytest.mark.parametrize("typed", ["robin quill-ödegaard", "Robin Quill-Odegaard", "Robin", ""])
def test_a_wrong_name_erases_nothing_and_keeps_what_was_typed(made, clinician, typed):
    client = made["client"]
    before = rows_of(client.pk)
    response = browser_for(clinician).post(erase_url(client), {"confirm_name": typed})
    assert response.status_code == 200
    assert rows_of(client.pk) == before
    body = response.content.decode()
    assert 'id="error-summary"' in body
    if typed:
        assert str(NAME_MISMATCH).replace("'", "&#x27;") in body
        assert f'value="{typed}"' in body
    else:
        assert "This field is required." in body
    assert 'aria-invalid="true"' in body
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.ERASE).exists()


def test_the_right_name_erases_every_row_of_the_client_and_nothing_else(made, clinician):
    client = made["client"]
    sibling = full_record(clinician, name="Sam Sibling")["client"]
    sibling_rows = rows_of(sibling.pk)
    totals = {model.__name__: model._base_manager.count() for model in RECORD_MODELS}
    erased = rows_of(client.pk)
    assert all(erased.values())  # every model had rows of this client
    browser = browser_for(clinician)
    response = browser.post(erase_url(client), {"confirm_name": f"  {NAME} "})
    assert response.status_code == 302
    assert response["Location"] == reverse("planner:client_list")
    assert rows_of(client.pk) == {name: 0 for name in erased}
    assert rows_of(sibling.pk) == sibling_rows
    assert {model.__name__: model._base_manager.count() for model in RECORD_MODELS} == {
        name: totals[name] - erased[name] for name in totals
    }
    listing = browser.get(response["Location"]).content.decode()
    assert "The client&#x27;s record was erased." in listing
    assert "Sam Sibling" in listing and "Robin" not in listing


def test_after_erasure_the_trail_remains_with_ids_only(made, clinician):
    client = made["client"]
    browser = browser_for(clinician)
    browser.get(reverse("planner:client_detail", kwargs={"pk": client.pk}))
    browser.get(export_url(client))
    trail_before = list(AuditEvent.objects.order_by("id").values())
    assert any(row["action"] == "export" for row in trail_before)
    browser.post(erase_url(client), {"confirm_name": NAME})
    # Every earlier row is still there, unchanged, and one more records the erasure.
    assert list(AuditEvent.objects.order_by("id").values())[:-1] == trail_before
    erase = AuditEvent.objects.get(action=AuditEvent.Action.ERASE)
    assert erase.actor_id == clinician.pk
    assert (erase.object_type, erase.object_id) == ("client", str(client.pk))
    assert erase.detail == (
        "checkin=4 client=1 clientlogamendment=1 clientlogentry=1 clientloglink=1 "
        "gateattestation=1 intake=2 measure=1 plan=1 planrevision=3 release=1 releaseddocument=1 "
        "review=1 reviewdecision=1"
    )
    trail = json.dumps(list(AuditEvent.objects.values()), default=str)
    for private in (NAME, "Robin", CLIENT_NOTES, ATTESTATION_DETAILS, ADJUST_REASON,
                    DECLINE_REASON, CLEARED_BY, "passive_ideation", "depression",
                    CLIENT_LOG_NOTE, DISCOUNT_REASON):
        assert private not in trail, private


def test_a_second_erase_of_the_same_client_is_a_404(made, clinician):
    browser = browser_for(clinician)
    browser.post(erase_url(made["client"]), {"confirm_name": NAME})
    assert browser.post(erase_url(made["client"]), {"confirm_name": NAME}).status_code == 404
    assert browser.get(export_url(made["client"])).status_code == 404


def test_the_service_refuses_another_clinicians_client(made, other_clinician):
    with pytest.raises(Client.DoesNotExist):
        client_erase(client=made["client"], actor=other_clinician, confirm_name=NAME)
    assert rows_of(made["client"].pk)["PlanRevision"] == 3


def test_erasure_covers_every_model_that_cascades_from_a_client(made):
    # A model that gains a relation to a client must join erasure_querysets(): compare with
    # every model Django's collector would reach from the client.
    collector = Collector(using="default")
    collector.collect([made["client"]])
    reached = {model for model, rows in collector.data.items() if rows}
    reached |= {qs.model for qs in collector.fast_deletes if qs.exists()}
    # The erasure's querysets that hold rows of this record (clinic teams' rows, issue 24, are
    # erased too: tests/web/clinics).
    erased = {qs.model for qs in erasure_querysets(made["client"]) if qs.exists()}
    assert reached == erased == set(RECORD_MODELS)


# --- the append-only guards still hold for every other caller ------------------------------------


@pytest.mark.parametrize(
    "model", [Intake, PlanRevision, GateAttestation, Release, ReleasedDocument, Review,
              ReviewDecision],
)
def test_ordinary_deletes_of_append_only_rows_still_raise(made, model):
    lookup = RECORD_MODELS[model]
    row = model._base_manager.filter(**{lookup: made["client"].pk}).first()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        model.objects.filter(pk=row.pk).delete()
    with pytest.raises(AppendOnlyError):
        model.objects.filter(pk=row.pk).update()
    assert model._base_manager.filter(pk=row.pk).exists()


def test_an_unforeseen_reference_stops_the_erasure_and_leaves_the_record_whole(made, clinician):
    # A row erasure does not own still points at one of the client's revisions (RESTRICT):
    # here another client's review decision, written directly since no service makes one. The
    # collector refuses, and the transaction takes back everything deleted before it.
    other = review_for(owner=clinician)
    ReviewDecision(
        review=other, accepted=True, outcome="revision", author=clinician,
        resulting_revision=made["revisions"][0],
    ).save()
    before = rows_of(made["client"].pk)
    with pytest.raises(RestrictedError):
        client_erase(client=made["client"], actor=clinician, confirm_name=NAME)
    assert rows_of(made["client"].pk) == before
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.ERASE).exists()


def test_dates_in_the_export_are_iso(made, clinician):
    data = json.loads(browser_for(clinician).get(export_url(made["client"])).content)
    assert dt.datetime.fromisoformat(data["exported_at"])
    assert dt.datetime.fromisoformat(data["revisions"][0]["created"])
    assert dt.date.fromisoformat(data["reviews"][0]["review_date"]) == week(4)
