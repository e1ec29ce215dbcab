"""
A physical-health measure over time as server-rendered SVG (issue 26), drawn like the progress
charts (presenters/progress_charts.py): no script, no style attributes, every piece of text
escaped, one labelled image followed on the page by a table with the same numbers. A vertical
line marks the day each plan revision took effect, so a change can be read against the plan.

measure_geometry() returns the coordinates the SVG is drawn from, so tests check the points
without parsing SVG.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from planner.presenters.charts import _fmt
from planner.presenters.progress_charts import (
    BASELINE_Y,
    MARGIN_LEFT,
    MARGIN_TOP,
    PLOT_HEIGHT,
    PLOT_WIDTH,
    _axis_label,
    _grid,
    _legend,
    _open_svg,
    _series_lines,
)

TICKS = 5


@dataclass(frozen=True)
class Point:
    day: dt.date
    value: float


@dataclass(frozen=True)
class RevisionMark:
    day: dt.date
    label: str


def _axis(values: Sequence[float]) -> tuple[float, float, float]:
    """A low and high end and a tick step, round numbers that hold every value."""
    low, high = min(values), max(values)
    if high == low:
        low, high = low - 1, high + 1
    raw = (high - low) / (TICKS - 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def measure_geometry(series: dict[str, Sequence[Point]],
                     marks: Sequence[RevisionMark] = ()) -> dict:
    """The drawing of one measure: each series' points on a shared time axis (one day alone sits
    in the middle) and a value axis from `low` to `high`; marks inside the days shown."""
    points = [p for pts in series.values() for p in pts]
    if not points:
        return {"series": {name: [] for name in series}, "marks": [], "ticks": []}
    first = min(p.day for p in points)
    last = max(p.day for p in points)
    span = (last - first).days
    low, high, step = _axis([p.value for p in points])

    def x(day: dt.date) -> float:
        return round(MARGIN_LEFT + (PLOT_WIDTH * (day - first).days / span if span
                                    else PLOT_WIDTH / 2), 1)

    def y(value: float) -> float:
        return round(BASELINE_Y - PLOT_HEIGHT * (value - low) / (high - low), 1)

    out = {
        name: [{"day": p.day, "value": p.value, "x": x(p.day), "y": y(p.value)}
               for p in sorted(pts, key=lambda p: p.day)]
        for name, pts in series.items()
    }
    shown = [{"label": m.label, "day": m.day, "x": x(m.day)}
             for m in marks if first <= m.day <= last and span]
    count = round((high - low) / step)
    ticks = [round(low + i * step, 6) for i in range(count + 1)]
    return {"series": out, "marks": shown, "ticks": ticks, "low": low, "high": high}


def measure_svg(
    series: dict[str, Sequence[Point]],
    marks: Sequence[RevisionMark] = (),
    *,
    chart_id: str,
    title: str,
    axis_label: str,
    format_day: Callable[[dt.date], str] = dt.date.isoformat,
    format_value: Callable[[float], str] = _fmt,
) -> str:
    """The SVG of one measure (a line per series: "systolic", "diastolic" for blood pressure),
    or "" with no points. Text arguments are plain text (escaped here)."""
    geo = measure_geometry(series, marks)
    if not any(geo["series"].values()):
        return ""
    description = "; ".join(
        f"{name}: " + ", ".join(f"{format_day(p['day'])} {format_value(p['value'])}"
                                for p in pts)
        for name, pts in geo["series"].items() if pts
    )
    parts = _open_svg(chart_id, "progress-chart-scores measure-chart", title, description)
    parts += _grid(geo["ticks"], geo["high"], geo["low"])
    for mark in geo["marks"]:
        parts.append(
            f'<line class="progress-chart-marker" x1="{_fmt(mark["x"])}" y1="{MARGIN_TOP}" '
            f'x2="{_fmt(mark["x"])}" y2="{BASELINE_Y}"/>'
            f'<text class="progress-chart-marker-label" x="{_fmt(mark["x"] + 3)}" '
            f'y="{MARGIN_TOP - 8}">{escape(mark["label"])}</text>'
        )
    lines, legend = _series_lines(geo["series"], format_day, format_value)
    parts += lines
    parts.append(_axis_label(axis_label))
    if len(legend) > 1:
        parts += _legend(legend)
    parts.append("</svg>")
    return "".join(parts)



