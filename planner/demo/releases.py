"""
Demo data for adjustments, gates and release (`manage.py seed_demo`, issue 6): one client whose
plan was adjusted (revision 2, a lower target and a gentler start), whose risk gate was attested
for that revision, and which was released, so the client page, the history, the comparison and
the stored handout all have something to show.

The person is invented; the answers are a moderate depression with passive suicidal ideation
(the RISK_ATTESTATION gate of rules.md 3(f)). Everything is made through the same services as
the pages, so the engine makes and checks every number.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from planner.demo.clients import BASE_ANSWERS
from planner.models import Client
from planner.services.adjustments import revision_adjust
from planner.services.clients import client_create, intake_create
from planner.services.plans import plan_revision_create
from planner.services.releases import gate_attest, revision_release

DISPLAY_NAME = "Rosa (demo)"
DAYS_AGO = 6
ANSWERS = {
    "age": 34, "primary_condition": "depression", "depression_severity": "moderate",
    "phq9_total": 14, "phq9_item9": 1, "suicide_risk": "passive_ideation",
    "base_total_min": 20, "barriers": ["fatigue", "low_motivation"],
    "preferred_activities": ["walking", "dancing"], "social_preference": "one_person",
    "available_days": 4, "current_treatments": ["antidepressant", "psychotherapy"],
    "current_activities": ["walking"],
}
ADJUSTMENT_REASON = "Night shifts this month: agreed a smaller goal and a gentler first week."
ATTESTATION_DETAILS = "Safety plan reviewed in session; crisis numbers in her phone."


@transaction.atomic
def seed_demo_releases(user) -> int:
    """Create the released, adjusted demo client unless it exists; return how many were made."""
    if Client.objects.filter(owner=user, display_name=DISPLAY_NAME).exists():
        return 0
    assessed = timezone.localdate() - dt.timedelta(days=DAYS_AGO)
    client = client_create(owner=user, display_name=DISPLAY_NAME, birth_year=1992)
    intake = intake_create(
        client=client,
        author=user,
        **{**BASE_ANSWERS, **ANSWERS, "assessed_date": assessed, "plan_start_date": assessed},
    )
    first = plan_revision_create(intake=intake, author=user, base_revision=0, today=assessed)
    target = first.saved_plan.target_minutes
    start = first.saved_plan.start_minutes
    changes = [("lower_target_minutes", max(target - 30, 60))]
    if start and start > 20:
        changes.append(("lower_start_minutes", 20))
    adjusted = revision_adjust(
        user=user,
        client=client,
        base_revision=first.number,
        changes=changes,
        reason=ADJUSTMENT_REASON,
    )
    gate_attest(
        user=user, revision=adjusted, gate="RISK_ATTESTATION", details=ATTESTATION_DETAILS
    )
    revision_release(user=user, revision=adjusted)
    return 1
