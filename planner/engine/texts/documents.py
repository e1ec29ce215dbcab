"""Letters and sheets: the interim clearance letter, the clearance request to the client's doctor,
the crisis-resources sheet and the clinician's stop notice."""

from __future__ import annotations

from .. import crisis
from ..enums import HardStop, Mode
from ..model import CrisisResources, Intake, Plan, TextBlock
from .context import Context

Block = tuple[TextBlock, tuple[str, ...]]


#: Item 19 (rules 8.19): the safety-plan prompts the client fills in with the clinician. The PDF
#: (planner/handout/documents.py) finds them by these labels and prints lines to write on.
SAFETY_PLAN_PROMPTS = (
    ("My warning signs", "the thoughts, feelings or situations that tell me things are getting "
                         "worse."),
    ("Things that help me", "what I can do to feel a little calmer or safer."),
    ("People I can contact", "family, friends or services, and their phone numbers."),
)


def crisis_sheet(res: CrisisResources) -> Block:
    """R-SAFE-HS2 / R-SAFE-CRISIS: a one-page crisis-resources handout, with the three
    safety-plan prompts of rules 8.19 at the end."""
    return TextBlock(
        key="crisis_sheet",
        title="Crisis support: keep this somewhere easy to find",
        paragraphs=(
            "If you are in crisis, or having thoughts of harming yourself, help is there for you "
            "right now. You don't have to wait for an appointment.",
            "At the end of this sheet there is space for your own safety plan. Fill it in with "
            "your clinician, and keep it with these numbers.",
        ),
        bullets=tuple(line for line in (
            crisis.line_sentence(res),
            crisis.other_sentence(res),
            f"In an emergency, call {res.emergency_number}.",
            f"Or {res.emergency_department_hint}.",
            "Or contact your clinician or another mental health professional straight away.",
            "My clinician: ____________________  phone: ____________________",
            *(f"{label}: {hint}" for label, hint in SAFETY_PLAN_PROMPTS),
        ) if line),
    ), ("R-SAFE-CRISIS", "R-SAFE-HS2", "E51", "E52")


# --- clearance letters (R-SAFE-CLR; rules 8.14) ------------------------------------------------

#: Reasons that make clearance urgent: an appointment within days, not a routine one (8.14).
URGENT_REASONS = frozenset({"SYMPTOMS", "PARQ_CHEST_PAIN", "PARQ_DIZZINESS_OR_LOC"})
PREGNANCY = "PREGNANCY"


def urgent_clearance(plan: Plan) -> bool:
    """True when a clearance reason is a symptom (8.14: the letters say "soon")."""
    return not URGENT_REASONS.isdisjoint(plan.clearance_reasons)


def emergency_line(number: str) -> str:
    """8.14: the first sentence of both urgent letters."""
    return (f"Chest pain at rest, or chest pain that lasts more than a few minutes: call {number} "
            "now.")


def _crisis_sentence(r: CrisisResources) -> str:
    return ("If you are in crisis or having thoughts of harming yourself: "
            f"{crisis.help_options(r)}, {r.emergency_department_hint}, or contact a mental "
            "health professional straight away.")


def _pregnancy_signs(number: str) -> str:
    return ("Stop what you are doing and get help straight away if you have any of these: "
            "bleeding from your vagina; fluid leaking from your vagina; chest pain; pain or "
            "swelling in your calf; feeling dizzy or faint; regular, painful contractions. Call "
            f"your midwife or maternity unit, or call {number} in an emergency.")


_MIDWIFE = "your midwife or your antenatal or postnatal team"


