"""What every revision-making view shows when the plan moved on (services.plans.PlanConflict).

The same form is shown again with what the clinician typed and a fresh base revision, under a
notice naming the newer revision, who saved it and when, with links to open and compare it:
nothing typed is lost, and a second submit is a deliberate one (quality.md R1).
"""

from __future__ import annotations

from planner import selectors
from planner.models import Client
from planner.services.plans import PlanConflict

CONFLICT_STATUS = 409


def conflict_context(user, client: Client, conflict: PlanConflict) -> dict:
    """Return the template context of the conflict notice (templates/planner/conflict.html)."""
    newer = None
    if conflict.current_revision:
        newer = selectors.plan_revision_get(user, client.pk, conflict.current_revision)
    return {
        "conflict": conflict,
        "conflict_revision": newer,
        "conflict_base": conflict.base_revision or None,
    }
