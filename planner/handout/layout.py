"""Page furniture shared by every document: page size, footer, running header, watermark.

Every page carries, at the bottom: the crisis line (R-SAFE-CRISIS, N03) and a line with the
client's name, the revision number and date, and "Page X of Y". Pages after the first carry a
small running header. Drafts carry a diagonal "DRAFT — not for the client" watermark and say so in
the footer too.

Determinism: the canvas runs in reportlab's *invariant* mode and the PDF's creation date is the
header's ``revision_date``, so one plan and one header always give byte-identical files
(the release record stores the bytes and their SHA-256; a re-download must match).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from planner.engine.crisis import help_options
from planner.engine.model import Plan, TextBlock

from .fonts import BOLD, REGULAR
from .header import HandoutHeader
from .styles import ACCENT, MUTED, WATERMARK, Styles, get_styles
from .text import clean, esc, long_date, printable, shorten, unprintable_chars

PAGE_SIZES = {"A4": A4, "LETTER": letter}

DRAFT_MARK = "DRAFT — not for the client"
CLINICIAN_ONLY = "For the clinician — not for the client"

#: Producer and creator written into the PDF's metadata (no web address, no version stamp).
PRODUCER = "planner handout renderer (reportlab)"


def find_block(plan: Plan, key: str, *lists: str) -> TextBlock | None:
    """The first text block called ``key`` in the plan's ``texts`` (or the given lists)."""
    for name in lists or ("texts",):
        for block in getattr(plan, name):
            if block.key == key:
                return block
    return None


def crisis_line_text(plan: Plan) -> str | None:
    """The crisis footer sentence for this plan, or ``None`` when it has no crisis content.

    Preference: the texts engineer's ``crisis_footer`` block (in ``texts``, or in ``documents``
    for hard stops, which keep no ``texts``); otherwise a sentence built from
    ``crisis_resources`` so the line is never missing where resources exist. Raises
    ``ValueError`` if the crisis content holds characters the font cannot draw: a crisis number
    printed as boxes is as bad as none, so the caller gets an error, not a misleading page.
    """
    block = find_block(plan, "crisis_footer", "texts", "documents")
    if block is not None:
        text = " ".join([*block.paragraphs, *block.bullets]).strip()
    else:
        res = plan.crisis_resources
        if not res:
            return None
        text = (
            "If you are in crisis or having thoughts of harming yourself: "
            f"{help_options(res)}, "
            f"{res.emergency_department_hint or 'go to your nearest emergency department'}, "
            f"or call {res.emergency_number} in an emergency."
        )
    if not text:
        return None
    bad = unprintable_chars(text)
    if bad:
        raise ValueError(f"crisis content has characters the PDF font cannot print: {bad!r}")
    return text


def required_crisis_line(plan: Plan) -> str:
    """The crisis line for a client document; ``ValueError`` when the plan has none.

    N03: nothing goes to a client without the crisis footer. A plan with neither a
    ``crisis_footer`` block nor ``crisis_resources`` (a damaged or foreign snapshot) is refused.
    """
    text = crisis_line_text(plan)
    if not text:
        raise ValueError("the snapshot has no crisis content (crisis_footer block or "
                         "crisis_resources): no client document without the crisis line (N03)")
    return text


