"""The effort scale: a 0-10 bar drawn under "How hard to go", with the plan's own talk-test
words at their bands and the levels this plan uses marked as the client's.

Nothing here decides what to print. The bands are the levels the engine's ``intensity_guide``
block lists (rules R-INT-1: each bullet names its level and "About N to M" on the 0-10 scale;
the engine lists only the levels this plan allows, "Hard" only when vigorous work is allowed,
rules 8.6 and N04), read from that block in its order: a level the block does not print is
never drawn. A band is marked "your plan" only when a week of the plan is at that level, by the
words the week table prints (``INTENSITY_WORDS``; "brisk (some hard effort is OK)" is the
"Brisk" band, so a vigorous-optional plan never has "Hard" marked as its own). If the block's
bullets cannot be read this way, no scale is drawn rather than a guessed one.

Grey-scale safe: the client's bands are solid dark with a "your plan" label in bold; the other
bands the guide lists are white with a hatch; every band carries its words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit

from planner.engine.model import Plan, TextBlock
from planner.engine.texts.context import INTENSITY_WORDS

from .fonts import BOLD, REGULAR
from .styles import ACCENT, GRID, INK, Styles

SCALE_TOP = 10
#: A guide bullet: "Easy: you can talk ... About 3 to 4 on the effort scale. ..."
_LEVEL = re.compile(r"^(?P<label>[^:]{1,60}):\s.*?\bAbout (?P<low>\d+) to (?P<high>\d+)\b",
                    re.DOTALL)
#: The guide's explanation of the scale's ends: "... where 0 is sitting still and 10 is ...".
_ENDS = re.compile(r"\bwhere 0 is (?P<zero>[^.;]+?) and 10 is (?P<ten>[^.;]+?)\.")
YOUR_PLAN = "your plan"


@dataclass(frozen=True)
class Band:
    """One level on the scale, as the guide prints it."""

    label: str  # the guide's words: "Easy", "Hard (only if you already do this)"
    low: int
    high: int
    weeks: tuple[int, ...]  # the plan's weeks at this level; empty: not the client's level

    @property
    def yours(self) -> bool:
        return bool(self.weeks)


def _level_words(words: str) -> str:
    """"brisk (some hard effort is OK)" -> "brisk": the level a week's words name."""
    return words.split(" (")[0].strip().lower()


def effort_bands(plan: Plan) -> list[Band]:
    """The bands of the plan's ``intensity_guide``, in its order, each with the plan's weeks at
    that level; ``[]`` when there is no guide or one of its levels cannot be read."""
    guide = next((b for b in plan.texts if b.key == "intensity_guide"), None)
    if guide is None:
        return []
    weeks_at: dict[str, list[int]] = {}
    for step in plan.steps:
        words = INTENSITY_WORDS.get(step.intensity) or str(step.intensity)
        weeks_at.setdefault(_level_words(words), []).append(step.week)
    bands = []
    for bullet in guide.bullets:
        found = _LEVEL.match(bullet.strip())
        if not found:
            return []
        low, high = int(found["low"]), int(found["high"])
        if not 0 <= low <= high <= SCALE_TOP:
            return []
        label = found["label"].strip()
        bands.append(Band(label, low, high, tuple(weeks_at.get(_level_words(label), ()))))
    return bands


def scale_ends(guide: TextBlock | None) -> tuple[str, str] | None:
    """The guide's own words for 0 and 10 ("sitting still", "the hardest you could possibly
    work"), or ``None``."""
    for text in guide.paragraphs if guide else ():
        found = _ENDS.search(text)
        if found:
            return found["zero"].strip(), found["ten"].strip()
    return None


def week_span(weeks: Iterable[int]) -> str:
    """[1, 2, 3, 7] -> "weeks 1–3 and 7"; [4] -> "week 4"."""
    ordered = sorted(set(weeks))
    runs: list[list[int]] = []
    for week in ordered:
        if runs and week == runs[-1][-1] + 1:
            runs[-1].append(week)
        else:
            runs.append([week])
    parts = [f"{r[0]}–{r[-1]}" if len(r) > 1 else f"{r[0]}" for r in runs]
    text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return ("weeks " if len(ordered) > 1 else "week ") + text


class EffortScale(Drawing):
    """The drawing; ``bands`` is what it shows, for a test to read before rendering."""

    bands: tuple[Band, ...] = ()


_BAR_GREYS = [colors.Color(g, g, g) for g in
              (0.97, 0.95, 0.93, 0.90, 0.87, 0.84, 0.81, 0.78, 0.75, 0.72, 0.69)]


