"""Helpers for the issue-6 tests: real revisions made by the real engine through the services."""

import datetime as dt

from planner.models import PlanRevision
from planner.services.plans import plan_revision_create
from tests.client_factories import ClientFactory, IntakeFactory

TODAY = dt.date(2026, 1, 5)

# Intake answers (on top of case C01) that open each gate (rules.md 3(f)).
GATE_ANSWERS = {
    "RISK_ATTESTATION": {"suicide_risk": "passive_ideation"},
    "ED_TEAM_CONFIRM": {"ed_history": "current", "ed_medical_restriction": False},
    "ED_INFORMED_SIGNOFF": {
        "ed_history": "past",
        "compulsive_exercise_history": True,
        "base_total_min": 200,
    },
    "CLEARANCE_PENDING": {"q2_chest_pain": True, "clearance_status": "pending"},
}
CRISIS_ANSWERS = {"suicide_risk": "active_with_plan_or_intent"}


def make_revision(owner, *, client=None, **answers) -> PlanRevision:
    """Save revision 1 of a new client of `owner` (or the next one of `client`) from C01 plus
    `answers`, with the real engine."""
    client = client or ClientFactory(owner=owner)
    intake = IntakeFactory(client=client, author=owner, **answers)
    plan = client.plan
    plan.refresh_from_db()
    return plan_revision_create(
        intake=intake,
        author=owner,
        base_revision=plan.current_revision_number,
        reason="" if not plan.current_revision_number else "new assessment",
        today=TODAY,
    )


def corrupt_stored_bytes(document) -> bytes:
    """Change one byte of a stored released document behind the app's back (raw SQL, as a disk
    fault or a hand edit would), keeping its size; return the bytes now stored."""
    from django.db import connection

    content = bytearray(bytes(document.content))
    middle = len(content) // 2
    content[middle] ^= 0xFF
    table = connection.ops.quote_name(type(document)._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET content = %s WHERE id = %s",  # noqa: S608
                       [bytes(content), document.pk])
    return bytes(content)
