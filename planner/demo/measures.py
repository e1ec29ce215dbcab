"""
Demo physical-health measures (issue 26) for `manage.py seed_demo`, so the measures charts and
the FHIR export show something: Ben (eight weeks into his plan) has weight, waist, blood
pressure and resting heart rate at his assessment, his week-4 review and his week-8 check-in;
Karl (67, walks with an aid: a falls risk) has the chair stand and timed up-and-go at his
assessment and again four weeks later. Made through services.measures_record, like the page.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from django.db import transaction

from planner.measure_kinds import MeasureKind as K
from planner.models import Client, Measure
from planner.services.measures import measures_record

# display name -> [(days after the first assessment, occasion, {kind: value})]
DEMO_MEASURES = {
    "Ben (demo)": [
        (0, "intake", {K.WEIGHT: D("88.4"), K.WAIST: D("101.5"), K.BLOOD_PRESSURE: (D(138), 88),
                       K.RESTING_HEART_RATE: D(78)}),
        (21, "review", {K.WEIGHT: D("87.9"), K.WAIST: D("100.8"),
                        K.BLOOD_PRESSURE: (D(134), 86)}),
        (49, "checkin", {K.WEIGHT: D("86.7"), K.WAIST: D("99.6"), K.BLOOD_PRESSURE: (D(129), 84),
                         K.RESTING_HEART_RATE: D(72)}),
    ],
    "Karl (demo)": [
        (0, "intake", {K.CHAIR_STAND_30S: D(8), K.TIMED_UP_AND_GO: D("14.2"),
                       K.WALK_2_MIN: D(95)}),
        (28, None, {K.CHAIR_STAND_30S: D(10), K.TIMED_UP_AND_GO: D("12.6")}),
    ],
}


def _occasion(client: Client, kind: str | None, day: dt.date) -> dict:
    if kind == "intake":
        return {"intake": client.intakes.order_by("assessed_date", "id").first()}
    if kind == "review":
        return {"review": client.reviews.filter(review_date__lte=day)
                .order_by("-review_date").first()}
    if kind == "checkin":
        return {"checkin": client.checkins.filter(week_start__lte=day)
                .order_by("-week_start").first()}
    return {}


@transaction.atomic
def seed_demo_measures(user, *, today: dt.date) -> int:
    """Record the demo measures of the demo clients that have none yet; return how many
    clients got some."""
    seeded = 0
    for name, visits in DEMO_MEASURES.items():
        client = Client.objects.filter(owner=user, display_name=name).first()
        if client is None or Measure.objects.filter(client=client).exists():
            continue
        first = client.intakes.order_by("assessed_date", "id").first().assessed_date
        for days, occasion, values in visits:
            day = min(first + dt.timedelta(days=days), today)
            measures_record(client=client, author=user, measured_on=day, values=values,
                            **_occasion(client, occasion, day))
        seeded += 1
    return seeded
