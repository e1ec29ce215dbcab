"""The handout's strength and balance moves (issue 25), read back with pypdf: the chosen moves
print in order with their dose and words, each library move with its drawing (start and end),
a custom move with its words and no drawing; large print too."""

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus import KeepTogether, Table

from planner.engine import Override, build_plan, parse_intake
from planner.handout import HandoutHeader, render_handout
from planner.handout.moves import MoveFigure, moves_section
from planner.handout.styles import get_styles
from tests.handout.pdfutil import flat

TODAY = dt.date(2026, 1, 5)
CASES = Path(__file__).resolve().parents[3] / "shared" / "spec" / "cases"


def case_plan(name, overrides=(), **answers):
    intake = {**json.loads((CASES / f"{name}.json").read_text())["intake"], **answers}
    return build_plan(parse_intake(intake), today=TODAY, overrides=overrides)


def pdf_text(plan, **header) -> str:
    pdf = render_handout(plan, HandoutHeader(client_display_name="Lena", **header))
    return flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def drawings_per_row(plan, large_print=False) -> list[int]:
    st = get_styles(large_print)
    texts = {b.key: b for b in plan.texts}
    rows = [f for f in moves_section(plan, texts, st, 480) if isinstance(f, KeepTogether)][1:]
    counts = []
    for row in rows:
        [table] = [f for f in row._content if isinstance(f, Table)]
        cells = [c for line in table._cellvalues for cell in line
                 for c in (cell if isinstance(cell, list) else [cell])]
        counts.append(sum(isinstance(c, MoveFigure) for c in cells))
    return counts


@pytest.mark.parametrize("name, answers", [("C12", {}), ("C20", {"clearance_status": "obtained"})])
@pytest.mark.parametrize("large_print", [False, True])
def test_the_cases_handout_prints_the_chosen_moves_with_their_drawings(name, answers,
                                                                       large_print):
    plan = case_plan(name, **answers)
    assert len(plan.moves) == 8  # 6 strength + 2 balance (R-MIX-2, R-MIX-4)
    text = pdf_text(plan, large_print=large_print)
    assert "Your strength and balance moves" in text
    for number, move in enumerate(plan.moves, start=1):
        assert f"{number}. {move.name}: 1 set of" in text or (
            f"{number}. {move.name}: Hold for about {move.reps} seconds" in text)
        assert flat(move.steps[0]) in text
    assert drawings_per_row(plan, large_print) == [1] * len(plan.moves)


def test_c20_who_cannot_walk_gets_only_seated_moves_on_paper():
    text = pdf_text(case_plan("C20", clearance_status="obtained"))
    moves_part = text.split("Your strength and balance moves", 1)[1]
    assert "Sit to stand" not in moves_part and "counter" not in moves_part.lower()
    assert "sitting" in moves_part


def test_a_custom_move_prints_its_words_without_a_drawing():
    choice = [{"id": "sit_to_stand", "sets": 1, "reps": 10},
              {"id": "custom", "name": "Towel squeeze", "kind": "strength", "sets": 2,
               "reps": 12, "steps": "Sit tall.\nSqueeze a rolled towel between your knees."}]
    plan = case_plan("C12", [Override("choose_moves", choice, "physio's home move")])
    text = pdf_text(plan)
    assert "2. Towel squeeze: 2 sets of 12. Sit tall. Squeeze a rolled towel between your " \
           "knees." in text
    assert "Heel raises at a counter" not in text.split("Your strength and balance moves")[1]
    assert drawings_per_row(plan) == [1, 0]


def test_an_easy_effort_plan_prints_no_harder_version():
    plan = case_plan("C12", [Override("lower_max_intensity", "light", "very tired")])
    text = pdf_text(plan).split("Your strength and balance moves", 1)[1]
    assert "Easier:" in text and "Harder:" not in text
