"""Client texts: the rules.md section-4 "Handout content checks" for every public
case, the block structure, privacy (N17 / 7.30), documents and the CLI output.

Every phrase checked here is written in the test. Checks that name a condition run with
show_conditions_on_handout true (rules 7.30); the same cases also run with it false and must then
print no condition name at all.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys

import pytest

from planner.engine import build_plan, parse_intake
from planner.engine.texts import CLIENT_KEYS, CLINICIAN_KEYS, DOCUMENT_KEYS

from .support import REPO, case_files, load_case

TODAY = dt.date(2026, 1, 5)
CASES = {p.stem: load_case(p)["intake"] for p in case_files()}
# rules.md C08 gives these two inputs in the prose; cases/C08.json leaves them out (texts only).
CASE_EXTRAS = {"C08": {"usual_bedtime": "22:30", "time_of_day": "evening"}}

REQUIRED = ("wording", "at_a_glance", "intensity_guide", "warning_symptoms",
            "activities_that_count", "flexibility", "hold_rules", "contact_clinician",
            "review_weeks", "disclaimer", "crisis_footer")
CONDITION_WORDS = ("depression", "depressive", "anxiety", "ptsd", "trauma", "adhd", "bipolar",
                   "mania", "manic", "psychosis", "psychotic", "schizophrenia", "stroke",
                   "sarcopenia", "eating disorder", "anorexia", "lithium", "antipsychotic",
                   "diabetes", "insulin", "beta-blocker", "hypertension", "arthritis")
NEVER_PRINTED = ("suicidal", "ideation", "phq", "gad-7", "item 9", "score", "obes", "weight",
                 "calorie", "bmi", "compulsive", "smok", "risk factor", "borg", "rpe", "bpm",
                 "heart rate", "220", "%", "streak", "must", "should ", "just ", "failed", "lazy",
                 "no excuses", "push through", "brain cells", "hippocamp", "runner's high",
                 "antidepressant", "dementia", "burn", "diet", "supplement", "exposure")


def plan_for(name: str, show: bool = False, **extra):
    if name not in CASES:
        pytest.skip("../shared/spec/cases is not available")
    data = dict(CASES[name], **CASE_EXTRAS.get(name, {}), **extra)
    data["show_conditions_on_handout"] = show
    return build_plan(parse_intake(data), today=TODAY)


def client_text(plan, *, with_doctor_letter: bool = False) -> str:
    """What the client reads: handout blocks and client documents, lower case. The clearance
    request letter is addressed to their doctor and may name the physical clearance reasons."""
    skip = {"stop_notice"} | (set() if with_doctor_letter else {"clearance_request_letter"})
    blocks = [*plan.texts, *(d for d in plan.documents if d.key not in skip)]
    return "\n".join(b.all_text() for b in blocks).lower().replace("’", "'")


def block(plan, key) -> str:
    b = plan.text(key)
    assert b is not None, f"block {key!r} missing; have {[x.key for x in plan.texts]}"
    return b.all_text().lower()


def doc(plan, key) -> str:
    d = next((d for d in plan.documents if d.key == key), None)
    assert d is not None, f"document {key!r} missing"
    return d.all_text().lower()


def note(plan, key) -> str:
    n = next((n for n in plan.clinician_notes if n.key == key), None)
    assert n is not None, f"clinician note {key!r} missing"
    return n.all_text().lower()


def has_all(text: str, *phrases: str) -> None:
    for p in phrases:
        assert p.lower() in text, f"missing {p!r}"


def has_none(text: str, *phrases: str) -> None:
    for p in phrases:
        assert p.lower() not in text, f"must not contain {p!r}"


ADJUNCT = ("alongside your other care", "not instead of it", "keep taking any medication",
           "before making any change to your treatment")
VIGOROUS_WORDS = ("vigorous", "hard effort", "counts as two", "hiit", "interval")


# --- structure, for every case ------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("show", [False, True])
def test_blocks_are_complete_ordered_and_private(name, show):
    plan = plan_for(name, show)
    if plan.hard_stop is not None:
        assert plan.texts == () and plan.steps == ()
        assert {d.key for d in plan.documents} <= {"crisis_sheet", "stop_notice"}
        assert plan.documents[-1].key == "stop_notice"
        return
    keys = [b.key for b in plan.texts]
    assert len(keys) == len(set(keys))
    assert keys == [k for k in CLIENT_KEYS if k in keys]  # reading order
    for key in REQUIRED:
        assert key in keys, key
    assert keys[-1] == "crisis_footer"
    assert ("crisis_box" in keys) == ("RISK_ATTESTATION" in plan.gates)
    if "crisis_box" in keys:
        assert keys[0] == "crisis_box"
    for b in (*plan.texts, *plan.clinician_notes, *plan.documents):
        assert b.title.strip() and (b.paragraphs or b.bullets), b.key
        for line in (b.title, *b.paragraphs, *b.bullets):
            assert line == line.strip() and "  \n" not in line and "<" not in line, line
    assert {n.key for n in plan.clinician_notes} <= set(CLINICIAN_KEYS)
    assert {d.key for d in plan.documents} <= set(DOCUMENT_KEYS)
    has_none(client_text(plan, with_doctor_letter=True), *NEVER_PRINTED)
    text = client_text(plan)
    if not show:
        for word in CONDITION_WORDS:
            assert not re.search(rf"\b{re.escape(word)}\b", text), word
    # Borg and heart-rate reserve live in the clinician view only
    assert "borg" in note(plan, "intensity_reference")


@pytest.mark.parametrize("name", sorted(CASES))
def test_reading_age_is_about_12(name):
    """Flesch-Kincaid grade <= 7 over the handout (reading age about 12, R-WORD-5)."""
    plan = plan_for(name)
    if plan.hard_stop is not None:
        return
    text = " ".join(x for b in plan.texts for x in (*b.paragraphs, *b.bullets))
    sentences = [s for s in re.split(r"[.!?]+(?:\s|$)", text) if s.strip()]
    words = re.findall(r"[A-Za-z']+", text)

    def syllables(word):
        n = len(re.findall(r"[aeiouy]+", word.lower()))
        return max(1, n - (1 if word.lower().endswith("e") and n > 1 else 0))

    grade = (0.39 * len(words) / len(sentences)
             + 11.8 * sum(map(syllables, words)) / len(words) - 15.59)
    assert grade <= 7, grade


# --- rules.md section 4, case by case ----------------------------------------------------------

def test_c01():
    plan = plan_for("C01")
    text = client_text(plan)
    has_all(block(plan, "wording"), "for some people", "can help on its own",
            "check in with you at weeks 4 and 8")
    has_all(block(plan, "activity_schedule"), "day", "time", "place", "done [ ]")  # R-BAR-03
    has_all(block(plan, "barrier_tips"), "split sessions into shorter bouts")  # R-BAR-09
    has_all(block(plan, "barrier_tips"), "shoes on, out the door")
    for key in ("crisis_footer", "warning_symptoms", "hold_rules"):
        assert plan.text(key) is not None
    has_none(text, *ADJUNCT, *VIGOROUS_WORDS, "calorie", "weight")
    shown = plan_for("C01", show=True)
    has_all(block(shown, "wording"), "mild depression", "help on its own")


def test_c02():
    plan = plan_for("C02")
    text = client_text(plan)
    has_all(block(plan, "wording"), *ADJUNCT)
    has_all(block(plan, "advisory"), "check this plan with your doctor", "start gently")
    has_all(block(plan, "timing"), "at least 2 hours before you usually go to bed")
    has_all(block(plan, "hold_rules"), "slept badly on 3 or more nights", "don't move up")
    has_all(block(plan, "barrier_tips"), "mini-bouts")
    has_none(text, *VIGOROUS_WORDS)


def test_c03():
    plan = plan_for("C03")
    text = client_text(plan)
    assert plan.texts[0].key == "crisis_box" and plan.texts[-1].key == "crisis_footer"
    has_all(block(plan, "crisis_box"), "988", "911", "thoughts of harming yourself")
    has_none(block(plan, "crisis_box") + block(plan, "crisis_footer"),
             "item 9", "question 9", "phq", "suicidal", "ideation", "passive", "you told")
    has_all(block(plan, "wording"), *ADJUNCT)
    has_all(block(plan, "barrier_tips"), "rate your mood from 0 to 10 before and after")
    has_all(block(plan, "barrier_tips"), "on your own", "one person you trust", "group")
    has_all(block(plan, "barrier_tips"), "keep it simple", "short walk")
    has_none(text, "severe")
    assert "RISK_ATTESTATION" in plan.gates
    has_all(note(plan, "release_gates"), "risk attestation")


def test_c04():
    plan = plan_for("C04")
    text = client_text(plan)
    has_all(block(plan, "wording"), *ADJUNCT)
    has_all(block(plan, "body_sensations"), "faster heartbeat", "not signs of danger")
    keys = [b.key for b in plan.texts]
    assert keys.index("warning_symptoms") == keys.index("body_sensations") + 1  # side by side
    has_all(block(plan, "mind_body"), "yoga or tai chi, calm and steady")
    has_none(block(plan, "mind_body"), "brisk")  # rules 8.7
    has_all(block(plan, "barrier_tips"), "start where it feels easiest", "quiet times",
            "familiar routes", "not by this plan")
    has_none(text, "exposure", "face your fear")
    has_all(note(plan, "aerobic_minutes"), "step 1: 60 wm = 40 aerobic + 20 mind-body")


def test_c05():
    plan = plan_for("C05")
    text = client_text(plan)
    has_all(block(plan, "wording"), *ADJUNCT)
    has_all(block(plan, "flexibility"), "it's fine, and healthy, to miss a session",
            "at least 2 full rest days")
    has_all(block(plan, "strength_guide"), "same days as your other activity")
    has_all(block(plan, "hold_rules"), "make up for eating", "tell your clinician")
    has_none(text, "calorie", "weight", "shape", "burn", "step count", "steps a day", "streak",
             *VIGOROUS_WORDS, "reduce", "cut back", "eating disorder", "anorexia", "compulsive")
    assert "ED_INFORMED_SIGNOFF" in plan.gates
    has_all(note(plan, "release_gates"), "ed_informed_signoff")
    has_all(note(plan, "high_volume_review"), "ill or injured", "make up for eating")
    has_all(note(plan, "ed_coordination"), "eating-disorder care team")


def test_c06():
    shown = plan_for("C06", show=True)
    has_all(block(shown, "wording"), *ADJUNCT, "including your trauma-focused therapy")
    plan = plan_for("C06")
    has_all(block(plan, "wording"), "including your talking therapy")
    has_none(client_text(plan), "trauma")
    # the effort named in the same words as the table's hardest week (rules 8.7)
    assert max(str(s.intensity) for s in plan.steps) == "moderate"
    has_all(block(plan, "maintain_note"), "planned effort: brisk.",
            "if you already do other exercise that feels harder, talk to your clinician")
    # a complete sentence in both variants (rules 8.11)
    has_all(block(shown, "wording"), "designed to work alongside your other care, including "
                                     "your trauma-focused therapy, not instead of it.")
    has_none(block(plan, "maintain_note"), "stop")
    has_all(block(plan, "timing"), "at least 2 hours before you usually go to bed")
    has_all(block(plan, "body_sensations"), "not signs of danger")
    has_none(client_text(plan), "before therapy", "after therapy", "before your session",
             "therapy session")


def test_c07():
    shown = plan_for("C07", show=True)
    has_all(block(shown, "wording"), *ADJUNCT, "does not take the place of your adhd treatment")
    plan = plan_for("C07")
    assert plan.vigorous_allowed
    has_all(block(plan, "intensity_guide"), "you can keep some of it",
            "one minute of hard effort counts as two minutes")
    has_all(block(plan, "timing"), "before a task that needs focus")
    has_all(block(plan, "strength_guide"), "carry on with your routine")
    has_none(client_text(plan), "hiit", "interval")


def test_c08():
    plan = plan_for("C08")
    text = client_text(plan)
    has_all(block(plan, "wording"), *ADJUNCT)
    has_all(block(plan, "medication_notes"), "drink water regularly before, during and after",
            "hot conditions", "medical advice the same day", "vomiting or diarrhoea",
            "tremor", "unsteadiness or confusion")  # rules 8.13
    has_all(block(plan, "timing"), "22:30", "finish by 20:30", "regular times")
    has_all(block(plan, "hold_rules"), "unusually high or driven", "much less sleep",
            "contact your clinician this week")
    has_all(block(plan, "activities_that_count"), "steady, rhythmic", "swimming")
    has_none(text, *VIGOROUS_WORDS, "lithium")
    # R-HOLD-6 is for bipolar disorder only
    has_none(block(plan_for("C02"), "hold_rules"), "unusually high or driven")


def test_c09():
    plan = plan_for("C09")
    text = client_text(plan)
    has_all(block(plan, "wording"), *ADJUNCT)
    has_all(block(plan, "advisory"), "check this plan with your doctor")
    has_all(block(plan, "medication_notes"), "stand up slowly", "hot weather",
            "stop and sit down")  # rules 8.13
    activities = plan.text("activities_that_count")
    assert "group" in activities.bullets[0].lower()  # supervised or group options first
    has_all(activities.all_text().lower(), "with others", "supervised")
    for bullet in activities.bullets:  # cost barrier: free options only
        assert "pool" not in bullet.lower() and "leisure centre" not in bullet.lower()
    # a group preference wins over social withdrawal: no "start on your own" (rules 8.10)
    has_all(block(plan, "barrier_tips"), "one person you trust, or a small, friendly group")
    has_none(text, "on your own")
    has_none(block(plan, "barrier_tips"), "from week 5")
    has_all(activities.all_text().lower(), "from the first week")
    has_all(block(plan, "activity_schedule"), "day", "time", "place")
    has_all(block(plan, "strength_guide"), "no equipment needed", "a sturdy chair")
    has_none(text, "obes", "weight", "smok")


def test_c10():
    plan = plan_for("C10")
    text = client_text(plan)
    has_all(block(plan, "wording"), "supports your health",
            "does not replace advice or treatment from your doctor")
    has_none(text, *ADJUNCT)
    has_all(block(plan, "advisory"), "check this plan with your doctor")
    has_all(block(plan, "barrier_tips"), "water walking", "cycling", "dancing")
    has_all(block(plan, "barrier_tips"), "pain guide", "settles within a day",
            "end the session", "tell your clinician")
    has_all(block(plan, "strength_guide"), "every strength session includes 2 balance moves",
            "something sturdy to hold", "fingertips")
    has_all(block(plan, "moves_guide"), "sit to stand", "hold it with both hands")
    # one fall in the last year: supported moves only, balance stops at fingertips (8.12)
    has_none(text, "step-ups", "stairs", "carrying", "no hands")
    has_all(block(plan, "falls_safety"), "sturdy", "phone", "if you fall")
    has_none(text, "dementia", "alzheimer", "%", "prevent")


def test_c11():
    plan = plan_for("C11")
    text = client_text(plan)
    has_all(block(plan, "wording"), *ADJUNCT, "supports your rehabilitation programme",
            "follow your team")
    has_none(text, "heart rate", "bpm", "220", "zone")
    has_all(block(plan, "medication_notes"), "talk test", "effort scale")
    has_all(block(plan, "warning_symptoms"), "sudden face droop, arm weakness or difficulty "
                                             "speaking")
    has_all(block(plan, "strength_guide"), "moves your rehabilitation team has agreed")
    has_all(block(plan, "moves_guide"), "sitting", "hold it with both hands",
            "check them with your rehabilitation team")
    has_all(block(plan, "at_a_glance"), "shorter bouts")
    has_all(note(plan, "clearance"), "restrictions recorded", "stroke rehabilitation")
    # at intake (clearance pending) the client gets the interim letter, to the rehab team
    pending = plan_for("C11", clearance_status="pending")
    has_all(doc(pending, "interim_clearance_letter"), "rehabilitation team")


def test_c12():
    plan = plan_for("C12")
    text = client_text(plan)
    has_all(block(plan, "wording"), "supports your health")
    has_all(block(plan, "medication_notes"), "advice about checking your glucose")
    has_all(block(plan_for("C12", show=True), "medication_notes"), "diabetes team")
    has_none(text, "diabetes")
    has_all(block(plan, "barrier_tips"), "walk laps at home", "march on the spot")
    has_all(block(plan, "strength_guide"), "2 balance moves",
            "you will probably feel stronger within a few weeks")
    has_all(block(plan, "moves_guide"), "sturdy chair", "sitting", "counter")
    has_none(text, "muscle size", "bigger muscles", "tone", "appearance", "protein", "diet",
             "supplement", "nutrition")


def test_g1_crisis_stop():
    plan = plan_for("G1")
    assert plan.hard_stop == "CRISIS" and plan.texts == () and plan.steps == ()
    sheet = doc(plan, "crisis_sheet")
    has_all(sheet, "988", "call or text 988", "911", "emergency department")
    has_none(sheet, "minute", "walk", "exercise", "session", "activity")
    has_all(doc(plan, "stop_notice"), "local risk procedures")
    out = plan.to_dict()
    assert out["steps"] == [] and out["crisis_resources"]["region"] == "US"
    assert "texts" not in out and [d["key"] for d in out["documents"]] == ["crisis_sheet",
                                                                          "stop_notice"]


def test_g2_interim_letter_only():
    plan = plan_for("G2")
    assert "CLEARANCE_PENDING" in plan.gates
    letter = doc(plan, "interim_clearance_letter")
    has_all(letter, "please see your doctor", "don't start new exercise or increase your "
            "activity", "usual daily activities", "chest pain", "fainting",
            "severe breathlessness", "racing heartbeat", "call 911 now", "988")
    request = doc(plan, "clearance_request_letter")
    has_all(request, "chest, neck, jaw or arm discomfort", "par-q+ question 2",
            "any limits you would like on weekly minutes or on effort", "light to moderate",
            "12 months")
    has_none(request, "anxiety", "mood", "vigorous")
    has_all(note(plan, "release_gates"), "clearance_pending", "interim letter")


def test_g3_bipolar_hold():
    plan = plan_for("G3")
    assert plan.hard_stop == "BIPOLAR_ELEVATED_HOLD"
    assert [d.key for d in plan.documents] == ["stop_notice"]
    has_all(doc(plan, "stop_notice"), "review with the treating team",
            "re-run when euthymic or in a depressive episode")


def test_g4_maintain_current():
    plan = plan_for("G4")
    assert plan.steps == ()
    has_all(block(plan, "at_a_glance"), "keep your current routine; this plan does not add "
                                        "minutes")
    has_all(block(plan, "wording"), "can help on its own")
    has_all(block(plan, "maintain_note"), "hold rules")
    has_none(client_text(plan), "recovery")  # it promises only what it prints (8.10)
    has_all(block(plan, "hold_rules"), "make up for eating", "ill or injured")
    assert plan.text("warning_symptoms") and plan.text("crisis_footer")
    assert plan.text("activity_schedule") is None and plan.text("strength_guide") is None
    has_none(client_text(plan), "reduce", "stop running", "cut back")
    assert len(plan.text("at_a_glance").bullets) == 0
    assert len(next(n for n in plan.clinician_notes if n.key == "high_volume_review").bullets) == 5


def test_g5_minor():
    plan = plan_for("G5")
    assert plan.hard_stop == "OUT_OF_SCOPE_MINOR" and plan.texts == ()
    has_all(doc(plan, "stop_notice"), "for adults", "child and adolescent guidance differs")


def test_v11_cases():
    c14 = plan_for("C14")  # cleared with a 100-minute limit
    # the doctor's limit below what the client does now (rules 8.4, 8.5)
    has_all(block(c14, "maintain_note"), "less than you do now",
            "doctor or health professional who checked you")
    has_none(client_text(c14), "already do enough", "keeps them steady")
    glance = c14.text("at_a_glance")
    assert glance.paragraphs[0].lower().startswith("the doctor or health professional")
    has_all(glance.paragraphs[0].lower(), "about 100 minutes of activity a week at most",
            "review it with you")
    has_all(note(c14, "clearance"), "at most 100 minutes a week")
    c19 = plan_for("C19")  # insulin flag alone -> clearance gate
    has_all(doc(c19, "clearance_request_letter"), "diabetes", "not currently exercising")
    has_none(client_text(c19), "diabetes")
    c20 = plan_for("C20")  # unable to walk after a stroke
    has_all(doc(c20, "clearance_request_letter"), "unable to walk", "physiotherapist")
    has_all(doc(c20, "interim_clearance_letter"), "rehabilitation team")
    assert c20.main_activity == "seated_exercise"
    c21 = plan_for("C21")  # compulsive exercise, ED cap
    has_all(block(c21, "flexibility"), "fine, and healthy")
    has_none(client_text(c21), "reduce", "compulsive")
    c22 = plan_for("C22")  # light only
    assert block(c22, "at_a_glance").count("easy") >= 1
    has_none(block(c22, "intensity_guide"), "moves up one level")


# --- the intensity guide and the hold rules, read off build_plan output (R-INT-1, R-HOLD) --------

GUIDE_CASES = ("C01", "C07", "C08", "C21", "C22", "G4")
EFFORT_NUMBER = re.compile(r"\b(?:about )?\d+ (?:to|-|out of) \d+\b")


def talk_test_comes_first(text: str) -> bool:
    """The talk test is named before any number of the 0-10 effort scale."""
    first_number = EFFORT_NUMBER.search(text)
    return "talk test" in text and (first_number is None
                                     or text.index("talk test") < first_number.start())


@pytest.mark.parametrize("name", GUIDE_CASES)
def test_intensity_guide_puts_the_talk_test_before_the_0_to_10_scale(name):
    plan = plan_for(name)
    guide = plan.text("intensity_guide")
    assert guide is not None
    first = guide.paragraphs[0].lower()
    assert first.startswith("use the talk test first")
    assert talk_test_comes_first(block(plan, "intensity_guide"))
    assert "0 to 10" in first and first.index("talk test") < first.index("0 to 10")
    # each effort level says how talking feels before it gives its number on the scale
    for bullet in guide.bullets:
        low = bullet.lower()
        number = EFFORT_NUMBER.search(low)
        assert number is not None, bullet
        assert re.search(r"you can(?:'t| only)? (?:talk|say)", low[:number.start()]), bullet
    has_none(block(plan, "intensity_guide"), "borg", "rpe", "6 to 20", "6-20", "bpm",
             "heart rate", "beats a minute", "pulse", "%")
    if plan.vigorous_allowed:  # moderate-equivalent minutes are explained (R-INT-7, 7.24)
        has_all(block(plan, "intensity_guide"), "counts as two minutes", "only if you already")
    else:
        has_none(block(plan, "intensity_guide"), *VIGOROUS_WORDS)


def test_the_talk_test_check_can_fail():
    assert not talk_test_comes_first("rate it about 5 to 6. use the talk test first")
    assert not talk_test_comes_first("an effort of 4 out of 10 is fine")
    assert talk_test_comes_first("use the talk test first. about 5 to 6")


IF_THEN = re.compile(r"If [^.;]+?, then [a-z]")


@pytest.mark.parametrize("name", GUIDE_CASES)
def test_hold_rules_read_if_then(name):
    plan = plan_for(name)
    rules = plan.text("hold_rules")
    assert rules is not None and len(rules.bullets) >= 6
    for bullet in rules.bullets:
        assert IF_THEN.match(bullet), f"not 'If ..., then ...': {bullet!r}"
    bipolar_rule = "If you feel unusually high or driven"
    assert any(b.startswith(bipolar_rule) for b in rules.bullets) == (name == "C08")


def test_the_if_then_check_can_fail():
    assert not IF_THEN.match("Repeat the step if you are tired.")
    assert not IF_THEN.match("If you are tired. Then repeat the step.")
    assert IF_THEN.match("If you are tired, then repeat the step.")


def test_dated_review_weeks():
    plan = plan_for("C01", plan_start_date="2026-03-02")
    reviews = block(plan, "review_weeks")
    has_all(reviews, "week 4: around monday 23 march 2026", "week 8", "week 12",
            "monday 2 march 2026")


# --- serialisation and the CLI ------------------------------------------------------------------

def test_plan_json_carries_texts_notes_documents():
    out = plan_for("C02").to_dict()
    json.dumps(out)
    for key in ("texts", "clinician_notes", "documents"):
        assert out[key] and all(set(b) == {"key", "title", "paragraphs", "bullets"}
                                for b in out[key])
    assert any(k.startswith("texts.") for k in out["why"])


def test_cli_prints_the_text_blocks(tmp_path):
    if "C01" not in CASES:
        pytest.skip("cases not available")
    path = tmp_path / "c01.json"
    path.write_text(json.dumps(CASES["C01"]))
    run = subprocess.run([sys.executable, "-m", "planner.engine", str(path)], cwd=REPO,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert [b["key"] for b in out["texts"]][-1] == "crisis_footer"
    assert "988" in json.dumps(out["texts"])


def test_review_helpers_keep_texts_valid_and_truthful():
    from planner.engine import freeze, hold
    from planner.engine.validator import validate_plan

    data = dict(CASES["C03"]) if "C03" in CASES else pytest.skip("cases not available")
    intake = parse_intake(data)
    plan = build_plan(intake, today=TODAY)
    frozen = freeze(plan, at_step=6, intake=intake)
    validate_plan(frozen, intake)
    last = frozen.steps[-1].weekly_minutes
    assert last < frozen.target_minutes
    has_all(block(frozen, "at_a_glance"), f"keep going at about {last} minutes a week until")
    held = hold(plan, at_step=5, intake=intake)
    validate_plan(held, intake)
    assert block(held, "hold_rules") == block(plan, "hold_rules")


def test_clinician_sees_the_severity_used_and_why_the_days_limit_the_target():
    c13 = plan_for("C13")  # PHQ-9 17 with a "moderate" rating (rules 8.20, D-2)
    assert note(c13, "severity_used") == (
        "severity as planned\ndepression: planned as severe: phq-9 17 (15\u201319 is the "
        "moderately severe band, planned as severe, d-2); your rating: moderate.")
    c18 = plan_for("C18")  # 2 days at up to 60 minutes: 120, not 150 (rules 8.2)
    has_all(note(c18, "days_limited"), "with 2 available days", "at most 60 minutes",
            "120 minutes", "would otherwise aim for 150 minutes", "more available days",
            "short everyday walks")
    has_all(block(c18, "at_a_glance"), "on other days, short easy walks around your home or "
                                       "street are welcome too.")
    c25 = plan_for("C25")  # gentle start: 30-minute sessions (rules 8.1)
    has_all(note(c25, "days_limited"), "at most 30 minutes", "60 minutes",
            "90 minutes (then 150 after a review)")
    assert next((n for n in plan_for("C01").clinician_notes if n.key == "days_limited"),
                None) is None


def test_an_81_year_old_with_one_free_day_gets_one_30_minute_session():
    plan = build_plan(parse_intake({
        "age": 81, "primary_condition": "healthy_ageing", "base_total_min": 0,
        "available_days": 1}), today=TODAY)
    assert plan.target_minutes == 30 and "DAYS_LIMITED" in plan.flags
    assert {(s.sessions, s.minutes_per_session) for s in plan.steps} <= {(1, 30), (1, 10),
                                                                         (1, 20)}
    assert max(s.minutes_per_session for s in plan.steps) == 30
    has_all(block(plan, "falls_safety"), "staying safe from falls")  # 75 and over (8.12)


def test_no_client_text_of_any_case_says_step_n():
    for name in sorted(CASES):
        for show in (False, True):
            text = client_text(plan_for(name, show), with_doctor_letter=True)
            assert re.search(r"\bsteps? \d", text) is None, name
