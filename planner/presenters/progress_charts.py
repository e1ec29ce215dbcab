"""
Progress charts as server-rendered SVG: planned vs completed minutes per week (with a marker
where each revision took effect) and PHQ-9 / GAD-7 over time.

Pure functions from numbers to an SVG string, like presenters/charts.py: no script and no style
attributes (the CSP allows neither inline); shapes carry classes that
static/planner/css/progress.css styles; every piece of text is escaped. Each chart is one
labelled image (role="img"); the page prints a table with the same numbers right after it,
which is the text alternative. The *_geometry functions return the coordinates the SVG is drawn
from, so tests check the points without parsing SVG.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from planner.presenters.charts import _fmt, axis_max

WIDTH = 640
HEIGHT = 260
MARGIN_LEFT = 48
MARGIN_RIGHT = 16
MARGIN_TOP = 40
MARGIN_BOTTOM = 44
PLOT_WIDTH = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
PLOT_HEIGHT = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
BASELINE_Y = MARGIN_TOP + PLOT_HEIGHT
BAR_SHARE = 0.6  # share of a week's band the completed bar fills
MINUTES_TICK = 50
SCORE_MAX = 27  # PHQ-9 runs 0-27, GAD-7 0-21: one axis for both
SCORE_TICKS = (0, 5, 10, 15, 20, 25)
LABEL_EVERY = 4  # label at most every 4th week under the minutes chart (and the last)
# Room one date label ("12 Jan 2026") needs under the axis at the largest chart font
# (progress.css: 20 user units on a phone), so labels never run into each other.
DATE_LABEL_UNITS = 130


def _open_svg(chart_id: str, css_class: str, title: str, description: str) -> list[str]:
    cid = escape(chart_id)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="progress-chart {css_class}" '
        f'role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'aria-labelledby="{cid}-title {cid}-desc" id="{cid}">',
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(description)}</desc>',
    ]


def _grid(ticks: Sequence[float], top: float, low: float = 0) -> list[str]:
    """Horizontal grid lines with their values, for an axis from `low` to `top`."""
    parts = []
    for tick in ticks:
        y = _fmt(BASELINE_Y - PLOT_HEIGHT * (tick - low) / (top - low))
        parts.append(
            f'<line class="progress-chart-grid" x1="{MARGIN_LEFT}" y1="{y}" '
            f'x2="{WIDTH - MARGIN_RIGHT}" y2="{y}"/>'
        )
        parts.append(
            f'<text class="progress-chart-tick" x="{MARGIN_LEFT - 6}" y="{y}" '
            f'text-anchor="end" dominant-baseline="middle">{_fmt(tick)}</text>'
        )
    return parts


def _axis_label(text: str) -> str:
    return f'<text class="progress-chart-axis" x="4" y="{MARGIN_TOP - 24}">{escape(text)}</text>'


# --- planned vs completed minutes ----------------------------------------------------------------


@dataclass(frozen=True)
class MinutesWeek:
    """One calendar week: the minutes planned for the step the client was on, and done."""

    week_start: dt.date
    planned: int | None = None
    completed: int | None = None
    plan_step: int | None = None
    revision: int | None = None
    repeat: bool = False  # same step as the week before (a hold)


@dataclass(frozen=True)
class Marker:
    """A revision taking effect in the week starting `week_start`."""

    week_start: dt.date
    label: str


def minutes_geometry(weeks: Sequence[MinutesWeek], markers: Sequence[Marker] = ()) -> dict:
    """
    Return the drawing of the minutes chart: one band per week in order; a bar for completed
    minutes, a horizontal tick for planned minutes, a vertical line per marker at the left edge
    of its week's band (markers outside the weeks shown are left out).
    """
    if not weeks:
        return {"top": MINUTES_TICK, "bars": [], "planned": [], "markers": []}
    values = [v for w in weeks for v in (w.planned, w.completed) if v is not None]
    top = axis_max(values) if values else MINUTES_TICK
    band = PLOT_WIDTH / len(weeks)
    bars, planned, marks = [], [], []
    index_of = {w.week_start: i for i, w in enumerate(weeks)}
    for i, week in enumerate(weeks):
        left = MARGIN_LEFT + i * band
        if week.completed is not None:
            height = PLOT_HEIGHT * week.completed / top
            width = band * BAR_SHARE
            bars.append({
                "week_start": week.week_start, "value": week.completed,
                "x": round(left + (band - width) / 2, 1), "y": round(BASELINE_Y - height, 1),
                "width": round(width, 1), "height": round(height, 1),
            })
        if week.planned is not None:
            planned.append({
                "week_start": week.week_start, "value": week.planned,
                "x1": round(left + band * 0.1, 1), "x2": round(left + band * 0.9, 1),
                "y": round(BASELINE_Y - PLOT_HEIGHT * week.planned / top, 1),
            })
    for marker in markers:
        i = index_of.get(marker.week_start)
        if i is None:
            # A revision that took effect mid-week: mark the week it falls in.
            i = next((j for j, w in enumerate(weeks)
                      if w.week_start <= marker.week_start < w.week_start + dt.timedelta(7)),
                     None)
        if i is not None:
            marks.append({"label": marker.label, "x": round(MARGIN_LEFT + i * band, 1)})
    return {"top": top, "bars": bars, "planned": planned, "markers": marks, "band": band}


def minutes_svg(
    weeks: Sequence[MinutesWeek],
    markers: Sequence[Marker] = (),
    *,
    chart_id: str = "minutes-chart",
    title: str = "Planned and completed minutes a week",
    description: str = "",
    axis_label: str = "minutes a week",
    planned_label: str = "planned",
    completed_label: str = "completed",
    format_week: Callable[[dt.date], str] = dt.date.isoformat,
) -> str:
    """Return the SVG of planned (tick) and completed (bar) minutes per week, or "" with no
    weeks. Text arguments are plain text in the page's language (escaped here)."""
    if not weeks:
        return ""
    geo = minutes_geometry(weeks, markers)
    top = geo["top"]
    description = description or "; ".join(
        f"{format_week(w.week_start)}: {planned_label} "
        f"{'—' if w.planned is None else w.planned}, {completed_label} "
        f"{'—' if w.completed is None else w.completed}"
        for w in weeks
    )
    parts = _open_svg(chart_id, "progress-chart-minutes", title, description)
    parts += _grid(range(0, top + 1, MINUTES_TICK), top)
    for bar in geo["bars"]:
        label = f"{format_week(bar['week_start'])}: {completed_label} {bar['value']}"
        parts.append(
            f'<rect class="progress-chart-completed" x="{_fmt(bar["x"])}" '
            f'y="{_fmt(bar["y"])}" width="{_fmt(bar["width"])}" height="{_fmt(bar["height"])}">'
            f"<title>{escape(label)}</title></rect>"
        )
    for seg in geo["planned"]:
        label = f"{format_week(seg['week_start'])}: {planned_label} {seg['value']}"
        parts.append(
            f'<line class="progress-chart-planned" x1="{_fmt(seg["x1"])}" y1="{_fmt(seg["y"])}" '
            f'x2="{_fmt(seg["x2"])}" y2="{_fmt(seg["y"])}"><title>{escape(label)}</title></line>'
        )
    for mark in geo["markers"]:
        x = _fmt(mark["x"])
        parts.append(
            f'<line class="progress-chart-marker" x1="{x}" y1="{MARGIN_TOP - 4}" x2="{x}" '
            f'y2="{BASELINE_Y}"/>'
            f'<text class="progress-chart-marker-label" x="{_fmt(mark["x"] + 3)}" '
            f'y="{MARGIN_TOP - 8}">{escape(mark["label"])}</text>'
        )
    band = geo["band"]
    last = len(weeks) - 1
    for i in week_label_indexes(len(weeks)):
        # The first and last labels keep inside the picture: they grow inwards from the edge.
        if i == 0 and last:
            x, anchor = MARGIN_LEFT + i * band, "start"
        elif i == last and last:
            x, anchor = MARGIN_LEFT + (i + 1) * band, "end"
        else:
            x, anchor = MARGIN_LEFT + i * band + band / 2, "middle"
        parts.append(
            f'<text class="progress-chart-tick" x="{_fmt(x)}" y="{BASELINE_Y + 16}" '
            f'text-anchor="{anchor}">{escape(format_week(weeks[i].week_start))}</text>'
        )
    parts.append(_axis_label(axis_label))
    parts += _legend([("progress-chart-completed", completed_label),
                      ("progress-chart-planned", planned_label)])
    parts.append("</svg>")
    return "".join(parts)


