"""Which moves fill the plan's strength sessions (R-MIX-2, R-MIX-4; the schedule is unchanged).

Defaults come from the client's restrictions: a falls risk or age 75 and over keeps every move
supported (rules 8.12: no steps, floor work, loads or moves without support); unable to walk
keeps every move seated; pregnancy or the 6 months after birth leaves out lying on the back and
planks; the eating-disorder/compulsive-exercise flag leaves out timed holds to the limit
(R-CAP-3, R-HOLD-7); after a stroke only the simplest supported moves are offered, and anything
else is the rehab team's to choose (R-MIX-2, X13). Pain or a physical limitation keeps moves
that load the knee or shoulder out of the defaults, but the clinician may choose them.

The clinician's choice is an override (`choose_moves`, overrides.py) whose value is the whole
list, in order: library moves `{"id", "sets", "reps"}` and custom moves `{"id": "custom",
"name", "steps", "kind", "sets", "reps"}`. `apply_choice` checks it and raises MoveRefused,
in the clinician's words, for anything the rules do not allow.
"""

from __future__ import annotations

from .. import activities, consistency, phrases
from ..enums import Barrier, Condition, WalkingAbility
from ..model import ChosenMove, Intake, Plan
from ..phrase_scan import find_banned
from .library import library

#: Default order: the first 3 strength moves are the starter set (R-MIX-2 k = 1-2), the first
#: 5 the next stage, all 6 after that; functional moves first (E70).
STRENGTH_ORDER = (
    "sit_to_stand", "wall_push_up", "heel_raise_counter", "band_row_seated",
    "seated_knee_extension", "mini_squat_counter", "back_leg_lift_counter", "seated_arm_raise",
    "counter_push_up", "hip_hinge", "seated_chest_press", "seated_marching", "seated_heel_raise",
)
BALANCE_ORDER = (
    "tandem_stand_counter", "side_step_counter", "single_leg_stand_counter",
    "heel_toe_walk_counter", "sit_tall_unsupported", "seated_reach_forward",
)
DEFAULT_STRENGTH, DEFAULT_STRENGTH_EASY, DEFAULT_BALANCE = 6, 3, 2

# R-MIX-2 / R-INT-4: 1 set (starter) or 2 (k >= 5), 10-15 repetitions with room to spare;
# when 15 feel comfortable the move is made harder instead of longer (X21). Fewer than 10 is
# allowed (an override may lower, 2J), down to 5. Holds: 5 to 30 seconds.
SETS = (1, 2)
REPS = (5, 15)
SECONDS = (5, 30)
MAX_STRENGTH, MAX_MOVES = 8, 10
NAME_MAX, STEPS_MAX = 60, 500

WHY_NOT = {
    "falls_risk": "is not offered with a falls risk or from age 75: every move stays supported, "
                  "with no step-ups, floor work, loads to carry or moves without support "
                  "(rules 8.12)",
    "seated_only": "needs standing; this client cannot walk, so choose a seated move "
                   "(rules 7.15, R-MIX-2)",
    "pregnancy": "is not offered during pregnancy or in the 6 months after birth (it is done "
                 "lying on the back or as a plank)",
    "ed_flag": "is a timed hold to the limit, left out with the eating-disorder or "
               "compulsive-exercise flag (R-CAP-3, R-HOLD-7)",
    "after_stroke": "is not offered after a stroke unless the rehab team agreed it: add it as "
                    "your own move, in the rehab team's words (R-MIX-2, X13)",
}


class MoveRefused(ValueError):
    """A move choice the rules do not allow; the message is for the clinician."""


def restrictions(intake: Intake, plan: Plan) -> frozenset[str]:
    """The `against` tags that apply to this client."""
    out = set()
    if activities.falls_care(intake):
        out.add("falls_risk")
    if intake.walking_ability == WalkingAbility.UNABLE_TO_WALK:
        out.add("seated_only")
    if intake.pregnant_or_postpartum_6m:
        out.add("pregnancy")
    if plan.ed_cap:
        out.add("ed_flag")
    if Condition.STROKE_REHAB in intake.conditions:
        out.add("after_stroke")
    return frozenset(out)


def cautions(intake: Intake) -> frozenset[str]:
    """Caution tags kept out of the defaults: pain, a physical limitation or a muscle, bone or
    joint problem (PAR-Q+ Q6), without knowing which joint."""
    if ({Barrier.PAIN, Barrier.PHYSICAL_LIMITATION} & set(intake.barriers)
            or intake.q6_msk_problem):
        return frozenset({"knee_pain", "shoulder_pain"})
    return frozenset()


def has_strength(plan: Plan) -> bool:
    return any(s.strength_sessions > 0 for s in plan.steps)


def _chosen(move: dict, sets: int, reps: int) -> ChosenMove:
    return ChosenMove(id=move["id"], name=move["name"], kind=move["kind"], sets=sets, reps=reps,
                      unit=move["unit"], steps=tuple(move["steps"]), safer=move["safer"],
                      harder=move["harder"], support=move["support"])


