"""The handout's "Your strength and balance moves": each chosen move with its drawing.

The words are the engine's (the `moves_guide` block and plan.moves, both in the stored revision);
the drawing is the library's figure (planner/engine/moves/figure.py), stroked here on the
reportlab canvas, the same shapes the web move picker draws as SVG. Custom moves print
their words without a picture. Sizes come from styles.py only.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from planner.engine import moves as library
from planner.engine.model import ChosenMove, Plan, TextBlock
from planner.engine.moves.figure import BAND, BODY, FAR, FRAME, Circle, shapes
from planner.engine.texts.client.moves import move_lines

from .blocks import block_flowables
from .styles import GRID, INK, TABLE_FONT, Styles
from .text import para

KEY = "moves_guide"
GAP = 16.0  # figure units between the start and end panels (the arrow)
_GREY = colors.HexColor("#8a8a8a")
_PROP = colors.HexColor("#4d4d4d")
_STROKE = {  # (colour, width in figure units, dash); grey-scale safe
    BODY: (INK, 3.2, None),
    FAR: (_GREY, 3.2, None),
    "prop": (_PROP, 1.6, None),
    BAND: (_PROP, 1.6, [3, 2]),
}


@lru_cache(maxsize=64)
def _shapes(move_id: str) -> tuple:
    """(shape, x offset) of both panels of a library move; () if there is no such move."""
    move = library.get(move_id)
    if move is None:
        return ()
    figure = move["figure"]
    return (tuple((s, 0.0) for s in shapes(figure, "start"))
            + tuple((s, FRAME + GAP) for s in shapes(figure, "end")))


class MoveFigure(Flowable):
    """A library move's start and end pictures, `width` points wide, stroked straight onto the
    canvas (reportlab's graphics renderer costs several times more per line)."""

    def __init__(self, move_id: str, width: float):
        super().__init__()
        self.move_id = move_id
        self.scale = width / (2 * FRAME + GAP)
        self.width, self.height = width, FRAME * self.scale

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        canv = self.canv
        canv.saveState()
        canv.scale(self.scale, self.scale)
        canv.setLineCap(1)
        canv.setLineJoin(1)
        for shape, dx in _shapes(self.move_id):
            colour, width, dash = _STROKE[shape.role]
            canv.setStrokeColor(colour)
            canv.setLineWidth(width)
            canv.setDash(dash or [])
            if isinstance(shape, Circle):
                canv.setFillColor(colors.white)
                canv.circle(shape.x + dx, shape.y, shape.r, stroke=1,
                            fill=1 if shape.role == BODY else 0)
                continue
            path = canv.beginPath()
            (x0, y0), *rest = shape.points
            path.moveTo(x0 + dx, y0)
            for x, y in rest:
                path.lineTo(x + dx, y)
            if shape.closed:
                path.close()
            canv.drawPath(path, stroke=1, fill=0)
        mid = FRAME + GAP / 2  # the arrow from start to end
        canv.setStrokeColor(INK)
        canv.setLineWidth(1.8)
        canv.setDash([])
        canv.line(mid - 5, 50, mid + 4, 50)
        canv.lines([(mid, 54, mid + 4, 50), (mid + 4, 50, mid, 46)])
        canv.restoreState()


def move_drawing(move_id: str, width: float) -> MoveFigure | None:
    """The start and end pictures of a library move, `width` points wide; None if the library
    has no such move (a custom move, or one removed from the library since)."""
    return MoveFigure(move_id, width) if _shapes(move_id) else None


def _move_text(number: int, move: ChosenMove, st: Styles, easy_only: bool) -> list[Flowable]:
    """Name and dose as the heading, then the lines: together, word for word the engine's
    bullet for this move ("1. Sit to stand: 1 set of 10. Sit near ...")."""
    lines = move_lines(move, easy_only=easy_only)
    out = [Paragraph(para(f"{number}. {move.name}: {lines.pop('dose')}"), st.box_title),
           Paragraph(para(lines.pop("how")), st.body)]
    rest = " ".join(lines.values())  # easier, harder, what you need: one paragraph
    if rest:
        out.append(Paragraph(para(rest), st.body))
    return out


def _easy_only(block: TextBlock, moves) -> bool:
    """Whether the engine left the harder versions out (an easy-effort plan, rules 8.6): read
    from the block it wrote, so the handout prints exactly what was validated."""
    text = "\n".join(block.bullets)
    return not any(f"Harder: {m.harder}" in text for m in moves if m.harder)


def moves_section(plan: Plan, texts: dict, st: Styles, width: float) -> list[Flowable]:
    """The block's title and paragraphs, then one row per move: drawing beside the words
    (stacked in large print, where two columns would be too narrow)."""
    block = texts.get(KEY)
    if block is None or not plan.moves:
        return []
    head = block_flowables(TextBlock(block.key, block.title, block.paragraphs), st)
    story: list[Flowable] = [KeepTogether(head[:2]), *head[2:]]
    easy = _easy_only(block, plan.moves)
    picture_w = (width * 0.36) if st.large_print else 52 * mm
    for number, move in enumerate(plan.moves, start=1):
        words = _move_text(number, move, st, easy)
        drawing = None if move.custom else move_drawing(move.id, picture_w)
        if drawing is None:
            cells, widths = [[words]], [width]
        elif st.large_print:  # the name across the row, then the drawing beside the words
            cells = [[words[0], ""], [drawing, words[1:]]]
            widths = [picture_w + 8, width - picture_w - 8]
        else:
            cells, widths = [[drawing, words]], [picture_w + 8, width - picture_w - 8]
        table = Table(cells, colWidths=widths)
        table.setStyle(TableStyle([
            *TABLE_FONT,
            *([("SPAN", (0, 0), (1, 0))] if len(cells) == 2 else []),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEABOVE", (0, 0), (-1, 0), 0.6, GRID),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), st.space / 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), st.space / 2),
        ]))
        story.append(KeepTogether([table]))
    story.append(Spacer(1, st.space))
    return story
