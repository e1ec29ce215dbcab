"""The activity table and its barrier/condition filters (R-MIX-1, R-BAR-07/08/10/11)."""

from __future__ import annotations

import pytest

from planner.engine import activities, parse_intake
from planner.engine.enums import Activity

from .support import case_files, load_case

BASE = {"age": 40, "primary_condition": "depression", "depression_severity": "mild",
        "base_total_min": 0}


def intake(**fields):
    return parse_intake(dict(BASE, **fields))


def test_table_is_complete_and_covers_every_preference():
    for activity in Activity:
        assert activity.value in activities.TABLE, activity
    for a in activities.TABLE.values():
        assert a.label and a.kind in ("aerobic", "mind_body", "strength")
        assert a.cost in ("free", "low", "paid")
        assert a.settings and a.settings <= {"home", "indoor", "outdoor"}
        assert a.impact in ("seated", "low", "moderate", "high")
    for extra in ("indoor_walking_circuit", "marching_on_the_spot", "water_walking",
                  "chair_strength", "exercise_bike"):
        assert extra in activities.TABLE


def test_default_is_walking():
    assert activities.choose_main_activity(intake()) == Activity.WALKING
    assert activities.choose_main_activity(intake(preferred_activities=["mind_body",
                                                                        "gym_strength"])) \
        == Activity.WALKING  # not aerobic choices


def test_first_preference_that_survives_the_filters():
    assert activities.choose_main_activity(
        intake(preferred_activities=["running", "cycling"])) == Activity.RUNNING
    # R-BAR-11 pain -> low impact: running is filtered out
    assert activities.choose_main_activity(
        intake(preferred_activities=["running", "cycling"], barriers=["pain"])) == Activity.CYCLING
    # R-BAR-08 cost -> free only: swimming (pool entry) is filtered out
    assert activities.choose_main_activity(
        intake(preferred_activities=["swimming_or_water", "dancing"], barriers=["cost"])) \
        == Activity.DANCING
    # R-BAR-07 no safe place -> home or indoor: running is outdoor only
    assert activities.choose_main_activity(
        intake(preferred_activities=["running", "dancing"], barriers=["no_safe_place"])) \
        == Activity.DANCING
    # ... unless the client chose outdoors themselves
    assert activities.choose_main_activity(
        intake(preferred_activities=["running"], barriers=["no_safe_place"],
               setting_preference="outdoors")) == Activity.RUNNING


def test_condition_filters():
    bipolar = intake(primary_condition="bipolar", bipolar_state="euthymic",
                     preferred_activities=["team_or_racket_sport", "cycling"])
    assert activities.choose_main_activity(bipolar) == Activity.CYCLING  # steady, rhythmic
    seated = parse_intake({"age": 63, "primary_condition": "stroke_rehab",
                           "stroke_months_since": 5, "stroke_rehab_team_involved": True,
                           "walking_ability": "unable_to_walk", "base_total_min": 0,
                           "preferred_activities": ["walking"]})
    assert activities.choose_main_activity(seated) == Activity.SEATED_EXERCISE


def test_filters_name_their_rules():
    f = activities.filters_for(intake(barriers=["cost", "pain", "physical_limitation",
                                                "no_safe_place"]))
    assert set(f.rule_ids()) == {"R-BAR-07", "R-BAR-08", "R-BAR-10", "R-BAR-11"}
    assert activities.filters_for(intake()).rule_ids() == ()


@pytest.mark.parametrize("barriers, check", [
    (["cost"], lambda a: a.cost == "free"),
    (["pain"], lambda a: a.impact in ("seated", "low")),
    (["physical_limitation"], lambda a: a.impact in ("seated", "low")),
])
def test_suggestions_respect_the_filters(barriers, check):
    options = activities.suggestions(intake(barriers=barriers), limit=20)
    assert options
    for option in options:
        assert option.kind == "aerobic" and check(option), option.key


def test_no_safe_place_puts_home_and_indoor_options_first():
    options = activities.suggestions(intake(barriers=["no_safe_place"]), limit=4)
    assert all(o.settings & {"home", "indoor"} for o in options)
    assert activities.choose_main_activity(
        intake(preferred_activities=["running"], barriers=["no_safe_place"])) == Activity.RUNNING


def test_suggestions_put_group_options_first_for_psychosis_and_spare_a_gentle_start():
    psych = parse_intake({"age": 35, "primary_condition": "psychotic_disorder",
                          "psychosis_state": "stable_community", "base_total_min": 0,
                          "barriers": ["cost"]})
    assert activities.suggestions(psych)[0].group
    gentle = activities.suggestions(intake(), limit=20, gentle=True)
    assert all(o.impact != "high" for o in gentle)


@pytest.mark.parametrize("path", case_files(), ids=lambda p: p.stem)
def test_agrees_with_the_engine_on_every_case(path):
    """The engine's own main-activity choice (mix.main_activity) and this table agree."""
    data = load_case(path)["intake"]
    got = parse_intake(data)
    from planner.engine.mix import main_activity

    assert activities.choose_main_activity(got) == main_activity(got)[0]


@pytest.mark.slow
def test_agrees_with_the_engine_on_random_intakes():
    from hypothesis import HealthCheck, given, settings

    from planner.engine.mix import main_activity

    from .test_properties import intakes

    @settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(intakes())
    def check(data):
        got = parse_intake(data)
        assert activities.choose_main_activity(got) == main_activity(got)[0]

    check()
