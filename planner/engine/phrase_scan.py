"""Find banned phrases in client text fast (the never-do validator's text scanner).

`find_banned(text, names)` returns the first match of the phrase lists `names` (phrases.py) in
`text`, or None. Typographic quotes and dashes are folded to plain ones first.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import phrases

# --- text scanning ------------------------------------------------------------------------------
#
# A plain alternation of ~400 patterns costs ~0.3 ms per line in `re`, far too slow for 2,000
# plans a second. Instead every pattern is indexed by the words it can start with (worked out
# from the parsed pattern), each line is split into words once, and a pattern is tried (anchored,
# at that word) only where its first word occurs. Results are memoised per line.

_WORD = re.compile(r"[a-z0-9]+")
_WORDISH = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_'-")
_MAX_STATES = 256


def _first_words(fragment: str) -> tuple[set[str], set[str]]:
    """Return (whole first words, first-word prefixes) that a match of `fragment` starts with.

    A "prefix" is used when the first word continues with something open-ended (digits+, \\w*).
    Raises ValueError when the first word cannot be worked out (the pattern is then tried on
    every line; no list in phrases.py needs that today).
    """
    try:  # CPython's own regex parser (3.11+); without it every pattern is tried on every line
        from re import _constants as C
        from re import _parser as P
    except ImportError as exc:  # pragma: no cover
        raise ValueError("no regex parser to index patterns") from exc

    OPEN, WORD, PREFIX = 0, 1, 2

    def expand(states, seq):
        for op, av in seq:
            states = step(states, op, av)
            if len(states) > _MAX_STATES:
                raise ValueError(f"pattern too open: {fragment!r}")
        return states

    def add_chars(states, chars):
        out = set()
        for text, status in states:
            if status != OPEN:
                out.add((text, status))
                continue
            for ch in chars:
                if ch.isalnum():
                    out.add((text + ch, OPEN))
                else:
                    out.add((text, WORD))
        return out

    def step(states, op, av):
        if op is C.LITERAL:
            return add_chars(states, {chr(av).lower()})
        if op is C.IN:
            chars = set()
            for o, a in av:
                if o is C.LITERAL:
                    chars.add(chr(a).lower())
                elif o is C.RANGE and a[1] - a[0] < 12:
                    chars.update(chr(x).lower() for x in range(a[0], a[1] + 1))
                elif o is C.CATEGORY and a is C.CATEGORY_DIGIT:
                    chars.update("0123456789")
                else:
                    return {(t, PREFIX if s == OPEN else s) for t, s in states}
            return add_chars(states, chars)
        if op is C.CATEGORY and av is C.CATEGORY_DIGIT:
            return add_chars(states, set("0123456789"))
        if op is C.SUBPATTERN:
            return expand(states, av[3])
        if op is C.BRANCH:
            out = set()
            for alternative in av[1]:
                out |= expand(states, alternative)
            return out
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            low, high, sub = av
            if high == 1:
                once = expand(states, sub)
                return once | states if low == 0 else once
            # open-ended repeat: the first word may go on; keep what we have as a prefix
            reached = expand(states, sub) if low >= 1 else expand(states, sub) | states
            return {(t, PREFIX if s == OPEN else s) for t, s in reached}
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            return states
        return {(t, PREFIX if s == OPEN else s) for t, s in states}

    states = expand({("", OPEN)}, P.parse(fragment, re.IGNORECASE))
    words, prefixes = set(), set()
    for text, status in states:
        if not text:
            raise ValueError(f"cannot index pattern {fragment!r}")
        (prefixes if status == PREFIX else words).add(text)
    return words, prefixes


class _Scanner:
    """All fragments of a set of phrase lists, indexed by first word."""

    def __init__(self, names: frozenset[str]):
        self.fragments: list[tuple[str, re.Pattern]] = []
        self.by_word: dict[str, list[int]] = {}
        self.by_prefix: dict[str, list[int]] = {}
        self.always: list[int] = []
        self.bounded: set[int] = set()
        for name in sorted(names):
            for fragment in phrases.LISTS[name][1]:
                index = len(self.fragments)
                # no look-behind here: it would defeat re's fast literal-prefix search; the
                # word boundary before a hit is checked in scan()
                pattern = re.compile(rf"(?:{fragment})(?![\w'-])")
                self.fragments.append((name, pattern))
                # "%" and "000 steps" may follow a digit; every other entry starts a word
                if not fragment.startswith(("%", "000")):
                    self.bounded.add(index)
                try:
                    words, prefixes = _first_words(fragment)
                except ValueError:
                    self.always.append(index)
                    continue
                for word in words:
                    self.by_word.setdefault(word, []).append(index)
                for prefix in prefixes:
                    self.by_prefix.setdefault(prefix, []).append(index)
        self.prefixes = tuple(sorted(self.by_prefix))
        self.words = frozenset(self.by_word)

    def scan(self, text: str) -> tuple[str, str] | None:
        """Return (list name, matched text) for the first banned phrase in `text`, or None."""
        low = text.lower()
        tokens = set(_WORD.findall(low))
        candidates: set[int] = set()
        for token in tokens & self.words:
            candidates.update(self.by_word[token])
        for token in tokens:
            if token.startswith(self.prefixes):
                for prefix, ids in self.by_prefix.items():
                    if token.startswith(prefix):
                        candidates.update(ids)
        candidates.update(self.always)
        best = None
        for index in candidates:
            name, pattern = self.fragments[index]
            hit = pattern.search(low)
            while (hit is not None and hit.start() and index in self.bounded
                   and low[hit.start() - 1] in _WORDISH):
                hit = pattern.search(low, hit.start() + 1)
            # the first hit; at the same place the longest (most specific) phrase names the
            # rule, so "stop taking your tablets" is N01, not N14's bare "stop"; then list order
            if hit is not None:
                rank = (hit.start(), -len(hit.group()), index)
                if best is None or rank < best[0]:
                    best = (rank, name, hit.group())
        return None if best is None else best[1:]


@lru_cache(maxsize=64)
def _scanner(names: frozenset[str]) -> _Scanner:
    return _Scanner(names)


_line_cache: dict[tuple[frozenset[str], str], tuple[str, str] | None] = {}
LINE_CACHE_MAX = 100_000


def scan_line(names: frozenset[str], line: str) -> tuple[str, str] | None:
    key = (names, line)
    try:
        return _line_cache[key]
    except KeyError:
        pass
    hit = _scanner(names).scan(line.translate(_TYPOGRAPHIC))
    if len(_line_cache) >= LINE_CACHE_MAX:
        _line_cache.clear()
    _line_cache[key] = hit
    return hit


_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " ",
                              "–": "-", "—": "-", "‑": "-"})


def find_banned(text: str, names) -> tuple[str, str, str] | None:
    """Return (N-rule, list name, matched text) for `text` under the lists `names`, or None."""
    hit = _scanner(frozenset(names)).scan(text.translate(_TYPOGRAPHIC))
    return (phrases.LISTS[hit[0]][0], *hit) if hit else None
