"""Every printable document of every intake in the pairwise combination set (rules 8.11): the
PDF renders, carries the region's crisis line on every page, and never prints a step number
(8.9). The intakes are tests/engine/test_text_combinations.py's covering set."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from planner import handout
from planner.engine import build_plan, parse_intake
from planner.handout import HandoutHeader
from tests.engine.test_text_combinations import ROWS, intake_of
from tests.handout.pdfutil import flat, page_texts

TODAY = dt.date(2026, 1, 5)
HEADER = HandoutHeader(clinic="Clinic", clinician_name="Dr A", clinician_contact="555-0100",
                       client_display_name="Client", revision_number=1, revision_date=TODAY,
                       plan_start_date=TODAY, paper="A4", large_print=False, draft=True)


@pytest.mark.slow
@pytest.mark.parametrize("row", ROWS[::3], ids=[f"row{n}" for n in range(0, len(ROWS), 3)])
def test_every_document_of_a_combination_renders_with_the_crisis_line_on_every_page(row):
    plan = build_plan(parse_intake(intake_of(row)), today=TODAY)
    kinds = handout.plan_documents(plan).kinds
    assert kinds
    for kind in kinds:
        pages = page_texts(handout.render(plan, HEADER, kind))
        assert pages, kind
        if kind == handout.STOP_NOTICE:  # the clinician's, not the client's
            continue
        for page in pages:
            assert "988" in flat(page), (kind, page[:80])
        assert re.search(r"\bsteps? \d", flat(" ".join(pages)), re.IGNORECASE) is None, kind
