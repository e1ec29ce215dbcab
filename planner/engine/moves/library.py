"""The moves library (issue 25): library.json, read once, checked on load.

Each move: id, name, kind (strength / balance / mobility), unit (reps, or seconds for a hold),
default_reps, the support it needs, plain steps, a safer and a harder version, `against` (the
client restrictions that rule it out: the engine never picks it and refuses a clinician's choice
of it) and `caution` (restrictions that keep it out of the defaults but that the clinician may
choose past, because the intake does not say which joint hurts), the drawing (figure.py) and
the drawing's plain description (alt).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).with_name("library.json")

KINDS = ("strength", "balance", "mobility")
UNITS = ("reps", "seconds")
#: Restrictions a move can be tagged against (choose.restrictions derives them from the plan).
AGAINST = ("falls_risk", "seated_only", "pregnancy", "ed_flag", "after_stroke")
CAUTIONS = ("knee_pain", "shoulder_pain")
_FIELDS = ("id", "name", "kind", "unit", "default_reps", "support", "steps", "safer", "harder",
           "against", "caution", "figure", "alt")


class LibraryError(ValueError):
    """library.json is malformed (a programming error, caught by the tests)."""


def _check(move: dict) -> None:
    missing = [f for f in _FIELDS if f not in move]
    if missing:
        raise LibraryError(f"{move.get('id')}: missing {missing}")
    if move["kind"] not in KINDS or move["unit"] not in UNITS:
        raise LibraryError(f"{move['id']}: kind or unit")
    if set(move["against"]) - set(AGAINST) or set(move["caution"]) - set(CAUTIONS):
        raise LibraryError(f"{move['id']}: unknown tag")
    if not move["steps"] or not all(isinstance(s, str) and s for s in move["steps"]):
        raise LibraryError(f"{move['id']}: steps")


@lru_cache(maxsize=1)
def library() -> dict[str, dict]:
    """id -> move, in the file's order."""
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    out: dict[str, dict] = {}
    for move in data["moves"]:
        _check(move)
        if move["id"] in out:
            raise LibraryError(f"duplicate id {move['id']}")
        out[move["id"]] = move
    return out


def get(move_id: str) -> dict | None:
    return library().get(move_id)
