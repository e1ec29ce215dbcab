"""The command line of plan-json.md: python -m planner.engine INTAKE.json | -"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from planner.engine import crisis
from planner.engine.__main__ import main

from .support import MINIMAL, REPO, TODAY

MINOR = {"age": 16, "primary_condition": "adhd", "base_total_min": 30}
ADULT = {"age": 29, "primary_condition": "depression", "depression_severity": "mild",
         "phq9_total": 8, "phq9_item9": 0, "base_total_min": 0}


def run(text: str, *args: str):
    """The real command, intake on stdin unless a path is given."""
    argv = list(args) or ["-"]
    return subprocess.run([sys.executable, "-m", "planner.engine", *argv], input=text,
                          capture_output=True, text=True, cwd=REPO, timeout=60)


def call(text: str):
    out, err = io.StringIO(), io.StringIO()
    code = main(["-"], stdin=io.StringIO(text), stdout=out, stderr=err, today=TODAY)
    return code, out.getvalue(), err.getvalue()


def test_good_intake_exits_0_with_json_on_stdout():
    result = run(json.dumps(MINOR))
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["hard_stop"] == "OUT_OF_SCOPE_MINOR" and plan["steps"] == []
    assert result.stderr == ""


def test_good_intake_with_a_plan_exits_0(tmp_path):
    path = tmp_path / "intake.json"
    path.write_text(json.dumps({**ADULT, "plan_start_date": "2026-03-02"}))
    result = run("", str(path))
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["mode"] == "BUILD" and plan["start_date"] == "2026-03-02"
    assert plan["review_weeks"][0] == {"week": 4, "date": "2026-03-23"}


def test_intake_from_a_file_path(tmp_path):
    path = tmp_path / "intake.json"
    path.write_text(json.dumps(MINOR))
    result = run("", str(path))
    assert result.returncode == 0 and json.loads(result.stdout)["hard_stop"]


def test_case_file_wrapper_is_accepted():
    code, out, _ = call(json.dumps({"intake": MINOR, "expected": {"hard_stop": "X"}}))
    assert code == 0 and json.loads(out)["hard_stop"] == "OUT_OF_SCOPE_MINOR"


def test_malformed_json_exits_2_naming_the_intake():
    result = run('{"age": 40,')
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("intake: malformed JSON")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("text", ["", "[1, 2]", '"age"', '{"age": NaN}'])
def test_not_an_intake_object_exits_2(text):
    code, out, err = call(text)
    assert code == 2 and out == "" and err.strip()


def test_unknown_key_exits_2_naming_it():
    code, out, err = call(json.dumps({**MINIMAL, "favourite_colour": "blue"}))
    assert code == 2 and out == ""
    assert err.splitlines() == ["favourite_colour: unknown field"]


def test_duplicate_key_exits_2_naming_it():
    code, out, err = call('{"age": 40, "age": 41, "primary_condition": "adhd", '
                          '"base_total_min": 0}')
    assert code == 2 and err.startswith("age:")


def test_out_of_range_value_exits_2_naming_it():
    code, out, err = call(json.dumps({**MINIMAL, "available_days": 9}))
    assert code == 2 and out == ""
    assert err.startswith("available_days: ")


def test_missing_condition_dependent_field_exits_2_naming_it():
    result = run(json.dumps({"age": 40, "primary_condition": "bipolar", "base_total_min": 0}))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("bipolar_state: ")


def test_every_bad_field_on_its_own_line():
    result = run(json.dumps({"age": -1, "primary_condition": "anxiety", "base_total_min": 0,
                             "barriers": ["nope"], "extra": 1}))
    assert result.returncode == 2 and result.stdout == ""
    fields = [line.split(":", 1)[0] for line in result.stderr.splitlines()]
    assert fields == ["age", "anxiety_severity", "barriers", "extra"]


def test_bad_condition_fields_do_not_hide_the_fields_each_valid_condition_needs():
    result = run(json.dumps({"age": 40, "primary_condition": "depression", "base_total_min": 0,
                             "secondary_conditions": ["bipolar", "bogus"]}))
    assert result.returncode == 2 and result.stdout == ""
    fields = [line.split(":", 1)[0] for line in result.stderr.splitlines()]
    assert fields == ["bipolar_state", "depression_severity", "secondary_conditions"]


def test_usage_errors_exit_2(tmp_path):
    result = subprocess.run([sys.executable, "-m", "planner.engine"], capture_output=True,
                            text=True, cwd=REPO, timeout=60)
    assert result.returncode == 2 and "usage" in result.stderr
    missing = run("", str(tmp_path / "nope.json"))
    assert missing.returncode == 2 and missing.stderr.startswith("intake: cannot read")


# --- crisis regions from the environment (docs/texts.md, "Crisis regions") ----------------------

GB_REGION = {"region": "GB", "crisis_line_name": "Samaritans",
             "crisis_line_contact": "call 116 123", "emergency_number": "999",
             "emergency_department_hint": "go to your nearest A&E"}


def run_with_environ(text: str, extra: dict[str, str]):
    env = {k: v for k, v in os.environ.items() if k != "PLANNER_CRISIS_REGIONS_FILE"}
    return subprocess.run([sys.executable, "-m", "planner.engine", "-"], input=text,
                          capture_output=True, text=True, cwd=REPO, timeout=60,
                          env={**env, **extra})


def test_the_program_reads_the_crisis_regions_named_by_the_environment(tmp_path):
    regions = tmp_path / "regions.json"
    regions.write_text(json.dumps({"regions": [GB_REGION]}), encoding="utf-8")
    intake = json.dumps({**ADULT, "crisis_region": "GB"})
    result = run_with_environ(intake, {"PLANNER_CRISIS_REGIONS_FILE": str(regions)})
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["crisis_resources"]["emergency_number"] == "999"
    footer = next(b for b in plan["texts"] if b["key"] == "crisis_footer")
    assert "call 116 123" in footer["paragraphs"][0] and "988" not in footer["paragraphs"][0]


def test_without_a_region_file_only_the_built_in_regions_exist(tmp_path):
    result = run_with_environ(json.dumps({**ADULT, "crisis_region": "DE"}), {})
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("crisis_region: ")
    built_in = run_with_environ(json.dumps({**ADULT, "crisis_region": "NZ"}), {})
    assert built_in.returncode == 0, built_in.stderr
    assert json.loads(built_in.stdout)["crisis_resources"]["emergency_number"] == "111"


def test_an_incomplete_region_file_stops_the_program_before_any_plan(tmp_path):
    regions = tmp_path / "regions.json"
    broken = {k: v for k, v in GB_REGION.items() if k != "emergency_number"}
    regions.write_text(json.dumps({"regions": [broken]}), encoding="utf-8")
    result = run_with_environ(json.dumps(ADULT), {"PLANNER_CRISIS_REGIONS_FILE": str(regions)})
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("crisis regions: ")
    assert "emergency_number is missing" in result.stderr and "Traceback" not in result.stderr


def test_main_configures_regions_only_when_given_an_environ(tmp_path):
    regions = tmp_path / "regions.json"
    regions.write_text(json.dumps([dict(GB_REGION, region="DE")]), encoding="utf-8")
    intake = json.dumps({**ADULT, "crisis_region": "DE"})
    out, err = io.StringIO(), io.StringIO()
    try:
        code = main(["-"], stdin=io.StringIO(intake), stdout=out, stderr=err, today=TODAY,
                    environ={"PLANNER_CRISIS_REGIONS_FILE": str(regions)})
        assert code == 0, err.getvalue()
        assert json.loads(out.getvalue())["crisis_resources"]["region"] == "DE"
        # without environ the table stays as configured (no reset behind the caller's back)
        assert call(intake)[0] == 0
    finally:
        crisis.reset_regions()
    assert call(intake)[0] == 2
