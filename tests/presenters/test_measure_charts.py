"""Measures charts (issue 26): each reading against the plan revision in force that day, the
change since baseline, and the drawing's points and revision lines."""

import datetime as dt
from decimal import Decimal

import pytest

from planner import selectors
from planner.measure_kinds import MeasureKind
from planner.presenters.measure_charts import Point, RevisionMark, measure_geometry, measure_svg
from planner.presenters.measures import measure_charts
from planner.services.adjustments import revision_adjust
from planner.services.measures import measures_record
from tests.support.progress import START, plan_started

TODAY = dt.date.today()


@pytest.mark.django_db
def test_each_reading_is_charted_against_the_revision_in_force(clinician):
    client, _first = plan_started(owner=clinician)  # revision 1 takes effect at START
    revision_adjust(user=clinician, client=client, base_revision=1,
                    changes=[("lower_target_minutes", 120)], reason="knee", today=TODAY)
    before, during = START - dt.timedelta(days=3), START + dt.timedelta(days=10)
    for day, kg, bp in ((before, "92.0", (140, 90)), (during, "91.5", (136, 88)),
                        (TODAY, "89.75", (128, 84))):
        measures_record(client=client, author=clinician, measured_on=day,
                        values={MeasureKind.WEIGHT: Decimal(kg),
                                MeasureKind.BLOOD_PRESSURE: (Decimal(bp[0]), bp[1])})
    effective = selectors.revision_effective_dates(clinician, client)
    assert effective == [(1, START), (2, TODAY)]
    charts = {c.kind: c for c in measure_charts(selectors.measure_list(clinician, client),
                                                effective, units="metric")}
    assert list(charts) == [MeasureKind.WEIGHT, MeasureKind.BLOOD_PRESSURE]
    weight = charts[MeasureKind.WEIGHT]
    assert [(r.day, r.revision, r.value, r.change) for r in weight.rows] == [
        (before, None, "92.0 kg", "—"),
        (during, 1, "91.5 kg", "−0.5 kg"),
        (TODAY, 2, "89.8 kg", "−2.2 kg"),
    ]
    assert weight.change == "−2.2 kg"
    bp = charts[MeasureKind.BLOOD_PRESSURE]
    assert [(r.value, r.change) for r in bp.rows] == [
        ("140/90 mmHg", "—"), ("136/88 mmHg", "−4/−2 mmHg"), ("128/84 mmHg", "−12/−6 mmHg")]
    assert 'role="img"' in weight.svg and "rev. 2" in weight.svg
    assert weight.svg.count("<circle") == 3 and bp.svg.count("<circle") == 6


def test_geometry_spans_the_days_and_places_the_revision_lines():
    first, last = dt.date(2026, 1, 1), dt.date(2026, 1, 31)
    geo = measure_geometry(
        {"w": [Point(first, 90.0), Point(last, 80.0)]},
        [RevisionMark(dt.date(2026, 1, 16), "rev. 2"), RevisionMark(dt.date(2025, 12, 1), "x")],
    )
    left, right = geo["series"]["w"]
    assert (left["x"], right["x"]) == (48, 624)  # the plot's left and right edges
    assert left["y"] < right["y"]  # 90 is drawn higher than 80
    assert [(m["label"], m["x"]) for m in geo["marks"]] == [("rev. 2", 336.0)]  # mid-month
    assert geo["low"] <= 80 and geo["high"] >= 90


def test_text_in_the_chart_is_escaped_and_empty_series_draw_nothing():
    svg = measure_svg({"<b>": [Point(dt.date(2026, 1, 1), 5.0)]}, chart_id="c", title="<t>",
                      axis_label="a&b")
    assert "<b>" not in svg and "&lt;b&gt;" in svg and "&lt;t&gt;" in svg
    assert measure_svg({"w": []}, chart_id="c", title="t", axis_label="a") == ""
