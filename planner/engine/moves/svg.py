"""A move's drawing as an SVG string (the web move picker), from the same shapes as the PDF.

Pure string building, no dependency. The picture is two panels, start and end, with an arrow
between them; it carries role="img", a <title> and the library's plain description so a screen
reader says what the drawing shows. Everything interpolated is a number or escaped text.
"""

from __future__ import annotations

from html import escape

from .figure import BAND, BODY, FAR, FRAME, Circle, shapes

# Grey-scale safe: the figure is near-black, the far limbs mid-grey, props thinner.
STROKES = {
    BODY: 'stroke="#1a1a1a" stroke-width="3.2"',
    FAR: 'stroke="#8a8a8a" stroke-width="3.2"',
    "prop": 'stroke="#4d4d4d" stroke-width="1.6"',
    BAND: 'stroke="#4d4d4d" stroke-width="1.6" stroke-dasharray="3 2"',
}
GAP = 16.0  # between the two panels, where the arrow goes


def _y(y: float) -> float:
    return round(FRAME - y, 2)  # the figure's y points up; SVG's points down


def _shape(shape, dx: float) -> str:
    style = STROKES[shape.role]
    if isinstance(shape, Circle):
        fill = "#ffffff" if shape.role == BODY else "none"
        return (f'<circle cx="{shape.x + dx:g}" cy="{_y(shape.y):g}" r="{shape.r:g}" '
                f'fill="{fill}" {style}/>')
    points = " ".join(f"{x + dx:g},{_y(y):g}" for x, y in shape.points)
    tag = "polygon" if shape.closed else "polyline"
    return (f'<{tag} points="{points}" fill="none" stroke-linecap="round" '
            f'stroke-linejoin="round" {style}/>')


def move_svg(move: dict, *, width: int = 240, ident: str = "") -> str:
    """The start and end pictures of a library move, side by side, as one <svg> element."""
    figure = move["figure"]
    total = 2 * FRAME + GAP
    parts = [_shape(s, 0.0) for s in shapes(figure, "start")]
    parts += [_shape(s, FRAME + GAP) for s in shapes(figure, "end")]
    mid = FRAME + GAP / 2
    parts.append(f'<path d="M{mid - 5:g},50 h9 m-4,-4 l4,4 l-4,4" fill="none" '
                 f'stroke="#1a1a1a" stroke-width="1.8" stroke-linecap="round"/>')
    title_id = f"move-{escape(ident or move['id'])}-title"
    height = round(width * FRAME / total)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {total:g} {FRAME:g}" '
            f'width="{width}" height="{height}" role="img" aria-labelledby="{title_id}">'
            f'<title id="{title_id}">{escape(move["name"])}. {escape(move["alt"])}</title>'
            + "".join(parts) + "</svg>")
