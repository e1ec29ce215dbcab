"""Clearance letters and the crisis sheet (rules v1.2, section 8 items 14 and 19).

Every test renders a real intake through build_plan (validator included): case G2 (chest
discomfort on stairs) is the headline example, with PAR-Q+ chest pain, dizziness, a pregnant
client and a routine known-disease case (C19) beside it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from planner.engine import build_plan, crisis, parse_intake
from planner.engine.texts.documents import SAFETY_PLAN_PROMPTS, SYMPTOM_WORDS

from .support import CASES_DIR, load_case

TODAY = dt.date(2026, 1, 5)
SOMEONE = {"age": 48, "primary_condition": "depression", "depression_severity": "mild",
           "base_total_min": 40, "clearance_status": "pending"}
PREGNANT = dict(SOMEONE, age=31, pregnant_or_postpartum_6m=True)
EMERGENCY_FIRST = "chest pain at rest, or chest pain that lasts more than a few minutes: call"
URGENT = ("please see your doctor soon", "in the next few days",
          "rather than waiting for a routine check-up",
          "until your doctor has seen you, please don't start new exercise")
ROUTINE_ONLY = "before you start this activity plan, please see your doctor."


def case(name: str) -> dict:
    path = CASES_DIR / f"{name}.json"
    if not path.exists():
        pytest.skip("../shared/spec/cases is not available")
    return load_case(path)["intake"]


def letters(data: dict) -> tuple:
    plan = build_plan(parse_intake(data), today=TODAY)
    docs = {d.key: d for d in plan.documents}
    return plan, docs["interim_clearance_letter"], docs["clearance_request_letter"]


def lower(block) -> str:
    return block.all_text().lower().replace("’", "'")


def assert_urgent(interim, request, number="911") -> None:
    text = lower(interim)
    for phrase in URGENT:
        assert phrase in text, phrase
    assert interim.paragraphs[0].lower().startswith(EMERGENCY_FIRST)
    assert interim.paragraphs[0].endswith(f"call {number} now.")
    doctor = lower(request)
    assert request.paragraphs[0].lower().startswith("emergency advice given to your patient: "
                                                    "for chest pain at rest")
    assert f"call {number} now" in request.paragraphs[0]
    assert "soon, within the next few days rather than at a routine appointment" in doctor
    assert "not to start new exercise" in doctor
    assert ROUTINE_ONLY not in text


# --- item 14: urgent clearance ------------------------------------------------------------------

def test_g2_chest_discomfort_on_stairs_gets_the_urgent_letters():
    plan, interim, request = letters(case("G2"))
    assert set(plan.clearance_reasons) == {"SYMPTOMS", "PARQ_CHEST_PAIN"}
    assert_urgent(interim, request)
    assert interim.title == "Please see your doctor soon, before you start your activity plan"
    # the R-SAFE-CLR meaning is kept: the other emergency signs, usual daily activities
    assert "fainting, severe breathlessness" in lower(interim)
    assert "carry on with your usual daily activities" in lower(interim)
    # no plan in the letter, no clearance reason named to the client (N17)
    for word in ("minutes a week", "chest discomfort", "par-q", "anxiety", "symptom"):
        assert word not in lower(interim), word


def test_symptoms_checklist_chest_discomfort_alone_is_urgent():
    _, interim, request = letters(dict(SOMEONE, symptoms=["chest_discomfort"]))
    assert_urgent(interim, request)


def test_parq_chest_pain_alone_is_urgent():
    plan, interim, request = letters(dict(SOMEONE, q2_chest_pain=True))
    assert plan.clearance_reasons == ("PARQ_CHEST_PAIN",)
    assert_urgent(interim, request)
    assert "Chest pain at rest, during activities of daily living or on exertion (PAR-Q+ " \
           "question 2: yes)." in request.bullets


@pytest.mark.parametrize("answers", [{"q3_dizziness_loc": True},
                                     {"symptoms": ["dizziness_or_fainting"]}])
def test_dizziness_or_loss_of_consciousness_is_urgent(answers):
    plan, interim, request = letters(dict(SOMEONE, **answers))
    assert set(plan.clearance_reasons) & {"SYMPTOMS", "PARQ_DIZZINESS_OR_LOC"}
    assert_urgent(interim, request)


def test_routine_known_disease_keeps_the_routine_wording():
    plan, interim, request = letters(case("C19"))  # insulin flag: known metabolic disease
    assert plan.clearance_reasons == ("KNOWN_CMR_DISEASE_INACTIVE",)
    text = lower(interim)
    assert interim.paragraphs[0].lower() == ROUTINE_ONLY
    assert "until you have been cleared, please don't start new exercise" in text
    for phrase in ("soon", "next few days", "routine", "chest pain at rest"):
        assert phrase not in text, phrase
    doctor = lower(request)
    assert request.paragraphs[0] == "Dear Doctor,"
    assert "next few days" not in doctor and "emergency" not in doctor
    assert "known diabetes, and not currently exercising regularly" in doctor


def test_the_emergency_line_comes_first_with_the_regions_number():
    crisis.configure_regions({"ZZ": {"crisis_line_name": "Helpline", "emergency_number": "999",
                                     "crisis_line_contact": "call 116 123"}})
    try:
        _, interim, request = letters(dict(case("G2"), crisis_region="ZZ"))
    finally:
        crisis.reset_regions()
    assert interim.paragraphs[0] == ("Chest pain at rest, or chest pain that lasts more than a "
                                     "few minutes: call 999 now.")
    assert "call 999 now" in request.paragraphs[0]
    assert "911" not in interim.all_text() + request.all_text()
    assert "call 116 123 (Helpline)" in interim.paragraphs[-1]


def test_the_doctor_letter_lists_the_reported_symptoms_in_clinical_words():
    every = list(SYMPTOM_WORDS)
    _, _, request = letters(dict(SOMEONE, symptoms=every, q2_chest_pain=True,
                                 q3_dizziness_loc=True))
    bullets = [b.lower() for b in request.bullets]
    for code, words in SYMPTOM_WORDS.items():
        assert any(b.startswith(words.lower()) for b in bullets), code
    for clinical in ("dyspnoea", "syncope", "orthopnoea", "oedema", "palpitations",
                     "claudication", "par-q+ question 2: yes", "par-q+ question 3: yes"):
        assert any(clinical in b for b in bullets), clinical
    assert "the symptoms listed below" in lower(request)
    # G2: its two findings, symptoms first
    _, _, g2 = letters(case("G2"))
    assert g2.bullets == (
        "Chest, neck, jaw or arm discomfort at rest or on exertion (symptom checklist, last 3 "
        "months).",
        "Chest pain at rest, during activities of daily living or on exertion (PAR-Q+ question "
        "2: yes).",
    )


def test_pregnancy_gets_its_own_wording_in_both_letters():
    plan, interim, request = letters(PREGNANT)
    assert plan.clearance_reasons == ("PREGNANCY",)
    text = lower(interim)
    assert "please talk to your midwife, or to your antenatal or postnatal team" in text
    assert "until they have said it is ok, please don't start new exercise" in text
    for sign in ("bleeding from your vagina", "fluid leaking", "chest pain",
                 "pain or swelling in your calf", "dizzy or faint", "regular, painful contractions",
                 "call 911 in an emergency"):
        assert sign in text, sign
    # the client letter never names the reason itself (N17 physical reasons)
    for word in ("pregnan", "postpartum", "your doctor soon"):
        assert word not in text, word
    doctor = lower(request)
    assert request.paragraphs[0] == "Dear Doctor or Midwife,"
    assert "pregnant, or within 6 months of giving birth" in doctor
    for sign in ("vaginal bleeding", "fluid leaking", "calf pain or swelling",
                 "regular painful contractions"):
        assert sign in doctor, sign


def test_pregnancy_with_a_symptom_is_urgent_and_keeps_the_pregnancy_advice():
    _, interim, request = letters(dict(PREGNANT, q2_chest_pain=True))
    assert_urgent(interim, request)
    assert "please tell your midwife or your antenatal or postnatal team as well" in lower(
        interim)
    assert "regular, painful contractions" in lower(interim)
    assert "also pregnant or within 6 months of giving birth" in lower(request)


@pytest.mark.parametrize("show", [False, True])
def test_letters_keep_the_privacy_rules(show):
    data = dict(case("G2"), show_conditions_on_handout=show)
    _, interim, request = letters(data)  # build_plan validated both (N17 included)
    for word in ("anxiety", "mood", "mental health condition"):
        assert word not in lower(request), word
    if not show:
        assert "anxiety" not in lower(interim)


# --- item 19: the crisis sheet's safety-plan prompts --------------------------------------------

@pytest.mark.parametrize("name", ["G1", "C01"])
def test_crisis_sheet_carries_the_three_safety_plan_prompts(name):
    plan = build_plan(parse_intake(case(name)), today=TODAY)
    sheet = next(d for d in plan.documents if d.key == "crisis_sheet")
    labels = [label for label, _hint in SAFETY_PLAN_PROMPTS]
    assert labels == ["My warning signs", "Things that help me", "People I can contact"]
    prompts = [b for b in sheet.bullets if b.startswith(tuple(labels))]
    assert [p.split(":")[0] for p in prompts] == labels
    assert sheet.bullets[-3:] == tuple(prompts)  # after the numbers
    assert "fill it in with your clinician" in lower(sheet)
    assert "911" in sheet.all_text() and "988" in sheet.all_text()
