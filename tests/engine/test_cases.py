"""The acceptance cases of ../shared/spec/cases, compared as plan-json.md says."""

from __future__ import annotations

import io
import json

import pytest

from planner.engine import build_plan, parse_intake
from planner.engine.__main__ import main
from planner.engine.run import compute_plan

from .support import CASES_DIR, IN_CI, TODAY, case_files, compare, load_case

EXPECTED_CASES = {f"C{n:02d}" for n in range(1, 26)} | {f"G{n}" for n in range(1, 6)}
CASES = case_files()


def test_case_folder_holds_all_30_cases():
    if not CASES_DIR.is_dir() or not CASES:
        if IN_CI:
            pytest.fail(f"no acceptance cases in {CASES_DIR}")
        pytest.skip(f"no acceptance cases in {CASES_DIR}")
    assert {p.stem for p in CASES} == EXPECTED_CASES
    assert len(CASES) == 30


def test_compare_detects_differences():
    expected = {"mode": "BUILD", "flags": ["A", "B"],
                "steps": [{"step": 1, "weekly_minutes": 30}]}
    assert compare(expected, {"mode": "BUILD", "flags": ["B", "A"],
                              "steps": [{"step": 1, "weekly_minutes": 30, "extra": 1}]}) == []
    assert compare(expected, {"mode": "MAINTAIN", "flags": ["A"],
                              "steps": [{"step": 1, "weekly_minutes": 35}, {}]})
    assert compare({"steps": [{"step": 1}]}, {"steps": []})
    assert compare({"hard_stop": None}, {})


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case_numbers(path):
    case = load_case(path)
    plan = compute_plan(parse_intake(case["intake"]), start_date=TODAY)
    assert compare(case["expected"], plan.to_dict()) == []


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case_through_build_plan_and_cli(path):
    case = load_case(path)
    plan = build_plan(parse_intake(case["intake"]), today=TODAY)
    assert compare(case["expected"], plan.to_dict()) == []
    out, err = io.StringIO(), io.StringIO()
    assert main([str(path)], stdout=out, stderr=err, today=TODAY) == 0, err.getvalue()
    assert compare(case["expected"], json.loads(out.getvalue())) == []
    assert err.getvalue() == ""


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_plan_from_dict_inverts_to_dict(path):
    from planner.engine import Plan, hold

    intake = parse_intake(load_case(path)["intake"])
    plan = build_plan(intake, today=TODAY)
    assert Plan.from_dict(plan.to_dict()) == plan
    assert Plan.from_dict(json.loads(json.dumps(plan.to_dict()))) == plan
    if plan.steps:
        held = hold(plan, at_step=2, intake=intake)
        assert Plan.from_dict(held.to_dict()) == held


def test_a_saved_row_without_its_calendar_week_reads_as_week_equals_step():
    from planner.engine import Plan

    step = {"step": 3, "weekly_minutes": 50, "sessions": 3, "minutes_per_session": 17,
            "mind_body_sessions": 0, "aerobic_minutes": 50, "intensity": "moderate",
            "strength_sessions": 1, "consolidation": False}
    plan = Plan.from_dict({"engine_version": "1.0.0", "steps": [step]})
    assert plan.steps[0].week == 3
    assert Plan.from_dict({"engine_version": "1.2.0", "steps": [{**step, "week": 4}]}
                          ).steps[0].week == 4
