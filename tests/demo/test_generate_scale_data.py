"""The benchmark's data generator (`manage.py generate_scale_data`): tiny sizes."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from planner import adapters
from planner.models import AuditEvent, Client, Intake, PlanRevision

pytestmark = pytest.mark.django_db


def generate(owner, *, clients, revisions, heavy):
    out = io.StringIO()
    call_command(
        "generate_scale_data",
        owner=owner.get_username(),
        clients=clients,
        revisions=revisions,
        heavy=heavy,
        stdout=out,
    )
    return out.getvalue()


def test_rows_are_valid_numbered_from_one_and_counted_on_the_plan(clinician):
    output = generate(clinician, clients=4, revisions=10, heavy=4)
    assert "Generated 4 clients and 10 revisions" in output
    clients = list(Client.objects.filter(owner=clinician).order_by("pk"))
    assert len(clients) == 4
    numbers = [
        list(
            PlanRevision.objects.filter(plan__client=c).order_by("number")
            .values_list("number", flat=True)
        )
        for c in clients
    ]
    # The first client is the long record; the other six revisions are shared evenly.
    assert numbers == [[1, 2, 3, 4], [1, 2], [1, 2], [1, 2]]
    for client in clients:
        client.full_clean()
        assert client.plan.current_revision_number == len(numbers[clients.index(client)])
        assert Intake.objects.filter(client=client).count() == 1
        Intake.objects.get(client=client).full_clean()
    for revision in PlanRevision.objects.filter(plan__client__owner=clinician):
        assert revision.based_on_number == (revision.number - 1 or None)
        assert revision.intake.client_id == revision.plan.client_id
        assert bool(revision.reason) == (revision.number > 1)
    # Audit rows are written only by audit_record (test_audit_append_only); generated data has none.
    assert not AuditEvent.objects.filter(actor_id=clinician.pk).exists()


def test_each_snapshot_is_the_engines_plan_of_its_stored_intake(clinician):
    generate(clinician, clients=7, revisions=7, heavy=1)
    today = timezone.localdate()
    revisions = PlanRevision.objects.filter(plan__client__owner=clinician)
    assert {r.mode or r.hard_stop for r in revisions} >= {"CRISIS"}  # the demo cases vary
    for revision in revisions:
        intake_data = adapters.intake_to_engine_dict(revision.intake)
        assert revision.intake_data == intake_data
        assert revision.snapshot == adapters.build_plan(intake_data, today=today).to_dict()
        assert revision.hard_stop == (revision.snapshot.get("hard_stop") or "")


def test_generated_revisions_open_in_the_revision_history_and_detail_pages(
    clinician, client_logged_in
):
    generate(clinician, clients=3, revisions=5, heavy=3)
    heavy = Client.objects.filter(owner=clinician).order_by("pk").first()
    for number in (1, 3):
        response = client_logged_in.get(
            reverse("planner:plan_revision_detail", args=[heavy.pk, number])
        )
        assert response.status_code == 200
        assert response.context["revision"].number == number
        assert response.context["view"] is not None
        assert heavy.display_name in response.content.decode()
    history = client_logged_in.get(reverse("planner:plan_history", args=[heavy.pk]))
    assert history.status_code == 200
    assert [r.number for r in history.context["page"].object_list] == [3, 2, 1]
    listing = client_logged_in.get(reverse("planner:client_list"))
    assert listing.status_code == 200
    assert heavy.display_name in listing.content.decode()


def test_an_unknown_owner_is_refused_and_nothing_is_written(clinician):
    with pytest.raises(CommandError, match="No user named"):
        call_command("generate_scale_data", owner="nobody-here", clients=2, revisions=2)
    assert not Client.objects.exists()
