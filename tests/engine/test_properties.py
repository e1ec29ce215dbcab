"""Property tests over thousands of valid intakes (hypothesis).

The strategy is biased so that every mode, every gate and every hard stop occurs; the test
records what it saw and fails if any of them never appeared, so it cannot pass silently on a
narrow sample.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.engine import (
    Override,
    OverrideRefused,
    build_plan,
    cap_violations,
    evidence,
    freeze,
    hold,
    parse_intake,
)
from planner.engine.dose import rd5
from planner.engine.enums import (
    Activity,
    Barrier,
    BipolarState,
    Condition,
    CvRiskFactor,
    Gate,
    HardStop,
    Intensity,
    MedicationFlag,
    Mode,
    PsychosisState,
    Severity,
    SuicideRisk,
    Symptom,
)
from planner.engine.mix import LEVEL
from planner.engine.run import compute_plan

pytestmark = pytest.mark.slow  # hypothesis: `pytest -m "not slow"` leaves them out

EXAMPLES = 2000


def rarely(one_in: int):
    """A boolean that is true about once in `one_in` draws."""
    return st.sampled_from([True] + [False] * (one_in - 1))


def values(enum):
    return [m.value for m in enum]


def sometimes(strategy, none_weight: int = 1):
    return st.one_of(*([st.none()] * none_weight), strategy)


# Strategies are built once: building them inside the composite costs more than the engine.
CONDITION = st.sampled_from(values(Condition))
SECONDARY = st.lists(CONDITION, unique=True, max_size=3)
NO_SECONDARY = st.sampled_from([True, False, False])
TOTAL = st.one_of(st.integers(0, 80), st.integers(0, 400), st.integers(0, 1500))
AGE = st.one_of(st.integers(18, 64), st.integers(65, 110), st.integers(18, 110),
                st.integers(0, 17))
DAYS = st.one_of(st.integers(1, 7), st.integers(5, 7))
STRENGTH_DAYS = st.integers(0, 7)
RISK = st.one_of(st.just("none"), st.just("none"), st.just("none"),
                 st.sampled_from(values(SuicideRisk)))
ED = st.sampled_from(["none"] * 6 + ["past", "current"])
WALKING = st.sampled_from(["independent"] * 6 + ["with_aid", "unable_to_walk"])
FALLS = st.sampled_from([0] * 6 + [1, 2, 7])
SYMPTOMS = st.one_of(st.just([]), st.just([]), st.just([]),
                     st.lists(st.sampled_from(values(Symptom)), unique=True, max_size=2))
RISK_FACTORS = st.lists(st.sampled_from(values(CvRiskFactor)), unique=True, max_size=2)
MEDICATIONS = st.lists(st.sampled_from(values(MedicationFlag)), unique=True, max_size=2)
BARRIERS = st.lists(st.sampled_from(values(Barrier)), unique=True, max_size=3)
ACTIVITIES = st.lists(st.sampled_from(values(Activity)), unique=True, max_size=3)
START = sometimes(st.dates(dt.date(2024, 1, 1), dt.date(2030, 12, 31)).map(dt.date.isoformat))
BEDTIME = sometimes(st.times().map(lambda t: t.strftime("%H:%M")))
STATUS = st.sampled_from(["not_required", "pending", "obtained", "obtained"])
LIMIT = sometimes(st.integers(2, 60).map(lambda n: n * 5), 2)
INTENSITY_LIMIT = sometimes(st.sampled_from(["light", "moderate"]), 3)
SEVERITY = st.sampled_from(values(Severity))
PHQ9 = st.integers(0, 27)
ITEM9 = st.sampled_from([0, 0, 0, 1, 2, 3])
GAD7 = sometimes(st.integers(0, 21))
BIPOLAR = st.sampled_from(values(BipolarState))
PSYCHOSIS = st.sampled_from(values(PsychosisState))
BOOL = st.booleans()
WANTS = st.sampled_from([True, True, False])
ONE_IN_4, ONE_IN_6, ONE_IN_8, ONE_IN_12, ONE_IN_20 = (rarely(n) for n in (4, 6, 8, 12, 20))
PARQ = ("q1a_heart_condition", "q1b_high_blood_pressure", "bp_uncontrolled", "q2_chest_pain",
        "q3_dizziness_loc", "q4_other_chronic", "q6_msk_problem", "q7_supervised_only",
        "known_cvd", "known_metabolic", "known_renal", "ed_medical_restriction")


@st.composite
def intakes(draw):
    """A dict that parse_intake accepts, drawn to reach every mode, gate and hard stop.
    One draw in three is a low-risk profile (no screening answer set), so that vigorous
    eligibility and the high-volume modes occur often enough."""
    primary = draw(CONDITION)
    secondary = [] if draw(NO_SECONDARY) else [c for c in draw(SECONDARY) if c != primary]
    conds = {primary, *secondary}
    total = draw(TOTAL)
    low_risk = draw(ONE_IN_4) or draw(ONE_IN_4)
    d = {
        "age": draw(AGE),
        "primary_condition": primary,
        "secondary_conditions": secondary,
        "base_total_min": total,
        "base_vig_min": draw(st.integers(0, total)) if draw(BOOL) else 0,
        "base_strength_days": draw(STRENGTH_DAYS),
        "available_days": draw(DAYS),
        "suicide_risk": draw(RISK),
        "regular_exerciser": draw(BOOL),
        "wants_to_keep_vigorous": draw(WANTS),
        "cv_risk_factors": draw(RISK_FACTORS),
        "medication_flags": draw(MEDICATIONS),
        "barriers": draw(BARRIERS),
        "preferred_activities": draw(ACTIVITIES),
        "plan_start_date": draw(START),
        "usual_bedtime": draw(BEDTIME),
    }
    if not low_risk:
        d.update({
            "ed_history": draw(ED),
            "compulsive_exercise_history": draw(ONE_IN_6),
            "walking_ability": draw(WALKING),
            "falls_12m": draw(FALLS),
            "fear_of_falling": draw(ONE_IN_8),
            "pregnant_or_postpartum_6m": draw(ONE_IN_20),
            "symptoms": draw(SYMPTOMS),
        })
        for q in PARQ:
            d[q] = draw(ONE_IN_12)
    status = draw(STATUS)
    d["clearance_status"] = status
    if status == "obtained":
        d["clearance_max_minutes"] = draw(LIMIT)
        d["clearance_max_intensity"] = draw(INTENSITY_LIMIT)
    if "depression" in conds or draw(ONE_IN_4):
        d["depression_severity"] = draw(SEVERITY)
    if "anxiety" in conds or draw(ONE_IN_4):
        d["anxiety_severity"] = draw(SEVERITY)
    if draw(BOOL):
        d["phq9_total"] = draw(PHQ9)
        d["phq9_item9"] = draw(ITEM9)
    d["gad7_total"] = draw(GAD7)
    if "bipolar" in conds:
        d["bipolar_state"] = draw(BIPOLAR)
    if "psychotic_disorder" in conds:
        d["psychosis_state"] = draw(PSYCHOSIS)
    return {k: v for k, v in d.items() if v is not None}


def make(intake, **kw):
    """The full plan: numbers, overrides, texts and the never-do validator."""
    return build_plan(intake, today=dt.date(2026, 1, 5), **kw)


def check_plan(intake, plan) -> None:
    """Every property a plan must have."""
    if plan.hard_stop is not None:
        assert plan.steps == () and plan.mode is None  # N11
        assert plan.to_dict()["steps"] == []
        return
    steps = plan.steps
    wms = [s.weekly_minutes for s in steps]
    ed = plan.ed_cap
    limit = plan.clearance_max_minutes
    assert cap_violations(plan, intake) == []
    # N13, spelled out
    assert all(w <= 300 for w in wms)
    assert not ed or all(w <= 150 for w in wms)
    assert all(b - a <= 10 for a, b in zip(wms, wms[1:], strict=False))
    assert all(s.strength_sessions <= 3 and s.strength_sessions <= intake.available_days
               for s in steps)
    # N04: no vigorous intensity unless vigorous_allowed
    if any(s.intensity is Intensity.MODERATE_VIGOROUS_OPTIONAL for s in steps):
        assert plan.vigorous_allowed
    if plan.vigorous_allowed:
        assert not plan.gentle_start and not plan.clearance_reasons and not ed
        assert "VIGOROUS_LOCK" not in plan.flags and "ADVISORY_GP" not in plan.flags
    # WM never above a clearance limit (7.1)
    if limit is not None:
        assert all(w <= limit for w in wms)
        assert plan.target_minutes <= limit
    b, t = plan.baseline_minutes, plan.target_minutes
    printed = [s for s in steps if not s.repeat]  # rows a delay override repeated are extra
    assert [s.step for s in printed] == list(range(1, len(printed) + 1))
    assert [s.week for s in steps] == list(range(1, len(steps) + 1))
    if plan.mode is Mode.BUILD:
        assert wms == sorted(wms)  # BUILD never falls
        assert wms[0] == plan.start_minutes
        if not plan.overrides:  # an override may lower the start (2J)
            assert plan.start_minutes >= min(rd5(b), t)  # never below current activity
        assert wms[-1] == t and len(printed) == max(12, plan.target_reached_step)
        assert steps[wms.index(t)].step == plan.target_reached_step
    elif plan.mode is Mode.MAINTAIN_CURRENT:
        assert steps == () and plan.start_minutes is None and b > 300
    else:
        assert len(printed) == 12 and len(set(wms)) == 1 and plan.target_reached_step is None
        level = (Intensity.MODERATE_VIGOROUS_OPTIONAL if plan.vigorous_allowed
                 else Intensity.MODERATE)  # 7.6: at dose from step 1
        if plan.intensity_limit is not None and LEVEL[plan.intensity_limit] < LEVEL[level]:
            level = plan.intensity_limit  # lowered by a clearance or override limit (7.8)
        assert {s.intensity for s in steps} == {level}
    for s in steps:
        assert 1 <= s.sessions <= min(5, intake.available_days)
        assert 0 <= s.mind_body_sessions <= s.sessions // 2
        assert 0 <= s.aerobic_minutes <= s.weekly_minutes
        assert s.sessions * 5 <= s.weekly_minutes or s.sessions == 1
    if "HIGH_VOLUME_REVIEW" in plan.flags:
        assert b > 300
    if plan.phase2_target_minutes is not None:
        assert plan.phase2_target_minutes > t
    assert [r.week for r in plan.review_weeks] == [4, 8, 12, 24, 36]
    unknown = evidence.unknown_ids(plan.why)
    assert not unknown, unknown


def test_properties_over_2000_valid_intakes():
    seen: set[str] = set()
    count = [0]

    @settings(max_examples=EXAMPLES, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(intakes())
    def check(data):
        intake = parse_intake(data)
        plan = make(intake)
        check_plan(intake, plan)
        count[0] += 1
        if plan.hard_stop is not None:
            seen.add(plan.hard_stop.value)
            return
        seen.add(plan.mode.value)
        seen.update(plan.gates)
        if plan.vigorous_allowed:
            seen.add("vigorous_allowed")
        if plan.clearance_max_minutes is not None:
            seen.add("clearance_limit")

    check()
    assert count[0] >= EXAMPLES
    wanted = ({m.value for m in Mode} | {g.value for g in Gate} | {h.value for h in HardStop}
              | {"vigorous_allowed", "clearance_limit"})
    assert wanted <= seen, f"never generated: {sorted(wanted - seen)}"


OVERRIDE_KINDS = ["lower_target_minutes", "lower_start_minutes", "lower_max_intensity",
                  "lower_strength_sessions", "delay_step", "swap_main_activity",
                  "raise_target_minutes", "enable_vigorous", "release_gate"]


OVERRIDE_KIND = st.sampled_from(OVERRIDE_KINDS)
OVERRIDE_VALUE = st.one_of(st.integers(-5, 320), st.integers(0, 30).map(lambda n: n * 5),
                           st.sampled_from(values(Intensity)), st.sampled_from(values(Activity)),
                           st.booleans())
REASONS = st.sampled_from(["agreed with the client", "", "   ", "pain"])


@st.composite
def overrides(draw):
    kind = draw(OVERRIDE_KIND)
    value = draw(OVERRIDE_VALUE)
    reason = draw(REASONS)
    return Override(kind, value, reason)


def test_overrides_are_applied_within_caps_or_refused():
    outcomes: set[str] = set()

    @settings(max_examples=600, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(intakes(), st.lists(overrides(), min_size=1, max_size=3))
    def check(data, ovs):
        intake = parse_intake(data)
        computed = make(intake)
        try:
            plan = make(intake, overrides=ovs)
        except OverrideRefused as exc:
            assert exc.message and exc.kind
            outcomes.add("refused")
            return
        outcomes.add("applied")
        check_plan(intake, plan)
        assert plan.target_minutes <= computed.target_minutes  # 2J: never raised
        assert set(plan.gates) == set(computed.gates)  # N11, N22: no gate opened or closed
        assert not plan.vigorous_allowed or computed.vigorous_allowed  # N04
        assert len(plan.overrides) == len(ovs)
        assert all(o.reason.strip() for o in ovs)

    check()
    assert outcomes == {"refused", "applied"}


def test_review_helpers_never_increase_after_a_freeze_and_hold_keeps_content():
    @settings(max_examples=300, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(intakes(), st.integers(1, 19))
    def check(data, at):
        intake = parse_intake(data)
        plan = compute_plan(intake, start_date=None)
        if plan.hard_stop is not None or not plan.steps or at > plan.steps[-1].step:
            return
        frozen = freeze(plan, at_step=at, intake=intake)
        held_wm = plan.steps[at - 1].weekly_minutes
        assert all(s.weekly_minutes == held_wm for s in frozen.steps[at:])  # N16
        assert [s.step for s in frozen.steps] == [s.step for s in plan.steps]
        held = hold(plan, at_step=at, intake=intake)
        assert len(held.steps) == len(plan.steps) + 2
        assert [s.week for s in held.steps] == list(range(1, len(held.steps) + 1))
        originals = [s for s in held.steps if not s.repeat]
        assert [(s.step, s.weekly_minutes) for s in originals] == [
            (s.step, s.weekly_minutes) for s in plan.steps]
        assert cap_violations(held, intake) == [] and cap_violations(frozen, intake) == []

    check()
