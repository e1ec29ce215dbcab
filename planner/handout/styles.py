"""The one stylesheet every printed document uses (standard and large print).

Sizes are chosen for people reading at home, some of them older or with low vision: standard
body text 10 pt (DejaVu Sans is large for its size, close to 11 pt Arial), chosen so the longest
public cases fit 4 pages of US Letter; large print body 14 pt (the issue's minimum); footers never
below 8.5 pt. Colours print legibly in greyscale: boxes have dark borders, tints are light.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from .fonts import BOLD, REGULAR, ensure_fonts

INK = colors.HexColor("#1a1a1a")
ACCENT = colors.HexColor("#1f5f6b")  # dark teal: headings, rules
MUTED = colors.HexColor("#555555")
TINT = colors.HexColor("#eef4f5")  # table header, info boxes
GRID = colors.HexColor("#9aa7aa")
ALERT = colors.HexColor("#9b1c1c")  # warning and crisis borders
ALERT_TINT = colors.HexColor("#fcf1f1")
WATERMARK = colors.HexColor("#b0b0b0")

#: Every table names the embedded font, so reportlab's default (Helvetica, not embedded) is never
#: referenced, not even by empty cells.
TABLE_FONT = [("FONTNAME", (0, 0), (-1, -1), REGULAR)]


@dataclass(frozen=True)
class Styles:
    large_print: bool
    body_size: float
    title: ParagraphStyle
    h2: ParagraphStyle
    h2_flush: ParagraphStyle  # h2 without the space above (inside tables)
    body: ParagraphStyle
    bullet: ParagraphStyle
    small: ParagraphStyle
    footer: ParagraphStyle
    box_title: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_center: ParagraphStyle
    big: ParagraphStyle
    tick: ParagraphStyle  # the log sheet's tick box
    margin: float
    top_margin: float
    row_min_height: float  # week table rows: room to write a day, time and place by hand
    log_row_height: float  # log sheet rows: room to write minutes and a mood score
    space: float  # vertical gap between blocks


@lru_cache(maxsize=2)
def get_styles(large_print: bool = False) -> Styles:
    """The stylesheet for standard (``False``) or large print (``True``)."""
    ensure_fonts()
    if large_print:
        body, lead, h1, h2, small, foot, cell = 14, 18.5, 22, 16.5, 12.5, 11.5, 13
    else:
        body, lead, h1, h2, small, foot, cell = 10, 13, 18, 12, 9, 8.5, 9

    def style(name, size, leading, font=REGULAR, color=INK, **kw):
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading,
                              textColor=color, alignment=kw.pop("alignment", TA_LEFT), **kw)

    return Styles(
        large_print=large_print,
        body_size=body,
        title=style("title", h1, h1 * 1.2, BOLD, ACCENT, spaceAfter=2),
        h2=style("h2", h2, h2 * 1.25, BOLD, ACCENT, spaceBefore=body * 0.6, spaceAfter=body * 0.25,
                 keepWithNext=1),
        h2_flush=style("h2_flush", h2, h2 * 1.25, BOLD, ACCENT),
        body=style("body", body, lead, spaceAfter=body * 0.35),
        bullet=style("bullet", body, lead, leftIndent=body * 1.3, bulletIndent=body * 0.25,
                     bulletFontName=REGULAR, bulletFontSize=body, spaceAfter=body * 0.15),
        small=style("small", small, small * 1.3, color=MUTED),
        footer=style("footer", foot, foot * 1.28),
        box_title=style("box_title", body * 1.08, lead * 1.08, BOLD, keepWithNext=1,
                        spaceAfter=body * 0.25),
        cell=style("cell", cell, cell * 1.22),
        cell_bold=style("cell_bold", cell, cell * 1.22, BOLD),
        cell_center=style("cell_center", cell, cell * 1.22, alignment=TA_CENTER),
        big=style("big", body * 1.5, body * 1.95, BOLD),
        tick=style("tick", body * 1.35, body * 1.45, alignment=TA_CENTER),
        margin=15 * mm,
        top_margin=11 * mm,
        row_min_height=(body * 2.0) if large_print else 18,
        log_row_height=(body * 2.0) if large_print else 18,
        space=body * 0.6,
    )
