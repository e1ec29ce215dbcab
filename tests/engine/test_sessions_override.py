"""Issue 22 item 4: sessions a week as a clinician adjustment, within R-CAP-6 and the days."""

from __future__ import annotations

import pytest

from planner.engine import Override, OverrideRefused
from planner.engine.caps import cap_violations
from planner.engine.run import build_plan, compute_plan

from .support import TODAY, intake

DEP = {"primary_condition": "depression", "depression_severity": "mild", "available_days": 4}


def run(fields, *ovs):
    return compute_plan(intake(**fields), start_date=TODAY, overrides=ovs)


def refusal(fields, value) -> str:
    with pytest.raises(OverrideRefused) as info:
        run(fields, Override("sessions_per_week", value, "fits the week"))
    assert info.value.kind == "sessions_per_week"
    return info.value.message


def test_four_free_days_can_hold_four_sessions_and_minutes_are_shared_again():
    computed = run(DEP)
    # the rule alone gives 3 sessions up to 90 minutes a week, though 4 days are free
    assert {s.sessions for s in computed.steps if s.weekly_minutes <= 90} == {3}
    plan = run(DEP, Override("sessions_per_week", 4, "four free days, shorter sessions"))
    assert {s.sessions for s in plan.steps} == {4}
    for step in plan.steps:  # e.g. 60 minutes over 4 sessions is 15 each (rounded half up)
        assert step.minutes_per_session == (2 * step.weekly_minutes + 4) // 8
    assert [s.weekly_minutes for s in plan.steps] == [s.weekly_minutes for s in computed.steps]
    assert plan.overrides == ({"kind": "sessions_per_week", "value": 4,
                               "reason": "four free days, shorter sessions"},)
    assert plan.why["overrides.sessions_per_week"] == ("R-CAP-7", "N22")
    assert cap_violations(plan, intake(**DEP)) == []
    # texts and the never-do validator pass on the adjusted plan
    built = build_plan(intake(**DEP), today=TODAY,
                       overrides=[Override("sessions_per_week", 4, "four free days")])
    assert {s.sessions for s in built.steps} == {4}


def test_more_sessions_than_available_days_is_refused_with_the_reason():
    assert refusal(DEP, 5) == "5 sessions need 5 days; the client has 4 available (R-CAP-6)"


@pytest.mark.parametrize("value", [2, 6, 0, "4"])
def test_outside_3_to_5_is_refused(value):
    assert refusal(dict(DEP, available_days=7), value) == (
        "sessions a week must be a whole number from 3 to 5 (R-CAP-6)")


def test_two_days_allow_two_sessions_only():
    two = dict(DEP, available_days=2)
    assert refusal(two, 3) == "3 sessions need 3 days; the client has 2 available (R-CAP-6)"
    assert "from 2 to 5" in refusal(two, 1)


def test_fewer_sessions_cannot_make_sessions_longer_than_the_plan_allows():
    gentle = {"primary_condition": "depression", "depression_severity": "severe",
              "available_days": 7}
    plan = run(gentle)
    assert plan.gentle_start and max(s.weekly_minutes for s in plan.steps) == 90
    ok = run(gentle, Override("sessions_per_week", 3, "three set days"))  # 90 / 3 = 30: fits
    assert {s.minutes_per_session for s in ok.steps if s.weekly_minutes == 90} == {30}


def test_fewer_sessions_are_refused_when_sessions_would_pass_the_session_length():
    older = {"primary_condition": "healthy_ageing", "age": 70, "available_days": 7,
             "base_total_min": 150}
    plan = run(older)
    assert max(s.weekly_minutes for s in plan.steps) == 150
    assert refusal(older, 3) == ("3 sessions would make sessions of about 50 minutes; this plan "
                                 "keeps them to 30 minutes or less (rules 8.1), so choose more "
                                 "sessions")