def fit_width(text: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis to fit ``width`` at ``size`` (the running header's two
    ends never overlap, whatever the print size)."""
    if stringWidth(text, REGULAR, size) <= width:
        return text
    while text and stringWidth(text + "…", REGULAR, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


class _NumberedCanvas(Canvas):
    """Defers each page until the end so "Page X of Y" knows Y (single pass, no re-layout)."""

    def __init__(self, *args, revision_date=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self._pn = None  # (font, size, x_right, y) set by the page callback
        if revision_date is not None:
            stamp = f"D:{revision_date:%Y%m%d}000000+00'00'"
            self.setDateFormatter(lambda *_ignored: stamp)

    def showPage(self):  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            if self._pn is not None:
                font, size, x, y = self._pn
                self.setFont(font, size)
                self.setFillColor(MUTED)
                self.drawRightString(x, y, f"Page {number} of {total}")
            Canvas.showPage(self)
        Canvas.save(self)


class _Template(BaseDocTemplate):
    """One frame per page; the footer height is measured so content never runs into it."""

    def __init__(self, buf, *, header: HandoutHeader, styles: Styles, title: str, subject: str,
                 crisis_text: str | None, running_title: str, audience: str | None):
        self.header = header
        self.styles = styles
        self.crisis_text = crisis_text
        self.running_title = running_title
        self.audience = audience
        page_w, page_h = PAGE_SIZES[header.paper]
        margin = styles.margin
        self.content_width = page_w - 2 * margin
        self._crisis_para = None
        self._crisis_h = crisis_h = 0.0
        if crisis_text:
            # Wrapped once here, drawn on every page.
            self._crisis_para = Paragraph(esc(crisis_text), styles.footer)
            self._crisis_h = self._crisis_para.wrap(self.content_width, page_h)[1]
            crisis_h = self._crisis_h + 5
        self._meta_y = 9 * mm
        # The meta line wraps beside "Page X of Y" rather than run under it (large print,
        # drafts): its lines are stacked upwards from the page number's line.
        size = styles.footer.fontSize
        room = self.content_width - stringWidth("Page 99 of 99", REGULAR, size) - size
        self._meta_lines = simpleSplit(self._meta_text(), REGULAR, size, room) or [""]
        meta_h = size * 1.3 * len(self._meta_lines)
        self._crisis_y = self._meta_y + meta_h + 2
        bottom = self._crisis_y + crisis_h + 5 * mm
        top = styles.top_margin + (styles.footer.fontSize * 1.6)
        author = printable(header.clinician_name) or printable(header.clinic) or ""
        super().__init__(
            buf, pagesize=(page_w, page_h), leftMargin=margin, rightMargin=margin,
            topMargin=top, bottomMargin=bottom, title=title, author=author, subject=subject,
            creator=PRODUCER, producer=PRODUCER, invariant=1, lang="en",
            pageCompression=1, initialFontName=REGULAR, initialFontSize=styles.body.fontSize,
            initialLeading=styles.body.leading,
        )
        frame = Frame(margin, bottom, self.content_width, page_h - top - bottom,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._furniture)])

    # -- page furniture ------------------------------------------------------------------

    def _furniture(self, canv: Canvas, doc) -> None:
        page_w, page_h = self.pagesize
        margin = self.styles.margin
        st = self.styles
        canv.saveState()
        if self.header.draft:
            self._watermark(canv, page_w, page_h)
        # running header (pages 2+): what this is and for whom, in case pages get separated
        if canv.getPageNumber() > 1:
            name = printable(self.header.client_display_name) or ""
            left = self.running_title + (f" · {shorten(name, 40)}" if name else "")
            size = st.footer.fontSize
            canv.setFont(REGULAR, size)
            canv.setFillColor(MUTED)
            y = page_h - st.top_margin
            clinic = printable(self.header.clinic) or ""
            room = self.content_width
            if clinic:
                clinic = fit_width(shorten(clinic, 45), size, self.content_width * 0.4)
                canv.drawRightString(page_w - margin, y, clinic)
                room -= stringWidth(clinic, REGULAR, size) + size
            canv.drawString(margin, y, fit_width(left, size, room))
        # crisis line
        if self._crisis_para is not None:
            canv.setStrokeColor(ACCENT)
            canv.setLineWidth(0.8)
            top_y = self._crisis_y + self._crisis_h + 3
            canv.line(margin, top_y, page_w - margin, top_y)
            self._crisis_para.drawOn(canv, margin, self._crisis_y)
        # meta line: name · revision · date · (draft) ... Page X of Y
        canv.setFont(REGULAR, st.footer.fontSize)
        canv.setFillColor(MUTED)
        for n, line in enumerate(reversed(self._meta_lines)):
            canv.drawString(margin, self._meta_y + n * st.footer.fontSize * 1.3, line)
        canv._pn = (REGULAR, st.footer.fontSize, page_w - margin, self._meta_y)
        canv.restoreState()

    def _meta_text(self) -> str:
        h = self.header
        parts = []
        name = printable(h.client_display_name)
        if name:
            parts.append(shorten(name, 40))
        if h.revision_number is not None:
            parts.append(f"Revision {h.revision_number}, {long_date(h.revision_date)}")
        else:
            parts.append(f"Printed {long_date(h.revision_date)} (not a released revision)")
        if self.audience:
            parts.append(self.audience)
        if h.draft:
            parts.append(DRAFT_MARK)
        return " · ".join(parts)

    def _watermark(self, canv: Canvas, page_w: float, page_h: float) -> None:
        canv.saveState()
        canv.setFillColor(WATERMARK)
        canv.setFillAlpha(0.35)
        canv.translate(page_w / 2, page_h / 2)
        canv.rotate(52)
        size = min(page_w, page_h) / 6.2
        canv.setFont(BOLD, size)
        canv.drawCentredString(0, size * 0.15, "DRAFT")
        canv.setFont(BOLD, size / 3.6)
        canv.drawCentredString(0, -size * 0.55, "not for the client")
        canv.restoreState()


def build_pdf(
    story: Sequence[Flowable],
    *,
    header: HandoutHeader,
    title: str,
    subject: str,
    crisis_text: str | None,
    running_title: str,
    audience: str | None = None,
) -> bytes:
    """Lay out ``story`` with the shared page furniture and return the PDF bytes."""
    styles = get_styles(header.large_print)
    buf = io.BytesIO()
    doc = _Template(buf, header=header, styles=styles, title=clean(title), subject=clean(subject),
                    crisis_text=crisis_text, running_title=running_title, audience=audience)

    def canvasmaker(*args, **kwargs):
        return _NumberedCanvas(*args, revision_date=header.revision_date, **kwargs)

    doc.build(list(story), canvasmaker=canvasmaker)
    return buf.getvalue()


__all__ = [
    "CLINICIAN_ONLY", "DRAFT_MARK", "PAGE_SIZES", "build_pdf", "crisis_line_text", "find_block",
    "required_crisis_line",
]
