"""Intake validation (plan-json.md "Intake"; rules.md 2, 7.2, 7.17, 7.26, 7.27)."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.engine import Intake, IntakeError, parse_intake
from planner.engine.enums import Activity, ClearanceStatus, Condition, Severity, WalkingAbility

from .support import MINIMAL, case_files, load_case


def errors_of(**fields):
    data = dict(MINIMAL)
    data.update(fields)
    with pytest.raises(IntakeError) as info:
        parse_intake(data)
    return info.value.errors


def test_minimal_intake_takes_plan_json_defaults():
    got = parse_intake(MINIMAL)
    assert got == Intake(age=40, primary_condition=Condition.ADHD, base_total_min=0)
    assert got.suicide_risk == "none" and got.ed_history == "none"
    assert got.available_days == 5 and got.clearance_status is ClearanceStatus.NOT_REQUIRED
    assert got.walking_ability is WalkingAbility.INDEPENDENT
    assert got.base_vig_min == 0 and got.base_strength_days == 0
    assert got.wants_to_keep_vigorous is True and got.crisis_region == "US"
    assert got.barriers == () and got.regular_exerciser is False
    assert got.show_conditions_on_handout is False and got.plan_start_date is None


def test_values_are_converted_to_enums_tuples_dates_and_times():
    got = parse_intake({**MINIMAL, "primary_condition": "depression",
                        "depression_severity": "mild", "preferred_activities": ["walking"],
                        "plan_start_date": "2026-02-02", "usual_bedtime": "22:30"})
    assert got.depression_severity is Severity.MILD
    assert got.preferred_activities == (Activity.WALKING,)
    assert got.plan_start_date == dt.date(2026, 2, 2)
    assert got.usual_bedtime == dt.time(22, 30)


def test_null_counts_as_omitted():
    assert parse_intake({**MINIMAL, "available_days": None, "gad7_total": None}).available_days == 5


@pytest.mark.parametrize("missing", ["age", "primary_condition", "base_total_min"])
def test_required_fields(missing):
    data = {k: v for k, v in MINIMAL.items() if k != missing}
    with pytest.raises(IntakeError) as info:
        parse_intake(data)
    assert list(info.value.errors) == [missing]


def test_unknown_keys_are_errors_each_named():
    errs = errors_of(colour="blue", agee=40)
    assert set(errs) == {"colour", "agee"}


@pytest.mark.parametrize("field,value", [
    ("age", True), ("age", 40.0), ("age", "40"), ("available_days", 5.5),
    ("regular_exerciser", 1), ("regular_exerciser", "yes"), ("fear_of_falling", 0),
    ("primary_condition", "Depression"), ("primary_condition", 3),
    ("barriers", "fatigue"), ("barriers", ["fatigue", "tired"]), ("barriers", [1]),
    ("barriers", ["time", "time"]), ("plan_start_date", "2026-2-2"),
    ("plan_start_date", "2026-02-30"), ("plan_start_date", 20260202),
    ("usual_bedtime", "9:30"), ("usual_bedtime", "24:00"), ("usual_bedtime", "22:30:00"),
    ("crisis_region", "XX"), ("crisis_region", ""), ("crisis_region", 1),
])
def test_strict_types_and_values(field, value):
    assert field in errors_of(**{field: value})


@pytest.mark.parametrize("field,low,high", [
    ("age", 0, 110), ("base_total_min", 0, 1500), ("base_strength_days", 0, 7),
    ("phq9_total", 0, 27), ("gad7_total", 0, 21), ("stroke_months_since", 0, 600),
    ("falls_12m", 0, 100), ("available_days", 1, 7),
])
def test_ranges_of_rules_section_2(field, low, high):
    extra = {"phq9_item9": 0} if field == "phq9_total" else {}
    parse_intake({**MINIMAL, **extra, field: low})
    parse_intake({**MINIMAL, **extra, field: high})
    assert field in errors_of(**extra, **{field: low - 1})
    assert field in errors_of(**extra, **{field: high + 1})


def test_phq9_item9_range_and_dependency():
    assert "phq9_item9" in errors_of(phq9_total=10)
    assert "phq9_item9" in errors_of(phq9_total=10, phq9_item9=4)
    parse_intake({**MINIMAL, "phq9_total": 10, "phq9_item9": 3})
    parse_intake({**MINIMAL, "phq9_item9": 1})  # item 9 alone is allowed (it opens the gate)


def test_vigorous_minutes_cannot_exceed_total():
    assert "base_vig_min" in errors_of(base_total_min=30, base_vig_min=40)
    parse_intake({**MINIMAL, "base_total_min": 40, "base_vig_min": 40})


def test_secondary_conditions_rules():
    assert "secondary_conditions" in errors_of(secondary_conditions=["adhd"])  # the primary
    assert "secondary_conditions" in errors_of(
        secondary_conditions=["ptsd", "healthy_ageing", "stroke_rehab", "sarcopenia_risk"])
    assert "secondary_conditions" in errors_of(secondary_conditions=["ptsd", "ptsd"])
    parse_intake({**MINIMAL, "secondary_conditions": ["ptsd", "healthy_ageing", "stroke_rehab"]})


@pytest.mark.parametrize("condition,field", [
    ("depression", "depression_severity"), ("anxiety", "anxiety_severity"),
    ("bipolar", "bipolar_state"), ("psychotic_disorder", "psychosis_state"),
])
def test_severity_or_state_required_when_condition_present(condition, field):
    assert field in errors_of(primary_condition=condition)
    assert field in errors_of(secondary_conditions=[condition])


@pytest.mark.parametrize("fields,expected", [
    # a bad secondary list must not hide the severity/state of the valid conditions around it
    ({"primary_condition": "depression", "secondary_conditions": ["bipolar", "bogus"]},
     {"secondary_conditions", "depression_severity", "bipolar_state"}),
    # a bogus primary must not hide a valid secondary's state
    ({"primary_condition": "bogus", "secondary_conditions": ["bipolar"]},
     {"primary_condition", "bipolar_state"}),
    # a missing primary must not hide a valid secondary's severity
    ({"primary_condition": None, "secondary_conditions": ["anxiety"]},
     {"primary_condition", "anxiety_severity"}),
    # a secondary list with too many entries still names each condition's missing field
    ({"primary_condition": "depression",
      "secondary_conditions": ["anxiety", "ptsd", "healthy_ageing", "psychotic_disorder"]},
     {"secondary_conditions", "depression_severity", "anxiety_severity", "psychosis_state"}),
])
def test_each_valid_condition_is_checked_even_when_the_condition_fields_are_bad(fields, expected):
    assert set(errors_of(**fields)) == expected


def test_a_state_is_not_called_out_of_place_while_the_conditions_are_unknown():
    # "Bipolar" (mis-cased) may well be meant as bipolar: only the primary is named
    errs = errors_of(primary_condition="Bipolar", bipolar_state="euthymic")
    assert set(errs) == {"primary_condition"}
    # ... but with the conditions all valid, a state without its condition is still refused
    assert "bipolar_state" in errors_of(secondary_conditions=["ptsd"], bipolar_state="euthymic")


@pytest.mark.parametrize("field,value", [("bipolar_state", "euthymic"),
                                         ("psychosis_state", "stable_community")])
def test_state_without_its_condition_is_an_error_7_17(field, value):
    assert field in errors_of(**{field: value})


def test_scores_and_severity_of_absent_condition_are_accepted_and_ignored_7_22():
    parse_intake({**MINIMAL, "gad7_total": 20, "anxiety_severity": "severe"})


def test_restrictions_only_with_clearance_obtained_7_2():
    for status in ("not_required", "pending"):
        errs = errors_of(clearance_status=status, clearance_max_minutes=100,
                         clearance_max_intensity="light")
        assert {"clearance_max_minutes", "clearance_max_intensity"} <= set(errs)
    assert "clearance_max_minutes" in errors_of(clearance_max_minutes=100)
    parse_intake({**MINIMAL, "clearance_status": "obtained", "clearance_max_minutes": 100,
                  "clearance_max_intensity": "light"})


@pytest.mark.parametrize("value", [5, 305, 102, 99])
def test_clearance_limit_is_a_multiple_of_5_from_10_to_300(value):
    assert "clearance_max_minutes" in errors_of(clearance_status="obtained",
                                                clearance_max_minutes=value)


def test_the_clearance_limit_range_comes_from_the_constants_module():
    """10-300 is the gentlest floor to the weekly cap: tuning constants.py moves it too."""
    import subprocess
    import sys

    from .support import REPO

    script = (
        "import importlib\n"
        "from planner.engine import constants as K, intake\n"
        "K.WM_CAP, K.FLOOR_GENTLE = 250, 15\n"
        "intake = importlib.reload(intake)  # the field table is built at import\n"
        "IntakeError, parse_intake = intake.IntakeError, intake.parse_intake\n"
        "base = {'age': 40, 'primary_condition': 'adhd', 'base_total_min': 0,\n"
        "        'clearance_status': 'obtained'}\n"
        "for minutes in (10, 255, 15, 250):\n"
        "    try:\n"
        "        parse_intake({**base, 'clearance_max_minutes': minutes})\n"
        "        print(minutes, 'ok')\n"
        "    except IntakeError as e:\n"
        "        print(minutes, e.errors['clearance_max_minutes'][0])\n"
    )
    run = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        "10 must be from 15 to 250 (got 10)", "255 must be from 15 to 250 (got 255)",
        "15 ok", "250 ok"]


def test_pregnancy_is_a_boolean_7_27():
    assert "pregnant_or_postpartum_6m" in errors_of(pregnant_or_postpartum_6m="not applicable")
    assert parse_intake({**MINIMAL, "pregnant_or_postpartum_6m": False})


def test_every_error_is_reported_at_once_each_naming_its_field():
    with pytest.raises(IntakeError) as info:
        parse_intake({"age": 200, "primary_condition": "depression", "available_days": 0,
                      "barriers": ["nope"], "shoe_size": 9, "phq9_total": 12,
                      "clearance_max_intensity": "light"})
    errs = info.value.errors
    assert set(errs) == {"age", "base_total_min", "available_days", "barriers", "shoe_size",
                         "depression_severity", "phq9_item9", "clearance_max_intensity"}
    lines = info.value.lines()
    assert all(line.split(":", 1)[0] in errs for line in lines) and len(lines) >= len(errs)


@pytest.mark.parametrize("data", [None, [], "age", 3])
def test_non_object_intake(data):
    with pytest.raises(IntakeError) as info:
        parse_intake(data)
    assert list(info.value.errors) == ["intake"]


@pytest.mark.parametrize("path", case_files(), ids=lambda p: p.stem)
def test_every_case_intake_is_valid_and_round_trips(path):
    got = parse_intake(load_case(path)["intake"])
    assert parse_intake(got.to_dict()) == got
