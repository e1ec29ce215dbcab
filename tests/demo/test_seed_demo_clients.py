"""seed_demo adds demo clients with plans made by the engine, once."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from planner.demo.clients import DEMO_CLIENTS
from planner.models import Client, Intake, PlanRevision
from planner.selectors.clients import client_list

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_demo_clients_with_plans_once():
    call_command("seed_demo", stdout=StringIO())
    names = [demo["display_name"] for demo in DEMO_CLIENTS]
    clients = Client.objects.filter(owner__username="demo", display_name__in=names)
    assert clients.count() == len(DEMO_CLIENTS)
    for client in clients:
        assert client.plan.current_revision_number >= 1
    ana = clients.get(display_name="Ana (demo)")
    assert ana.plan.current_revision_number == 2 and ana.plan.next_review_date is not None
    assert PlanRevision.objects.get(plan=ana.plan, number=2).reason
    mo = clients.get(display_name="Mo (demo)")
    assert PlanRevision.objects.get(plan=mo.plan).hard_stop == "CRISIS"
    carla = PlanRevision.objects.get(plan__client__display_name="Carla (demo)")
    assert "RISK_ATTESTATION" in carla.snapshot["gates"]

    revisions = PlanRevision.objects.filter(plan__client__in=clients).count()
    assert revisions == len(DEMO_CLIENTS) + 1  # Ana has two

    call_command("seed_demo", stdout=StringIO())
    assert clients.count() == len(DEMO_CLIENTS)
    assert PlanRevision.objects.filter(plan__client__in=clients).count() == revisions


def test_demo_clients_have_the_clinician_only_answers():
    call_command("seed_demo", stdout=StringIO())
    intakes = {
        i.client.display_name: i
        for i in Intake.objects.filter(client__owner__username="demo").select_related("client")
    }
    assert intakes["Carla (demo)"].current_treatments == ["antidepressant", "psychotherapy"]
    assert intakes["Hana (demo)"].current_activities == ["walking"]
    assert all(i.current_treatments for i in intakes.values())
    # Hana was screened over a year ago: the demo list shows her screening overdue (R-REV-6).
    hana = intakes["Hana (demo)"]
    assert hana.screening_date == timezone.localdate() - dt.timedelta(days=400)
    user = Client.objects.get(display_name="Hana (demo)").owner
    page = client_list(user)
    overdue = {c.display_name for c in page.object_list if c.schedule.screening.overdue}
    assert overdue == {"Hana (demo)"}
