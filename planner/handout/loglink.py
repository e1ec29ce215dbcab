"""The client's private log link on the released handout and log sheet (issue 23): the short
URL, a QR code of it (segno) and one line of instructions, in a box.

Deterministic like the rest of the renderer: segno draws the same PNG for the same URL, and
reportlab embeds it with invariant settings, so one plan, header and link give the same bytes.
Printed only on a client's copy (not on a draft), and only when the header carries a link.
"""

from __future__ import annotations

import io

import segno
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Image, Paragraph, Spacer, Table, TableStyle

from .blocks import Keep, boxed
from .fonts import BOLD
from .header import HandoutHeader
from .styles import TABLE_FONT, Styles
from .text import esc

TITLE = "Log your days on your phone"
INSTRUCTIONS = ("Scan the code with your phone's camera, or type the link, to note what you "
                "did each day. No account or password is needed. Keep this link to yourself.")
QR_SIZE = 30 * mm
QR_SIZE_LARGE = 38 * mm


def qr_png(url: str) -> bytes:
    """The link as a QR code PNG (error correction M, 4-module quiet zone)."""
    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(out, kind="png", scale=8, border=4)
    return out.getvalue()


def log_link_flowables(header: HandoutHeader, st: Styles, width: float) -> list[Flowable]:
    """The boxed link, or nothing without a link or on a draft."""
    url = header.log_url
    if not url or header.draft:
        return []
    size = QR_SIZE_LARGE if header.large_print else QR_SIZE
    code = Image(io.BytesIO(qr_png(url)), width=size, height=size)
    text = [
        Paragraph(esc(TITLE), st.box_title),
        Paragraph(esc(INSTRUCTIONS), st.body),
    ]
    pad = st.body_size * 0.7
    inner_width = width - 2 * pad
    inner = Table([[code, text], [_url_line(url, st, inner_width), ""]],
                  colWidths=[size + 4 * mm, inner_width - size - 4 * mm])
    inner.setStyle(TableStyle([
        *TABLE_FONT,
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("SPAN", (0, 1), (-1, 1)),
        ("TOPPADDING", (0, 1), (-1, 1), 2 * mm),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, 0), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return [Keep([boxed([inner], st, width, tint=False), Spacer(1, st.space)])]


def _url_line(url: str, st: Styles, width: float) -> Paragraph:
    """The link, as few lines as possible across the full width of the box: a link split over
    lines is easy to mistype, so a long one first prints smaller, but never smaller than a
    table cell (11 pt, 14 pt in large print); one that still does not fit breaks after a "/"
    (or, failing that, between characters)."""
    size = st.body.fontSize
    natural = stringWidth(url, BOLD, size)
    if natural > width:
        size = max(st.cell.fontSize, size * width / natural * 0.98)
    style = ParagraphStyle("log_url", parent=st.body, fontName=BOLD, fontSize=size,
                           leading=size * 1.25)
    lines = url_lines(url, size, width)
    return Paragraph("<br/>".join(esc(line) for line in lines), style)


def url_lines(url: str, size: float, width: float) -> list[str]:
    """``url`` cut into lines no wider than ``width`` at ``size`` (bold): after the last "/"
    that fits, else after the last character that fits."""
    lines: list[str] = []
    rest = url
    while rest and stringWidth(rest, BOLD, size) > width:
        cut = 1
        while cut < len(rest) and stringWidth(rest[:cut + 1], BOLD, size) <= width:
            cut += 1
        slash = rest.rfind("/", 0, cut)
        if slash > 0 and rest[:slash + 1] != rest[:cut] and slash + 1 > cut // 2:
            cut = slash + 1
        lines.append(rest[:cut])
        rest = rest[cut:]
    if rest:
        lines.append(rest)
    return lines
