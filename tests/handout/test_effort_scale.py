"""The 0-10 effort scale on the handout (issue 25, item 2): the plan's own talk-test words at
their bands (rules R-INT-1), the levels this plan uses marked "your plan" with their weeks, never
a level harder than the plan allows (rules 8.6, N04), readable in grey scale.

Read two ways: the drawing's shapes before rendering (what is marked, what colour), and the
rendered PDF's text with pypdf (what the client reads).
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from reportlab.graphics.shapes import Rect, String

from planner.adapters import saved_plan
from planner.handout import render_handout
from planner.handout.effort import EffortScale, effort_bands, effort_scale
from planner.handout.handout import handout_story
from planner.handout.styles import get_styles
from tests.handout.pdfutil import all_text, flat
from tests.handout.test_cases import CASE_NAMES, HEADER, load_case

#: rules.md R-INT-1: each level's handout label and its band on the 0-10 effort scale.
R_INT_1_BANDS = {"Easy": (3, 4), "Comfortably brisk": (4, 5), "Brisk": (5, 6),
                 "Hard (only if you already do this)": (7, 8)}
#: The labels in order of effort (R-INT-1).
ORDER = list(R_INT_1_BANDS)


def plan_of(name: str):
    _intake, snapshot = load_case(name)
    return saved_plan(snapshot)


def marked(name: str) -> dict[str, tuple[int, ...]]:
    return {band.label: band.weeks for band in effort_bands(plan_of(name)) if band.yours}


def drawing_of(name: str, large: bool = False) -> EffortScale:
    story = handout_story(plan_of(name), dataclasses.replace(HEADER, large_print=large), 480)
    found = [item for flowable in story for item in getattr(flowable, "_content", [flowable])
             if isinstance(item, EffortScale)]
    assert len(found) == 1, name
    return found[0]


def strings(drawing: EffortScale) -> list[String]:
    return [shape for shape in drawing.contents if isinstance(shape, String)]


def test_a_standard_start_marks_comfortably_brisk_then_brisk():
    # C01 (R-INT-2, standard start): light-to-moderate in weeks 1-3, moderate from week 4 to
    # the end of its 17-week table; "Easy" is shown (easier is always allowed) but not marked.
    assert marked("C01") == {"Comfortably brisk": (1, 2, 3), "Brisk": tuple(range(4, 18))}
    assert [b.label for b in effort_bands(plan_of("C01"))] == ["Easy", "Comfortably brisk",
                                                                "Brisk"]
    text = all_text(render_handout(plan_of("C01"), HEADER))
    assert "your plan: weeks 1–3" in text and "your plan: weeks 4–17" in text
    assert text.count("your plan:") == 2


def test_an_easy_only_plan_shows_and_marks_easy_and_nothing_harder():
    # C22: every week is easy effort (rules 8.6): the scale has the one band, marked.
    assert marked("C22") == {"Easy": tuple(range(1, 14))}
    drawing = drawing_of("C22")
    assert [b.label for b in drawing.bands] == ["Easy"]
    words = " ".join(s.text for s in strings(drawing)).lower()
    assert "brisk" not in words and not re.search(r"\bhard\b", words)
    text = all_text(render_handout(plan_of("C22"), HEADER))
    assert text.count("your plan:") == 1 and "your plan: weeks 1–13" in text


@pytest.mark.parametrize("name", ["C05", "C21", "C24"])
def test_an_eating_disorder_flag_plan_never_shows_hard_effort(name):
    # N04: no vigorous work with the ED / compulsive-exercise flag, not even as an option.
    bands = effort_bands(plan_of(name))
    assert bands and all(not b.label.startswith("Hard") for b in bands)
    assert all(b.high <= 6 for b in bands)


def test_vigorous_optional_shows_hard_but_never_as_the_clients_level():
    # C07: "brisk (some hard effort is OK)" every week: the Brisk band is the client's; the
    # Hard band is printed (vigorous is allowed) with its own words, never marked as theirs.
    bands = {b.label: b for b in effort_bands(plan_of("C07"))}
    assert bands["Brisk"].yours and not bands["Hard (only if you already do this)"].yours
    assert marked("C07") == {"Brisk": tuple(range(1, 13))}


def test_a_plan_with_no_weeks_marks_nothing():
    # G4 keeps the client's current activity: the guide's levels are shown, none marked.
    bands = effort_bands(plan_of("G4"))
    assert bands and not any(b.yours for b in bands)
    assert "your plan:" not in all_text(render_handout(plan_of("G4"), HEADER))


@pytest.mark.parametrize("name", [n for n in CASE_NAMES if n[0] == "C" or n == "G4"])
def test_bands_are_the_guides_levels_at_their_r_int_1_numbers(name):
    plan = plan_of(name)
    guide = plan.text("intensity_guide")
    bands = effort_bands(plan)
    assert [b.label for b in bands] == [bullet.split(":")[0] for bullet in guide.bullets]
    for band in bands:
        assert (band.low, band.high) == R_INT_1_BANDS[band.label], (name, band)
    # never a level harder than the plan allows: hard only with vigorous allowed, and no band
    # above the hardest one a week of the plan is at (easier ones are always allowed)
    if not plan.vigorous_allowed:
        assert all(not b.label.startswith("Hard") for b in bands)
    if plan.steps:
        hardest = max(ORDER.index(b.label) for b in bands if b.yours)
        assert all(ORDER.index(b.label) <= hardest or b.label.startswith("Hard")
                   for b in bands), name
    # every week of the plan is marked on exactly one band
    weeks = sorted(w for b in bands for w in b.weeks)
    assert weeks == sorted(s.week for s in plan.steps), name


@pytest.mark.parametrize("large", [False, True])
def test_grey_scale_safe_labels_and_contrast(large):
    drawing = drawing_of("C01", large)
    texts = [s.text for s in strings(drawing)]
    assert [t for t in texts if t in map(str, range(11))] == [str(n) for n in range(11)]
    joined = " ".join(texts)
    for band in drawing.bands:  # every band carries its words; the client's say so in words
        assert band.label in joined
    assert joined.count("your plan:") == sum(b.yours for b in drawing.bands)
    # the client's bands and the others differ in lightness, not only in hue
    st = get_styles(large)
    bars = [r for r in drawing.contents if isinstance(r, Rect) and r.height <= st.caption.fontSize
            * 1.61 and r.width > 20]
    lightness = {round(0.299 * r.fillColor.red + 0.587 * r.fillColor.green
                       + 0.114 * r.fillColor.blue, 2) for r in bars}
    assert len(bars) == len(drawing.bands)
    assert max(lightness) - min(lightness) >= 0.5
    # and every label is at a client-readable size (11 pt, 14 pt in large print)
    assert min(s.fontSize for s in strings(drawing)) >= (14 if large else 11)


def test_no_scale_without_the_guides_numbers(snapshot):
    # The hand-made snapshot's guide has no "About N to M" level list: nothing is guessed.
    plan = saved_plan(snapshot)
    assert effort_bands(plan) == []
    assert effort_scale(plan, get_styles(False), 480) is None
    assert "your plan:" not in flat(all_text(render_handout(plan, HEADER)))
