"""planner/selectors/checkins.py: the reads behind the outcome loop's charts and reviews."""

from __future__ import annotations

import datetime as dt

import pytest

from planner import selectors
from planner.engine.outcomes import Score
from tests.support.factories import IntakeFactory
from tests.support.progress import START, plan_started, record, week

pytestmark = pytest.mark.django_db


def test_client_scores_merge_assessments_and_check_ins_by_day_in_one_query(
    django_assert_num_queries,
):
    client, _ = plan_started(phq9_total=14, phq9_item9=0, gad7_total=11)
    # A second assessment on the same day as week 2's check-in: the assessment comes first.
    IntakeFactory(client=client, assessed_date=week(2), phq9_total=9, phq9_item9=1,
                  gad7_total=None)
    record(client, 3, 60, phq9_total=7, phq9_item9=0, gad7_total=6)
    record(client, 2, 40, phq9_total=10, phq9_item9=2, gad7_total=None)
    record(client, 1, 30)  # no questionnaires that week

    with django_assert_num_queries(1):
        scores = selectors.client_scores(client.owner, client)

    first = min(START, dt.date.today())  # the day plan_started dates its assessment
    assert scores["phq9"] == [
        Score(first, 14, "assessment", 0),
        Score(week(2), 9, "assessment", 1),
        Score(week(2), 10, "check-in", 2),
        Score(week(3), 7, "check-in", 0),
    ]
    assert scores["gad7"] == [Score(first, 11, "assessment"), Score(week(3), 6, "check-in")]


def test_client_scores_read_only_that_client(clinician):
    client, _ = plan_started(owner=clinician, phq9_total=14, phq9_item9=0, gad7_total=11)
    other, _ = plan_started(owner=clinician, phq9_total=3, phq9_item9=0, gad7_total=2)
    record(other, 1, 30, phq9_total=4, phq9_item9=0, gad7_total=3)

    scores = selectors.client_scores(client.owner, client)

    assert [s.total for s in scores["phq9"]] == [14]
    assert [s.total for s in scores["gad7"]] == [11]


def test_client_scores_of_a_client_with_none_are_empty(clinician):
    client, _ = plan_started(owner=clinician, phq9_total=None, phq9_item9=None, gad7_total=None)

    assert selectors.client_scores(client.owner, client) == {"phq9": [], "gad7": []}


def test_outcome_reads_are_scoped_to_the_signed_in_clinician(clinician, other_clinician):
    client, _ = plan_started(owner=clinician, phq9_total=14, phq9_item9=0, gad7_total=11)
    record(client, 1, 30, phq9_total=12, phq9_item9=0)

    assert selectors.client_scores(clinician, client)["phq9"]
    assert selectors.client_scores(other_clinician, client) == {"phq9": [], "gad7": []}
    assert selectors.revision_effective_dates(clinician, client)
    assert selectors.revision_effective_dates(other_clinician, client) == []
    assert selectors.revision_plans(clinician, client, [1])
    assert selectors.revision_plans(other_clinician, client, [1]) == {}
    assert selectors.latest_screening(clinician, client) is not None
    assert selectors.latest_screening(other_clinician, client) is None
    assert selectors.checkin_recent_weeks(clinician, client, limit=5)
    assert selectors.checkin_recent_weeks(other_clinician, client, limit=5) == []
