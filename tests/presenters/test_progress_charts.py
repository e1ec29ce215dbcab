"""presenters/progress_charts.py: the SVG charts hold the right points, are CSP-safe and escape
text. Pure: no database."""

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from planner.presenters import progress_charts as pc
from planner.presenters.progress_charts import Marker, MinutesWeek, ScorePoint

START = dt.date(2026, 1, 5)
SVG = "{http://www.w3.org/2000/svg}"


def weeks(*pairs):
    return [MinutesWeek(week_start=START + dt.timedelta(weeks=i), planned=p, completed=c)
            for i, (p, c) in enumerate(pairs)]


def parse(svg: str) -> ET.Element:
    # Our own output, not untrusted input: the standard parser is fine here.
    return ET.fromstring(svg)  # noqa: S314


def test_minutes_geometry_scales_to_the_axis():
    geo = pc.minutes_geometry(weeks((30, 30), (40, 20), (50, 100)))
    assert geo["top"] == 100  # largest value rounded up to a 50-minute tick
    base = pc.BASELINE_Y
    assert [b["value"] for b in geo["bars"]] == [30, 20, 100]
    assert [b["height"] for b in geo["bars"]] == [
        round(pc.PLOT_HEIGHT * v / 100, 1) for v in (30, 20, 100)]
    assert all(round(b["y"] + b["height"], 1) == base for b in geo["bars"])
    assert [p["y"] for p in geo["planned"]] == [
        round(base - pc.PLOT_HEIGHT * v / 100, 1) for v in (30, 40, 50)]
    # One band per week, left to right.
    xs = [b["x"] for b in geo["bars"]]
    assert xs == sorted(xs) and len(set(xs)) == 3


def test_minutes_svg_draws_every_point_with_its_value():
    svg = pc.minutes_svg(weeks((30, 30), (40, 20)), chart_id="c1")
    root = parse(svg)
    bars = root.findall(f"{SVG}rect[@class='progress-chart-completed']")
    planned = root.findall(f"{SVG}line[@class='progress-chart-planned']")
    assert [b.find(f"{SVG}title").text for b in bars] == [
        "2026-01-05: completed 30", "2026-01-12: completed 20"]
    assert [p.find(f"{SVG}title").text for p in planned] == [
        "2026-01-05: planned 30", "2026-01-12: planned 40"]
    geo = pc.minutes_geometry(weeks((30, 30), (40, 20)))
    assert [float(b.get("height")) for b in bars] == [b["height"] for b in geo["bars"]]
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.get("role") == "img"


def test_a_week_without_a_check_in_has_no_bar():
    data = [MinutesWeek(START, 30, 30), MinutesWeek(START + dt.timedelta(weeks=1)),
            MinutesWeek(START + dt.timedelta(weeks=2), 50, 45)]
    geo = pc.minutes_geometry(data)
    assert [b["value"] for b in geo["bars"]] == [30, 45]
    assert len(geo["planned"]) == 2
    assert "2026-01-12: planned —, completed —" in pc.minutes_svg(data)


def test_revision_markers_sit_at_the_week_the_revision_took_effect():
    data = weeks((30, 30), (40, 30), (50, 30), (50, 50))
    geo = pc.minutes_geometry(data, [Marker(START + dt.timedelta(weeks=3), "rev. 2"),
                                     Marker(START + dt.timedelta(days=9), "rev. 3"),
                                     Marker(START + dt.timedelta(weeks=30), "rev. 9")])
    band = pc.PLOT_WIDTH / 4
    assert geo["markers"] == [
        {"label": "rev. 2", "x": round(pc.MARGIN_LEFT + 3 * band, 1)},
        {"label": "rev. 3", "x": round(pc.MARGIN_LEFT + 1 * band, 1)},  # mid-week: its week
    ]
    svg = pc.minutes_svg(data, [Marker(START + dt.timedelta(weeks=3), "rev. 2")])
    assert svg.count('class="progress-chart-marker"') == 1
    assert ">rev. 2</text>" in svg