def effort_scale(plan: Plan, st: Styles, width: float) -> EffortScale | None:
    """The 0-10 bar with the guide's bands, or ``None`` when there is nothing to draw."""
    bands = effort_bands(plan)
    if not bands:
        return None
    guide = next(b for b in plan.texts if b.key == "intensity_guide")
    size = st.caption.fontSize
    lead = st.caption.leading
    label_w = width * (0.46 if st.large_print else 0.40)
    x0 = label_w + size
    unit = (width - x0) / (SCALE_TOP + 1)
    pad = size * 0.45

    def lines(text: str, font: str) -> list[str]:
        return simpleSplit(text, font, size, label_w)

    # Rows from the top: the numbered bar (beside the words for its ends), then one per band.
    ends = scale_ends(guide)
    bar_words = lines(f"0: {ends[0]}. 10: {ends[1]}.", REGULAR) if ends else []
    bar_h = max(size * 2.1, len(bar_words) * lead + 2 * pad)
    rows = []
    for band in bands:
        text = [(line, BOLD if band.yours else REGULAR) for line in lines(band.label, BOLD)]
        if band.yours:
            text += [(line, BOLD) for line in lines(f"{YOUR_PLAN}: {week_span(band.weeks)}",
                                                   BOLD)]
        rows.append((band, text, max(size * 2.0, len(text) * lead + 2 * pad)))
    height = bar_h + sum(h for _b, _t, h in rows) + pad
    drawing = EffortScale(width, height)
    drawing.__dict__["bands"] = tuple(bands)  # Drawing refuses unknown attributes
    drawing.hAlign = "LEFT"

    def text_block(items: Sequence[tuple[str, str]], top: float, row_h: float) -> None:
        y = top - (row_h - len(items) * lead) / 2 - size * 0.95
        for line, font in items:
            drawing.add(String(0, y, line, fontName=font, fontSize=size, fillColor=INK))
            y -= lead

    top = height
    # the numbered bar: light to darker grey, each box with its number
    box_h = min(bar_h - 2 * pad, size * 1.8)
    box_y = top - bar_h / 2 - box_h / 2
    for n in range(SCALE_TOP + 1):
        drawing.add(Rect(x0 + n * unit, box_y, unit, box_h, fillColor=_BAR_GREYS[n],
                         strokeColor=INK, strokeWidth=0.8))
        drawing.add(String(x0 + (n + 0.5) * unit, box_y + box_h / 2 - size * 0.36, str(n),
                           fontName=BOLD, fontSize=size, fillColor=INK, textAnchor="middle"))
    text_block([(line, REGULAR) for line in bar_words], top, bar_h)
    top -= bar_h
    # guide lines down from the boxes' edges, so a band can be read against the numbers
    for n in range(SCALE_TOP + 2):
        drawing.add(Line(x0 + n * unit, pad, x0 + n * unit, top, strokeColor=GRID,
                         strokeWidth=0.4, strokeDashArray=[1.5, 2]))
    for band, text, row_h in rows:
        left = x0 + band.low * unit
        right = x0 + (band.high + 1) * unit
        band_h = min(row_h - 2 * pad, size * 1.6)
        y = top - row_h / 2 - band_h / 2
        if band.yours:
            drawing.add(Rect(left, y, right - left, band_h, fillColor=ACCENT, strokeColor=INK,
                             strokeWidth=1.2))
        else:
            drawing.add(Rect(left, y, right - left, band_h, fillColor=colors.white,
                             strokeColor=INK, strokeWidth=0.8))
            for line in _hatch(left, y, right - left, band_h, gap=size * 0.5):
                drawing.add(line)
        text_block(text, top, row_h)
        drawing.add(Line(0, top, width, top, strokeColor=GRID, strokeWidth=0.4))
        top -= row_h
    return drawing


def _hatch(x: float, y: float, w: float, h: float, gap: float) -> list[Line]:
    """Diagonal lines filling the rectangle (x, y, w, h), cut to its edges."""
    out = []
    t = -h + gap
    while t < w:
        x1, y1, x2, y2 = x + t, y, x + t + h, y + h
        if x1 < x:
            y1 += x - x1
            x1 = x
        if x2 > x + w:
            y2 -= x2 - (x + w)
            x2 = x + w
        out.append(Line(x1, y1, x2, y2, strokeColor=GRID, strokeWidth=0.7))
        t += gap
    return out


__all__ = ["YOUR_PLAN", "Band", "EffortScale", "effort_bands", "effort_scale", "week_span"]
