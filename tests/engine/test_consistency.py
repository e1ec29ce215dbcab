"""The never-do checks that the client's texts agree with the plan (engine/consistency.py,
rules 8): each check passes on a real plan and fails when a contradicting phrase is planted."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from planner.engine import build_plan, parse_intake
from planner.engine.model import TextBlock
from planner.engine.validator import NeverDoViolation, validate_plan

TODAY = dt.date(2026, 1, 5)
BASE = {"age": 40, "primary_condition": "adhd", "base_total_min": 0}
CLEARED_LIGHT = {**BASE, "known_metabolic": True, "clearance_status": "obtained",
                 "clearance_max_intensity": "light"}
CLEARED_100 = {**BASE, "base_total_min": 200, "regular_exerciser": True, "known_cvd": True,
               "clearance_status": "obtained", "clearance_max_minutes": 100}
ED = {"age": 26, "primary_condition": "depression", "depression_severity": "mild",
      "phq9_total": 7, "phq9_item9": 0, "ed_history": "past", "base_total_min": 60}
FALLS = {"age": 72, "primary_condition": "healthy_ageing", "base_total_min": 30, "falls_12m": 1}


def built(fields):
    intake = parse_intake(dict(fields))
    return build_plan(intake, today=TODAY), intake


def planted(plan, key, line, where="texts"):
    blocks = tuple(
        dataclasses.replace(b, bullets=(*b.bullets, line)) if b.key == key else b
        for b in getattr(plan, where))
    return dataclasses.replace(plan, **{where: blocks})


def without(plan, key):
    return dataclasses.replace(plan, texts=tuple(b for b in plan.texts if b.key != key))


def replaced(plan, key, **fields):
    return dataclasses.replace(plan, texts=tuple(
        dataclasses.replace(b, **fields) if b.key == key else b for b in plan.texts))


def rule_of(plan, intake):
    with pytest.raises(NeverDoViolation) as err:
        validate_plan(plan, intake)
    return err.value.rule


@pytest.mark.parametrize("fields", [BASE, CLEARED_LIGHT, CLEARED_100, ED, FALLS])
def test_real_plans_pass(fields):
    plan, intake = built(fields)
    validate_plan(plan, intake)


def test_8_4_a_limit_is_stated_with_the_intakes_number():
    plan, intake = built(CLEARED_100)
    glance = plan.text("at_a_glance")
    assert "about 100 minutes of activity a week at most" in glance.paragraphs[0]
    assert rule_of(planted(plan, "flexibility", "Aim for about 150 minutes of activity a week "
                                                "at most."), intake) == "8.4"
    first_dropped = replaced(plan, "at_a_glance", paragraphs=glance.paragraphs[1:])
    assert rule_of(first_dropped, intake) == "8.4"
    light, light_intake = built(CLEARED_LIGHT)
    glance = light.text("at_a_glance")
    assert "easy effort only" in glance.paragraphs[0]
    assert rule_of(replaced(light, "at_a_glance", paragraphs=glance.paragraphs[1:]),
                   light_intake) == "8.4"


@pytest.mark.parametrize("phrase", [
    "Brisk walking is a good choice.", "Keep a moderate pace.",
    "About 5 to 6 on the effort scale.", "Try running or jogging.", "A team sport counts.",
])
def test_8_6_an_easy_only_plan_names_no_harder_effort(phrase):
    plan, intake = built(CLEARED_LIGHT)
    assert all(str(s.intensity) == "light" for s in plan.steps)
    assert rule_of(planted(plan, "activities_that_count", phrase), intake) == "8.6"


def test_8_6_an_override_to_easy_effort_is_checked_like_a_clearance_limit():
    from planner.engine import Override

    intake = parse_intake(dict(BASE))
    easier = Override("lower_max_intensity", "light", "the client asked")
    plan = build_plan(intake, today=TODAY, overrides=[easier])
    validate_plan(plan, intake)
    assert rule_of(planted(plan, "strength_guide", "Then somewhat hard."), intake) == "8.6"


@pytest.mark.parametrize("phrase", ["Every minute counts.", "More is better.",
                                    "Dancing and active chores count too.",
                                    "Add extra minutes when you feel good."])
def test_8_17_no_push_to_add_messages_with_the_ed_flag(phrase):
    plan, intake = built(ED)
    assert "ED_COMPULSIVE_CAP" in plan.flags
    assert rule_of(planted(plan, "flexibility", phrase), intake) == "8.17"
    # the same phrase is allowed without the flag
    other, other_intake = built(BASE)
    validate_plan(planted(other, "flexibility", phrase), other_intake)


@pytest.mark.parametrize("phrase", ["Use the stairs at home.", "Step-ups onto a low step.",
                                    "Carrying shopping bags home.", "Then no hands."])
def test_8_12_falls_risk_carries_the_box_and_no_unsafe_move(phrase):
    plan, intake = built(FALLS)
    assert plan.text("falls_safety") is not None
    assert rule_of(planted(plan, "strength_guide", phrase), intake) == "8.12"
    assert rule_of(without(plan, "falls_safety"), intake) == "8.12"


def test_8_12_applies_from_75_without_any_fall():
    plan, intake = built({**BASE, "primary_condition": "healthy_ageing", "age": 75})
    assert plan.text("falls_safety") is not None
    assert rule_of(planted(plan, "barrier_tips" if plan.text("barrier_tips") else
                           "strength_guide", "Use the stairs."), intake) == "8.12"
    younger, _ = built({**BASE, "primary_condition": "healthy_ageing", "age": 74})
    assert younger.text("falls_safety") is None


@pytest.mark.parametrize("flag, marker", [
    ("insulin_or_sulfonylurea", "low blood glucose"), ("lithium", "medical advice the same day"),
    ("antipsychotic", "stand up slowly"), ("beta_blocker", "talk test"),
    ("stimulant", "heart races"),
])
def test_8_13_each_medication_flag_has_its_note(flag, marker):
    fields = {**BASE, "medication_flags": [flag]}
    if flag == "insulin_or_sulfonylurea":  # known metabolic disease: cleared to plan
        fields["clearance_status"] = "obtained"
    plan, intake = built(fields)
    notes = plan.text("medication_notes")
    assert marker in notes.all_text().lower()
    emptied = replaced(plan, "medication_notes",
                       bullets=tuple(b for b in notes.bullets if marker not in b.lower()))
    assert rule_of(emptied, intake) == "8.13"


def test_8_9_no_step_numbers_in_client_text():
    plan, intake = built(BASE)
    assert rule_of(planted(plan, "flexibility", "Repeat step 3 if you need to."), intake) == "8.9"
    pending, pending_intake = built({**BASE, "known_cvd": True})
    assert "CLEARANCE_PENDING" in pending.gates
    letter = planted(pending, "interim_clearance_letter", "Start at step 1.", where="documents")
    assert rule_of(letter, pending_intake) == "8.9"


def test_a_block_is_scanned_once_and_the_answer_reused():
    from planner.engine import consistency

    block = TextBlock("flexibility", "", ("Repeat step 2.",))
    consistency._block_hit.cache_clear()
    assert consistency._block_hit("step", block) == "Repeat step 2."
    assert consistency._block_hit("step", block) == "Repeat step 2."
    assert consistency._block_hit.cache_info().hits == 1