def test_scores_geometry_on_a_shared_time_axis():
    series = {
        "PHQ-9": [ScorePoint(dt.date(2026, 1, 1), 13), ScorePoint(dt.date(2026, 1, 31), 27)],
        "GAD-7": [ScorePoint(dt.date(2026, 1, 16), 0)],
    }
    geo = pc.scores_geometry(series)
    left, right = pc.MARGIN_LEFT, pc.MARGIN_LEFT + pc.PLOT_WIDTH
    assert [p["x"] for p in geo["PHQ-9"]] == [left, right]
    assert geo["GAD-7"][0]["x"] == round(left + pc.PLOT_WIDTH / 2, 1)
    assert geo["PHQ-9"][1]["y"] == pc.MARGIN_TOP  # 27 is the top of the axis
    assert geo["GAD-7"][0]["y"] == pc.BASELINE_Y  # 0 is the bottom
    assert geo["PHQ-9"][0]["y"] == round(pc.BASELINE_Y - pc.PLOT_HEIGHT * 13 / 27, 1)


def test_scores_svg_has_a_line_and_points_per_series():
    series = {"PHQ-9": [ScorePoint(dt.date(2026, 1, 1), 13), ScorePoint(dt.date(2026, 2, 1), 9)],
              "GAD-7": [ScorePoint(dt.date(2026, 1, 1), 8)]}
    root = parse(pc.scores_svg(series, chart_id="s"))
    lines = root.findall(f"{SVG}polyline")
    assert len(lines) == 1  # a single GAD-7 point has no line
    points = root.findall(f"{SVG}circle")
    assert [p.find(f"{SVG}title").text for p in points] == [
        "PHQ-9 2026-01-01: 13", "PHQ-9 2026-02-01: 9", "GAD-7 2026-01-01: 8"]
    geo = pc.scores_geometry(series)
    assert lines[0].get("points") == " ".join(
        f"{pc._fmt(p['x'])},{pc._fmt(p['y'])}" for p in geo["PHQ-9"])


def test_one_day_alone_sits_in_the_middle():
    geo = pc.scores_geometry({"PHQ-9": [ScorePoint(START, 10)]})
    assert geo["PHQ-9"][0]["x"] == round(pc.MARGIN_LEFT + pc.PLOT_WIDTH / 2, 1)


def test_no_data_no_chart():
    assert pc.minutes_svg([]) == ""
    assert pc.scores_svg({"PHQ-9": [], "GAD-7": []}) == ""


def test_charts_are_csp_safe_and_escape_text():
    hostile = '<script>alert(1)</script>" onload="x'
    svgs = [
        pc.minutes_svg(weeks((30, 30)), [Marker(START, hostile)], title=hostile,
                       axis_label=hostile, planned_label=hostile, completed_label=hostile),
        pc.scores_svg({hostile: [ScorePoint(START, 3), ScorePoint(START + dt.timedelta(1), 4)]},
                      title=hostile),
    ]
    for svg in svgs:
        root = parse(svg)  # well-formed: nothing escaped into markup
        assert "<script" not in svg
        assert "&lt;script&gt;" in svg
        for element in root.iter():
            assert element.tag != f"{SVG}script" and element.tag != f"{SVG}style"
            assert not [a for a in element.attrib if a == "style" or a.startswith("on")]
        assert not re.search(r"\sstyle=", svg)


@pytest.mark.parametrize("count", [1, 2, 3, 5, 6, 13, 14, 26, 52, 156])
def test_week_dates_under_the_minutes_chart_never_overlap_and_stay_inside(count):
    """Each date label is drawn 130 user units wide (a phone's font); the first grows right from
    the plot's left edge, the last grows left from its right edge, the others are centred."""
    weeks = [pc.MinutesWeek(dt.date(2026, 1, 5) + dt.timedelta(weeks=i), 30, 30)
             for i in range(count)]
    root = parse(pc.minutes_svg(weeks, format_week=lambda d: d.isoformat()))
    ticks = [t for t in root.iter(f"{SVG}text") if t.get("class") == "progress-chart-tick"
             and t.text and re.match(r"\d{4}-", t.text)]
    dated = [t.text for t in ticks]
    assert dated[0] == "2026-01-05" and dated[-1] == weeks[-1].week_start.isoformat()
    spans = []
    for tick in ticks:
        x = float(tick.get("x"))
        start = {"start": x, "middle": x - 65, "end": x - 130}[tick.get("text-anchor")]
        spans.append((start, start + 130))
    assert spans[0][0] >= pc.MARGIN_LEFT - 1 and spans[-1][1] <= pc.WIDTH
    for (_s1, end), (start, _e2) in zip(spans, spans[1:], strict=False):
        assert end <= start, f"{count} weeks: labels overlap ({spans})"