def interim_clearance_letter(ctx: Context) -> Block:
    """R-SAFE-CLR, rules 8.14: what the client gets instead of a plan until clearance is recorded.

    Three wordings: urgent (a symptom: emergency sentence first, see the doctor within days),
    pregnancy (the midwife or antenatal/postnatal team, and their warning signs), routine. No
    clearance reason is named (N17): the letter to the doctor carries them."""
    reasons = set(ctx.plan.clearance_reasons)
    urgent = urgent_clearance(ctx.plan)
    pregnancy = PREGNANCY in reasons
    n = ctx.res.emergency_number
    paragraphs: list[str] = []
    if urgent:
        title = "Please see your doctor soon, before you start your activity plan"
        paragraphs += [
            emergency_line(n),
            "Fainting, severe breathlessness, or a racing heartbeat that doesn't settle: stop "
            f"what you are doing and call {n} now too.",
            "Please book an appointment to see your doctor in the next few days, rather than "
            "waiting for a routine check-up. Take the letter for your doctor with you.",
        ]
        also = [who for who, needed in ((_MIDWIFE, pregnancy),
                                        ("your rehabilitation team", ctx.rehab)) if needed]
        if also:
            paragraphs.append("Please tell " + ", and ".join(also) + (", " if len(also) > 1
                                                                      else " ") + "as well.")
        until = "Until your doctor has seen you"
        after = ("Once your doctor has seen you, your clinician will go through the next steps "
                 "with you.")
    elif pregnancy:
        title = "Before you start your activity plan"
        also = ", and to your rehabilitation team" if ctx.rehab else ""
        paragraphs.append("Before you start this activity plan, please talk to your midwife, or "
                          f"to your antenatal or postnatal team{also}. Take the letter for them "
                          "with you.")
        until = "Until they have said it is OK"
        after = ("Your clinician will go through your full plan with you once they have said it "
                 "is OK.")
    else:
        title = "Before you start your activity plan"
        who = "your rehabilitation team or your doctor" if ctx.rehab else "your doctor"
        paragraphs.append(f"Before you start this activity plan, please see {who}.")
        until = "Until you have been cleared"
        after = "Your clinician will go through your full plan with you once you have been cleared."
    paragraphs.append(f"{until}, please don't start new exercise or increase your activity. "
                      "Carry on with your usual daily activities.")
    if not urgent:
        paragraphs.append("If you have chest pain, fainting, severe breathlessness or a racing "
                          "heartbeat that doesn't settle, stop what you are doing and call "
                          f"{n} now.")
    if pregnancy:
        paragraphs.append(_pregnancy_signs(n))
    paragraphs += [after, _crisis_sentence(ctx.res)]
    return TextBlock(key="interim_clearance_letter", title=title,
                     paragraphs=tuple(paragraphs)), (
        "R-SAFE-CLR", "R-SAFE-CRISIS", "X05", "X06", "E50", "E51")


#: The symptom checklist (2F) in clinical words, for the letter to the doctor (8.14).
SYMPTOM_WORDS = {
    "chest_discomfort": "chest, neck, jaw or arm discomfort at rest or on exertion",
    "breathless_rest_or_mild_exertion": "dyspnoea at rest or on mild exertion",
    "dizziness_or_fainting": "dizziness, presyncope or syncope",
    "breathless_lying_flat_or_at_night": "orthopnoea or paroxysmal nocturnal dyspnoea",
    "ankle_swelling": "ankle oedema",
    "palpitations": "palpitations or tachycardia",
    "calf_pain_walking": "intermittent claudication (calf pain on walking, eased by rest)",
    "heart_murmur": "a known heart murmur",
    "unusual_fatigue": "unusual fatigue or breathlessness with usual activities",
}
_PARQ_CHEST_PAIN = ("Chest pain at rest, during activities of daily living or on exertion "
                    "(PAR-Q+ question 2: yes).")
_PARQ_DIZZINESS = ("Loss of balance because of dizziness, or loss of consciousness, in the last "
                   "12 months (PAR-Q+ question 3: yes).")


