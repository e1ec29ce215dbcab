"""Crisis regions (R-SAFE-CRISIS, N03, rules 7.29 and 8)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from planner.engine import build_plan, crisis, parse_intake
from planner.engine.intake import IntakeError
from planner.engine.model import CrisisResources, Intake
from planner.engine.validator import NeverDoViolation, validate_plan

TODAY = dt.date(2026, 1, 5)
# An organisation's own region (not built in).
DE = {
    "region": "DE",
    "crisis_line_name": "TelefonSeelsorge",
    "crisis_line_contact": "call 0800 111 0 111",
    "emergency_number": "112",
    "emergency_department_hint": "go to your nearest emergency department",
}
# An organisation's entry for a built-in region: it replaces the built-in one whole.
GB = {
    "region": "GB",
    "crisis_line_name": "Samaritans",
    "crisis_line_contact": "call 116 123",
    "emergency_number": "999",
    "emergency_department_hint": "go to your nearest A&E",
}
BASE = {"age": 30, "primary_condition": "depression", "depression_severity": "moderate",
        "base_total_min": 20}
BUILT_IN = ("AU", "CA", "GB", "IE", "NZ", "US")


@pytest.fixture(autouse=True)
def _builtin_regions_only():
    crisis.reset_regions()
    yield
    crisis.reset_regions()


def test_us_is_built_in_with_988_and_911():
    us = crisis.resources_for("US")
    assert "988" in us.crisis_line_contact and "text" in us.crisis_line_contact
    assert us.emergency_number == "911"
    assert crisis.has_region("US") and crisis.has_region("us")


def test_the_six_regions_of_section_8_are_built_in_and_nothing_else():
    assert crisis.configured_regions() == BUILT_IN
    for region in ("DE", "FR", "ZZ", ""):
        assert not crisis.has_region(region)
        with pytest.raises(crisis.UnknownCrisisRegion, match="N03"):
            crisis.resources_for(region)


def test_an_intake_whose_region_has_no_entry_is_rejected():
    with pytest.raises(IntakeError) as err:
        parse_intake(dict(BASE, crisis_region="DE"))
    assert "crisis_region" in err.value.errors


def test_an_intake_object_with_an_unknown_region_cannot_become_a_plan():
    intake = dataclasses.replace(parse_intake(BASE), crisis_region="ZZ")
    with pytest.raises(LookupError, match="ZZ"):
        build_plan(intake, today=TODAY)


def test_validator_blocks_a_plan_for_a_region_without_resources():
    intake = parse_intake(BASE)
    plan = build_plan(intake, today=TODAY)
    with pytest.raises(NeverDoViolation) as err:
        validate_plan(plan, dataclasses.replace(intake, crisis_region="ZZ"))
    assert err.value.rule == "N03"


def test_configure_regions_from_a_file(tmp_path):
    path = tmp_path / "regions.json"
    path.write_text(json.dumps({"regions": [DE]}), encoding="utf-8")
    assert crisis.configure_regions(path) == ("AU", "CA", "DE", "GB", "IE", "NZ", "US")
    de = crisis.resources_for("de")
    assert (de.crisis_line_name, de.emergency_number) == ("TelefonSeelsorge", "112")
    crisis.check_region_configured("DE")
    # the intake is accepted now, and every client text carries the DE numbers, not 988
    plan = build_plan(parse_intake(dict(BASE, crisis_region="DE")), today=TODAY)
    assert plan.crisis_resources == de
    footer = plan.text("crisis_footer").all_text()
    assert "0800 111 0 111" in footer and "112" in footer and "TelefonSeelsorge" in footer
    assert "112" in plan.text("warning_symptoms").all_text()
    everything = "\n".join(b.all_text() for b in plan.texts + plan.documents)
    assert "988" not in everything and "911" not in everything


def test_an_organisation_entry_replaces_a_built_in_region_whole(tmp_path):
    path = tmp_path / "regions.json"
    local = dict(GB, crisis_line_contact="call 116 123 or email jo@samaritans.org",
                 source="Our clinic's crisis protocol, page 3", checked="2027-03-15")
    path.write_text(json.dumps([local]), encoding="utf-8")
    assert crisis.configure_regions(path) == BUILT_IN
    gb = crisis.resources_for("GB")
    assert gb == CrisisResources(**local)
    assert (gb.other_line, gb.crisis_line_note) == ("", "")  # nothing kept from the built-in
    assert crisis.checked_date(gb.checked) == dt.date(2027, 3, 15)
    plan = build_plan(parse_intake(dict(BASE, crisis_region="GB")), today=TODAY)
    footer = plan.text("crisis_footer").all_text()
    assert "call 116 123 or email jo@samaritans.org (Samaritans)" in footer
    assert "NHS 111" not in footer
    assert crisis.resources_for("IE").other_line == "text 50808"  # the others stay built in
    crisis.reset_regions()
    assert "NHS 111" in crisis.resources_for("GB").other_line


def test_configure_from_a_dict_keyed_by_region_and_from_environ(tmp_path):
    entry = {k: v for k, v in DE.items() if k != "region"}
    assert "DE" in crisis.configure_regions({"DE": entry})
    path = tmp_path / "r.json"
    path.write_text(json.dumps([dict(DE, region="AT", emergency_number="144")]))
    regions = crisis.configure_from_environ({crisis.REGIONS_FILE_ENV: str(path)})
    assert "AT" in regions and "DE" not in regions
    assert crisis.configure_from_environ({}) == BUILT_IN


@pytest.mark.parametrize("broken, message", [
    ({k: v for k, v in DE.items() if k != "emergency_number"}, "emergency_number is missing"),
    ({k: v for k, v in DE.items() if k != "crisis_line_name"}, "crisis_line_name is missing"),
    ({k: v for k, v in DE.items() if k != "crisis_line_contact"}, "crisis_line_contact is missing"),
    (dict(DE, crisis_line_contact="   "), "non-empty"),
    (dict(DE, emergency_number="emergency"), "number"),
    (dict(DE, crisis_line_contact="ring the TelefonSeelsorge"), "number"),
    (dict(DE, other_line="write to us"), "other_line must contain a number"),
    (dict(DE, checked="December 2026"), "checked must be a date"),
    (dict(DE, checked="2026-13"), "checked must be a date"),
    (dict(DE, source=""), "non-empty"),
    (dict(DE, region="Germany"), "code"),
    (dict(DE, extra="x"), "unknown keys"),
    (dict(DE, name="Germany"), "unknown keys"),
    (dict(DE, emergency_number=112), "non-empty string"),
])
def test_every_entry_is_checked_for_completeness(broken, message):
    with pytest.raises(crisis.CrisisConfigError, match=message):
        crisis.configure_regions({"regions": [broken]})
    assert crisis.configured_regions() == BUILT_IN  # a bad table changes nothing


def test_duplicates_bad_files_and_bad_shapes_are_refused(tmp_path):
    with pytest.raises(crisis.CrisisConfigError, match="twice"):
        crisis.configure_regions([DE, DE])
    with pytest.raises(crisis.CrisisConfigError, match="not found"):
        crisis.configure_regions(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(crisis.CrisisConfigError, match="could not be read"):
        crisis.configure_regions(bad)
    with pytest.raises(crisis.CrisisConfigError):
        crisis.configure_regions({"regions": "DE"})


def test_startup_check_names_the_missing_region():
    crisis.check_region_configured("US")
    crisis.check_region_configured("GB")
    with pytest.raises(crisis.CrisisConfigError, match="DE"):
        crisis.check_region_configured("DE")


def test_the_example_file_is_complete():
    from pathlib import Path

    example = Path(crisis.__file__).with_name("data") / "crisis_regions.example.json"
    table = crisis.load_regions_file(example)
    assert set(table) == {"GB", "CA-QC"}  # an override of a built-in region and an added one
    assert all(res.source and crisis.checked_date(res.checked) for res in table.values())


def test_us_texts_carry_988():
    plan = build_plan(parse_intake(BASE), today=TODAY)
    assert "988" in plan.text("crisis_footer").all_text()
    assert "911" in plan.text("warning_symptoms").all_text()
    sheet = next(d for d in plan.documents if d.key == "crisis_sheet")
    assert "988" in sheet.all_text() and "911" in sheet.all_text()


def test_us_crisis_stop_carries_988_and_no_exercise_content():
    plan = build_plan(parse_intake(dict(BASE, suicide_risk="active_with_plan_or_intent")),
                      today=TODAY)
    assert plan.hard_stop == "CRISIS" and plan.texts == () and plan.steps == ()
    sheet = next(d for d in plan.documents if d.key == "crisis_sheet")
    assert "call or text 988" in sheet.all_text().lower() and "911" in sheet.all_text()
    assert plan.to_dict()["crisis_resources"]["emergency_number"] == "911"


def test_risk_attestation_box_carries_988_first():
    plan = build_plan(parse_intake(dict(BASE, suicide_risk="passive_ideation")), today=TODAY)
    assert plan.texts[0].key == "crisis_box"
    assert "988" in plan.texts[0].all_text()


def test_intake_default_region_is_us():
    assert Intake(age=30, primary_condition="adhd", base_total_min=0).crisis_region == "US"