def week_label_indexes(count: int) -> list[int]:
    """The weeks dated under the minutes chart: the first, then every k-th, then the last, with
    k large enough that neighbouring dates never overlap (a regular label too close to the last
    is left out). The first and last grow inwards from the picture's edges."""
    if count <= 0:
        return []
    band = PLOT_WIDTH / count
    room = 1.5 * DATE_LABEL_UNITS  # a centred label's half plus a neighbour's whole
    every = max(LABEL_EVERY, math.ceil(room / band))
    last = count - 1
    chosen = [i for i in range(0, last, every) if i == 0 or (last - i) * band >= room]
    return [*chosen, last] if last else [0]


def _legend(items: Sequence[tuple[str, str]]) -> list[str]:
    parts = []
    x = WIDTH - MARGIN_RIGHT - 150 * len(items)
    y = HEIGHT - 8
    for css_class, text in items:
        parts.append(
            f'<rect class="{css_class} progress-chart-key" x="{x}" y="{y - 9}" width="14" '
            f'height="10"/><text class="progress-chart-legend" x="{x + 20}" y="{y}">'
            f"{escape(text)}</text>"
        )
        x += 150
    return parts


# --- lines over time: PHQ-9 and GAD-7 here, the physical-health measures (measure_charts) -------


def _series_lines(
    series: dict[str, list[dict]],
    format_day: Callable[[dt.date], str],
    format_value: Callable,
) -> tuple[list[str], list[tuple[str, str]]]:
    """Draw each series of placed points (a line through them and a dot with its reading at
    each), then the first and last day under the axis, kept inside the picture. Return the SVG
    parts and the legend's (css class, name) items."""
    parts, legend = [], []
    for index, (name, points) in enumerate(series.items()):
        css = f"progress-chart-series-{index + 1}"
        if not points:
            continue
        legend.append((css, name))
        if len(points) > 1:
            coords = " ".join(f"{_fmt(p['x'])},{_fmt(p['y'])}" for p in points)
            parts.append(f'<polyline class="progress-chart-line {css}" points="{coords}"/>')
        for p in points:
            label = f"{name} {format_day(p['day'])}: {format_value(p['value'])}"
            parts.append(
                f'<circle class="progress-chart-point {css}" cx="{_fmt(p["x"])}" '
                f'cy="{_fmt(p["y"])}" r="4"><title>{escape(label)}</title></circle>'
            )
    days = sorted({p["day"] for points in series.values() for p in points})
    ends = [(days[0], "start" if len(days) > 1 else "middle")]
    if len(days) > 1:
        ends.append((days[-1], "end"))
    for day, anchor in ends:
        x = next(p["x"] for points in series.values() for p in points if p["day"] == day)
        parts.append(
            f'<text class="progress-chart-tick" x="{_fmt(x)}" y="{BASELINE_Y + 16}" '
            f'text-anchor="{anchor}">{escape(format_day(day))}</text>'
        )
    return parts, legend


