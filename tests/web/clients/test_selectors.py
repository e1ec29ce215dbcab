"""Selectors: every read is scoped to the clinician; query counts do not grow with the data."""

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from planner import selectors
from tests.support.factories import ClientFactory, IntakeFactory
from tests.support.revisions import add_revisions

pytestmark = pytest.mark.django_db


def test_client_list_shows_only_the_clinicians_own_clients(clinician, other_clinician):
    mine = ClientFactory(owner=clinician, display_name="Ana")
    ClientFactory(owner=other_clinician, display_name="Ana too")
    page = selectors.client_list(clinician)
    assert list(page.object_list) == [mine]


def test_client_list_searches_names_and_filters_archived(clinician):
    ana = ClientFactory(owner=clinician, display_name="Ana Lima")
    ClientFactory(owner=clinician, display_name="Ben")
    old = ClientFactory(owner=clinician, display_name="Anabel", archived=True)
    assert list(selectors.client_list(clinician, search="ana").object_list) == [ana]
    assert list(selectors.client_list(clinician, search="ana", archived=True).object_list) == [old]


def test_client_list_total_counts_only_the_clinicians_matching_clients(clinician,
                                                                      other_clinician):
    # The total comes from its own, plainer query (PlainCountPaginator): it must apply the
    # same owner, archived and search filters as the rows.
    for n in range(3):
        ClientFactory(owner=clinician, display_name=f"Ana {n}")
    ClientFactory(owner=clinician, display_name="Ben")
    ClientFactory(owner=clinician, display_name="Ana archived", archived=True)
    ClientFactory(owner=other_clinician, display_name="Ana elsewhere")
    assert selectors.client_list(clinician).paginator.count == 4
    assert selectors.client_list(clinician, search="ana").paginator.count == 3
    assert selectors.client_list(clinician, search="ana", archived=True).paginator.count == 1
    assert selectors.client_list(clinician, search="nobody").paginator.count == 0


def test_client_list_sorts_by_recent_activity_and_paginates(clinician):
    clients = [ClientFactory(owner=clinician) for _ in range(30)]
    page = selectors.client_list(clinician)
    assert page.paginator.count == 30 and len(page.object_list) == 25
    assert page.object_list[0] == clients[-1]
    assert len(selectors.client_list(clinician, page=2).object_list) == 5
    assert selectors.client_list(clinician, page="nonsense").number == 1


def test_client_list_annotates_the_last_assessment(clinician):
    intake = IntakeFactory(client__owner=clinician)
    client = selectors.client_list(clinician).object_list[0]
    assert client.last_assessed == intake.assessed_date


@pytest.mark.parametrize(
    "read",
    [
        lambda user, intake: selectors.client_get(user, intake.client_id),
        lambda user, intake: selectors.intake_get(user, intake.pk),
        lambda user, intake: selectors.plan_revision_get(user, intake.client_id, 1),
    ],
)
def test_another_clinicians_objects_do_not_exist(other_clinician, read):
    intake = IntakeFactory()
    add_revisions(intake, 1)
    with pytest.raises(Http404):
        read(other_clinician, intake)
    assert read(intake.client.owner, intake) is not None


def test_lists_of_another_clinicians_client_are_empty(other_clinician):
    intake = IntakeFactory()
    add_revisions(intake, 2)
    assert not selectors.intake_list(other_clinician, intake.client).exists()
    assert not selectors.plan_revision_list(other_clinician, intake.client).exists()
    assert selectors.intake_latest(other_clinician, intake.client) is None
    assert selectors.plan_revision_current(other_clinician, intake.client) is None


def test_current_revision_is_the_highest_number(clinician):
    intake = IntakeFactory(client__owner=clinician)
    assert selectors.plan_revision_current(clinician, intake.client) is None
    add_revisions(intake, 3)
    client = selectors.client_get(clinician, intake.client_id)
    assert selectors.plan_revision_current(clinician, client).number == 3


def count_queries(function) -> int:
    with CaptureQueriesContext(connection) as context:
        function()
    return len(context.captured_queries)


def render_list(user):
    page = selectors.client_list(user)
    return [
        (client.plan.next_review_date, client.plan.current_revision_number, client.last_assessed)
        for client in page.object_list
    ]


def test_the_client_list_costs_the_same_for_1_and_25_clients(clinician, other_clinician):
    IntakeFactory(client__owner=clinician)
    one = count_queries(lambda: render_list(clinician))
    for _ in range(25):
        IntakeFactory(client__owner=other_clinician)
    assert count_queries(lambda: render_list(other_clinician)) == one


def read_revisions(user, client):
    return [
        (revision.author.get_username(), revision.intake.assessed_date, revision.number)
        for revision in selectors.plan_revision_list(user, client)
    ]


def test_the_revision_list_costs_the_same_for_1_and_10_revisions(clinician):
    first, second = IntakeFactory(client__owner=clinician), IntakeFactory(client__owner=clinician)
    add_revisions(first, 1)
    add_revisions(second, 10)
    assert count_queries(lambda: read_revisions(clinician, first.client)) == count_queries(
        lambda: read_revisions(clinician, second.client)
    )