def reported_symptoms(intake: Intake, reasons) -> list[str]:
    """The reported symptoms, one line each, in clinical words: the symptom checklist, then the
    PAR-Q+ chest pain and dizziness or loss of consciousness answers."""
    lines = []
    if "SYMPTOMS" in reasons:
        lines += [_capital(SYMPTOM_WORDS.get(str(s), str(s).replace("_", " ")))
                  + " (symptom checklist, last 3 months)." for s in intake.symptoms]
    if "PARQ_CHEST_PAIN" in reasons:
        lines.append(_PARQ_CHEST_PAIN)
    if "PARQ_DIZZINESS_OR_LOC" in reasons:
        lines.append(_PARQ_DIZZINESS)
    return lines


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _kinds_of_cmr(intake: Intake) -> str:
    kinds = []
    if intake.q1a_heart_condition or intake.known_cvd or "stroke_rehab" in intake.conditions:
        kinds.append("heart or circulation disease (including stroke or TIA)")
    if intake.known_metabolic or "insulin_or_sulfonylurea" in intake.medication_flags:
        kinds.append("diabetes")
    if intake.known_renal:
        kinds.append("kidney disease")
    return " and ".join(kinds) or "heart, metabolic or kidney disease"


_OTHER_REASONS = {
    "PARQ_SUPERVISED_ONLY": "A doctor has advised medically supervised activity only "
                            "(PAR-Q+ question 7).",
    "STROKE_REHAB_TEAM": "Recovery after a stroke: we ask the rehabilitation team or physician to "
                         "agree the start; professional supervision is recommended at first.",
    PREGNANCY: "Pregnant, or within 6 months of giving birth.",
    "BP_UNCONTROLLED": "Blood pressure not currently controlled, or advice not to exercise until "
                       "it is.",
    "ED_MEDICAL": "A treating team or doctor has restricted exercise, or there are signs of "
                  "medical instability.",
    "REHAB_INPUT": "Unable to walk: a seated programme needs to be designed by a "
                   "physiotherapist or rehabilitation professional.",
}


def _reason_lines(intake: Intake, reasons) -> list[str]:
    """Every clearance reason for the doctor: the reported symptoms first, then the rest."""
    lines = reported_symptoms(intake, reasons)
    for reason in reasons:
        if reason in URGENT_REASONS:
            continue
        if reason == "KNOWN_CMR_DISEASE_INACTIVE":
            lines.append(f"Known {_kinds_of_cmr(intake)}, and not currently exercising "
                         "regularly.")
        else:
            lines.append(_OTHER_REASONS.get(reason, str(reason) + "."))
    return lines


def _dose(p: Plan) -> str:
    if p.mode == Mode.BUILD:
        dose = (f"It starts at about {p.start_minutes} minutes a week and builds up by about 10 "
                f"minutes a week, with a steady week every fourth week, to about "
                f"{p.target_minutes} minutes a week.")
    elif p.steps:
        dose = f"It keeps activity steady at about {p.steps[0].weekly_minutes} minutes a week."
    else:
        dose = "It keeps the current routine and adds no minutes."
    strength = max((s.strength_sessions for s in p.steps), default=0)
    if strength:
        dose += f" It includes up to {strength} short strength sessions a week, started gently."
    return "The plan is walking-based and stays at light to moderate effort. " + dose


_ASK_LIMITS = ("Please let us know whether it is safe to start, and any limits you would like on "
               "weekly minutes or on effort (for example 'light effort only' or 'no more than 60 "
               "minutes a week'). Clearance is taken as valid for up to 12 months, or until their "
               "health changes.")
_REPLY_LINES = ("Cleared by: ____________________  role: ____________  date: ____________",
                "Limits (minutes a week / effort): ________________________________________")
_PREGNANCY_ADVICE = ("vaginal bleeding, fluid leaking, chest pain, calf pain or swelling, "
                     "dizziness or regular painful contractions")


