"""The moves library and how the engine fills the strength sessions with it (issue 25).

Expected values come from the rules (rules.md 8.12, R-MIX-2, R-MIX-4, R-INT-4, R-CAP-3), the
intakes below and the library's own tags, never from the code under test."""

import pytest

from planner.engine import Override, OverrideRefused, Plan, build_plan, parse_intake
from planner.engine.consistency import HARDER_THAN_EASY, STEP_NUMBER, UNSAFE_WITH_FALLS
from planner.engine.moves import library
from planner.engine.moves.figure import FRAME, Circle, shapes
from planner.engine.moves.svg import move_svg
from planner.engine.phrase_scan import find_banned
from planner.engine.validator import lists_for_block

from .support import TODAY, case_files, load_case

CASES = {p.stem: load_case(p)["intake"] for p in case_files()}
# A 40-year-old with mild depression who already does 1 strength session: moves from week 1.
BASE = {"age": 40, "primary_condition": "depression", "depression_severity": "mild",
        "base_total_min": 60, "base_strength_days": 1}


def plan_for(overrides=(), **answers) -> Plan:
    return build_plan(parse_intake({**BASE, **answers}), today=TODAY, overrides=overrides)


def choose(moves, reason="client's choice"):
    return Override("choose_moves", moves, reason)


def tagged(plan: Plan, tag: str) -> list[str]:
    return [m.id for m in plan.moves if not m.custom and tag in library()[m.id]["against"]]


# --- the library -------------------------------------------------------------------------------

def test_the_library_has_about_25_moves_of_each_kind_with_every_part():
    moves = library()
    assert len(moves) >= 25
    kinds = [m["kind"] for m in moves.values()]
    assert kinds.count("strength") >= 12 and kinds.count("balance") >= 4
    assert "mobility" in kinds
    for name in ("sit_to_stand", "wall_push_up", "heel_raise_counter", "seated_knee_extension",
                 "band_row_seated", "side_step_counter"):
        assert name in moves
    for move in moves.values():
        assert move["name"] and move["steps"] and move["safer"] and move["harder"]
        assert move["support"] and move["alt"]
        assert move["figure"]["start"] != move["figure"]["end"], move["id"]


def test_every_restriction_has_moves_left_of_each_kind_it_needs():
    moves = library().values()
    for tag in ("falls_risk", "seated_only", "pregnancy", "ed_flag", "after_stroke"):
        left = [m for m in moves if tag not in m["against"]]
        assert sum(m["kind"] == "strength" for m in left) >= 6, tag
        assert sum(m["kind"] == "balance" for m in left) >= 2, tag


def _lines(move):
    return [move["name"], *move["steps"], move["safer"], move["harder"], move["support"]]


def test_every_word_of_the_library_passes_the_client_wording_rules():
    names = lists_for_block("moves_guide", wording=None, vigorous_allowed=False,
                            show_conditions=False)
    for move in library().values():
        for line in _lines(move):
            assert find_banned(line, names) is None, (move["id"], line)
            assert not STEP_NUMBER.search(line) and not HARDER_THAN_EASY.search(line), line
            assert "stop" not in line.lower(), line  # kept for the warning blocks
            if "falls_risk" not in move["against"]:  # 8.12: printed for falls-risk clients
                assert not UNSAFE_WITH_FALLS.search(line), (move["id"], line)


def test_every_drawing_stays_in_its_frame_and_draws_as_svg():
    for move in library().values():
        for which in ("start", "end"):
            for shape in shapes(move["figure"], which):
                points = [(shape.x, shape.y)] if isinstance(shape, Circle) else shape.points
                for x, y in points:
                    assert -1 <= x <= FRAME + 1 and -1 <= y <= FRAME + 1, (move["id"], which)
        svg = move_svg(move)
        assert svg.startswith("<svg") and 'role="img"' in svg and "<title" in svg
        assert move["name"] in svg


# --- defaults ----------------------------------------------------------------------------------

