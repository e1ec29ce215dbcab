"""The client's own strength, balance and stretch moves (issue 25): the words the handout
prints beside each drawing, written from the plan's moves (plan.moves, moves/choose.py).

The order of the moves is the order of the R-MIX-2 ladder: the first 3 strength moves are the
starter set, the first 5 the next stage. Numbers come from the plan (rules 8.8); with an
easy-effort limit no harder version is printed (8.6)."""

from __future__ import annotations

from ...model import ChosenMove, TextBlock
from ..context import Context
from .common import Block

TITLE = "Your strength and balance moves"
TIMES = {1: "once", 2: "twice"}


def dose_words(move: ChosenMove) -> str:
    """'1 set of 10' or 'Hold for about 10 seconds, twice'."""
    if move.unit == "seconds":
        return f"Hold for about {move.reps} seconds, {TIMES.get(move.sets, f'{move.sets} times')}"
    return f"{move.sets} {'set' if move.sets == 1 else 'sets'} of {move.reps}"


def move_lines(move: ChosenMove, *, easy_only: bool) -> dict[str, str]:
    """The labelled lines printed for one move (the handout lays them out; the web shows them)."""
    lines = {"dose": dose_words(move) + "."}
    lines["how"] = " ".join(move.steps)
    if move.safer:
        lines["safer"] = f"Easier: {move.safer}"
    if move.harder and not easy_only:
        lines["harder"] = f"Harder: {move.harder}"
    if move.support:
        lines["support"] = f"You need: {move.support}"
    return lines


def _ladder(count: int, ctx: Context) -> str:
    i = ctx.intake
    if i.base_strength_days >= 1 and not ctx.easy_only:
        return "You can use these moves in your own strength routine."
    if ctx.easy_only or count <= 3:
        first = min(count, 3)
        return (f"In each strength session, do moves 1 to {first}."
                if first > 1 else "In each strength session, do this move.")
    text = "In your first 2 weeks of strength, do moves 1 to 3. "
    if count <= 5:
        return text + f"After that, do moves 1 to {count}."
    return text + "In the next 2 weeks, do moves 1 to 5. After that, do all of them."


def moves_guide(ctx: Context) -> Block | None:
    """R-MIX-2 (functional moves, the ladder), R-MIX-4 (balance next to a support), R-INT-4."""
    moves = ctx.plan.moves
    if not ctx.has_strength or not moves:
        return None
    strength = [m for m in moves if m.kind == "strength"]
    balance = [m for m in moves if m.kind == "balance"]
    stretch = [m for m in moves if m.kind == "mobility"]
    paragraphs = ["These are the moves for your strength sessions. The pictures show where each "
                  "move starts and ends."]
    if ctx.rehab:
        paragraphs.append("Check them with your rehabilitation team before you start.")
    if strength:
        ladder = _ladder(len(strength), ctx)
        paragraphs.append("Strength moves: " + ladder[:1].lower() + ladder[1:])
    if balance:
        paragraphs.append("Balance moves: do them in every strength session, next to something "
                          "sturdy to hold.")
    if stretch:
        paragraphs.append("Stretches: if you like, at the end of a session, to ease off.")
    paragraphs.append("Move slowly and breathe out as you push or lift. If a move hurts, leave "
                      "it out and tell your clinician.")
    bullets = []
    for number, move in enumerate(moves, start=1):
        lines = move_lines(move, easy_only=ctx.easy_only)
        bullets.append(f"{number}. {move.name}: " + " ".join(lines.values()))
    ids = ("R-MIX-2", "R-MIX-4", "R-INT-4", "E70", "X21")
    return TextBlock(key="moves_guide", title=TITLE, paragraphs=tuple(paragraphs),
                     bullets=tuple(bullets)), ids
