"""Real PDFs for every built-in crisis region (rules.md section 8, R-SAFE-CRISIS, N03).

For each region: the handout of an ordinary intake prints the region's crisis line, its other
line (where the table has one) and its emergency number on every page (the crisis footer), and
the crisis sheet of a CRISIS stop (made with `manage.py handout`) prints them on every page and
in the sheet itself. The expected wording is written here, not read from the code.
"""

import dataclasses
import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from planner.engine import build_plan, crisis, parse_intake
from planner.handout import HandoutHeader
from tests.handout.pdfutil import active_content, flat, page_texts
from tests.handout.snapshots import choose_client_document, render

TODAY = dt.date(2026, 12, 7)
INTAKE = {"age": 30, "primary_condition": "depression", "depression_severity": "moderate",
          "base_total_min": 20, "plan_start_date": "2026-12-07"}
CRISIS_INTAKE = dict(INTAKE, suicide_risk="active_with_plan_or_intent")

# What every page must carry, per region (section 8 table: crisis line, other line, emergency).
ON_EVERY_PAGE = {
    "US": ("call or text 988 (Suicide & Crisis Lifeline)", "call 911"),
    "CA": ("call or text 9-8-8 (Suicide Crisis Helpline, in English or French)", "call 911"),
    "GB": ("call 116 123 (Samaritans, free, 24/7)",
           "call NHS 111 and choose option 2 (mental health, England)", "call 999"),
    "IE": ("call 116 123 (Samaritans, free, 24/7)", "text 50808", "call 112 or 999"),
    "AU": ("call 13 11 14 (Lifeline)", "call 000"),
    "NZ": ("free call or text 1737 (Need to talk?)", "call Lifeline on 0800 543 354",
           "call 111"),
}
# The crisis sheet's own content: the big box and the sheet's sentences.
ON_THE_SHEET = {
    "US": ("Emergency: 911", "Call or text 988 (Suicide & Crisis Lifeline), at any time.",
           "In an emergency, call 911."),
    "CA": ("Emergency: 911", "In an emergency, call 911.",
           "Call or text 9-8-8 (Suicide Crisis Helpline, in English or French), at any time."),
    "GB": ("Emergency: 999", "Call 116 123 (Samaritans, free, 24/7).",
           "You can also call NHS 111 and choose option 2 (mental health, England).",
           "In an emergency, call 999.", "Or go to your nearest A&E."),
    "IE": ("Emergency: 112 or 999", "Call 116 123 (Samaritans, free, 24/7).",
           "You can also text 50808.", "In an emergency, call 112 or 999."),
    "AU": ("Emergency: 000", "Call 13 11 14 (Lifeline), at any time.",
           "In an emergency, call 000."),
    "NZ": ("Emergency: 111", "Free call or text 1737 (Need to talk?), at any time.",
           "You can also call Lifeline on 0800 543 354.", "In an emergency, call 111."),
}
REGIONS = sorted(ON_EVERY_PAGE)
HEADER = HandoutHeader(clinic="Riverside Clinic", clinician_name="Dr Sam Lee",
                       clinician_contact="555-0100", client_display_name="Ana Test",
                       revision_number=1, revision_date=TODAY, plan_start_date=TODAY)


@pytest.fixture(autouse=True)
def _builtin_regions_only():
    crisis.reset_regions()
    yield
    crisis.reset_regions()


def assert_on_every_page(pages: list[str], expected: tuple[str, ...], region: str) -> None:
    for number, page in enumerate(pages, start=1):
        text = flat(page)
        for phrase in expected:
            assert phrase in text, f"{region}: page {number} lacks {phrase!r}"


@pytest.mark.parametrize("region", REGIONS)
def test_the_handout_prints_the_regions_numbers_on_every_page(region):
    snapshot = build_plan(parse_intake(dict(INTAKE, crisis_region=region)),
                          today=TODAY).to_dict()
    assert choose_client_document(snapshot) == "handout"
    pdf = render(snapshot, HEADER, "handout")
    assert active_content(pdf) == []
    pages = page_texts(pdf)
    assert len(pages) >= 2  # "every page" means something
    assert_on_every_page(pages, ON_EVERY_PAGE[region], region)
    # nothing from another region's table
    other_numbers = {"988", "9-8-8", "116 123", "13 11 14", "1737", "50808", "000"}
    mine = " ".join(ON_EVERY_PAGE[region])
    text = flat(" ".join(pages))
    for number in other_numbers:
        if number not in mine:
            assert number not in text, f"{region}: {number} printed"


@pytest.mark.parametrize("region", REGIONS)
def test_the_crisis_sheet_prints_the_regions_numbers(region, tmp_path):
    intake = tmp_path / "intake.json"
    intake.write_text(json.dumps(dict(CRISIS_INTAKE, crisis_region=region)), encoding="utf-8")
    out = tmp_path / "sheet.pdf"
    stdout = io.StringIO()
    call_command("handout", str(intake), "-o", str(out), "--date", TODAY.isoformat(),
                 "--client-name", "Ana Test", stdout=stdout, stderr=io.StringIO())
    assert "wrote crisis_sheet" in stdout.getvalue()
    pdf = out.read_bytes()
    assert active_content(pdf) == []
    pages = page_texts(pdf)
    assert_on_every_page(pages, ON_EVERY_PAGE[region], region)
    sheet = flat(" ".join(pages))
    for phrase in ON_THE_SHEET[region]:
        assert phrase in sheet, f"{region}: the crisis sheet lacks {phrase!r}"


def test_an_old_snapshot_without_the_new_fields_still_renders_its_crisis_sheet():
    snapshot = build_plan(parse_intake(CRISIS_INTAKE), today=TODAY).to_dict()
    for key in ("crisis_line_note", "other_line", "source", "checked"):
        snapshot["crisis_resources"].pop(key, None)
    pdf = render(snapshot, dataclasses.replace(HEADER, revision_number=None), "crisis_sheet")
    text = flat(" ".join(page_texts(pdf)))
    assert "Emergency: 911" in text and "call or text 988 (Suicide & Crisis Lifeline)" in text
