"""Turning the engine's text blocks (TextBlock: key, title, paragraphs, bullets) into flowables.

The renderer adds no clinical wording of its own: a block prints its title, then its paragraphs,
then its bullets, exactly as the engine wrote them (escaped). Only layout is decided here:
headings, boxes, side-by-side pairs.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from planner.engine.model import TextBlock

from .fonts import BOLD
from .header import HandoutHeader
from .styles import ACCENT, ALERT, ALERT_TINT, GRID, MIN_PAGE_FILL, MUTED, TABLE_FONT, TINT, Styles
from .text import WRITE_IN, esc, field, long_date, para, printable

BULLET = "•"


class Keep(KeepTogether):
    """Flowables kept together on one page, the way a reader expects a section: unless the page
    is still less than a quarter full (``MIN_PAGE_FILL``), where moving the whole group to the
    next page would leave this one nearly empty; then the group simply flows on."""

    def split(self, aW, aH):  # noqa: N803 (reportlab's names)
        frame = getattr(self, "_frame", None)
        if frame is not None and not getattr(frame, "_atTop", False) and (
                aH > frame._height * (1 - MIN_PAGE_FILL)):
            if getattr(self, "_wrapInfo", None) != (aW, aH):
                self.wrap(aW, aH)
            # as KeepTogether does: a no-op first, then the items, each placed on its own
            return [self.NullActionFlowable(), *self._content]
        return super().split(aW, aH)


def block_flowables(block: TextBlock, st: Styles, *, heading_style=None, body_style=None,
                    show_title: bool = True) -> list[Flowable]:
    """A block as a list of flowables: title (if any), paragraphs, bullets."""
    body = body_style or st.body
    out: list[Flowable] = []
    title = (block.title or "").strip()
    if title and show_title:
        out.append(Paragraph(para(title), heading_style or st.h2))
    for text in block.paragraphs:
        if text and text.strip():
            out.append(Paragraph(para(text), body))
    for text in block.bullets:
        if text and text.strip():
            out.append(Paragraph(para(text), st.bullet, bulletText=BULLET))
    return out


def section(block: TextBlock, st: Styles) -> list[Flowable]:
    """A plain section: heading kept with its first lines, and its last two items together (no
    lone bullet at the top of a page); short sections kept whole."""
    items = block_flowables(block, st)
    if not items:
        return []
    if len(items) <= 4:
        return [Keep(items)]
    return [Keep(items[:3]), *items[3:-2], Keep(items[-2:])]


class WritingLines(Flowable):
    """Ruled lines across the width to write on by hand: ``count`` lines, ``gap`` apart (the
    height of one handwritten line), the lowest ``offset`` above the bottom. In a table cell
    (``in_cell``) the cell's own bottom border is the lowest line, so it is not drawn twice."""

    def __init__(self, count: int, gap: float, *, offset: float = 2, in_cell: bool = False):
        super().__init__()
        self.count = count
        self.gap = gap
        self.offset = 0 if in_cell else offset
        self.faint = in_cell

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        return avail_width, self.count * self.gap + self.offset

    def draw(self):
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(GRID if self.faint else MUTED)
        canvas.setLineWidth(0.5 if self.faint else 0.6)
        for i in range(1 if self.faint else 0, self.count):
            y = i * self.gap + self.offset
            canvas.line(0, y, self.width, y)
        canvas.restoreState()


class TextLines(Flowable):
    """Plain text lines, each wrapped to the width given here and drawn as it is: no markup, no
    paragraph layout, so a table of many such cells lays out fast (P2). ``lines`` is a list of
    (text, font name); ``style`` gives the size, leading and colour."""

    def __init__(self, lines: list[tuple[str, str]], style, width: float):
        super().__init__()
        self.style = style
        self.lines = [(part, font) for text, font in lines
                      for part in (simpleSplit(text, font, style.fontSize, width) or [""])]

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        return avail_width, len(self.lines) * self.style.leading

    def draw(self):
        canvas, st = self.canv, self.style
        canvas.saveState()
        canvas.setFillColor(st.textColor)
        y = len(self.lines) * st.leading - st.fontSize
        for text, font in self.lines:
            canvas.setFont(font, st.fontSize)
            canvas.drawString(0, y, text)
            y -= st.leading
        canvas.restoreState()


#: Left plus right padding of a table cell (reportlab's default 6 pt each side), plus a point.
CELL_PADDING = 13


