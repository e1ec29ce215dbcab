"""The six built-in crisis regions of rules.md section 8 (issue 21, part 3; R-SAFE-CRISIS, N03).

The expected numbers are copied here from the section 8 table, not read from the code.
"""

from __future__ import annotations

import datetime as dt

import pytest

from planner.engine import build_plan, crisis, parse_intake
from planner.engine.model import CrisisResources, Plan

TODAY = dt.date(2026, 12, 7)
BASE = {"age": 30, "primary_condition": "depression", "depression_severity": "moderate",
        "base_total_min": 20}

# rules.md section 8, "Crisis regions (R-SAFE-CRISIS)", checked 2026-12:
# region: (crisis line name, how to contact it, note, other line, emergency number)
TABLE = {
    "US": ("Suicide & Crisis Lifeline", "call or text 988", "", "", "911"),
    "CA": ("Suicide Crisis Helpline", "call or text 9-8-8", "in English or French", "", "911"),
    "GB": ("Samaritans", "call 116 123", "free, 24/7",
           "call NHS 111 and choose option 2 (mental health, England)", "999"),
    "IE": ("Samaritans", "call 116 123", "free, 24/7", "text 50808", "112 or 999"),
    "AU": ("Lifeline", "call 13 11 14", "", "", "000"),
    "NZ": ("Need to talk?", "free call or text 1737", "", "call Lifeline on 0800 543 354", "111"),
}
# The numbers alone, as the table prints them.
NUMBERS = {
    "US": ("988", "911"), "CA": ("9-8-8", "911"), "GB": ("116 123", "111", "999"),
    "IE": ("116 123", "50808", "112", "999"), "AU": ("13 11 14", "000"),
    "NZ": ("1737", "0800 543 354", "111"),
}
SOURCES = {
    "US": "988lifeline.org", "CA": "988.ca", "GB": "samaritans.org", "IE": "samaritans.org",
    "AU": "lifeline.org.au", "NZ": "1737.org.nz",
}
NAMES = {"US": "United States", "CA": "Canada", "GB": "United Kingdom", "IE": "Ireland",
         "AU": "Australia", "NZ": "New Zealand"}
FOOTERS = {
    "US": "call or text 988 (Suicide & Crisis Lifeline), go to your nearest emergency department, "
          "or contact a mental health professional straight away. In an emergency, call 911.",
    "CA": "call or text 9-8-8 (Suicide Crisis Helpline, in English or French), go to your nearest "
          "emergency department, or contact a mental health professional straight away. In an "
          "emergency, call 911.",
    "GB": "call 116 123 (Samaritans, free, 24/7), call NHS 111 and choose option 2 (mental "
          "health, England), go to your nearest A&E, or contact a mental health professional "
          "straight away. In an emergency, call 999.",
    "IE": "call 116 123 (Samaritans, free, 24/7), text 50808, go to your nearest emergency "
          "department, or contact a mental health professional straight away. In an emergency, "
          "call 112 or 999.",
    "AU": "call 13 11 14 (Lifeline), go to your nearest hospital emergency department, or contact "
          "a mental health professional straight away. In an emergency, call 000.",
    "NZ": "free call or text 1737 (Need to talk?), call Lifeline on 0800 543 354, go to your "
          "nearest hospital emergency department, or contact a mental health professional "
          "straight away. In an emergency, call 111.",
}
OLD_SNAPSHOT_RESOURCES = {  # as stored before sources, notes and other lines existed
    "region": "US", "crisis_line_name": "Suicide & Crisis Lifeline",
    "crisis_line_contact": "call or text 988", "emergency_number": "911",
    "emergency_department_hint": "go to your nearest emergency department",
}


@pytest.fixture(autouse=True)
def _builtin_regions_only():
    crisis.reset_regions()
    yield
    crisis.reset_regions()


@pytest.mark.parametrize("region", sorted(TABLE))
def test_built_in_region_matches_the_section_8_table(region):
    res = crisis.resources_for(region)
    name, contact, note, other, emergency = TABLE[region]
    assert (res.region, res.crisis_line_name, res.crisis_line_contact, res.crisis_line_note,
            res.other_line, res.emergency_number) == (region, name, contact, note, other,
                                                       emergency)
    printed = " ".join((res.crisis_line_contact, res.other_line, res.emergency_number))
    for number in NUMBERS[region]:
        assert number in printed, number
    assert SOURCES[region] in res.source
    assert res.checked == "2026-12"
    assert crisis.region_name(region) == NAMES[region]


