"""The weekly-minutes chart: pure SVG, escaped, no inline style or script, bars in place."""

import re

from planner.presenters import charts


def test_bars_are_placed_and_scaled_by_their_minutes():
    bars = charts.bar_geometry([(1, 30), (2, 40), (3, 50), (4, 50)])
    # Axis top: 50 (largest value rounded up to a 50-minute tick); 4 bands of 145 px.
    assert charts.axis_max([30, 40, 50, 50]) == 50
    band = charts.PLOT_WIDTH / 4
    assert [b["x"] for b in bars] == [
        round(charts.MARGIN_LEFT + i * band + band * charts.BAR_GAP / 2, 1) for i in range(4)
    ]
    assert [b["height"] for b in bars] == [
        round(charts.PLOT_HEIGHT * m / 50, 1) for m in (30, 40, 50, 50)
    ]
    bottom = charts.MARGIN_TOP + charts.PLOT_HEIGHT
    assert all(round(b["y"] + b["height"], 1) == bottom for b in bars)
    assert bars[2]["y"] == charts.MARGIN_TOP  # the tallest bar reaches the top of the axis


def test_the_svg_holds_one_bar_per_step_with_its_points():
    svg = charts.weekly_minutes_svg([(1, 30), (2, 150)])
    rects = re.findall(r'<rect class="plan-chart-bar" x="([\d.]+)" y="([\d.]+)" '
                       r'width="([\d.]+)" height="([\d.]+)">', svg)
    assert len(rects) == 2
    expected = charts.bar_geometry([(1, 30), (2, 150)])
    for (x, y, w, h), bar in zip(rects, expected, strict=True):
        assert (float(x), float(y), float(w), float(h)) == (
            bar["x"], bar["y"], bar["width"], bar["height"]
        )
    # Grid lines every 50 minutes up to 150.
    assert re.findall(r'class="plan-chart-tick"[^>]*>(\d+)<', svg) == ["0", "50", "100", "150"]


def test_the_svg_has_no_inline_style_or_script_and_is_labelled():
    svg = charts.weekly_minutes_svg([(1, 30)], title="Minutes")
    assert "style=" not in svg and "<script" not in svg and " on" not in svg.lower()
    assert 'role="img"' in svg and '<title id="plan-chart-title">Minutes</title>' in svg


def test_text_is_escaped():
    svg = charts.weekly_minutes_svg(
        [(1, 30)], title="<script>alert(1)</script>", step_label='"><b>'
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert '"><b>' not in svg


def test_no_steps_no_chart():
    assert charts.weekly_minutes_svg([]) == ""
    assert charts.bar_geometry([]) == []