def column_widths(headers: list[str], shares: list[float], width: float, st: Styles,
                  padding: float = CELL_PADDING) -> list[float]:
    """Column widths in proportion to ``shares`` across ``width``, but never narrower than the
    longest word of the column's header (bold, at the table's size): a header is never broken
    inside a word ("Don/e"). The room a narrow column needs is taken from the others, in
    proportion to what they can spare."""
    size = st.cell_bold.fontSize
    floor = [max(stringWidth(word, BOLD, size) for word in head.split()) + padding
             for head in headers]
    total = sum(shares)
    widths = [max(low, width * share / total) for low, share in zip(floor, shares, strict=True)]
    excess = sum(widths) - width
    if excess > 0:
        spare = [w - low for w, low in zip(widths, floor, strict=True)]
        pool = sum(spare)
        if pool <= excess:  # cannot keep every header whole: share the width by the floors
            return [width * low / sum(floor) for low in floor]
        widths = [w - excess * s / pool for w, s in zip(widths, spare, strict=True)]
    return widths


def boxed(items: list[Flowable], st: Styles, width: float, *, alert: bool = False,
          tint: bool = True) -> Flowable:
    """Items inside a bordered box (warning and crisis boxes use the alert colours), kept on one
    page (``Keep``). One row per item, so a box taller than a page, or one that would leave a
    page nearly empty, can still break between its items, with its border on both parts."""
    border = ALERT if alert else ACCENT
    background = (ALERT_TINT if alert else TINT) if tint else colors.white
    pad = st.body_size * 0.7
    last = len(items) - 1
    table = Table([[item] for item in items] or [[""]], colWidths=[width])
    table.setStyle(TableStyle([
        *TABLE_FONT,
        ("BOX", (0, 0), (-1, -1), 1.6 if alert else 1.0, border),
        ("BACKGROUND", (0, 0), (-1, -1), background),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), st.body_size * 0.3),
        ("TOPPADDING", (0, 0), (-1, 0), pad * 0.7),
        ("BOTTOMPADDING", (0, last), (-1, last), pad * 0.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return Keep([table])


def boxed_block(block: TextBlock, st: Styles, width: float, *, alert: bool = False
                ) -> list[Flowable]:
    items = block_flowables(block, st, heading_style=st.box_title)
    if not items:
        return []
    return [boxed(items, st, width, alert=alert), Spacer(1, st.space)]


def side_by_side(left: list[Flowable], right: list[Flowable], st: Styles, width: float, *,
                 right_alert: bool = False) -> Table:
    """Two boxes next to each other (R-INT-6: body sensations beside the warning symptoms)."""
    gap = st.body_size
    half = (width - gap) / 2
    pad = st.body_size * 0.7
    table = Table([[left, "", right]], colWidths=[half, gap, half])
    table.setStyle(TableStyle([
        *TABLE_FONT,
        ("BOX", (0, 0), (0, 0), 1.0, ACCENT),
        ("BACKGROUND", (0, 0), (0, 0), TINT),
        ("BOX", (2, 0), (2, 0), 1.6 if right_alert else 1.0, ALERT if right_alert else ACCENT),
        ("BACKGROUND", (2, 0), (2, 0), ALERT_TINT if right_alert else TINT),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("LEFTPADDING", (1, 0), (1, 0), 0),
        ("RIGHTPADDING", (1, 0), (1, 0), 0),
        ("TOPPADDING", (0, 0), (-1, -1), pad * 0.7),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 0.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table


def title_block(header: HandoutHeader, st: Styles, title: str, *, for_label: str = "For",
                show_start: bool = True) -> list[Flowable]:
    """Document title, who it is for, who prepared it, and how to reach them."""
    out: list[Flowable] = [Paragraph(esc(title), st.title)]
    # No name, or one the font cannot print: a line to write it in by hand (text.py).
    name = field(header.client_display_name) if printable(header.client_display_name) else esc(
        WRITE_IN)
    lines = [f"<b>{esc(for_label)}:</b> {name}"]
    if show_start and header.plan_start_date is not None:
        lines.append(f"<b>Plan starts:</b> {esc(long_date(header.plan_start_date))}")
    out.append(Paragraph("&nbsp;&nbsp;&nbsp;&nbsp;".join(lines), st.body))
    clinician = _clinician_line(header)
    if clinician:
        out.append(Paragraph(clinician, st.body))
    out.append(Spacer(1, st.space * 0.5))
    return out


def _clinician_line(header: HandoutHeader) -> str:
    who = [field(v) for v in (header.clinician_name, header.clinician_profession, header.clinic)
           if v]
    line = ""
    if who:
        line = "<b>Your clinician:</b> " + ", ".join(who)
    if header.clinician_contact:
        line += ("&nbsp;&nbsp;&nbsp;&nbsp;" if line else "") + (
            f"<b>Contact:</b> {field(header.clinician_contact)}")
    return line