@pytest.mark.parametrize("region", sorted(TABLE))
def test_each_region_reads_naturally_in_the_footer_box_and_sheet(region):
    # build_plan runs the never-do validator (N03) on every plan: it passes for every region.
    risky = build_plan(parse_intake(dict(BASE, crisis_region=region,
                                         suicide_risk="passive_ideation")), today=TODAY)
    footer = risky.text("crisis_footer").all_text()
    assert footer.endswith("If you are in crisis or having thoughts of harming yourself: "
                           + FOOTERS[region])
    box = risky.texts[0]
    assert box.key == "crisis_box"
    _, contact, _, other, emergency = TABLE[region]
    assert box.bullets[0].startswith(contact[:1].upper() + contact[1:])
    assert (f"You can also {other}." in box.bullets) == bool(other)
    assert f"In an emergency, call {emergency}," in box.all_text()
    assert f"call {emergency} if you have any" in risky.text("warning_symptoms").all_text()

    stop = build_plan(parse_intake(dict(BASE, crisis_region=region,
                                        suicide_risk="active_with_plan_or_intent")), today=TODAY)
    sheet = next(d for d in stop.documents if d.key == "crisis_sheet")
    assert sheet.bullets[0] == box.bullets[0]
    assert f"In an emergency, call {emergency}." in sheet.bullets
    assert (f"You can also {other}." in sheet.bullets) == bool(other)


def test_a_note_that_says_24_7_is_not_followed_by_at_any_time():
    assert crisis.line_sentence(crisis.resources_for("GB")) == (
        "Call 116 123 (Samaritans, free, 24/7).")
    assert crisis.line_sentence(crisis.resources_for("AU")) == (
        "Call 13 11 14 (Lifeline), at any time.")


def test_an_old_snapshot_without_the_new_fields_reads_back_and_writes_out_unchanged():
    res = CrisisResources(**OLD_SNAPSHOT_RESOURCES)
    assert (res.crisis_line_note, res.other_line, res.source, res.checked) == ("", "", "", "")
    assert res.to_dict() == OLD_SNAPSHOT_RESOURCES
    stored = {"engine_version": "1.0", "hard_stop": "CRISIS", "steps": [],
              "crisis_resources": OLD_SNAPSHOT_RESOURCES}
    plan = Plan.from_dict(stored)
    assert plan.crisis_resources == res
    assert plan.to_dict()["crisis_resources"] == OLD_SNAPSHOT_RESOURCES
    # the phrase helpers read old snapshot dicts too (the PDF renderer uses them)
    assert crisis.help_options(OLD_SNAPSHOT_RESOURCES) == (
        "call or text 988 (Suicide & Crisis Lifeline)")


def test_a_new_snapshot_carries_the_source_and_check_date():
    plan = build_plan(parse_intake(dict(BASE, crisis_region="IE")), today=TODAY)
    stored = plan.to_dict()["crisis_resources"]
    assert stored["other_line"] == "text 50808" and stored["checked"] == "2026-12"
    assert "samaritans.org" in stored["source"]
    assert Plan.from_dict(plan.to_dict()).crisis_resources == plan.crisis_resources


# --- when the numbers were checked ---------------------------------------------------------------


def test_a_month_only_check_date_counts_from_the_first_of_the_month():
    assert crisis.checked_date("2026-12") == dt.date(2026, 12, 1)
    assert crisis.checked_date("2026-12-07") == dt.date(2026, 12, 7)
    for bad in ("", "2026", "2026-13", "2026-02-30", "Dec 2026"):
        assert crisis.checked_date(bad) is None, bad


def test_built_in_regions_are_fresh_today_and_stale_after_12_months():
    assert crisis.stale_regions(TODAY) == []
    assert crisis.stale_regions(dt.date(2027, 12, 1)) == []  # exactly 12 months: not over
    stale = crisis.stale_regions(dt.date(2027, 12, 2))
    assert [res.region for res, _ in stale] == list(sorted(TABLE))
    assert {when for _, when in stale} == {dt.date(2026, 12, 1)}


def test_an_organisation_region_without_a_check_date_is_stale():
    crisis.configure_regions([
        {"region": "DE", "crisis_line_name": "TelefonSeelsorge",
         "crisis_line_contact": "call 0800 111 0 111", "emergency_number": "112"},
        {"region": "AT", "crisis_line_name": "Telefonseelsorge",
         "crisis_line_contact": "call 142", "emergency_number": "144", "checked": "2026-11-30"},
    ])
    assert [(res.region, when) for res, when in crisis.stale_regions(TODAY)] == [("DE", None)]
    assert [res.region for res, _ in crisis.stale_regions(dt.date(2027, 12, 1))] == ["AT", "DE"]
    assert crisis.region_name("DE") == "DE"  # no known name: the code
