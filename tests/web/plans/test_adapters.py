"""Converters: Intake rows and form answers <-> the canonical intake dict; snapshots -> pages."""

import dataclasses
import datetime as dt

import pytest

from planner import adapters
from planner.models import PlanRevision
from planner.presenters import plan as plan_presenter
from tests.support.factories import ClientFactory, IntakeFactory

pytestmark = pytest.mark.django_db


def test_a_saved_intake_becomes_the_canonical_dict_without_unasked_questions():
    intake = IntakeFactory(plan_start_date=dt.date(2026, 2, 2), usual_bedtime=dt.time(22, 30))
    data = adapters.intake_to_engine_dict(intake)
    assert data["age"] == 29 and data["primary_condition"] == "depression"
    assert data["plan_start_date"] == "2026-02-02" and data["usual_bedtime"] == "22:30"
    assert data["crisis_region"] == "US" and data["show_conditions_on_handout"] is False
    assert data["barriers"] == ["low_motivation", "time"] and data["symptoms"] == []
    # Not asked (null / ""): left out, so the engine applies plan-json.md's default.
    for absent in ("bp_uncontrolled", "anxiety_severity", "wants_to_keep_vigorous",
                   "clearance_max_minutes", "social_preference", "stroke_months_since"):
        assert absent not in data
    # Only engine keys: form-only records (who cleared, notes, dates) never reach the engine.
    assert set(data) <= set(adapters.ENGINE_INTAKE_KEYS)
    assert "assessed_date" not in data and "notes" not in data


def test_the_canonical_dict_parses_in_the_engine():
    intake = adapters.parse_intake(adapters.intake_to_engine_dict(IntakeFactory()))
    assert intake.age == 29 and intake.base_total_min == 0


def test_form_answers_take_the_region_and_consent_from_the_client():
    client = ClientFactory(show_conditions_on_handout=True)
    data = adapters.form_to_engine_dict(
        {"age": 40, "primary_condition": "adhd", "base_total_min": 0, "notes": "x"}, client=client
    )
    assert data == {
        "age": 40,
        "primary_condition": "adhd",
        "base_total_min": 0,
        "crisis_region": "US",
        "show_conditions_on_handout": True,
    }


def test_engine_errors_map_to_form_fields_or_to_the_form():
    mapped = adapters.engine_errors_to_form(
        {"age": ["is required"], "crisis_region": ["no crisis resources"]}, ["age", "notes"]
    )
    # In the clinician's words (planner/engine_messages.py): no key of the engine's intake.
    assert mapped == {
        "age": ["Answer this question."],
        adapters.NON_FIELD: ["Crisis region: no crisis resources."],
    }


SNAPSHOT = {
    "engine_version": "1.1.0",
    "hard_stop": None,
    "mode": "BUILD",
    "baseline_minutes": 0,
    "target_minutes": 150,
    "start_minutes": 30,
    "wording": "STANDALONE_FOR_SOME",
    "gates": ["RISK_ATTESTATION"],
    "flags": [],
    "clearance_reasons": [],
    "steps": [
        {"step": 1, "weekly_minutes": 30, "sessions": 3, "minutes_per_session": 10,
         "mind_body_sessions": 1, "aerobic_minutes": 20, "intensity": "light_to_moderate",
         "strength_sessions": 0, "consolidation": False},
    ],
    "review_weeks": [{"week": 4, "date": "2026-02-02"}, {"week": 8, "date": "2026-03-02"}],
    "start_date": "2026-01-05",
    "why": {"target_minutes": ["R-DOSE-1", "E01"], "gates.RISK_ATTESTATION": ["R-SAFE-CRISIS"],
            "steps.intensity": ["R-INT-2"]},
    "texts": [{"key": "barrier_time", "title": "Short on time", "paragraphs": ["p"],
               "bullets": []},
              {"key": "crisis_footer", "title": "", "paragraphs": ["988"], "bullets": []}],
    "clinician_notes": [],
    "documents": [],
}


