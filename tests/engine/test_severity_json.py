"""Issue 22 item 3 (rules 8.20, plan-json.md `severity`): the severity as used, per scored
condition, with the score band the instrument names, at every band boundary."""

from __future__ import annotations

import io
import json

import pytest

from planner.engine.__main__ import main
from planner.engine.model import Plan

from .support import TODAY, numbers

# (score, band as PHQ-9 names it, severity used with a "mild" rating)
PHQ9 = [(4, "minimal", "mild"), (5, "mild", "mild"), (9, "mild", "mild"),
        (10, "moderate", "moderate"), (14, "moderate", "moderate"),
        (15, "moderately_severe", "severe"), (19, "moderately_severe", "severe"),
        (20, "severe", "severe"), (27, "severe", "severe")]
GAD7 = [(4, "minimal", "mild"), (5, "mild", "mild"), (9, "mild", "mild"),
        (10, "moderate", "moderate"), (14, "moderate", "moderate"),
        (15, "severe", "severe"), (21, "severe", "severe")]


def cli_plan(intake: dict) -> dict:
    out, err = io.StringIO(), io.StringIO()
    code = main(["-"], stdin=io.StringIO(json.dumps(intake)), stdout=out, stderr=err,
                today=TODAY)
    assert code == 0, err.getvalue()
    return json.loads(out.getvalue())


@pytest.mark.parametrize(("score", "band", "used"), PHQ9)
def test_phq9_band_boundaries_in_the_cli_json(score, band, used):
    plan = cli_plan({"age": 40, "primary_condition": "depression", "base_total_min": 0,
                     "depression_severity": "mild", "phq9_total": score, "phq9_item9": 0})
    assert plan["severity"] == {"depression": {"used": used, "clinician": "mild",
                                               "score": score, "score_band": band}}


@pytest.mark.parametrize(("score", "band", "used"), GAD7)
def test_gad7_band_boundaries_in_the_cli_json(score, band, used):
    plan = cli_plan({"age": 40, "primary_condition": "anxiety", "base_total_min": 0,
                     "anxiety_severity": "mild", "gad7_total": score})
    assert plan["severity"] == {"anxiety": {"used": used, "clinician": "mild",
                                            "score": score, "score_band": band}}


def test_the_issue_example_phq9_15_rated_moderate():
    plan = cli_plan({"age": 40, "primary_condition": "depression", "base_total_min": 0,
                     "depression_severity": "moderate", "phq9_total": 15, "phq9_item9": 0})
    assert plan["severity"] == {"depression": {"used": "severe", "clinician": "moderate",
                                               "score": 15,
                                               "score_band": "moderately_severe"}}
    assert plan["target_minutes"] == 90


def test_a_rating_above_the_score_is_kept_and_no_score_gives_null():
    plan = numbers(primary_condition="depression", depression_severity="severe",
                   secondary_conditions=["anxiety"], anxiety_severity="moderate")
    assert plan.severity == {
        "depression": {"used": "severe", "clinician": "severe", "score": None,
                       "score_band": None},
        "anxiety": {"used": "moderate", "clinician": "moderate", "score": None,
                    "score_band": None}}


def test_no_scored_condition_no_entry_and_a_score_without_the_condition_is_ignored():
    assert numbers(gad7_total=18).severity == {}


def test_severity_survives_a_saved_snapshot():
    plan = numbers(primary_condition="depression", depression_severity="mild",
                   phq9_total=17, phq9_item9=0)
    again = Plan.from_dict(json.loads(json.dumps(plan.to_dict())))
    assert again.severity == plan.severity
    assert again.severity["depression"]["score_band"] == "moderately_severe"
