"""The client handout: the engine's text blocks around a week-by-week table.

Nothing here decides anything clinical. The blocks come from the plan in a fixed order; the
table prints the plan's steps; the only things computed are display details (the date each week
starts, a "review" marker on the plan's review weeks, plain words for the intensity codes).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import PageBreakIfNotEmpty

from planner.engine.enums import Gate
from planner.engine.model import Plan, Step, TextBlock
from planner.engine.texts.context import INTENSITY_WORDS, MIND_BODY_WORDS

from .blocks import (
    Keep,
    TextLines,
    WritingLines,
    block_flowables,
    boxed_block,
    section,
    side_by_side,
    title_block,
)
from .effort import effort_scale
from .fonts import BOLD, REGULAR
from .header import HandoutHeader
from .layout import PAGE_SIZES, build_pdf, required_crisis_line
from .loglink import log_link_flowables
from .moves import moves_section
from .styles import ACCENT, GRID, INK, MIN_PAGE_FILL, TABLE_FONT, TINT, Styles, get_styles
from .text import esc, short_date

TITLE = "Your activity plan"
SUBJECT = "Activity plan handout"

#: Plain words for the engine's intensity codes: the engine's own (rules.md R-INT-1 labels, the
#: words its texts use, e.g. "Step 3: ..., brisk."), never a copy kept here.
EFFORT_WORDS = {str(code): words for code, words in INTENSITY_WORDS.items()}

#: Order of the blocks in the body. Keys not listed here print after `medication_notes`, in the
#: plan's order, so a new block from the texts engineer is never silently dropped.
#: Not printed in the body: `crisis_footer` (page footer), `crisis_box` (top, boxed),
#: `body_sensations` and `warning_symptoms` (printed as a pair), `disclaimer` (last), and
#: `activity_schedule`, whose day / time / place write-in lines are the week table's own
#: write-in column on paper (its tick boxes are the log sheet's; its low-motivation tip is also
#: in `barrier_tips`), so printing both would ask the client to plan the same week twice.
ORDER_BEFORE_TABLE = ("wording", "advisory", "at_a_glance", "maintain_note")
ORDER_AFTER_TABLE = (
    "intensity_guide",
    "__safety_pair__",  # body_sensations beside warning_symptoms
    "falls_safety",
    "strength_guide",
    "moves_guide",  # issue 25: drawn by moves.py
    "mind_body",
    "activities_that_count",
    "barrier_tips",
    "timing",
    "flexibility",
    "hold_rules",
    "contact_clinician",
    "review_weeks",
    "medication_notes",
)
SPECIAL = {"crisis_footer", "crisis_box", "body_sensations", "warning_symptoms", "disclaimer",
           "activity_schedule"}
BOXED = {"advisory", "contact_clinician"}


def effort_words(code: str) -> str:
    """The words for one intensity code. A code this engine has no words for prints as words
    ("some_new_level" -> "some new level"), never as a code, and never as an empty cell."""
    return EFFORT_WORDS.get(code) or str(code).replace("_", " ").strip() or "–"


def week_start_dates(start: dt.date | None, steps: Sequence[Step]) -> dict[int, dt.date]:
    """Calendar week -> the date that week starts. Rows are numbered by their calendar week,
    as the client's texts count them (rules 8.9): a repeated step is a later week."""
    if start is None:
        return {}
    return {s.week: start + dt.timedelta(days=7 * (s.week - 1)) for s in steps}


def plan_start(plan: Plan, header: HandoutHeader) -> dt.date | None:
    """The header's plan start date, else the plan's own (``start_date``, the day week 1
    starts)."""
    if header.plan_start_date is not None:
        return header.plan_start_date
    return plan.start_date


#: A page break in the week table leaves at least this many weeks on either side.
MIN_ROWS_BEFORE_BREAK = 2
MIN_ROWS_AFTER_BREAK = 2


def _fit_widths(columns: list[list[str]], headers: list[str], st: Styles, width: float,
                floor_last: float, whole: int = 0) -> list[float]:
    """Column widths: each text column as wide as its longest cell; the last, blank column takes
    the rest, never less than ``floor_last``. Only when that floor cannot be kept do the text
    columns wrap (shrunk towards their longest word; never a header word). The first ``whole``
    columns never wrap at all (a week number and its "(review)" stay on one line)."""
    size = st.cell.fontSize
    pad = _PAD_H + 1

    def w(text, font=REGULAR):
        return stringWidth(text, font, size)

    natural, minimal = [], []
    for index, (head, cells) in enumerate(zip(headers, columns, strict=True)):
        head_min = max(w(word, BOLD) for word in head.split())
        cell_lines = [line for c in cells for line in c.split("\n")]
        cell_full = max((w(c) for c in cell_lines), default=0)
        cell_word = max((w(word) for c in cell_lines for word in c.split()), default=0)
        natural.append(max(head_min, cell_full) + pad)
        minimal.append(max(head_min, cell_full if index < whole else cell_word) + pad)
    if sum(natural) + floor_last <= width:
        fixed = natural
    else:  # shrink the wrappable columns towards their longest word, proportionally
        spare = max(0.0, width - floor_last - sum(minimal))
        extra = [n - m for n, m in zip(natural, minimal, strict=True)]
        total_extra = sum(extra) or 1
        fixed = [min(n, m + e * spare / total_extra)
                 for n, m, e in zip(natural, minimal, extra, strict=True)]
    return [*fixed, width - sum(fixed)]


