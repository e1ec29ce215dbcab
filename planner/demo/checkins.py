"""
Demo data for the outcome loop (`manage.py seed_demo`): one client eight weeks into a plan, with
a check-in for every week, a week-4 review whose accepted proposal (hold, R-REV-3 row 4) made
revision 2, and the week-8 review still to do, so the client page shows both charts, a
review-driven revision and an overdue review.

The person is invented; the answers follow case C02 of rules.md (moderate depression, fatigue
and poor sleep). Everything is made through the same services as the pages.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from planner.demo.clients import BASE_ANSWERS
from planner.models import Client
from planner.services.checkins import checkin_create
from planner.services.clients import client_create, intake_create
from planner.services.plans import plan_revision_create
from planner.services.reviews import review_create, review_decide

DISPLAY_NAME = "Ben (demo)"
WEEKS_AGO = 8  # week 1 began 8 weeks ago: weeks 1-8 are over and recorded
ANSWERS = {
    "age": 46, "primary_condition": "depression", "depression_severity": "moderate",
    "phq9_total": 13, "phq9_item9": 0, "base_total_min": 40,
    "cv_risk_factors": ["age", "smoking"], "barriers": ["fatigue", "poor_sleep"],
    "preferred_activities": ["cycling", "walking"], "available_days": 5,
    "current_treatments": ["antidepressant"], "current_activities": ["walking"],
}
# (plan week, step, minutes, sessions, strength, adverse event, poor-sleep nights, extra)
WEEKS = [
    (1, 1, 30, 2, 0, "none", 4, {}),
    (2, 2, 30, 2, 0, "none", 3, {"mood_before": 4, "mood_after": 6}),
    (3, 3, 35, 3, 1, "unusual_soreness", 3, {"phq9_total": 12, "phq9_item9": 0,
                                              "gad7_total": 8}),
    # Week 4 review: adherence 63% -> hold step 3 for 2 more weeks (revision 2).
    (4, 3, 55, 3, 1, "none", 2, {}),
    (5, 3, 60, 3, 1, "none", 2, {"mood_before": 5, "mood_after": 7}),
    (6, 4, 60, 3, 1, "none", 1, {}),
    (7, 5, 65, 3, 2, "none", 1, {}),
    (8, 6, 80, 3, 2, "none", 1, {"phq9_total": 7, "phq9_item9": 0, "gad7_total": 6,
                                 "notes": "Cycling to work twice a week now."}),
]


@transaction.atomic
def seed_demo_checkins(user) -> bool:
    """Create the demo client with check-ins and a review-driven revision, unless it exists."""
    if Client.objects.filter(owner=user, display_name=DISPLAY_NAME).exists():
        return False
    today = timezone.localdate()
    start = today - dt.timedelta(weeks=WEEKS_AGO)
    client = client_create(owner=user, display_name=DISPLAY_NAME, birth_year=1980)
    intake = intake_create(
        client=client, author=user,
        **{**BASE_ANSWERS, **ANSWERS, "assessed_date": start, "plan_start_date": start},
    )
    plan_revision_create(intake=intake, author=user, base_revision=0, today=start)
    for week, step, minutes, sessions, strength, adverse, sleep, extra in WEEKS:
        week_start = start + dt.timedelta(weeks=week - 1)
        if week == 4:
            review = review_create(
                client=client, author=user, today=week_start,
                notes="Tired after poor nights; walking felt long.",
            )
            review_decide(review=review, author=user, accept=True, today=week_start,
                          reason="Agreed with the client.")
        checkin_create(
            client=client, author=user, week_start=week_start, plan_step=step,
            minutes_completed=minutes, sessions_completed=sessions, strength_sessions=strength,
            adverse_event=adverse, poor_sleep_nights=sleep, today=today, **extra,
        )
    return True