def test_plan_view_labels_numbers_and_cites_the_evidence():
    view = plan_presenter.plan_view(adapters.saved_plan(SNAPSHOT))
    target = next(item for item in view.summary if item.key == "target_minutes")
    assert target.value == 150
    assert [r.id for r in target.why.reasons] == ["R-DOSE-1", "E01"]
    e01 = target.why.reasons[1]
    assert e01.kind == "seed" and "150 minutes per week" in e01.quote
    # the publication, not the research file's name (issue 22 item 2)
    assert e01.source.startswith('"How Exercise Changes the Brain", MoodSpan')
    assert ".txt" not in e01.source
    assert target.why.plain == ("Target 150 minutes a week of moderate activity: the dose the "
                                "evidence and the WHO guidelines recommend.")
    assert view.gates[0].code == "RISK_ATTESTATION" and view.gates[0].why is not None
    step = view.steps[0]
    assert step.mind_body_minutes == 10 and step.aerobic_minutes == 20
    assert [b.key for b in view.barrier_tips] == ["barrier_time"]
    assert [b.key for b in view.texts] == ["crisis_footer"]
    assert view.start_date == dt.date(2026, 1, 5)
    assert [w.key for w in view.step_whys] == ["steps.intensity"]
    assert "<svg" in view.chart_svg


def test_plan_view_finds_a_why_by_its_key():
    view = plan_presenter.plan_view(adapters.saved_plan(SNAPSHOT))
    target = next(item for item in view.summary if item.key == "target_minutes")
    assert view.why_of["target_minutes"] is target.why
    assert set(view.why_of) == set(SNAPSHOT["why"]) and "review_weeks" not in view.why_of


def test_plan_view_without_whys_is_the_same_view_less_the_reasons():
    full = plan_presenter.plan_view(adapters.saved_plan(SNAPSHOT))
    lean = plan_presenter.plan_view(adapters.saved_plan(SNAPSHOT), with_whys=False)
    assert lean.whys == lean.step_whys == () and lean.why_of == {}

    def no_why(items):
        return tuple(dataclasses.replace(item, why=None) for item in items)

    assert lean == dataclasses.replace(
        full, whys=(), step_whys=(), summary=no_why(full.summary), gates=no_why(full.gates),
        flags=no_why(full.flags), clearance_reasons=no_why(full.clearance_reasons),
    )


def test_plan_view_of_a_hard_stop_has_no_steps_or_summary():
    view = plan_presenter.plan_view(adapters.saved_plan(
        {"engine_version": "1.1.0", "hard_stop": "CRISIS", "steps": [],
         "crisis_resources": {"region": "US", "crisis_line_name": "988",
                              "crisis_line_contact": "call or text 988",
                              "emergency_number": "911",
                              "emergency_department_hint": "go"}}
    ))
    assert view.is_crisis and view.summary == () and view.steps == () and view.chart_svg == ""
    assert view.crisis_resources.emergency_number == "911"


def test_the_next_review_is_the_first_review_date_on_or_after_a_day():
    plan = adapters.saved_plan(SNAPSHOT)
    assert adapters.next_review_date(plan, on_or_after=dt.date(2026, 1, 5)) == dt.date(2026, 2, 2)
    assert adapters.next_review_date(plan, on_or_after=dt.date(2026, 2, 3)) == dt.date(2026, 3, 2)
    assert adapters.next_review_date(plan, on_or_after=dt.date(2027, 1, 1)) is None


def test_a_saved_snapshot_is_read_back_as_the_plan_it_was_made_from():
    plan = adapters.intake_plan(IntakeFactory(), today=dt.date(2026, 1, 5))
    assert adapters.saved_plan(plan.to_dict()) == plan
    revision = PlanRevision(snapshot=plan.to_dict())
    assert revision.saved_plan == plan
    assert revision.saved_plan is revision.saved_plan  # read once per revision object
    with pytest.raises(adapters.SnapshotUnreadable):
        adapters.saved_plan({"engine_version": "1.1.0", "mode": "NOT_A_MODE"})