def week_table(plan: Plan, header: HandoutHeader, st: Styles, width: float) -> Table:
    """The week-by-week table with blank "days, times and places" cells to fill in together.

    The section heading and hint are the table's first two rows, so they can never be left at
    the foot of a page without the table; the column header repeats after a page break. Each
    write-in cell has one ruled handwriting line per session of its week.
    """
    steps = plan.steps
    dates = week_start_dates(plan_start(plan, header), steps)
    reviews = {r.week for r in plan.review_weeks if r.week}
    show_mb = any(s.mind_body_sessions for s in steps)

    headers = ["Week"]
    if dates:
        headers.append("Starts")
    headers += ["Minutes in the week", "Sessions", "How hard", "Strength sessions"]
    if show_mb:  # R-INT-5: their effort is never the week's "brisk" (rules 8.7)
        headers.append(f"Yoga or tai chi ({MIND_BODY_WORDS})")
    columns: list[list[str]] = [[] for _ in headers]
    for s in steps:
        n = s.week
        values = [str(n) + (" (review)" if n in reviews else "")]
        if dates:
            values.append(short_date(dates[n]))
        values += [
            str(s.weekly_minutes),
            f"{s.sessions} × about {s.minutes_per_session} min",
            effort_words(s.intensity),
            str(s.strength_sessions) if s.strength_sessions else "–",
        ]
        if show_mb:
            mb = s.mind_body_sessions or 0
            values.append(f"{mb} of the {s.sessions}" if mb else "–")
        for col, value in zip(columns, values, strict=True):
            col.append(value)
    last = "My days, times and places"
    hint = "Fill in the last column together with your clinician: a day, a time and a place for " \
           "each session."
    whole = 2 if dates else 1
    widths = _fit_widths(columns, headers, st, width, floor_last=width * WRITE_IN_SHARE,
                         whole=whole)
    if widths[-1] < width * WRITE_IN_SHARE - 0.5:  # no room beside the text: one card a week
        return _week_cards(steps, columns, headers, st, width, hint, last)
    ncols = len(widths)

    def cell(text, col_width):
        # Plain strings, wrapped here: much faster than a Paragraph per cell (P2), and never
        # parsed as markup. Each line is wrapped to the column on its own.
        inner = col_width - _PAD_H
        lines = []
        for line in text.split("\n"):
            lines += simpleSplit(line, REGULAR, st.cell.fontSize, inner) or [""]
        return "\n".join(lines)

    title_rows = [
        [Paragraph("Your plan week by week", st.h2_flush)] + [""] * (ncols - 1),
        [Paragraph(esc(hint), st.small)] + [""] * (ncols - 1),
    ]
    head_row = [Paragraph(esc(h), st.cell_bold) for h in [*headers, last]]
    body = [[cell(col[i], w) for col, w in zip(columns, widths, strict=False)]
            + [WritingLines(max(1, s.sessions), st.write_line, in_cell=True)]
            for i, s in enumerate(steps)]
    return _WeekTable(title_rows, head_row, body, widths, st)


#: The write-in column's least share of the table's width; with less room (large print), each
#: week is printed as a card with its write-in lines below its numbers.
WRITE_IN_SHARE = 0.3


def _week_cards(steps: Sequence[Step], columns: list[list[str]], headers: list[str],
                st: Styles, width: float, hint: str, last: str) -> Flowable:
    """The week table in two columns: each week's cells one under the other as "heading:
    value" (the same words as the table's columns), beside its write-in lines."""
    title_rows = [
        [Paragraph("Your plan week by week", st.h2_flush), ""],
        [Paragraph(esc(hint), st.small), ""],
    ]
    head_row = [Paragraph("Week", st.cell_bold), Paragraph(esc(last), st.cell_bold)]
    lead = 2 if headers[1:2] == ["Starts"] else 1
    write_in = width * max(WRITE_IN_SHARE, 0.45)
    text_width = width - write_in - _PAD_H
    body = []
    for i, step in enumerate(steps):
        title = f"Week {columns[0][i]}" + (f" · starts {columns[1][i]}" if lead == 2 else "")
        facts = [(title, BOLD)] + [(f"{head}: {col[i]}", REGULAR) for head, col
                                   in zip(headers[lead:], columns[lead:], strict=True)
                                   if col[i] != "–"]
        body.append([TextLines(facts, st.cell, text_width),
                     WritingLines(max(1, step.sessions), st.write_line, in_cell=True)])
    return _WeekTable(title_rows, head_row, body, [width - write_in, write_in], st)


