"""No lost update at a review (quality.md R1, R4): the same proposal accepted from several tabs
at once, or accepted while another change is saved, makes exactly one next revision.

Real transactions (transaction=True); run on SQLite and on PostgreSQL:

    .venv/bin/pytest tests/web/reviews/test_conflicts.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/planner_p8 \\
        .venv/bin/pytest tests/web/reviews/test_conflicts.py
"""

import pytest
from django.core.exceptions import ValidationError

from planner.models import PlanRevision, ReviewDecision
from planner.services.adjustments import revision_adjust
from planner.services.plans import PlanConflict
from planner.services.reviews import review_decide
from tests.support.concurrency import run_concurrently
from tests.support.progress import plan_started, record, review_at, week

pytestmark = pytest.mark.django_db(transaction=True)


def proposed_hold():
    client, _revision = plan_started()
    for n, minutes in ((1, 30), (2, 25), (3, 30)):
        record(client, n, minutes)
    review = review_at(client, 4)
    assert review.proposed_action == "HOLD"
    return client, review


def test_the_same_proposal_accepted_in_four_tabs_makes_one_revision():
    client, review = proposed_hold()

    def accept():
        return review_decide(review=review, author=client.owner, accept=True, today=week(4))

    results = run_concurrently([accept] * 4)
    decided = [r for r, e in results if r is not None]
    refused = [e for r, e in results if e is not None]
    assert len(decided) == 1, results
    assert all(isinstance(e, ValidationError | PlanConflict) for e in refused), refused
    assert ReviewDecision.objects.count() == 1
    assert list(PlanRevision.objects.filter(plan__client=client).order_by("number")
                .values_list("number", flat=True)) == [1, 2]


def test_accepting_while_an_adjustment_is_saved_from_the_same_base():
    client, review = proposed_hold()

    def accept():
        return review_decide(review=review, author=client.owner, accept=True, today=week(4))

    def adjust():
        return revision_adjust(user=client.owner, client=client, base_revision=1,
                               changes=[("lower_max_intensity", "light")], reason="Knee",
                               today=week(4))

    results = run_concurrently([accept, adjust])
    winners = [r for r, e in results if r is not None]
    losers = [e for r, e in results if e is not None]
    assert len(winners) == 1 and len(losers) == 1, results
    assert isinstance(losers[0], PlanConflict)
    assert PlanRevision.objects.filter(plan__client=client).count() == 2
    # A losing decision leaves nothing behind (R4).
    assert ReviewDecision.objects.count() == (1 if isinstance(winners[0], ReviewDecision) else 0)
