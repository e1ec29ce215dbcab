"""
Reads of a client's physical-health measures (issue 26), scoped to the signed-in clinician like
every selector: another clinician's client yields nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Q

from planner.models import CheckIn, Client, Intake, Measure, Review
from planner.permissions import client_scope

OCCASIONS_LISTED = 12  # the latest assessments, check-ins and reviews offered as occasions


def measure_list(user: AbstractBaseUser, client: Client) -> list[Measure]:
    """Every measure of the client, by kind then date (one query)."""
    return list(
        Measure.objects.filter(client_scope(user, "client__"), client=client)
        .order_by("kind", "measured_on", "id")
    )


PROMPT_ANSWERS = ("assessed_date", "age", "medication_flags", "falls_12m", "fear_of_falling",
                  "walking_ability")


def measure_prompt_answers(user: AbstractBaseUser, client: Client) -> Intake | None:
    """The latest assessment with only the answers the measures prompts read (the client page
    leaves the others unread)."""
    return (
        Intake.objects.filter(client_scope(user, "client__"), client=client)
        .only("client_id", *PROMPT_ANSWERS)
        .order_by("-assessed_date", "-created", "-id")
        .first()
    )


@dataclass(frozen=True)
class Occasion:
    key: str  # "intake-5", "checkin-7", "review-2"
    kind: str  # "intake", "checkin", "review"
    pk: int
    day: dt.date


def measure_occasions(user: AbstractBaseUser, client: Client) -> list[Occasion]:
    """The client's latest assessments, check-ins and reviews a measure can be linked to, newest
    first (three small queries)."""
    owned = Q(client=client) & client_scope(user, "client__")
    found = [
        *(Occasion(f"intake-{pk}", "intake", pk, day) for pk, day in
          Intake.objects.filter(owned).order_by("-assessed_date", "-id")
          .values_list("pk", "assessed_date")[:OCCASIONS_LISTED]),
        *(Occasion(f"checkin-{pk}", "checkin", pk, day) for pk, day in
          CheckIn.objects.filter(owned).order_by("-week_start")
          .values_list("pk", "week_start")[:OCCASIONS_LISTED]),
        *(Occasion(f"review-{pk}", "review", pk, day) for pk, day in
          Review.objects.filter(owned).order_by("-review_date", "-id")
          .values_list("pk", "review_date")[:OCCASIONS_LISTED]),
    ]
    return sorted(found, key=lambda o: (o.day, o.kind, o.pk), reverse=True)


def measure_occasion_object(user: AbstractBaseUser, client: Client, occasion: Occasion):
    """The assessment, check-in or review an occasion names (scoped), or None."""
    model = {"intake": Intake, "checkin": CheckIn, "review": Review}[occasion.kind]
    return model.objects.filter(
        client_scope(user, "client__"), client=client, pk=occasion.pk
    ).first()
