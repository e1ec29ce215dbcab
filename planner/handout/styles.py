"""The one stylesheet every printed document uses (standard and large print).

Every size a client reads is set here, and only here: section modules (the handout, the log
sheet, the letters, the effort scale, the moves pages) import the named styles below and never
set a font size of their own. The sizes follow good patient-leaflet practice for readers who are
older, on sedating medication or reading while low (issue 25):

- standard print: body 12 pt, table cells 11 pt, nothing a client reads below 10 pt (the page
  footer with the crisis line included);
- large print: body 16 pt and nothing below 14 pt.

`MIN_SIZE` holds those floors so a module that scales text to fit (a long web address) can keep
to them. Write-in space is sized for handwriting: `write_line` is the height of one handwritten
line (about 6 mm, or 8.5 mm in large print). Colours print legibly in greyscale: boxes have
dark borders, tints are light, and nothing is told by colour alone.
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

#: The smallest text a client reads, in points: standard print, large print.
MIN_SIZE = {False: 10.0, True: 14.0}

#: A page is never left less than this full when more follows (the last page may be): a block
#: kept together breaks normally rather than leave most of a page empty (`blocks.Keep`).
MIN_PAGE_FILL = 0.25


@dataclass(frozen=True)
class Styles:
    large_print: bool
    body_size: float
    title: ParagraphStyle
    h2: ParagraphStyle
    h2_flush: ParagraphStyle  # h2 without the space above (inside tables)
    h3: ParagraphStyle  # a small bold heading inside a section (a move's name, a week)
    body: ParagraphStyle
    bullet: ParagraphStyle
    small: ParagraphStyle  # hints, letterhead details, the disclaimer: still >= MIN_SIZE
    footer: ParagraphStyle  # the crisis line and the page line
    box_title: ParagraphStyle
    cell: ParagraphStyle  # table cells
    cell_bold: ParagraphStyle  # table column headers
    cell_center: ParagraphStyle
    caption: ParagraphStyle  # labels on drawings (the effort scale, the moves' pictures)
    caption_bold: ParagraphStyle
    big: ParagraphStyle
    tick: ParagraphStyle  # the log sheet's tick box
    margin: float
    top_margin: float
    write_line: float  # the height of one handwritten line in a write-in cell
    row_min_height: float  # week table rows: at least one handwritten line
    log_row_height: float  # log sheet rows: room to write a day, minutes and a mood score
    space: float  # vertical gap between blocks
    min_size: float  # the smallest size a client reads (MIN_SIZE)


@lru_cache(maxsize=2)
def get_styles(large_print: bool = False) -> Styles:
    """The stylesheet for standard (``False``) or large print (``True``)."""
    ensure_fonts()
    if large_print:
        body, lead, h1, h2, small, foot, cell = 16, 21, 26, 19, 14, 14, 14
        write_line = 8.5 * mm
    else:
        body, lead, h1, h2, small, foot, cell = 12, 15.6, 20, 14.5, 11, 10, 11
        write_line = 6.2 * mm

    def style(name, size, leading, font=REGULAR, color=INK, **kw):
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading,
                              textColor=color, alignment=kw.pop("alignment", TA_LEFT), **kw)

    return Styles(
        large_print=large_print,
        body_size=body,
        title=style("title", h1, h1 * 1.2, BOLD, ACCENT, spaceAfter=2),
        h2=style("h2", h2, h2 * 1.25, BOLD, ACCENT, spaceBefore=body * 0.7, spaceAfter=body * 0.3,
                 keepWithNext=1),
        h2_flush=style("h2_flush", h2, h2 * 1.25, BOLD, ACCENT),
        h3=style("h3", body, lead, BOLD, INK, spaceBefore=body * 0.4, spaceAfter=body * 0.15,
                 keepWithNext=1),
        body=style("body", body, lead, spaceAfter=body * 0.35),
        bullet=style("bullet", body, lead, leftIndent=body * 1.3, bulletIndent=body * 0.25,
                     bulletFontName=REGULAR, bulletFontSize=body, spaceAfter=body * 0.15),
        small=style("small", small, small * 1.3, color=MUTED),
        footer=style("footer", foot, foot * 1.25),
        box_title=style("box_title", body * 1.08, lead * 1.08, BOLD, keepWithNext=1,
                        spaceAfter=body * 0.25),
        cell=style("cell", cell, cell * 1.22),
        cell_bold=style("cell_bold", cell, cell * 1.22, BOLD),
        cell_center=style("cell_center", cell, cell * 1.22, alignment=TA_CENTER),
        caption=style("caption", cell, cell * 1.2),
        caption_bold=style("caption_bold", cell, cell * 1.2, BOLD),
        big=style("big", body * 1.5, body * 1.8, BOLD),
        tick=style("tick", body * 1.35, body * 1.45, alignment=TA_CENTER),
        margin=15 * mm,
        top_margin=11 * mm,
        write_line=write_line,
        row_min_height=write_line,
        log_row_height=write_line * 1.2,
        space=body * 0.6,
        min_size=MIN_SIZE[large_print],
    )
