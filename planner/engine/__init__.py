"""The prescription engine: pure Python (standard library only), Intake -> Plan.

Public API (other layers import only these names):

    ENGINE_VERSION
    parse_intake(data: dict) -> Intake               raises IntakeError (.errors: field -> [msg])
    build_plan(intake, *, today, overrides=()) -> Plan    numbers + texts, validated
        today: datetime.date dating week 1 when the intake has no plan_start_date (None: undated)
        overrides: Override(kind, value, reason) ...; a refused one raises OverrideRefused
    Intake, Plan, Step, ReviewPoint                  the value objects (model.py)
    Override, OverrideKind, OverrideRefused          clinician overrides (2J, N22)
    errors: IntakeError (bad intake), OverrideRefused, ReviewError, UnknownCrisisRegion (no
        resources for the region, N03), NeverDoViolation (the validator blocked the output)
    cap_violations(plan, intake) -> list[str]        R-CAP-1..6 / N04 / N13 check
    review helpers (reviews.py):
        propose_review_action(plan, findings: ReviewFindings) -> ReviewDecision
        adherence_percent(planned, completed) -> int
        continue_to_phase2(intake, plan, *, from_step) -> Plan
        rebaseline(intake, recent_weekly_minutes, *, today, overrides=(), current=None) -> Plan
        hold(plan, *, at_step, intake, extra_steps=2, easier=False) -> Plan   validated
        freeze(plan, *, at_step, intake) -> Plan                              validated
        restart_after_break(intake, plan, *, last_completed_step, break_weeks) -> Plan
        ReviewAction, ReviewFindings, ReviewDecision, ReviewError

`Plan.to_dict()` is the plan JSON of ../shared/spec/plan-json.md plus the keys listed in
docs/engine.md. `Plan.why` maps each output key ("target_minutes", "gates.RISK_ATTESTATION",
"steps.intensity", ...) to the rule, design and evidence IDs behind it (explain.py).

Nothing here reads the clock, the environment or a database: "today" is a parameter.
"""

from .caps import cap_violations
from .crisis import UnknownCrisisRegion
from .intake import IntakeError, parse_intake
from .model import Intake, Plan, ReviewPoint, Step
from .overrides import Override, OverrideKind, OverrideRefused
from .reviews import (
    ReviewAction,
    ReviewDecision,
    ReviewError,
    ReviewFindings,
    adherence_percent,
    continue_to_phase2,
    freeze,
    hold,
    propose_review_action,
    rebaseline,
    restart_after_break,
)
from .run import build_plan
from .validator import NeverDoViolation
from .version import ENGINE_VERSION

__all__ = [
    "ENGINE_VERSION",
    "Intake",
    "IntakeError",
    "NeverDoViolation",
    "Override",
    "OverrideKind",
    "OverrideRefused",
    "Plan",
    "ReviewAction",
    "ReviewDecision",
    "ReviewError",
    "UnknownCrisisRegion",
    "ReviewFindings",
    "ReviewPoint",
    "Step",
    "adherence_percent",
    "build_plan",
    "cap_violations",
    "continue_to_phase2",
    "freeze",
    "hold",
    "parse_intake",
    "propose_review_action",
    "rebaseline",
    "restart_after_break",
]