_PAD_V = 3
_PAD_H = 7  # left 4 + right 3


def _grid_table(title_rows: list, head_row: list | None, body: list, widths: list[float],
                st: Styles) -> Table:
    first = len(title_rows)
    head = [head_row] if head_row is not None else []
    table = Table([*title_rows, *head, *body], colWidths=widths, hAlign="LEFT")
    style = [
        *TABLE_FONT,
        ("FONTSIZE", (0, 0), (-1, -1), st.cell.fontSize),
        ("LEADING", (0, 0), (-1, -1), st.cell.leading),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("GRID", (0, first), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, first), (-1, -1), "TOP"),
        ("TOPPADDING", (0, first), (-1, -1), _PAD_V),
        ("BOTTOMPADDING", (0, first), (-1, -1), _PAD_V),
        ("LEFTPADDING", (0, first), (-1, -1), 4),
        ("RIGHTPADDING", (0, first), (-1, -1), 3),
    ]
    if head_row is not None:
        style += [
            ("LINEBELOW", (0, first), (-1, first), 1.0, ACCENT),
            ("BACKGROUND", (0, first), (-1, first), TINT),
            ("VALIGN", (0, first), (-1, first), "BOTTOM"),
            # the write-in column: its ruled lines run to the cell's bottom border
            ("BOTTOMPADDING", (-1, first + 1), (-1, -1), 0),
            ("LEFTPADDING", (-1, first + 1), (-1, -1), 0),
            ("RIGHTPADDING", (-1, first + 1), (-1, -1), 0),
        ]
    for r in range(first):
        style += [("SPAN", (0, r), (-1, r)), ("LEFTPADDING", (0, r), (-1, r), 0)]
    if first:
        style.append(("BOTTOMPADDING", (0, first - 1), (-1, first - 1), 5))
    table.setStyle(TableStyle(style))
    return table


class _WeekTable(Flowable):
    """The week table, splitting across pages only where it reads well.

    Its heading travels with it (the heading rows are part of the table); after a page break
    the column header repeats; a break never leaves fewer than MIN_ROWS_BEFORE_BREAK weeks
    before it or MIN_ROWS_AFTER_BREAK weeks after it (unless the table cannot fit otherwise).
    """

    def __init__(self, title_rows, head_row, body, widths, st):
        super().__init__()
        self.title_rows, self.head_row, self.body, self.widths = title_rows, head_row, body, widths
        self.st = st
        self._table = _grid_table(title_rows, head_row, body, widths, st)

    def wrap(self, aW, aH):
        self.width, self.height = self._table.wrap(aW, aH)
        return self.width, self.height

    def draw(self):
        self._table.drawOn(self.canv, 0, 0)

    def split(self, aW, aH):
        self._table.wrap(aW, aH)
        heights = self._table._rowHeights
        n_head = len(self.title_rows) + (self.head_row is not None)
        head_h = sum(heights[:n_head])
        body_h = heights[n_head:]
        fit, used = 0, head_h
        for h in body_h:
            if used + h > aH:
                break
            used += h
            fit += 1
        total = len(self.body)
        if fit >= total:
            return [self]
        frame = getattr(self, "_frame", None)
        at_top = bool(getattr(frame, "_atTop", False))
        # A page less than a quarter full is not left behind for the rule below.
        nearly_empty = frame is not None and aH > frame._height * (1 - MIN_PAGE_FILL)
        k = min(fit, total - MIN_ROWS_AFTER_BREAK)
        if k < MIN_ROWS_BEFORE_BREAK:
            if not (at_top or nearly_empty):
                return []  # start the whole table on the next page instead
            k = max(1, fit)
        first = _WeekTable(self.title_rows, self.head_row, self.body[:k], self.widths, self.st)
        rest = _WeekTable([], self.head_row, self.body[k:], self.widths, self.st)
        return [first, PageBreakIfNotEmpty(), rest]


def _week_section(plan: Plan, header: HandoutHeader, st: Styles, width: float
                  ) -> list[Flowable]:
    if not plan.steps:
        return []
    return [Spacer(1, st.space), week_table(plan, header, st, width), Spacer(1, st.space)]


