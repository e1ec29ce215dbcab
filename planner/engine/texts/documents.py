"""Letters and sheets: the interim clearance letter, the clearance request to the client's doctor,
the crisis-resources sheet and the clinician's stop notice."""

from __future__ import annotations

from .. import crisis
from ..enums import HardStop, Mode
from ..model import CrisisResources, Intake, Plan, TextBlock
from .context import Context

Block = tuple[TextBlock, tuple[str, ...]]


def crisis_sheet(res: CrisisResources) -> Block:
    """R-SAFE-HS2 / R-SAFE-CRISIS: a one-page crisis-resources handout."""
    return TextBlock(
        key="crisis_sheet",
        title="Crisis support: keep this somewhere easy to find",
        paragraphs=(
            "If you are in crisis, or having thoughts of harming yourself, help is there for you "
            "right now. You don't have to wait for an appointment.",
        ),
        bullets=tuple(line for line in (
            crisis.line_sentence(res),
            crisis.other_sentence(res),
            f"In an emergency, call {res.emergency_number}.",
            f"Or {res.emergency_department_hint}.",
            "Or contact your clinician or another mental health professional straight away.",
            "My clinician: ____________________  phone: ____________________",
            "Someone I trust: ____________________  phone: ____________________",
        ) if line),
    ), ("R-SAFE-CRISIS", "R-SAFE-HS2", "E51", "E52")


def interim_clearance_letter(ctx: Context) -> Block:
    """R-SAFE-CLR: what the client gets instead of a plan until clearance is recorded."""
    who = ("your rehabilitation team or your doctor" if ctx.rehab else "your doctor")
    r = ctx.res
    return TextBlock(
        key="interim_clearance_letter",
        title="Before you start your activity plan",
        paragraphs=(
            f"Before you start this activity plan, please see {who}.",
            "Until you have been cleared, please don't start new exercise or increase your "
            "activity. Carry on with your usual daily activities.",
            "Your clinician will go through your full plan with you once you have been cleared.",
            "If you have chest pain, fainting, severe breathlessness or a racing heartbeat that "
            f"doesn't settle, stop what you are doing and call {r.emergency_number} now.",
            "If you are in crisis or having thoughts of harming yourself: "
            f"{crisis.help_options(r)}, {r.emergency_department_hint}, or contact a mental "
            "health professional straight away.",
        ),
    ), ("R-SAFE-CLR", "R-SAFE-CRISIS", "X05", "X06", "E50", "E51")


_SYMPTOM_WORDS = {
    "chest_discomfort": "chest, neck, jaw or arm discomfort at rest or on exertion",
    "breathless_rest_or_mild_exertion": "breathlessness at rest or on mild exertion",
    "dizziness_or_fainting": "dizziness or fainting",
    "breathless_lying_flat_or_at_night": "breathlessness lying flat or waking at night",
    "ankle_swelling": "ankle swelling",
    "palpitations": "palpitations or a racing heart",
    "calf_pain_walking": "calf pain on walking that eases with rest",
    "heart_murmur": "a known heart murmur",
    "unusual_fatigue": "unusual tiredness or breathlessness with usual activities",
}


def _reason_lines(intake: Intake, reasons) -> list[str]:
    lines = []
    for reason in reasons:
        if reason == "SYMPTOMS":
            found = [_SYMPTOM_WORDS.get(str(s), str(s)) for s in intake.symptoms]
            lines.append("Symptoms in the last 3 months: " + "; ".join(found) + ".")
        elif reason == "PARQ_CHEST_PAIN":
            lines.append("Chest pain at rest, during daily activities or when active "
                         "(PAR-Q+ question 2).")
        elif reason == "PARQ_DIZZINESS_OR_LOC":
            lines.append("Loss of balance because of dizziness, or loss of consciousness, in the "
                         "last 12 months (PAR-Q+ question 3).")
        elif reason == "PARQ_SUPERVISED_ONLY":
            lines.append("A doctor has advised medically supervised activity only "
                         "(PAR-Q+ question 7).")
        elif reason == "KNOWN_CMR_DISEASE_INACTIVE":
            kinds = []
            if (intake.q1a_heart_condition or intake.known_cvd
                    or "stroke_rehab" in intake.conditions):
                kinds.append("heart or circulation disease (including stroke or TIA)")
            if intake.known_metabolic or "insulin_or_sulfonylurea" in intake.medication_flags:
                kinds.append("diabetes")
            if intake.known_renal:
                kinds.append("kidney disease")
            lines.append("Known " + (" and ".join(kinds) or "heart, metabolic or kidney disease")
                         + ", and not currently exercising regularly.")
        elif reason == "STROKE_REHAB_TEAM":
            lines.append("Recovery after a stroke: we ask the rehabilitation team or physician to "
                         "agree the start; professional supervision is recommended at first.")
        elif reason == "PREGNANCY":
            lines.append("Pregnant, or within 6 months of giving birth.")
        elif reason == "BP_UNCONTROLLED":
            lines.append("Blood pressure not currently controlled, or advice not to exercise "
                         "until it is.")
        elif reason == "ED_MEDICAL":
            lines.append("A treating team or doctor has restricted exercise, or there are signs "
                         "of medical instability.")
        elif reason == "REHAB_INPUT":
            lines.append("Unable to walk: a seated programme needs to be designed by a "
                         "physiotherapist or rehabilitation professional.")
        else:
            lines.append(str(reason) + ".")
    return lines


def clearance_request_letter(ctx: Context) -> Block:
    """R-SAFE-CLR: to the client's doctor, reasons in plain words, asking for any limits."""
    p = ctx.plan
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
    return TextBlock(
        key="clearance_request_letter",
        title="Request for medical clearance before an activity plan",
        paragraphs=(
            "Dear Doctor,",
            "Your patient has been offered a graded physical activity plan by their clinician. "
            "Before it starts, we would be grateful for your medical clearance, for the "
            "reasons listed below.",
            "The plan is walking-based and stays at light to moderate effort. " + dose,
            "Please let us know whether it is safe to start, and any limits you would like on "
            "weekly minutes or on effort (for example 'light effort only' or 'no more than 60 "
            "minutes a week'). Clearance is taken as valid for up to 12 months, or until their "
            "health changes.",
            "Cleared by: ____________________  role: ____________  date: ____________",
            "Limits (minutes a week / effort): ________________________________________",
        ),
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


__all__ = ["crisis_sheet", "interim_clearance_letter", "clearance_request_letter", "stop_notice"]
