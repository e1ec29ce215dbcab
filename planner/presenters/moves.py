"""The move picker on the adjust page (issue 25): every library move with its drawing, whether
the plan has it now, and why it cannot be chosen for this client (the engine's own reasons).

The drawings are the engine's SVG (planner/engine/moves/svg.py: numbers and escaped text
only), the same shapes the handout prints."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from planner.engine.model import ChosenMove, Intake, Plan
from planner.engine.moves import choose, library
from planner.engine.moves.svg import move_svg

KIND_LABELS = {"strength": _("Strength"), "balance": _("Balance"), "mobility": _("Stretch")}
CAUTION_LABELS = {"knee_pain": _("take care with knee pain"),
                  "shoulder_pain": _("take care with shoulder pain")}


@dataclass(frozen=True)
class PickerRow:
    id: str
    name: str
    kind: str
    svg: SafeString
    steps: str
    chosen: bool
    position: int | None  # 1-based place in the plan now
    sets: int
    reps: int
    unit: str  # "reps" or "seconds"
    blocked: str  # why the rules rule it out for this client ("" when allowed)
    cautions: tuple[str, ...]


@dataclass(frozen=True)
class MovePicker:
    rows: tuple[PickerRow, ...]
    customs: tuple[ChosenMove, ...]  # the clinician's own moves in the plan now
    current: tuple[ChosenMove, ...]

    def row(self, move_id: str) -> PickerRow | None:
        return next((r for r in self.rows if r.id == move_id), None)


def revision_move_picker(revision) -> MovePicker | None:
    """The picker for a saved revision (its plan and the assessment it was made from)."""
    from planner import adapters  # the one module that turns stored rows into engine values

    if revision.hard_stop:
        return None
    return move_picker(revision.saved_plan, adapters.parse_intake(revision.intake_data))


def move_picker(plan: Plan, intake: Intake) -> MovePicker | None:
    """None when the plan has no strength sessions (no moves to choose)."""
    if not choose.has_strength(plan):
        return None
    banned = choose.restrictions(intake, plan)
    lib = library()
    now = {m.id: (i, m) for i, m in enumerate(plan.moves, start=1) if not m.custom}
    order = [m.id for m in plan.moves if m.id in lib] + [i for i in lib if i not in now]
    rows = []
    for move_id in order:
        move = lib[move_id]
        position, chosen = now.get(move_id, (None, None))
        against = [t for t in move["against"] if t in banned]
        rows.append(PickerRow(
            id=move_id, name=move["name"], kind=str(KIND_LABELS[move["kind"]]),
            svg=mark_safe(move_svg(move, width=200)),  # noqa: S308 (svg.py escapes all text)
            steps=" ".join(move["steps"]), chosen=chosen is not None, position=position,
            sets=chosen.sets if chosen else 1,
            reps=chosen.reps if chosen else move["default_reps"], unit=move["unit"],
            blocked=(move["name"] + " " + choose.WHY_NOT[against[0]] + ".") if against else "",
            cautions=tuple(str(CAUTION_LABELS[c]) for c in move["caution"]),
        ))
    return MovePicker(rows=tuple(rows), customs=tuple(m for m in plan.moves if m.custom),
                      current=plan.moves)
