"""The never-do validator (rules.md section 5 and section 7 item 28).

Planted violations: every banned phrase below is written here, in the test, independently of
planner/engine/phrases.py, so a list that lost an entry makes a test fail.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time

import pytest

from planner.engine import build_plan, parse_intake, phrase_scan, phrases, validator
from planner.engine.enums import Intensity, Wording
from planner.engine.model import TextBlock
from planner.engine.validator import NeverDoViolation, validate_plan

TODAY = dt.date(2026, 1, 5)

C01 = {"age": 29, "primary_condition": "depression", "depression_severity": "mild",
       "phq9_total": 8, "phq9_item9": 0, "base_total_min": 0, "barriers": ["low_motivation",
                                                                         "time"],
       "preferred_activities": ["walking"]}
ADJUNCT = {"age": 40, "primary_condition": "anxiety", "anxiety_severity": "moderate",
           "base_total_min": 60}
VIGOROUS = {"age": 24, "primary_condition": "adhd", "base_total_min": 150, "base_vig_min": 60,
            "base_strength_days": 2, "regular_exerciser": True,
            "preferred_activities": ["team_or_racket_sport"], "available_days": 7}
PENDING = {"age": 55, "primary_condition": "anxiety", "anxiety_severity": "mild",
           "symptoms": ["chest_discomfort"], "base_total_min": 90, "clearance_status": "pending"}


def built(fields=C01, **extra):
    intake = parse_intake(dict(fields, **extra))
    return build_plan(intake, today=TODAY), intake


def plant(plan, key, text, where="texts"):
    """Add `text` as a bullet to block `key` (in texts or documents)."""
    blocks = getattr(plan, where)
    assert any(b.key == key for b in blocks), key
    new = tuple(dataclasses.replace(b, bullets=(*b.bullets, text)) if b.key == key else b
                for b in blocks)
    return dataclasses.replace(plan, **{where: new})


def rule_of(plan, intake):
    with pytest.raises(NeverDoViolation) as err:
        validate_plan(plan, intake)
    return err.value.rule


def test_built_plans_pass():
    for fields in (C01, ADJUNCT, VIGOROUS, PENDING):
        plan, intake = built(fields)
        validate_plan(plan, intake)


# --- planted phrases, one group per text N-rule --------------------------------------------------

PLANTED = [
    ("N01", "This activity plan can replace your medication."),
    ("N01", "Once you feel better you can stop taking your tablets."),
    ("N01", "Walking is a good substitute for therapy."),
    ("N01", "You may skip your appointments while the plan is going well."),
    ("N01", "Take a break from your medication."),
    ("N01", "You could have a break from therapy once you feel better."),
    ("N01", "Stop taking your medication when the walks get easy."),
    ("N01", "Pause your meds while you build up."),
    ("N01", "Cut down your tablets as you get fitter."),
    ("N01", "Feel free to skip your meds on active days."),
    ("N01", "You can lower your dose once you are walking daily."),
    ("N01", "It is fine to miss a dose on walking days."),
    ("N01", "Think about stopping your antidepressants."),
    ("N01", "Coming off your medication is easier when you are active."),
    ("N01", "Some people wean off their tablets with exercise."),
    ("N01", "You may not need your meds much longer."),
    ("N05", "Each walk burns calories."),
    ("N05", "This will help you lose weight."),
    ("N05", "Tone up your arms with these moves."),
    ("N05", "Keep your streak going!"),
    ("N05", "Aim for 10,000 steps a day."),
    ("N05", "Check your BMI every month."),
    ("N05", "You earn your dinner with each session."),
    ("N05", "Show your before and after photos."),
    ("N06", "Exercise works like an antidepressant."),
    ("N06", "A walk is as good as medication."),
    ("N07", "Exercise is 1.5 times more effective than therapy."),
    ("N07", "Activity lowers the risk by 30%."),
    ("N07", "The effect size is large."),
    ("N08", "Walking grows new brain cells."),
    ("N08", "Exercise prevents dementia."),
    ("N08", "You will feel better after every session."),
    ("N08", "Chase the runner's high."),
    ("N08", "It rewires your hypothalamus."),
    ("N08", "Studies in mice show big gains."),
    ("N09", "Short walks don't count."),
    ("N09", "Only hard exercise counts."),
    ("N10", "No excuses: get out there."),
    ("N10", "Just do it."),
    ("N10", "You should push through the tiredness."),
    ("N10", "If you failed last week, try harder."),
    ("N10", "Don't be lazy."),
    ("N12", "You may have a mood disorder."),
    ("N12", "This plan is based on your diagnosis."),
    ("N14", "Stop running at weekends."),
    ("N14", "Reduce your gym sessions to two."),
    ("N14", "Cut back on your training."),
    ("N10", "You must walk every day."),
    ("N15", "Never miss a day."),
    ("N15", "Three sessions a week are a must."),
    ("N15", "Make up for missed sessions the next day."),
    ("N17", "Because of your suicidal thoughts, keep the crisis numbers close."),
    ("N17", "Your PHQ-9 result will be checked again."),
    ("N17", "Your score was high this time."),
    ("N17", "With your eating disorder history, keep rest days."),
    ("N17", "Anorexia can make this harder."),
    ("N17", "Obesity is one of your risk factors."),
    ("N17", "As a smoker, start gently."),
    ("N18", "Go for a walk right before therapy."),
    ("N18", "Plan an exposure session in the park."),
    ("N19", "Eat a protein snack after each walk."),
    ("N19", "Take your tablets after the walk."),
    ("N19", "Try fasting on rest days."),
    ("N19", "Change your dose on active days."),
    ("N20", "Keep your heart rate at 120 bpm."),
    ("N20", "Work out 220 minus your age."),
    ("N21", "Aim for 13 on the Borg scale."),
    ("N21", "Keep your RPE around 12."),
    ("N21", "Use the 6-20 scale."),
]


@pytest.mark.parametrize("rule, text", PLANTED, ids=[f"{r}:{t[:30]}" for r, t in PLANTED])
def test_planted_phrase_is_rejected_in_a_client_block(rule, text):
    plan, intake = built()
    assert rule_of(plant(plan, "activities_that_count", text), intake) == rule


# every fifth phrase, leaving out N14 ("stop", "reduce"), which the crisis sheet may say (7.28)
IN_DOCUMENT = [(rule, text) for rule, text in PLANTED if rule != "N14"][::5]


@pytest.mark.parametrize("rule, text", IN_DOCUMENT, ids=[t[:30] for _, t in IN_DOCUMENT])
def test_planted_phrase_is_rejected_in_a_client_document(rule, text):
    plan, intake = built()
    assert rule_of(plant(plan, "crisis_sheet", text, where="documents"), intake) == rule


@pytest.mark.parametrize("text", [
    "Add some vigorous sessions later on.",
    "Finish with hard effort for a minute.",
    "One minute of hard effort counts as two minutes.",
    "Go until you can only say a few words.",
    "Aim for 7 to 8 on the effort scale.",
])
def test_vigorous_words_only_when_vigorous_is_allowed(text):
    plan, intake = built()
    assert not plan.vigorous_allowed
    assert rule_of(plant(plan, "intensity_guide", text), intake) == "N04"
    allowed, vig_intake = built(VIGOROUS)
    assert allowed.vigorous_allowed
    validate_plan(plant(allowed, "intensity_guide", text), vig_intake)


@pytest.mark.parametrize("text", ["Try HIIT twice a week.", "Add interval training.",
                                  "A high-intensity interval session is fine."])
def test_hiit_is_never_prescribed_even_when_vigorous_is_allowed(text):
    plan, intake = built(VIGOROUS)
    assert rule_of(plant(plan, "intensity_guide", text), intake) == "N04"


def test_standalone_wording_is_banned_outside_a_standalone_plan():
    plan, intake = built(ADJUNCT)
    assert plan.wording is Wording.ADJUNCT
    text = "For some people, regular activity can help on its own."
    assert rule_of(plant(plan, "wording", text), intake) == "N02"
    own, own_intake = built()
    assert own.wording is Wording.STANDALONE_FOR_SOME
    validate_plan(plant(own, "wording", text), own_intake)  # its own block may say it
    assert rule_of(plant(own, "flexibility", text), own_intake) == "N02"  # nowhere else


# --- exemptions (section 7 item 28) and N17 with consent (item 30) ------------------------------

def test_warning_and_crisis_blocks_may_say_stop():
    plan, intake = built()
    validate_plan(plant(plan, "warning_symptoms", "Stop straight away."), intake)
    validate_plan(plant(plan, "crisis_footer", "Stop and call for help."), intake)
    validate_plan(plant(plan, "crisis_sheet", "Stop and call for help.", "documents"), intake)
    assert rule_of(plant(plan, "hold_rules", "Stop straight away."), intake) == "N14"


def test_crisis_blocks_may_name_the_crisis_line_but_nothing_else_may():
    plan, intake = built()
    line = "Call the Suicide and Crisis Lifeline."
    validate_plan(plant(plan, "crisis_footer", line), intake)
    assert rule_of(plant(plan, "wording", line), intake) == "N17"
    # but even a crisis block never prints the client's answers
    assert rule_of(plant(plan, "crisis_footer", "Your suicidal ideation"), intake) == "N17"


@pytest.mark.parametrize("name", ["depression", "anxiety", "PTSD", "trauma-focused therapy",
                                  "ADHD", "bipolar disorder", "psychosis", "schizophrenia",
                                  "stroke", "sarcopenia", "lithium", "diabetes"])
def test_condition_names_need_the_clients_agreement(name):
    text = f"This plan takes your {name} into account."
    plan, intake = built()
    assert rule_of(plant(plan, "wording", text), intake) == "N17"
    shown, shown_intake = built(show_conditions_on_handout=True)
    validate_plan(plant(shown, "wording", text), shown_intake)


def test_sensitive_answers_are_never_printed_even_with_consent():
    plan, intake = built(show_conditions_on_handout=True)
    for text in ("You told us about suicidal thoughts.", "Your PHQ-9 item 9 answer.",
                 "Your past eating disorder.", "Your compulsive exercise.",
                 "Your weight matters here."):
        assert rule_of(plant(plan, "wording", text), intake) in ("N17", "N05"), text


def test_the_clearance_letter_to_the_doctor_may_name_physical_reasons():
    plan, intake = built(PENDING)
    text = "Known heart disease, diabetes and a stroke last year."
    validate_plan(plant(plan, "clearance_request_letter", text, "documents"), intake)
    assert rule_of(plant(plan, "interim_clearance_letter", text, "documents"), intake) == "N17"
    mental = "The client has depression."
    assert rule_of(plant(plan, "clearance_request_letter", mental, "documents"), intake) == "N17"


def test_clinician_notes_are_not_client_text():
    plan, intake = built()
    note = TextBlock("intensity_reference", "x", ("Borg RPE 12-13; 40-59% HRR; PHQ-9 8.",))
    validate_plan(dataclasses.replace(plan, clinician_notes=(note,)), intake)


def test_word_boundaries_and_typographic_apostrophes():
    names = validator.lists_for_block("x", wording=Wording.ADJUNCT, vigorous_allowed=False,
                                      show_conditions=False)
    assert phrase_scan.find_banned("non-stop fun", names) is None
    assert phrase_scan.find_banned("fatigue", names) is None
    assert phrase_scan.find_banned("burn fat", names)[0] == "N05"
    assert phrase_scan.find_banned("Don’t count short walks", names)[0] == "N09"
    assert phrase_scan.find_banned("STOP", names)[0] == "N14"
    assert phrase_scan.find_banned("You’ll feel better", names)[0] == "N08"


# --- structural rules ----------------------------------------------------------------------------

def test_n03_required_blocks_and_numbers():
    plan, intake = built()
    for key in ("crisis_footer", "contact_clinician", "warning_symptoms"):
        missing = dataclasses.replace(plan, texts=tuple(b for b in plan.texts if b.key != key))
        assert rule_of(missing, intake) == "N03", key
    blank = tuple(dataclasses.replace(b, paragraphs=("Ask for help.",)) if b.key == "crisis_footer"
                  else b for b in plan.texts)
    assert rule_of(dataclasses.replace(plan, texts=blank), intake) == "N03"
    assert rule_of(dataclasses.replace(plan, crisis_resources=None), intake) == "N03"


def test_n03_crisis_box_first_under_risk_attestation():
    plan, intake = built(suicide_risk="passive_ideation")
    assert plan.texts[0].key == "crisis_box"
    moved = dataclasses.replace(plan, texts=(*plan.texts[1:], plan.texts[0]))
    assert rule_of(moved, intake) == "N03"


def test_n02_standalone_only_for_mild_depression_alone():
    plan, intake = built(ADJUNCT)
    assert rule_of(dataclasses.replace(plan, wording=Wording.STANDALONE_FOR_SOME), intake) == "N02"
    moderate = parse_intake(dict(C01, phq9_total=12))  # the score band wins (D-2)
    plan = build_plan(moderate, today=TODAY)
    assert plan.wording is Wording.ADJUNCT
    standalone = dataclasses.replace(plan, wording=Wording.STANDALONE_FOR_SOME)
    assert rule_of(standalone, moderate) == "N02"


def test_n02_no_standalone_wording_with_an_eating_disorder_history_8_3():
    for ed in ({"ed_history": "past"}, {"compulsive_exercise_history": True}):
        intake = parse_intake(dict(C01, **ed))
        plan = build_plan(intake, today=TODAY)
        assert plan.wording is Wording.ADJUNCT
        planted = dataclasses.replace(plan, wording=Wording.STANDALONE_FOR_SOME)
        assert rule_of(planted, intake) == "N02"


def test_n04_vigorous_steps_and_eligibility():
    plan, intake = built()
    steps = tuple(dataclasses.replace(s, intensity=Intensity.MODERATE_VIGOROUS_OPTIONAL)
                  for s in plan.steps)
    assert rule_of(dataclasses.replace(plan, steps=steps), intake) == "N04"
    vig, vig_intake = built(VIGOROUS)
    for change in ({"barriers": ("poor_sleep",)}, {"regular_exerciser": False},
                   {"base_vig_min": 0}, {"primary_condition": "ptsd"},
                   {"compulsive_exercise_history": True}, {"known_cvd": True}):
        assert rule_of(vig, dataclasses.replace(vig_intake, **change)) == "N04", change
    flagged = dataclasses.replace(vig, flags=("ADVISORY_GP",))
    assert rule_of(flagged, vig_intake) == "N04"


def test_n11_hard_stops_carry_no_exercise_content():
    plan, intake = built(suicide_risk="active_with_plan_or_intent")
    validate_plan(plan, intake)
    ok, _ = built()
    assert rule_of(dataclasses.replace(plan, steps=ok.steps[:1]), intake) == "N11"
    assert rule_of(dataclasses.replace(plan, texts=ok.texts[:1]), intake) == "N11"
    extra = (*plan.documents, ok.text("hold_rules"))
    assert rule_of(dataclasses.replace(plan, documents=extra), intake) == "N11"
    no_sheet = tuple(d for d in plan.documents if d.key != "crisis_sheet")
    assert rule_of(dataclasses.replace(plan, documents=no_sheet), intake) == "N03"


def test_n11_clearance_pending_needs_the_letters():
    plan, intake = built(PENDING)
    assert "CLEARANCE_PENDING" in plan.gates
    docs = tuple(d for d in plan.documents if d.key != "interim_clearance_letter")
    assert rule_of(dataclasses.replace(plan, documents=docs), intake) == "N11"


@pytest.mark.parametrize("change", [
    {"weekly_minutes": 310},
    {"strength_sessions": 4},
])
def test_n13_caps_per_step(change):
    plan, intake = built()
    steps = (*plan.steps[:-1], dataclasses.replace(plan.steps[-1], **change))
    assert rule_of(dataclasses.replace(plan, steps=steps), intake) == "N13"


def test_n13_step_increase_ed_cap_and_available_days():
    plan, intake = built()
    jump = (plan.steps[0], dataclasses.replace(plan.steps[1], weekly_minutes=60), *plan.steps[2:])
    assert rule_of(dataclasses.replace(plan, steps=jump), intake) == "N13"
    ed = dataclasses.replace(plan, flags=("ED_COMPULSIVE_CAP",),
                             steps=tuple(dataclasses.replace(s, weekly_minutes=160)
                                         for s in plan.steps))
    assert rule_of(ed, intake) == "N13"
    few_days = dataclasses.replace(intake, available_days=1)
    assert rule_of(plan, few_days) == "N13"


def n13_cases():
    """(constant, a lower value, plan, intake): each plan keeps the real caps, breaks the lower."""
    maintain, intake = built(base_total_min=200)  # MAINTAIN at 200 WM, 2 strength sessions
    building, build_intake = built()  # BUILD: +10 a step
    # A real ED plan (its texts carry no push-to-add words, rules 8.17), at 150 with 2 strength.
    at_cap, ed_intake = built(base_total_min=200, ed_history="past")
    ed = dataclasses.replace(at_cap, steps=tuple(
        dataclasses.replace(s, weekly_minutes=150, strength_sessions=2) for s in at_cap.steps))
    return [
        ("WM_CAP", 190, maintain, intake),
        ("STEP_INCREASE", 5, building, build_intake),
        ("STRENGTH_CAP", 1, maintain, intake),
        ("ED_WM_CAP", 140, ed, ed_intake),
        ("ED_STRENGTH_CAP", 1, ed, ed_intake),
    ]


def test_n13_caps_come_from_the_constants_module(monkeypatch):
    """A clinical lead tunes the caps in constants.py; the validator must follow, not keep its
    own copies."""
    from planner.engine import constants

    for name, lower, plan, intake in n13_cases():
        validate_plan(plan, intake)  # within the real caps
        assert getattr(constants, name) > lower
        with monkeypatch.context() as m:
            m.setattr(constants, name, lower)
            assert rule_of(plan, intake) == "N13", name


def test_n15_hold_rules_must_be_there():
    plan, intake = built()
    gone = dataclasses.replace(plan, texts=tuple(b for b in plan.texts if b.key != "hold_rules"))
    assert rule_of(gone, intake) == "N15"


def test_citations_must_exist():
    plan, intake = built()
    assert rule_of(dataclasses.replace(plan, why={**plan.why, "x": ("E99",)}), intake) == \
        "CITATION"


def test_every_phrase_list_compiles_and_is_indexed():
    for name, (rule, fragments) in phrases.LISTS.items():
        assert rule.startswith("N") and fragments, name
        scanner = phrase_scan._scanner(frozenset({name}))
        assert len(scanner.fragments) == len(fragments)


def test_validating_a_plan_is_cheap():
    """Part of the 2,000 plans a second budget: a warm validation costs well under 1 ms."""
    plan, intake = built()
    validate_plan(plan, intake)
    n = 2000
    start = time.perf_counter()
    for _ in range(n):
        validate_plan(plan, intake)
    assert (time.perf_counter() - start) / n < 0.001
