"""Helpers for tests that need saved revisions without running the engine."""

from planner.models import Plan, PlanRevision

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