def _safety_pair(texts: dict, st: Styles, width: float) -> list[Flowable]:
    body = texts.get("body_sensations")
    warn = texts.get("warning_symptoms")
    if body and warn:
        if st.large_print:  # too narrow side by side at 16 pt: stack them, still adjacent
            return boxed_block(body, st, width) + boxed_block(warn, st, width, alert=True)
        left = block_flowables(body, st, heading_style=st.box_title)
        right = block_flowables(warn, st, heading_style=st.box_title)
        return [side_by_side(left, right, st, width, right_alert=True), Spacer(1, st.space)]
    if warn:
        return boxed_block(warn, st, width, alert=True)
    if body:
        return boxed_block(body, st, width)
    return []


def without_step_rows(block: TextBlock, steps: Sequence[Step]) -> TextBlock:
    """``at_a_glance`` minus its one-bullet-per-step list, which the week table prints.

    Only bullets that are recognisably the step rows are left out: the first ``len(steps)``
    bullets, each starting "Step N:" for the steps in order. Anything else (a summary, "After
    that: keep going at ...") is printed. If the pattern does not match exactly, every bullet is
    printed: the renderer never drops text it cannot account for.
    """
    bullets = block.bullets
    n = len(steps)
    if n and len(bullets) >= n and all(
        b.startswith(f"Step {s.step}:") for b, s in zip(bullets, steps, strict=False)
    ):
        return dataclasses.replace(block, bullets=bullets[n:])
    return block


def _render_block(key: str, texts: dict, st: Styles, width: float, steps=()) -> list[Flowable]:
    block = texts.get(key)
    if block is None:
        return []
    if key == "at_a_glance" and steps:
        block = without_step_rows(block, steps)
    if key in BOXED:
        return boxed_block(block, st, width)
    return section(block, st)


def _intensity_section(plan: Plan, texts: dict, st: Styles, width: float) -> list[Flowable]:
    """The guide's words, then the effort scale drawn from them (effort.py)."""
    story = _render_block("intensity_guide", texts, st, width)
    scale = effort_scale(plan, st, width) if story else None
    if scale is not None:
        story.append(Keep([Spacer(1, st.space * 0.5), scale, Spacer(1, st.space)]))
    return story


def handout_story(plan: Plan, header: HandoutHeader, width: float) -> list[Flowable]:
    """The flowables of the handout (exposed for tests and for a future combined print)."""
    st = get_styles(header.large_print)
    blocks = plan.texts
    texts = {b.key: b for b in blocks}
    story: list[Flowable] = title_block(header, st, TITLE)

    crisis_box = texts.get("crisis_box")
    if crisis_box:  # RISK_ATTESTATION: a crisis box at the top, besides the footer
        story += boxed_block(crisis_box, st, width, alert=True)

    for key in ORDER_BEFORE_TABLE:
        story += _render_block(key, texts, st, width, plan.steps)
    story += _week_section(plan, header, st, width)
    story += log_link_flowables(header, st, width)

    known = set(ORDER_BEFORE_TABLE) | set(ORDER_AFTER_TABLE) | SPECIAL
    for key in ORDER_AFTER_TABLE:
        if key == "__safety_pair__":
            story += _safety_pair(texts, st, width)
            continue
        if key == "intensity_guide":
            story += _intensity_section(plan, texts, st, width)
            continue
        if key == "moves_guide":
            story += moves_section(plan, texts, st, width)
            continue
        story += _render_block(key, texts, st, width)
        if key == "medication_notes":
            for block in blocks:  # anything the order above does not know yet
                if block.key not in known:
                    story += section(block, st)
    if "medication_notes" not in texts:
        for block in blocks:
            if block.key not in known:
                story += section(block, st)

    disclaimer = texts.get("disclaimer")
    if disclaimer:
        story.append(Spacer(1, st.space))
        story += block_flowables(disclaimer, st, heading_style=st.box_title, body_style=st.small)
    return story


def render_handout(plan: Plan, header: HandoutHeader) -> bytes:
    """The client handout as PDF bytes.

    Refuses (``ValueError``) a hard stop (no plan exists: use ``choose_client_document`` and
    ``render_document``) and a non-draft handout while CLEARANCE_PENDING is open (the client
    gets the interim letter instead, R-SAFE-CLR).
    """
    stop = plan.hard_stop
    if stop:
        raise ValueError(f"no handout under hard stop {stop}: render the "
                         f"{'crisis_sheet' if stop == 'CRISIS' else 'stop_notice'} instead")
    if Gate.CLEARANCE_PENDING in plan.gates and not header.draft:
        raise ValueError("CLEARANCE_PENDING is open: the client gets the interim clearance "
                         "letter; a handout may only be printed as a draft")
    st = get_styles(header.large_print)
    width = PAGE_SIZES[header.paper][0] - 2 * st.margin
    return build_pdf(
        handout_story(plan, header, width),
        header=header,
        title=TITLE,
        subject=SUBJECT,
        crisis_text=required_crisis_line(plan),
        running_title=TITLE,
    )


__all__ = ["EFFORT_WORDS", "TITLE", "effort_words", "handout_story", "render_handout",
           "week_start_dates"]
