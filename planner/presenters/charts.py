"""
Server-rendered SVG charts: pure functions from numbers to an SVG string.

No script and no style attributes (the CSP allows neither inline): shapes carry classes that
static/planner/css/app.css styles. Every piece of text is escaped. The chart is decoration for
sighted readers; the step table next to it is its text alternative, so the SVG is one labelled
image (role="img") with a short description.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

WIDTH = 640
HEIGHT = 260
MARGIN_LEFT = 48
MARGIN_RIGHT = 12
MARGIN_TOP = 16
MARGIN_BOTTOM = 40
PLOT_WIDTH = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
PLOT_HEIGHT = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
BAR_GAP = 0.2  # share of each band left empty between bars
TICK_STEP = 50  # minutes between horizontal grid lines


def _fmt(number: float) -> str:
    """Format a coordinate with at most one decimal and no trailing zero."""
    text = f"{number:.1f}"
    return text[:-2] if text.endswith(".0") else text


def axis_max(values: Sequence[int]) -> int:
    """Return the top of the minutes axis: the largest value rounded up to a tick (at least one)."""
    top = max([0, *values])
    return max(TICK_STEP, -(-top // TICK_STEP) * TICK_STEP)


def bar_geometry(points: Sequence[tuple[int, int]]) -> list[dict[str, float]]:
    """Return x, y, width and height of each bar for (step, weekly minutes) points, in order."""
    if not points:
        return []
    top = axis_max([minutes for _step, minutes in points])
    band = PLOT_WIDTH / len(points)
    width = band * (1 - BAR_GAP)
    bars = []
    for index, (step, minutes) in enumerate(points):
        height = PLOT_HEIGHT * minutes / top
        bars.append(
            {
                "step": step,
                "minutes": minutes,
                "x": round(MARGIN_LEFT + index * band + (band - width) / 2, 1),
                "y": round(MARGIN_TOP + PLOT_HEIGHT - height, 1),
                "width": round(width, 1),
                "height": round(height, 1),
            }
        )
    return bars


def weekly_minutes_svg(
    points: Sequence[tuple[int, int]],
    *,
    title: str = "",
    description: str = "",
    axis_label: str = "",
    step_label: str = "",
) -> str:
    """
    Return an SVG bar chart of planned weekly minutes by step, or "" with no points.

    points are (step number, weekly minutes) pairs in step order; title, description and the
    axis labels are plain text (escaped here) in the page's language.
    """
    if not points:
        return ""
    title = title or "Planned minutes a week, by step"
    description = description or ", ".join(f"{step}: {minutes}" for step, minutes in points)
    axis_label = axis_label or "minutes a week"
    step_label = step_label or "step"
    top = axis_max([minutes for _step, minutes in points])
    baseline_y = MARGIN_TOP + PLOT_HEIGHT
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="plan-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" aria-labelledby="plan-chart-title plan-chart-desc">',
        f'<title id="plan-chart-title">{escape(title)}</title>',
        f'<desc id="plan-chart-desc">{escape(description)}</desc>',
    ]
    for tick in range(0, top + 1, TICK_STEP):
        y = _fmt(baseline_y - PLOT_HEIGHT * tick / top)
        parts.append(
            f'<line class="plan-chart-grid" x1="{MARGIN_LEFT}" y1="{y}" '
            f'x2="{WIDTH - MARGIN_RIGHT}" y2="{y}"/>'
        )
        parts.append(
            f'<text class="plan-chart-tick" x="{MARGIN_LEFT - 6}" y="{y}" '
            f'text-anchor="end" dominant-baseline="middle">{tick}</text>'
        )
    for bar in bar_geometry(points):
        label = f"{step_label} {bar['step']}: {bar['minutes']} {axis_label}"
        parts.append(
            f'<rect class="plan-chart-bar" x="{_fmt(bar["x"])}" y="{_fmt(bar["y"])}" '
            f'width="{_fmt(bar["width"])}" height="{_fmt(bar["height"])}">'
            f"<title>{escape(label)}</title></rect>"
        )
        parts.append(
            f'<text class="plan-chart-step" x="{_fmt(bar["x"] + bar["width"] / 2)}" '
            f'y="{baseline_y + 16}" text-anchor="middle">{int(bar["step"])}</text>'
        )
    parts.append(
        f'<text class="plan-chart-axis" x="{MARGIN_LEFT + PLOT_WIDTH / 2:.0f}" '
        f'y="{HEIGHT - 4}" text-anchor="middle">{escape(step_label)}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)
