"""
Every public case of ../shared/spec/cases through the web: assessment form -> preview -> save.

The saved revision's snapshot is compared with the case file's `expected` (not with a fresh
engine call), as plan-json.md says: each listed key equal; gates, flags and clearance_reasons
as sets; steps element by element on the keys each expected step lists.

The case files have no current treatments, screening date or current activities; the flow
answers them as tests/support/assessment_data.clinician_only_answers says (treatments the case
implies, screened at the assessment, current activities = preferences when active) and checks
they are stored, while the plan still equals the case's.
"""

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from django.urls import reverse

from planner.models import Intake, PlanRevision
from tests.support.assessment_data import clinician_only_answers, post_data
from tests.support.factories import ClientFactory

CASES_DIR = Path(__file__).resolve().parents[4] / "shared" / "spec" / "cases"
CASES = sorted(CASES_DIR.glob("*.json")) if CASES_DIR.is_dir() else []
SET_KEYS = ("gates", "flags", "clearance_reasons")

if not CASES and os.environ.get("CI", "").lower() == "true":
    raise RuntimeError(f"CI: the public cases are missing ({CASES_DIR})")

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not CASES, reason=f"no public cases at {CASES_DIR}"),
]


def assert_matches(snapshot: dict, expected: dict, case: str) -> None:
    for key, want in expected.items():
        # a key the case lists must be in the snapshot, also when its expected value is null
        assert key in snapshot, (case, "missing key", key)
        got = snapshot[key]
        if key in SET_KEYS:
            assert set(got) == set(want), (case, key, got, want)
        elif key == "steps":
            assert len(got) == len(want), (case, "number of steps", len(got), len(want))
            for got_step, want_step in zip(got, want, strict=True):
                for step_key, value in want_step.items():
                    assert got_step[step_key] == value, (case, want_step["step"], step_key)
        else:
            assert got == want, (case, key, got, want)


def test_a_missing_key_fails_the_comparison_even_when_null_is_expected():
    with pytest.raises(AssertionError, match="missing key"):
        assert_matches({"mode": "BUILD"}, {"mode": "BUILD", "hard_stop": None}, "planted")
    with pytest.raises(AssertionError):
        assert_matches({"hard_stop": "CRISIS"}, {"hard_stop": None}, "planted")
    assert_matches({"mode": "BUILD", "hard_stop": None}, {"hard_stop": None}, "planted")


@pytest.mark.parametrize("case_file", CASES, ids=[p.stem for p in CASES])
def test_the_web_flow_saves_the_expected_plan(client_logged_in, clinician, case_file):
    case = json.loads(case_file.read_text(encoding="utf-8"))
    record = ClientFactory(owner=clinician, display_name=case_file.stem)

    response = client_logged_in.post(
        reverse("planner:intake_create", args=[record.pk]), post_data(case["intake"])
    )
    assert response.status_code == 302, response.context["form"].errors
    intake = Intake.objects.get(client=record)
    clinician_only = clinician_only_answers(case["intake"], dt.date.today())
    assert intake.current_treatments == clinician_only["current_treatments"]
    assert intake.screening_date.isoformat() == clinician_only["screening_date"]
    assert intake.current_activities == clinician_only["current_activities"]
    preview = client_logged_in.get(response.headers["Location"])
    assert preview.status_code == 200

    response = client_logged_in.post(
        reverse("planner:plan_revision_create", args=[intake.pk]),
        {"base_revision": 0, "reason": ""},
    )
    assert response.status_code == 302
    revision = PlanRevision.objects.get(plan__client=record)
    assert revision.number == 1 and revision.intake == intake
    assert_matches(revision.snapshot, case["expected"], case_file.stem)
    if case["expected"].get("hard_stop"):
        assert revision.steps == () and revision.hard_stop == case["expected"]["hard_stop"]
