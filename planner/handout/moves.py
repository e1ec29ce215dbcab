"""The handout's "Your strength and balance moves": each chosen move with its drawing.

The words are the engine's (the `moves_guide` block and plan.moves, both in the stored revision);
the drawing is the library's figure (planner/engine/moves/figure.py), stroked here with
reportlab graphics, the same shapes the web move picker draws as SVG. Custom moves print
their words without a picture. Sizes come from styles.py only.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Circle as RLCircle
from reportlab.graphics.shapes import Drawing, Group, Polygon, PolyLine
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


def _panel(figure: dict, which: str, dx: float) -> list:
    out = []
    for shape in shapes(figure, which):
        colour, width, dash = _STROKE[shape.role]
        if isinstance(shape, Circle):
            fill = colors.white if shape.role == BODY else None
            out.append(RLCircle(shape.x + dx, shape.y, shape.r, strokeColor=colour,
                                strokeWidth=width, fillColor=fill))
            continue
        points = [v for x, y in shape.points for v in (x + dx, y)]
        cls = Polygon if shape.closed else PolyLine
        kwargs = {"fillColor": None} if shape.closed else {}
        out.append(cls(points, strokeColor=colour, strokeWidth=width, strokeLineCap=1,
                       strokeLineJoin=1, strokeDashArray=dash, **kwargs))
    return out


def move_drawing(move_id: str, width: float) -> Drawing | None:
    """The start and end pictures of a library move, `width` points wide; None if the library
    has no such move (a custom move, or one removed from the library since)."""
    move = library.get(move_id)
    if move is None:
        return None
    total = 2 * FRAME + GAP
    scale = width / total
    figure = move["figure"]
    group = Group(*_panel(figure, "start", 0.0), *_panel(figure, "end", FRAME + GAP))
    mid = FRAME + GAP / 2
    group.add(PolyLine([mid - 5, 50, mid + 4, 50], strokeColor=INK, strokeWidth=1.8))
    group.add(PolyLine([mid, 54, mid + 4, 50, mid, 46], strokeColor=INK, strokeWidth=1.8))
    group.scale(scale, scale)
    drawing = Drawing(width, FRAME * scale)
    drawing.add(group)
    return drawing


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
    picture_w = (width * 0.62) if st.large_print else 52 * mm
    for number, move in enumerate(plan.moves, start=1):
        words = _move_text(number, move, st, easy)
        drawing = None if move.custom else move_drawing(move.id, picture_w)
        if drawing is None:
            cells, widths = [[words]], [width]
        elif st.large_print:
            cells, widths = [[[drawing, Spacer(1, st.space / 2), *words]]], [width]
        else:
            cells, widths = [[drawing, words]], [picture_w + 8, width - picture_w - 8]
        table = Table(cells, colWidths=widths)
        table.setStyle(TableStyle([
            *TABLE_FONT,
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