@dataclass(frozen=True)
class ScorePoint:
    day: dt.date
    value: int


def scores_geometry(series: dict[str, Sequence[ScorePoint]]) -> dict[str, list[dict]]:
    """
    Return the points of each series on a shared time axis (first to last day of all series;
    one day alone sits in the middle) and a 0-27 score axis.
    """
    days = [p.day for points in series.values() for p in points]
    if not days:
        return {name: [] for name in series}
    first, last = min(days), max(days)
    span = (last - first).days
    out = {}
    for name, points in series.items():
        out[name] = [
            {
                "day": p.day,
                "value": p.value,
                "x": round(
                    MARGIN_LEFT + (PLOT_WIDTH * (p.day - first).days / span if span
                                   else PLOT_WIDTH / 2), 1),
                "y": round(BASELINE_Y - PLOT_HEIGHT * p.value / SCORE_MAX, 1),
            }
            for p in sorted(points, key=lambda p: p.day)
        ]
    return out


def scores_svg(
    series: dict[str, Sequence[ScorePoint]],
    *,
    chart_id: str = "scores-chart",
    title: str = "PHQ-9 and GAD-7 over time",
    description: str = "",
    axis_label: str = "score",
    format_day: Callable[[dt.date], str] = dt.date.isoformat,
) -> str:
    """Return the SVG of questionnaire totals over time (one line per series, keyed by its
    label: "PHQ-9", "GAD-7"), or "" with no points."""
    geo = scores_geometry(series)
    if not any(geo.values()):
        return ""
    description = description or "; ".join(
        f"{name}: " + ", ".join(f"{format_day(p['day'])} {p['value']}" for p in points)
        for name, points in geo.items() if points
    )
    parts = _open_svg(chart_id, "progress-chart-scores", title, description)
    parts += _grid(SCORE_TICKS, SCORE_MAX)
    lines, legend = _series_lines(geo, format_day, str)
    parts += lines
    parts.append(_axis_label(axis_label))
    parts += _legend(legend)
    parts.append("</svg>")
    return "".join(parts)
