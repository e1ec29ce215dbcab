"""The clinic pages (issue 24) cost the same number of queries however many members, care-team
colleagues, handovers and clients a clinic has."""

import pytest
from django.urls import reverse

from planner.models import Role
from planner.services.clients import client_create
from planner.services.teams import care_team_add, client_handover
from tests.performance.test_query_counts import measure
from tests.support.auth import browser_for
from tests.support.teams import build_team, member

pytestmark = pytest.mark.django_db
SIZES = (1, 12)


def grow(team, size: int) -> None:
    """`size` more members, each on the client's care team, and `size` clients handed over to
    the colleague (whose list then shows a handover line on each)."""
    for n in range(size):
        colleague = member(team.clinic, Role.CLINICIAN)
        care_team_add(actor=team.responsible, client=team.client, colleague_id=colleague.pk,
                      reason=f"reason {n}")
        theirs = client_create(owner=team.responsible, display_name=f"Extra {n}",
                               crisis_region="US")
        client_handover(actor=team.lead, client=theirs, to_user_id=team.colleague.pk,
                        reason="x")


@pytest.mark.parametrize("page,role", [
    ("care_team", "responsible"), ("clinic", "lead"), ("clinic_members", "lead"),
    ("clinic_clients", "lead"), ("clinic_audit", "lead"), ("client_list", "colleague"),
])
def test_a_clinic_page_costs_the_same_for_small_and_larger_clinics(page, role):
    counts = {}
    for size in SIZES:
        team = build_team()
        grow(team, size)
        url = (reverse(f"planner:{page}", kwargs={"pk": team.client.pk}) if page == "care_team"
               else reverse(f"planner:{page}"))
        counts[size] = measure(browser_for(team.user(role)), url).count
    print(f"\n{page}: {counts}")
    assert len(set(counts.values())) == 1, (page, counts)


def test_the_clinic_home_of_someone_who_supervises_nobody_reads_no_revision():
    # make bench found the co-sign list scanning every revision for every user (17 req/s at
    # 100,000 revisions); a clinician with no trainee has nothing to co-sign.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    team = build_team()
    browser = browser_for(team.responsible)
    with CaptureQueriesContext(connection) as queries:
        assert browser.get(reverse("planner:clinic")).status_code == 200
    assert not [q["sql"] for q in queries if "planner_planrevision" in q["sql"]]
