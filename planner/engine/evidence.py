"""The evidence catalogue: every ID a plan can cite, as data (rules.md v1.2).

Kinds of entry (IDs as rules.md writes them):
- "E01".."E91"  seed claims: seed file, verbatim quote (under 30 words), planner use
- "X01".."X23"  external sources: citation, what the planner takes from it
- "D-1".."D-15" design choices (rules.md 3(j)): choice, why
- "R-..."       rules, e.g. "R-PROG-1", plus the group IDs "R-DOSE", "R-CAP", ... : title
- "N01".."N22"  never-do rules: text, what they rest on
- "7.1".."7.30" the section-7 clarifications of rules v1.1: text
- "8.1".."8.20" the section-8 items of rules v1.2: text

The data were copied once from ../shared/spec/rules.md into data/evidence.json; the engine never
reads ../shared at run time. tests/engine/test_evidence.py checks every E quote against the seed
files and every ID a built plan cites.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

_DATA = Path(__file__).with_name("data") / "evidence.json"


@dataclass(frozen=True)
class Entry:
    """One catalogue entry. Fields not meaningful for a kind are empty strings."""

    id: str
    kind: str  # "seed", "external", "design", "rule", "never", "clarification"
    text: str  # the quote (seed), citation (external), choice (design), title (rule), text (never)
    use: str = ""  # planner use (seed/external), why (design), rests on (never)
    seed: str = ""  # seed file name (seed entries)
    note: str = ""  # e.g. "(about HIIT)" after a fragment quote

    def to_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v}


def _load() -> dict[str, Entry]:
    raw = json.loads(_DATA.read_text(encoding="utf-8"))
    entries: dict[str, Entry] = {}

    def add(entry: Entry) -> None:
        if entry.id in entries:
            raise ValueError(f"duplicate evidence ID {entry.id}")
        entries[entry.id] = entry

    for row in raw["evidence"]:
        add(Entry(row["id"], "seed", row["quote"], row["use"], row["seed"], row.get("note", "")))
    for row in raw["external"]:
        add(Entry(row["id"], "external", row["citation"], row["use"]))
    for row in raw["design"]:
        add(Entry(row["id"], "design", row["choice"], row["why"]))
    for row in raw["rules"]:
        add(Entry(row["id"], "rule", row["title"]))
    for row in raw["never"]:
        add(Entry(row["id"], "never", row["text"], row["rests_on"]))
    for row in raw["clarifications"]:
        add(Entry(row["id"], "clarification", row["text"]))
    return entries


CATALOGUE = MappingProxyType(_load())

#: The seed files by the publication they hold (rules.md section 1, "Seed files").
SEED_SOURCES = MappingProxyType({
    "000_64b4e5403247db2a.txt": '"Why Fitness Starts in the Brain, Not the Gym" (opinion essay)',
    "001_39f3a7fcbd46e8c0.txt": "News report of the UT Southwestern mouse study of VMH SF1 "
                                "neurons and endurance",
    "002_a4aa1a0ec8eb686b.txt": '"How Exercise Changes the Brain", MoodSpan clinical review '
                                "(updated December 2025)",
})
_HOSTED_COPY = re.compile(r"\s*\(copy at [^)]*\)")


def seed_source(seed_file: str) -> str:
    """The publication a seed quote comes from, for a clinician (not the file's name)."""
    return SEED_SOURCES.get(seed_file, "")


def publication(citation: str) -> str:
    """An external citation naming the publication only: a copy on a document-sharing site
    ("(copy at yumpu.com/...)") is left out."""
    return _HOSTED_COPY.sub("", citation)

# "R-SAFE-HS2 CRISIS" style citations carry a label after the ID; "§7.28" / "S7.28" name a
# clarification. Both are accepted and reduced to the catalogue ID.
_CLARIFICATION = re.compile(r"^(?:§|S|s)?([78]\.\d+)$")


def canonical(id_: str) -> str:
    """Return the catalogue spelling of a cited ID ("R-SAFE-HS2 CRISIS" -> "R-SAFE-HS2")."""
    text = str(id_).strip()
    m = _CLARIFICATION.match(text)
    if m:
        return m.group(1)
    return text.split(" ", 1)[0].split("(", 1)[0]


def exists(id_: str) -> bool:
    """True when `id_` names a catalogue entry."""
    return id_ in CATALOGUE or _exists_slow(str(id_))


@lru_cache(maxsize=4096)
def _exists_slow(id_: str) -> bool:
    return canonical(id_) in CATALOGUE


def lookup(id_: str) -> Entry:
    """Return the entry for `id_`; raise KeyError naming the ID if there is none."""
    try:
        return CATALOGUE[canonical(id_)]
    except KeyError:
        raise KeyError(f"unknown evidence or rule ID {id_!r}") from None


def ids(kind: str | None = None) -> tuple[str, ...]:
    """All IDs, or those of one kind, in catalogue order."""
    return tuple(k for k, e in CATALOGUE.items() if kind is None or e.kind == kind)


def cited_ids(why) -> set[str]:
    """Every ID cited in a plan's `why` mapping (key -> iterable of IDs)."""
    found: set[str] = set()
    for value in (why or {}).values():
        if isinstance(value, str):
            value = (value,)
        found.update(str(v) for v in value)
    return found


def unknown_ids(why) -> set[str]:
    """IDs cited in `why` that the catalogue does not know (should always be empty)."""
    unknown: set[str] = set()
    for value in (why or {}).values():
        if isinstance(value, str):
            value = (value,)
        elif value in _KNOWN_GOOD:  # most tuples are shared constants: checked once
            continue
        bad = {str(i) for i in value if i not in CATALOGUE and not _exists_slow(str(i))}
        if bad:
            unknown |= bad
        elif len(_KNOWN_GOOD) < 20_000:
            _KNOWN_GOOD.add(value)
    return unknown


_KNOWN_GOOD: set[tuple] = set()


def explain(why) -> dict[str, list[dict]]:
    """Expand a `why` mapping into catalogue entries, for the clinician view."""
    return {key: [lookup(i).to_dict() for i in (vals if not isinstance(vals, str) else (vals,))]
            for key, vals in (why or {}).items()}