def test_falls_risk_defaults_are_supported_moves_only():
    for plan in (plan_for(fear_of_falling=True), plan_for(age=78),
                 build_plan(parse_intake(CASES["C12"]), today=TODAY)):
        assert plan.moves and tagged(plan, "falls_risk") == []
        assert not {"step_up", "carry_bags", "bridge", "hip_hinge"} & {m.id for m in plan.moves}


def test_seated_only_defaults_are_seated():
    plan = build_plan(parse_intake({**CASES["C20"], "clearance_status": "obtained"}),
                      today=TODAY)
    assert plan.moves and tagged(plan, "seated_only") == []
    assert "sit_to_stand" not in {m.id for m in plan.moves}


@pytest.mark.parametrize("answers", [{"ed_history": "past"},
                                     {"compulsive_exercise_history": True}])
def test_ed_flag_defaults_leave_out_timed_holds(answers):
    plan = plan_for(**answers)
    assert plan.ed_cap and plan.moves
    assert tagged(plan, "ed_flag") == []


def test_pregnancy_and_stroke_defaults():
    pregnant = plan_for(pregnant_or_postpartum_6m=True, clearance_status="obtained")
    assert pregnant.moves and tagged(pregnant, "pregnancy") == []
    stroke = build_plan(parse_intake(CASES["C11"]), today=TODAY)
    assert stroke.moves and tagged(stroke, "after_stroke") == []


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_case_gets_moves_that_fit_its_schedule(name):
    try:
        plan = build_plan(parse_intake(CASES[name]), today=TODAY)
    except Exception:  # noqa: BLE001 - cases that end in a gate are covered by test_cases
        pytest.skip("not a plan")
    has_strength = any(s.strength_sessions for s in plan.steps)
    assert bool(plan.moves) == has_strength
    if plan.moves:
        kinds = [m.kind for m in plan.moves]
        assert 3 <= kinds.count("strength") <= 8  # R-MIX-2: 3 at the starter level, up to 8
        assert (kinds.count("balance") == 2) == plan.balance_in_strength  # R-MIX-4
        assert all(m.sets == 1 for m in plan.moves)  # the starter level
        text = plan.text("moves_guide")
        assert text is not None and len(text.bullets) == len(plan.moves)


def test_an_easy_effort_plan_gets_the_starter_three_and_no_harder_versions():
    plan = plan_for(overrides=[Override("lower_max_intensity", "light", "very tired")])
    assert [m.kind for m in plan.moves].count("strength") == 3
    assert "Harder:" not in plan.text("moves_guide").all_text()


# --- the clinician's choice --------------------------------------------------------------------

def test_a_choice_replaces_the_defaults_in_its_order_and_survives_other_overrides():
    chosen = [{"id": "counter_push_up", "sets": 2, "reps": 12},
              {"id": "sit_to_stand", "sets": 1, "reps": 8},
              {"id": "custom", "name": "Towel squeeze", "steps": "Sit tall.\nSqueeze a towel.",
               "kind": "strength", "sets": 1, "reps": 10}]
    plan = plan_for([choose(chosen), Override("lower_target_minutes", 60, "busy")])
    assert [(m.id, m.sets, m.reps) for m in plan.moves] == [
        ("counter_push_up", 2, 12), ("sit_to_stand", 1, 8), ("custom-1", 1, 10)]
    custom = plan.moves[2]
    assert custom.custom and custom.steps == ("Sit tall.", "Squeeze a towel.")
    assert "3. Towel squeeze: 1 set of 10. Sit tall. Squeeze a towel." in plan.text(
        "moves_guide").bullets
    assert [o["kind"] for o in plan.overrides] == ["choose_moves", "lower_target_minutes"]
    assert Plan.from_dict(plan.to_dict()) == plan


@pytest.mark.parametrize("reps", [0, 4, 16, 40])
def test_repetitions_outside_r_int_4_are_refused_with_a_reason(reps):
    with pytest.raises(OverrideRefused) as refused:
        plan_for([choose([{"id": "sit_to_stand", "sets": 1, "reps": reps}])])
    assert refused.value.kind == "choose_moves"
    assert refused.value.message == (
        "Sit to stand: repetitions must be from 5 to 15; when 15 feel comfortable, choose the "
        "harder version instead of more repetitions (R-MIX-2, R-INT-4).")


