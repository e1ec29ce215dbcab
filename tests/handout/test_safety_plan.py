"""The printed crisis sheet's safety-plan prompts (rules 8.19) and the urgent interim letter
(rules 8.14), rendered from real intakes and read back with pypdf."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from planner.engine import build_plan, parse_intake
from planner.engine.texts.documents import SAFETY_PLAN_PROMPTS
from planner.handout.documents import WRITING_LINES
from tests.engine.support import CASES_DIR
from tests.handout.pdfutil import all_text, page_texts, reader
from tests.handout.snapshots import render_document

TODAY = dt.date(2026, 1, 5)


def snapshot_of(name: str, **changes) -> dict:
    path = CASES_DIR / f"{name}.json"
    if not path.exists():
        pytest.skip("../shared/spec/cases is not available")
    data = dict(json.loads(path.read_text(encoding="utf-8"))["intake"], **changes)
    return build_plan(parse_intake(data), today=TODAY).to_dict()


def ruled_lines(pdf: bytes) -> int:
    """Straight strokes drawn on the pages (reportlab writes a line as "x y m x y l S")."""
    return sum(page.get_contents().get_data().count(b" l S") for page in reader(pdf).pages)


def without_prompts(snapshot: dict) -> dict:
    labels = tuple(label for label, _hint in SAFETY_PLAN_PROMPTS)
    documents = []
    for block in snapshot["documents"]:
        if block["key"] == "crisis_sheet":
            block = dict(block, bullets=[b for b in block["bullets"]
                                         if not b.startswith(labels)])
        documents.append(block)
    return dict(snapshot, documents=documents)


@pytest.mark.parametrize("name", ["G1", "C03"])
def test_crisis_sheet_prints_the_safety_plan_prompts_with_lines_to_write_on(name, header):
    snapshot = snapshot_of(name)
    pdf = render_document(snapshot, header, "crisis_sheet")
    pages = page_texts(pdf)
    assert len(pages) == 1  # still a one-page sheet in standard print
    text = all_text(pdf)
    where = [text.index(f"{label}: {hint}") for label, hint in SAFETY_PLAN_PROMPTS]
    assert where == sorted(where)
    assert text.index("call or text 988") < where[0]  # the numbers come first
    assert text.index("Emergency: 911") < where[0]
    assert "Fill it in with your clinician" in text
    # three prompts, each with its writing lines (and nothing else drawn without them)
    plain = render_document(without_prompts(snapshot), header, "crisis_sheet")
    assert ruled_lines(pdf) - ruled_lines(plain) >= len(SAFETY_PLAN_PROMPTS) * WRITING_LINES


def test_crisis_sheet_prompts_in_large_print_keep_the_crisis_line_on_every_page(header):
    large = dataclasses.replace(header, large_print=True)
    pdf = render_document(snapshot_of("G1"), large, "crisis_sheet")
    pages = page_texts(pdf)
    assert all("call or text 988" in " ".join(p.split()) for p in pages)
    assert "People I can contact" in all_text(pdf)


def test_the_urgent_interim_letter_prints_the_emergency_line_first(header):
    snapshot = snapshot_of("G2")
    text = all_text(render_document(snapshot, header, "interim_clearance_letter"))
    title = "Please see your doctor soon, before you start your activity plan"
    emergency = ("Chest pain at rest, or chest pain that lasts more than a few minutes: call 911 "
                 "now.")
    assert text.index(title) < text.index(emergency) < text.index("in the next few days")
    assert text.index(emergency) < text.index("please don't start new exercise")
    request = all_text(render_document(snapshot, header, "clearance_request_letter"))
    assert request.index("Emergency advice given to your patient") < request.index("Dear Doctor")
    assert request.index("symptoms listed below") < request.index(
        "Chest, neck, jaw or arm discomfort") < request.index("Cleared by:")
