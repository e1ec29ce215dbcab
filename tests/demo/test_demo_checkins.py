"""seed_demo's outcome-loop client: weeks of check-ins and one review-driven revision."""

import datetime as dt

import pytest

from planner.demo.checkins import DISPLAY_NAME, WEEKS, seed_demo_checkins
from planner.models import CheckIn, Client, PlanRevision, Review

pytestmark = pytest.mark.django_db


def test_the_demo_client_has_check_ins_and_a_review_driven_revision(clinician):
    assert seed_demo_checkins(clinician) is True
    client = Client.objects.get(owner=clinician, display_name=DISPLAY_NAME)
    assert CheckIn.objects.filter(client=client).count() == len(WEEKS)
    review = Review.objects.get(client=client)
    assert (review.review_week, review.proposed_action) == (4, "HOLD")
    assert review.decision.accepted
    made = review.decision.resulting_revision
    assert made.number == 2 and made.reason.startswith("Review week 4: hold")
    assert PlanRevision.objects.filter(plan__client=client).count() == 2
    # Weeks 4-8 were planned under the review's revision; step 3 shows twice more (the hold).
    weeks = list(CheckIn.objects.filter(client=client).order_by("week_start")
                 .values_list("plan_step", "revision__number"))
    assert weeks[3:5] == [(3, 2), (3, 2)] and weeks[2] == (3, 1)
    # The week-8 review is still to do, so the demo shows it overdue.
    client.plan.refresh_from_db()
    assert client.plan.next_review_date < dt.date.today()


def test_seeding_twice_changes_nothing(clinician):
    seed_demo_checkins(clinician)
    assert seed_demo_checkins(clinician) is False
    assert Client.objects.filter(display_name=DISPLAY_NAME).count() == 1