@pytest.mark.parametrize("entry, words", [
    ({"id": "sit_to_stand", "sets": 3, "reps": 10}, "sets must be 1 or 2"),
    ({"id": "tandem_stand_counter", "sets": 1, "reps": 45}, "a hold lasts 5 to 30 seconds"),
    ({"id": "no_such_move", "sets": 1, "reps": 10}, "is not in the moves library"),
    ({"id": "custom", "name": "", "steps": "x", "sets": 1, "reps": 10}, "needs a name"),
    ({"id": "custom", "name": "Plank", "steps": "Burn it off", "sets": 1, "reps": 10},
     "never uses wording like"),
])
def test_other_bad_choices_are_refused_in_the_clinicians_words(entry, words):
    with pytest.raises(OverrideRefused) as refused:
        plan_for([choose([entry])])
    assert words in refused.value.message


def test_a_move_tagged_against_the_client_is_refused_even_by_override():
    with pytest.raises(OverrideRefused) as falls:
        plan_for([choose([{"id": "step_up", "sets": 1, "reps": 10}])], fear_of_falling=True)
    assert "falls risk" in falls.value.message and "(rules 8.12)" in falls.value.message
    with pytest.raises(OverrideRefused) as ed:
        plan_for([choose([{"id": "wall_sit", "sets": 1, "reps": 10}])], ed_history="past")
    assert "eating-disorder" in ed.value.message
    with pytest.raises(OverrideRefused) as custom_falls:
        plan_for([choose([{"id": "custom", "name": "Stairs", "steps": "Walk up the stairs.",
                           "sets": 1, "reps": 10}])], fear_of_falling=True)
    assert "falls risk" in custom_falls.value.message
    # the same move is fine for a client without that restriction
    assert plan_for([choose([{"id": "step_up", "sets": 1, "reps": 10}])]).moves[0].id == "step_up"


def test_counts_and_duplicates_are_refused():
    strength = [m for m in library().values() if m["kind"] == "strength"][:9]  # BASE: no tags
    nine = [{"id": m["id"], "sets": 1, "reps": 10} for m in strength]
    with pytest.raises(OverrideRefused, match="at most 8 strength moves"):
        plan_for([choose(nine)])
    with pytest.raises(OverrideRefused, match="chosen twice"):
        plan_for([choose([nine[0], nine[0]])])
    with pytest.raises(OverrideRefused, match="lower the strength sessions to 0"):
        plan_for([choose([])])


def test_two_sets_are_refused_once_an_easy_effort_limit_is_set():
    two = choose([{"id": "sit_to_stand", "sets": 2, "reps": 10}])
    assert plan_for([two]).moves[0].sets == 2
    with pytest.raises(OverrideRefused, match="starter level of 1 set"):
        plan_for([two, Override("lower_max_intensity", "light", "tired")])


def test_a_plan_without_strength_sessions_has_no_moves_and_prints_none():
    plan = plan_for(base_strength_days=0,
                    overrides=[Override("lower_strength_sessions", 0, "not now")])
    assert plan.moves == () and plan.text("moves_guide") is None


def test_the_restrictions_filter_the_defaults_whatever_the_preferred_order(monkeypatch):
    """With every tagged move put first in the preference order, an unrestricted client gets
    them and each restricted client gets none tagged against them (so the filter, not the
    order, keeps them out)."""
    from planner.engine.moves import choose as chooser

    tagged_first = tuple(i for i, m in library().items()
                         if m["kind"] == "strength" and m["against"])
    monkeypatch.setattr(chooser, "STRENGTH_ORDER", tagged_first + chooser.STRENGTH_ORDER)
    free = plan_for()
    assert {m.id for m in free.moves} & set(tagged_first)
    for tag, answers in (("falls_risk", {"fear_of_falling": True}),
                         ("ed_flag", {"ed_history": "past"}),
                         ("pregnancy", {"pregnant_or_postpartum_6m": True,
                                        "clearance_status": "obtained"})):
        plan = plan_for(**answers)
        assert plan.moves and tagged(plan, tag) == [], tag