def default_moves(intake: Intake, plan: Plan) -> tuple[ChosenMove, ...]:
    """The plan's moves before any clinician choice: none without strength sessions."""
    if not has_strength(plan):
        return ()
    lib = library()
    banned = restrictions(intake, plan)
    avoid = cautions(intake)

    def pick(order, count):
        fits = [lib[i] for i in order if not banned & set(lib[i]["against"])]
        gentle = [m for m in fits if not avoid & set(m["caution"])]
        return (gentle + [m for m in fits if m not in gentle])[:count]

    easy = consistency.easy_only(plan, intake)
    strength = pick(STRENGTH_ORDER, DEFAULT_STRENGTH_EASY if easy else DEFAULT_STRENGTH)
    balance = pick(BALANCE_ORDER, DEFAULT_BALANCE) if plan.balance_in_strength else []
    return tuple(_chosen(m, 1, m["default_reps"]) for m in (*strength, *balance))


def _whole(value, low: int, high: int) -> bool:
    return type(value) is int and low <= value <= high


def _dose(entry: dict, name: str, unit: str, easy: bool) -> tuple[int, int]:
    sets, reps = entry.get("sets"), entry.get("reps")
    if not _whole(sets, *SETS):
        raise MoveRefused(f"{name}: sets must be 1 or 2 (R-MIX-2, R-INT-4).")
    if easy and sets > 1:
        raise MoveRefused(f"{name}: with easy effort only, strength stays at the starter level "
                          f"of 1 set (rules 8.6).")
    low, high = SECONDS if unit == "seconds" else REPS
    if not _whole(reps, low, high):
        if unit == "seconds":
            raise MoveRefused(f"{name}: a hold lasts {low} to {high} seconds (R-INT-4).")
        raise MoveRefused(f"{name}: repetitions must be from {low} to {high}; when {high} feel "
                          f"comfortable, choose the harder version instead of more repetitions "
                          f"(R-MIX-2, R-INT-4).")
    return sets, reps


def _custom(entry: dict, number: int, easy: bool, intake: Intake) -> ChosenMove:
    name = str(entry.get("name") or "").strip()
    steps_text = str(entry.get("steps") or "").strip()
    if not name:
        raise MoveRefused("Your own move needs a name.")
    if len(name) > NAME_MAX:
        raise MoveRefused(f"The name of your own move is at most {NAME_MAX} characters.")
    if not steps_text:
        raise MoveRefused(f"{name}: say in a few words how to do it.")
    if len(steps_text) > STEPS_MAX:
        raise MoveRefused(f"{name}: the instructions are at most {STEPS_MAX} characters.")
    kind = entry.get("kind") or "strength"
    if kind not in ("strength", "balance", "mobility"):
        raise MoveRefused(f"{name}: choose strength, balance or stretch.")
    steps = tuple(line.strip() for line in steps_text.splitlines() if line.strip())
    for line in (name, *steps):
        hit = find_banned(line, phrases.ALWAYS)
        if hit:
            raise MoveRefused(f"{name}: the handout never uses wording like “{hit[2]}” "
                              f"({hit[0]}); please reword it.")
        if activities.falls_care(intake) and consistency.UNSAFE_WITH_FALLS.search(line):
            raise MoveRefused(f"{name}: with a falls risk the handout never suggests stairs, "
                              f"step-ups, carrying loads or moves without support (rules 8.12).")
    sets, reps = _dose(entry, name, "reps", easy)
    return ChosenMove(id=f"custom-{number}", name=name, kind=kind, sets=sets, reps=reps,
                      custom=True, steps=steps)


def apply_choice(intake: Intake, plan: Plan, value) -> tuple[ChosenMove, ...]:
    """The clinician's list of moves, checked: each known (or a custom move with words), not
    against the client's restrictions, within the sets and repetitions of R-MIX-2 / R-INT-4,
    no move twice, at most 8 strength moves and 10 in all."""
    if not isinstance(value, list | tuple) or not value:
        raise MoveRefused("Choose at least one move; to leave strength work out, lower the "
                          "strength sessions to 0 instead.")
    if len(value) > MAX_MOVES:
        raise MoveRefused(f"Choose at most {MAX_MOVES} moves in all.")
    lib = library()
    banned = restrictions(intake, plan)
    easy = consistency.easy_only(plan, intake)
    out: list[ChosenMove] = []
    seen: set[str] = set()
    customs = 0
    for entry in value:
        if not isinstance(entry, dict):
            raise MoveRefused("Each move needs a name, sets and repetitions.")
        move_id = entry.get("id")
        if move_id == "custom":
            customs += 1
            out.append(_custom(entry, customs, easy, intake))
            continue
        move = lib.get(move_id) if isinstance(move_id, str) else None
        if move is None:
            raise MoveRefused(f"“{move_id}” is not in the moves library.")
        if move_id in seen:
            raise MoveRefused(f"{move['name']} is chosen twice.")
        seen.add(move_id)
        against = [t for t in move["against"] if t in banned]
        if against:
            raise MoveRefused(f"{move['name']} {WHY_NOT[against[0]]}.")
        sets, reps = _dose(entry, move["name"], move["unit"], easy)
        out.append(_chosen(move, sets, reps))
    if sum(m.kind == "strength" for m in out) > MAX_STRENGTH:
        raise MoveRefused(f"Choose at most {MAX_STRENGTH} strength moves (R-MIX-2: 6 to 8 at "
                          f"the full stage).")
    return tuple(out)
