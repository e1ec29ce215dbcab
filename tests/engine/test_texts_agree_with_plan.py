"""Each text a clinical reviewer found contradicting the plan (rules 8), rendered from its intake
and checked for the corrected content. Every phrase is written out here."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from planner.engine import build_plan, parse_intake

from .support import CASES_DIR

TODAY = dt.date(2026, 1, 5)


def case(name: str, **extra) -> dict:
    path = CASES_DIR / f"{name}.json"
    if not path.is_file():
        pytest.skip("../shared/spec/cases is not available")
    return {**json.loads(path.read_text(encoding="utf-8"))["intake"], **extra}


def plan_of(data: dict):
    return build_plan(parse_intake(data), today=TODAY)


def read(plan) -> str:
    """All the client reads in the handout, lower case."""
    return "\n".join(b.all_text() for b in plan.texts).lower()


def block(plan, key: str) -> str:
    found = plan.text(key)
    assert found is not None, f"{key} missing"
    return found.all_text().lower()


def test_light_effort_only_binds_strength_activities_and_the_glance():
    plan = plan_of(case("C22", preferred_activities=["running", "walking"]))
    assert {str(s.intensity) for s in plan.steps} == {"light"}
    text = read(plan)
    for harder in ("somewhat hard", "5 to 6", "running", "jogging", "brisk", "sport"):
        assert harder not in text, harder
    assert "your main activity: walking at an easy pace." in text
    assert "you could do many more repetitions" in block(plan, "strength_guide")
    assert "3 to 4 out of 10" in block(plan, "strength_guide")
    glance = plan.text("at_a_glance").paragraphs[0].lower()
    assert glance.startswith("the doctor or health professional who checked you has advised")
    assert "easy effort only" in glance
    guide = plan.text("intensity_guide")
    assert len(guide.bullets) == 1 and guide.bullets[0].startswith("Easy:")


def test_a_current_eating_disorder_with_mild_low_mood_reads_no_push_and_no_standalone():
    plan = plan_of({"age": 23, "primary_condition": "depression", "depression_severity": "mild",
                    "phq9_total": 6, "phq9_item9": 0, "ed_history": "current",
                    "base_total_min": 40})
    assert str(plan.wording) == "ADJUNCT" and "ED_TEAM_CONFIRM" in plan.gates
    text = read(plan)
    for push in ("can help on its own", "every minute counts", "active chores count too",
                 "more is better"):
        assert push not in text, push
    assert "rest days are part of the plan" in text
    assert "keep at least 2 full rest days each week" in block(plan, "flexibility")


@pytest.mark.parametrize("name", ["C10", "C12"])
def test_falls_risk_gets_the_falls_box_and_only_supported_moves(name):
    plan = plan_of(case(name))
    assert plan.falls_risk
    box = block(plan, "falls_safety")
    for advice in ("sturdy, flat shoes", "floor clear", "well lit", "sturdy chair or a kitchen "
                   "counter within reach", "phone with you", "someone else is around",
                   "stop and sit down", "if you fall: stay calm", "check yourself for pain",
                   "call for help"):
        assert advice in box, advice
    text = read(plan)
    for unsafe in ("use the stairs", "step-ups", "carrying shopping", "ladder", "no hands"):
        assert unsafe not in text, unsafe
    assert "then your fingertips" in block(plan, "strength_guide")


def test_insulin_brings_low_blood_glucose_advice_and_lithium_its_toxicity_signs():
    insulin = block(plan_of(case("C12")), "medication_notes")
    for sign in ("shaky", "sweaty", "hungry", "confused", "unusually tired",
                 "carry glucose tablets or a sweet drink", "advice about checking your glucose"):
        assert sign in insulin, sign
    lithium = block(plan_of(case("C08")), "medication_notes")
    for sign in ("drink water regularly", "avoid exercising in hot conditions",
                 "medical advice the same day", "vomiting or diarrhoea", "new or worse tremor",
                 "unsteadiness or confusion"):
        assert sign in lithium, sign
    for text in (insulin, lithium):
        assert "dose" not in text and "lithium" not in text and "insulin" not in text


def test_a_group_preference_is_not_told_to_start_alone():
    plan = plan_of(case("C09"))  # psychosis, social withdrawal, prefers a group
    text = read(plan)
    assert "start on your own" not in text
    assert "start with one person you trust, or a small, friendly group" in text
    assert "from the first week" in block(plan, "activities_that_count")


def test_evenings_with_poor_sleep_are_never_told_earlier_in_the_day_and_then():
    plan = plan_of({"age": 35, "primary_condition": "depression", "depression_severity": "mild",
                    "phq9_total": 6, "phq9_item9": 0, "base_total_min": 0,
                    "barriers": ["poor_sleep"], "time_of_day": "evening",
                    "usual_bedtime": "23:00"})
    text = read(plan)
    assert "earlier in the day" not in text
    assert "plan your sessions then" not in text
    assert "finish by 21:00" in block(plan, "timing")
    assert "that's fine, as long as each session ends at least 2 hours before bedtime" in (
        block(plan, "timing"))


def test_yoga_sessions_are_calm_and_steady_never_brisk():
    plan = plan_of(case("C04"))  # prefers yoga
    rows = [b for b in plan.text("at_a_glance").bullets if "yoga" in b.lower()]
    assert rows and all("calm and steady" in r for r in rows)
    assert "brisk" not in block(plan, "mind_body")


def test_an_own_strength_routine_is_told_the_plans_own_number_of_sessions():
    plan = plan_of({"age": 40, "primary_condition": "adhd", "base_total_min": 0,
                    "base_strength_days": 2})
    most = max(s.strength_sessions for s in plan.steps)
    assert most == 2
    assert "keeps to the 2 sessions a week in your plan" in block(plan, "strength_guide")
    assert "3 sessions a week or fewer" not in read(plan)


def test_maintain_current_promises_only_what_it_prints():
    plan = plan_of(case("G4"))
    text = read(plan)
    assert "recovery" not in text
    assert "it adds the hold rules and the safety information below" in text
    assert plan.text("hold_rules") is not None and plan.text("warning_symptoms") is not None


def test_tables_and_texts_both_say_week():
    plan = plan_of(case("C02"))
    text = read(plan)
    assert "step 1" not in text and "week 1:" in text
    assert "repeat that week" in block(plan, "flexibility")
    assert "steady week every fourth week" in block(plan, "at_a_glance")


# A client who cannot walk (walking_ability unable_to_walk, seated only): nothing suggests
# walking or standing balance work. The one walking word allowed is the pool activity the
# seated filter keeps on purpose (water supports the body; engine/activities.py).
POOL = "walking in the shallow end of a pool"


def walking_sentences(text: str) -> list[str]:
    return [s for s in text.replace(POOL, "").replace("\n", ". ").split(". ") if "walk" in s]


@pytest.mark.parametrize("extra", [
    {},
    {"ed_history": "past"},
    {"available_days": 1},
    {"primary_condition": "depression", "depression_severity": "mild", "phq9_total": 7,
     "phq9_item9": 0, "secondary_conditions": ["stroke_rehab"]},
], ids=["C20", "ed-history", "one-day", "depression-after-stroke"])
def test_a_client_who_cannot_walk_reads_seated_examples_only(extra):
    plan = plan_of(case("C20", **extra))
    assert plan.texts, "a handout is drafted"
    assert walking_sentences(read(plan)) == []
    guide = block(plan, "intensity_guide")
    assert "in your chair" in guide
    strength = block(plan, "strength_guide")
    assert "standing with one foot" not in strength and "standing on one leg" not in strength
    assert "done sitting in a sturdy chair" in strength
    assert "new pain or swelling in your calf or your ankles" in block(plan, "warning_symptoms")


def test_the_walking_check_finds_walking_words():
    plan = plan_of(case("C20", walking_ability="with_aid"))
    assert walking_sentences(read(plan))