def clearance_request_letter(ctx: Context) -> Block:
    """R-SAFE-CLR, rules 8.14: to the client's doctor, the reasons in clinical words, asking for
    any limits. Urgent when a symptom is reported (emergency advice first, seen within days);
    its own wording for pregnancy or the 6 months after birth."""
    p = ctx.plan
    reasons = set(p.clearance_reasons)
    urgent = urgent_clearance(p)
    pregnancy = PREGNANCY in reasons
    n = ctx.res.emergency_number
    if urgent:
        title = "Please see soon: symptoms reported before a physical activity plan"
        paragraphs = [
            "Emergency advice given to your patient: for chest pain at rest, or chest pain that "
            f"lasts more than a few minutes, call {n} now.",
            "Dear Doctor,",
            "Your patient reported the symptoms listed below when screened for a graded physical "
            "activity plan offered by their clinician. We would be grateful if you could see them "
            "soon, within the next few days rather than at a routine appointment, and let us "
            "know whether it is safe for them to start.",
            "Until they have been seen, we have advised them not to start new exercise or "
            "increase their activity, and to carry on with their usual daily activities.",
        ]
        if pregnancy:
            paragraphs.append("They are also pregnant or within 6 months of giving birth: we "
                              "have asked them to tell their midwife or antenatal or postnatal "
                              "team, and to seek help straight away for " + _PREGNANCY_ADVICE
                              + ".")
    elif pregnancy:
        title = "Request for clearance before a physical activity plan: pregnancy or after birth"
        paragraphs = [
            "Dear Doctor or Midwife,",
            "Your patient is pregnant, or within 6 months of giving birth, and has been offered a "
            "graded physical activity plan by their clinician. Before it starts, we would be "
            "grateful for your advice, for the reasons listed below.",
            "Until you have advised, we have asked them not to start new exercise or increase "
            "their activity, and to seek help straight away for " + _PREGNANCY_ADVICE + ".",
        ]
    else:
        title = "Request for medical clearance before an activity plan"
        paragraphs = [
            "Dear Doctor,",
            "Your patient has been offered a graded physical activity plan by their clinician. "
            "Before it starts, we would be grateful for your medical clearance, for the "
            "reasons listed below.",
        ]
    paragraphs += [_dose(p), _ASK_LIMITS, *_REPLY_LINES]
    return TextBlock(
        key="clearance_request_letter",
        title=title,
        paragraphs=tuple(paragraphs),
        bullets=tuple(_reason_lines(ctx.intake, p.clearance_reasons)),
    ), ("R-SAFE-CLR", "R-DOSE-5", "X05", "X06", "X13", "E50")


_STOP_NOTICES = {
    HardStop.OUT_OF_SCOPE_MINOR: (
        "No plan: the client is under 18.",
        ("This tool is for adults; child and adolescent guidance differs (WHO has separate "
         "recommendations for ages 5 to 17).",
         "Next: use guidance for young people with the young person's care team."),
        ("R-SAFE-HS1", "X01")),
    HardStop.CRISIS: (
        "No exercise plan: crisis.",
        ("Follow your local risk procedures now.",
         "Give the client the crisis-resources sheet and make sure they have crisis contacts.",
         "Re-run the planner once the crisis has been managed."),
        ("R-SAFE-HS2", "E51", "E52")),
    HardStop.BIPOLAR_ELEVATED_HOLD: (
        "No plan: elevated or mixed mood state.",
        ("Review with the treating team; re-run when euthymic or in a depressive episode.",),
        ("R-SAFE-HS3", "E24", "X17")),
    HardStop.PSYCHOSIS_ACUTE_HOLD: (
        "No community handout: acute or inpatient psychosis.",
        ("Re-run when stable in the community.",),
        ("R-SAFE-HS4", "E24", "X18")),
}


def stop_notice(plan: Plan, res: CrisisResources | None) -> Block:
    """R-SAFE-HS1..4: the clinician's stop screen (why, what to do next)."""
    title, paragraphs, ids = _STOP_NOTICES[HardStop(plan.hard_stop)]
    bullets = ()
    if plan.hard_stop == HardStop.CRISIS and res is not None:
        bullets = tuple(line for line in (
            crisis.line_sentence(res), crisis.other_sentence(res),
            f"Emergency: {res.emergency_number}; {res.emergency_department_hint}.") if line)
    return TextBlock(key="stop_notice", title=title, paragraphs=paragraphs,
                     bullets=bullets), ids


__all__ = ["SAFETY_PLAN_PROMPTS", "URGENT_REASONS", "crisis_sheet", "interim_clearance_letter",
           "clearance_request_letter", "emergency_line", "reported_symptoms", "stop_notice",
           "urgent_clearance"]
