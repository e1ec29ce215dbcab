"""
Saved plan revisions for tests:

- make_revision: real revisions made by the real engine through the services, with the intake
  answers that open each gate (GATE_ANSWERS) or stop at a crisis (CRISIS_ANSWERS);
- add_revisions: revisions written directly from a fixed SNAPSHOT, without running the engine;
- corrupt_stored_bytes: a released document damaged behind the app's back.
"""

import datetime as dt

from planner.models import Plan, PlanRevision
from planner.services.plans import plan_revision_create
from tests.support.factories import ClientFactory, IntakeFactory

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


# --- saved revisions without running the engine ---------------------------------------------------

SNAPSHOT = {
    "engine_version": "test",
    "hard_stop": None,
    "mode": "BUILD",
    "baseline_minutes": 0,
    "target_minutes": 150,
    "phase2_target_minutes": None,
    "start_minutes": 30,
    "gentle_start": False,
    "vigorous_allowed": False,
    "wording": "STANDALONE_FOR_SOME",
    "strength_sessions_target": 2,
    "gates": [],
    "flags": [],
    "clearance_reasons": [],
    "target_reached_step": 2,
    "steps": [
        {"step": 1, "weekly_minutes": 30, "sessions": 3, "minutes_per_session": 10,
         "mind_body_sessions": 0, "aerobic_minutes": 30, "intensity": "light_to_moderate",
         "strength_sessions": 0, "consolidation": False},
        {"step": 2, "weekly_minutes": 40, "sessions": 3, "minutes_per_session": 13,
         "mind_body_sessions": 0, "aerobic_minutes": 40, "intensity": "light_to_moderate",
         "strength_sessions": 0, "consolidation": False},
    ],
    "review_weeks": [{"week": 4, "date": "2026-02-02"}],
    "start_date": "2026-01-05",
    "why": {"target_minutes": ["R-DOSE-1", "E01"]},
    "texts": [{"key": "intro", "title": "Your plan", "paragraphs": ["Aim for about 30 minutes."],
               "bullets": []}],
    "clinician_notes": [],
    "documents": [],
}


def add_revisions(intake, count: int, snapshot=SNAPSHOT) -> list[PlanRevision]:
    """Append `count` revisions of the intake's client's plan, as the service would number them."""
    plan = Plan.objects.get(client=intake.client)
    revisions = []
    for _ in range(count):
        number = plan.current_revision_number + 1
        revisions.append(
            PlanRevision.objects.create(
                plan=plan,
                number=number,
                based_on_number=number - 1 or None,
                intake=intake,
                intake_data={"age": intake.age},
                snapshot=snapshot,
                engine_version="test",
                mode=snapshot.get("mode") or "",
                hard_stop=snapshot.get("hard_stop") or "",
                reason="" if number == 1 else "review",
                author=intake.author,
            )
        )
        plan.current_revision_number = number
        plan.save(update_fields=["current_revision_number"])
    return revisions
