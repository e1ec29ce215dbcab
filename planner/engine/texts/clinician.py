"""Clinician-only notes (never printed on the client handout).

These may name conditions, scores and flags: they are for the treating clinician. The Borg and
heart-rate-reserve reference lives here and only here (X08, N21).
"""

from __future__ import annotations

from functools import lru_cache

from .. import constants as K
from .. import dose
from ..enums import Barrier, Condition, Intensity, Mode, Severity
from ..model import TextBlock
from .context import Context

Block = tuple[TextBlock, tuple[str, ...]]

_REASON_WORDS = {
    "SYMPTOMS": "symptoms on the screening checklist",
    "PARQ_CHEST_PAIN": "PAR-Q+ Q2 chest pain",
    "PARQ_DIZZINESS_OR_LOC": "PAR-Q+ Q3 dizziness or loss of consciousness",
    "PARQ_SUPERVISED_ONLY": "PAR-Q+ Q7 medically supervised activity only",
    "KNOWN_CMR_DISEASE_INACTIVE": "known cardiovascular, metabolic or renal disease, not a "
                                  "regular exerciser",
    "STROKE_REHAB_TEAM": "stroke rehabilitation (rehab team or physician clears; supervised start)",
    "PREGNANCY": "pregnant or within 6 months postpartum",
    "BP_UNCONTROLLED": "blood pressure uncontrolled",
    "ED_MEDICAL": "eating-disorder medical restriction or instability",
    "REHAB_INPUT": "unable to walk: seated programme to be designed by physio or rehab",
}

_GATE_WORDS = {
    "RISK_ATTESTATION": "RISK_ATTESTATION: record the risk attestation (risk assessed, safety plan "
                        "in place, crisis contacts given). The handout then opens with a crisis "
                        "box that never shows the client's answers.",
    "CLEARANCE_PENDING": "CLEARANCE_PENDING: record clearance (date, who cleared, any limits). "
                         "Until then the client receives only the interim letter; the clearance "
                         "request letter is ready to send to their doctor.",
    "ED_TEAM_CONFIRM": "ED_TEAM_CONFIRM: the eating-disorder treating team confirms this plan.",
    "ED_INFORMED_SIGNOFF": "ED_INFORMED_SIGNOFF: confirm the weekly amount was agreed with the "
                           "client (and the ED team if involved); any step-down schedule is a "
                           "logged override (SEES step-up/step-down).",
}

_EVIDENCE_LABELS = {
    Condition.DEPRESSION: "Depression: strong (E29, E30; X11 tempers comparisons, X12).",
    Condition.ANXIETY: "Anxiety: growing (E32, E56).",
    Condition.PTSD: "PTSD: emerging, as an adjunct (E32, E58).",
    Condition.ADHD: "ADHD: growing, acute/short-term effects (E32, E60).",
    Condition.BIPOLAR: "Bipolar disorder: seeds give the adjunct statement only; external "
                       "evidence scant, no RCTs on mood outcomes (E24; X17).",
    Condition.PSYCHOTIC_DISORDER: "Psychotic disorder: adjunct statement only in the seeds; "
                                  "external evidence supportive for physical health, supervision "
                                  "helps (E24; X18).",
    Condition.HEALTHY_AGEING: "Healthy ageing / cognitive health: RCTs on hippocampal volume; "
                              "observational on dementia. Never quoted to the client (E21, E62, "
                              "E71, E72; X01).",
    Condition.STROKE_REHAB: "Stroke rehabilitation: seeds say 'being explored'; AHA/ASA supports "
                            "aerobic and strength training (E73; X13).",
    Condition.SARCOPENIA_RISK: "Sarcopenia risk: seeds say 'being explored'; resistance training "
                               "is first-line (E73; X14).",
}


def release_gates(ctx: Context) -> Block | None:
    if not ctx.gates:
        return None
    bullets = tuple(_GATE_WORDS[g] for g in ctx.plan.gates if g in _GATE_WORDS)
    return TextBlock(key="release_gates", title="Preview only: release is blocked",
                     paragraphs=("This plan is a preview. The client handout cannot be released "
                                 "until every gate below is cleared (N11).",),
                     bullets=bullets), ("R-SAFE-CRISIS", "R-SAFE-CLR", "R-SAFE-ED", "N11")


def high_volume_review(ctx: Context) -> Block | None:
    if "HIGH_VOLUME_REVIEW" not in ctx.flags:
        return None
    return TextBlock(
        key="high_volume_review",
        title="High weekly volume: five questions (R-SAFE-HV)",
        paragraphs=(f"Baseline is {ctx.plan.baseline_minutes} minutes a week (over 300). The app "
                    "adds no minutes and cuts none. Ask:",
                    "Any 'yes' suggests recording a history of compulsive exercise and "
                    "re-running the planner."),
        bullets=(
            "Do you exercise even when ill or injured?",
            "Do you feel guilty or distressed if you miss a session?",
            "Is your routine rigid, hard to change?",
            "Do you exercise to make up for eating?",
            "Has exercise crowded out work, study or relationships?",
        ),
    ), ("R-SAFE-HV", "R-MAINT-2", "E05", "E46", "E47", "X16", "N14")


def ed_coordination(ctx: Context) -> Block | None:
    if not ctx.ed:
        return None
    bullets = ["Coordinate with the eating-disorder care team (SEES team-based, step-up/step-down "
               "approach).",
               "Caps applied: at most 150 minutes a week, no vigorous work, strength at most 2 "
               "sessions on aerobic days, at least 2 full rest days.",
               "The handout carries the flexibility statement and the compulsion signs (R-HOLD-7); "
               "it never names the eating disorder or shows weight, calories or counters."]
    if ctx.plan.mode == Mode.MAINTAIN_AT_ED_CAP:
        bullets.append("Baseline is above 150: the plan holds 150 a week behind "
                       "ED_INFORMED_SIGNOFF (R-MAINT-3).")
    return TextBlock(key="ed_coordination", title="Eating disorder / compulsive exercise",
                     bullets=tuple(bullets)), ("R-SAFE-ED", "R-CAP-3", "R-MAINT-3", "E47", "E48",
                                               "X16", "D-13")


def psychomotor_check(ctx: Context) -> Block | None:
    if not ctx.barrier(Barrier.PSYCHOMOTOR_RETARDATION):
        return None
    return TextBlock(key="psychomotor_check", title="Psychomotor slowing",
                     paragraphs=("Check severity, and check that adjunct care (psychotherapy, "
                                 "medication review) is in place. The plan uses a gentle start "
                                 "and the simplest activities.",)), ("R-BAR-04", "E36", "E37")


def stroke_early_rehab(ctx: Context) -> Block | None:
    months = ctx.intake.stroke_months_since
    if not ctx.has(Condition.STROKE_REHAB):
        return None
    paragraphs = ["Only activities and strength moves approved by the rehabilitation team; "
                  "balance work next to a support; professional supervision at the start (X13)."]
    if months is not None and months < 3:
        paragraphs.insert(0, "Early rehabilitation: follow the rehab team's plan.")
    return TextBlock(key="stroke_early_rehab", title="Stroke rehabilitation",
                     paragraphs=tuple(paragraphs)), ("R-MIX-1", "R-MIX-2", "X13", "E73")


_INSTRUMENTS = {"depression": "PHQ-9", "anxiety": "GAD-7"}


def severity_used(ctx: Context) -> Block | None:
    """Rules 8.20 (D-2): the severity the plan used, the score band as the instrument names it,
    and the clinician's rating, one sentence per scored condition (from plan.severity)."""
    rows = [severity_sentence(condition, entry)
            for condition, entry in ctx.plan.severity.items()]
    if not rows:
        return None
    return TextBlock(key="severity_used", title="Severity as planned",
                     bullets=tuple(rows)), ("D-2", "X20", "7.22", "8.20")


def severity_sentence(condition: str, entry: dict) -> str:
    """One plan.severity entry in one sentence: "Depression: planned as severe: PHQ-9 15
    (15-19 is the moderately severe band, planned as severe, D-2); your rating: moderate."."""
    text = f"{condition.capitalize()}: planned as {entry['used']}"
    score = entry.get("score")
    if score is not None:
        instrument = _INSTRUMENTS[condition]
        bands = dose.PHQ9_BANDS if condition == "depression" else dose.GAD7_BANDS
        band, low, high = dose.instrument_band(score, bands)
        text += (f": {instrument} {score} ({low}\u2013{high} is the "
                 f"{band.replace('_', ' ')} band")
        text += (", planned as severe, D-2)" if band == "moderately_severe" else ")")
    text += f"; your rating: {entry.get('clinician')}."
    return text


def days_limited(ctx: Context) -> Block | None:
    """Rules 8.2: the target the evidence would give, the days that limit it, the options."""
    if "DAYS_LIMITED" not in ctx.flags:
        return None
    p, i = ctx.plan, ctx.intake
    session = p.steps[-1].minutes_per_session if p.steps else None
    paragraphs = [
        f"With {i.available_days} available day{'s' if i.available_days != 1 else ''}, sessions "
        f"of at most {_session_ceiling(ctx)} minutes cap the weekly target at "
        f"{p.target_minutes} minutes (rules 8.1); the evidence for this client would otherwise "
        f"aim for {_evidence_target(ctx)}.",
        "Options: agree more available days and re-run the assessment, or keep this target and "
        "encourage short everyday walks on the other days (the handout says they are welcome; "
        "they are not counted).",
    ]
    if session is not None:
        paragraphs.append(f"The last week of the plan asks for sessions of about {session} "
                          "minutes.")
    return TextBlock(key="days_limited", title="Target limited by the days available",
                     paragraphs=tuple(paragraphs)), ("R-MIX-6", "D-10", "8.1", "8.2")


def _session_ceiling(ctx: Context) -> int:
    return dose.session_length(gentle=ctx.plan.gentle_start, age=ctx.intake.age,
                               regular_exerciser=ctx.intake.regular_exerciser)


def _evidence_target(ctx: Context) -> str:
    """T (and T2 after a review) from the R-DOSE table and the ED cap, before the days."""
    rows = [dose.params_for(c, Severity(ctx.plan.severities[str(c)]) if str(c) in
                            ctx.plan.severities else None, ctx.intake.age)
            for c in ctx.intake.conditions]
    combined = dose.combine(rows)
    t = min(combined.t1, K.ED_WM_CAP) if ctx.ed else combined.t1
    if combined.phase2 and t == K.TARGET_REDUCED:
        return f"{t} minutes (then {K.TARGET_PHASE2} after a review)"
    return f"{t} minutes"


def clearance(ctx: Context) -> Block | None:
    if not ctx.plan.clearance_reasons:
        return None
    i = ctx.intake
    bullets = [f"Reason: {_REASON_WORDS.get(r, r)}." for r in ctx.plan.clearance_reasons]
    bullets.append(f"Clearance status: {i.clearance_status}.")
    limits = []
    if i.clearance_max_minutes is not None:
        limits.append(f"at most {i.clearance_max_minutes} minutes a week")
    if i.clearance_max_intensity is not None:
        limits.append(f"at most {i.clearance_max_intensity} intensity")
    bullets.append("Restrictions recorded: " + (", ".join(limits) if limits else "none") + ".")
    bullets.append("VIGOROUS_LOCK stays on. Clearance is valid for up to 12 months or until "
                   "health changes; then re-screen (R-REV-6).")
    return TextBlock(key="clearance", title="Medical clearance",
                     bullets=tuple(bullets)), ("R-SAFE-CLR", "R-DOSE-5", "R-REV-6", "X05", "X06",
                                               "E50")


def vigorous_baseline_review(ctx: Context) -> Block | None:
    if "VIGOROUS_BASELINE_REVIEW" not in ctx.flags:
        return None
    return TextBlock(
        key="vigorous_baseline_review",
        title="Vigorous baseline not continued",
        paragraphs=(f"The client reports {ctx.intake.base_vig_min} vigorous minutes a week, but "
                    "vigorous work is not allowed for this plan, so those minutes count one for "
                    "one and the plan is written at moderate effort. Discuss with the client "
                    "whether to keep their harder sessions; the handout does not tell them to "
                    "stop.",),
    ), ("R-MAINT-4", "R-SAFE-VIG", "E08", "X05", "X17", "N14")


def advisory_gp(ctx: Context) -> Block | None:
    if "ADVISORY_GP" not in ctx.flags:
        return None
    return TextBlock(key="advisory_gp", title="Advisory: check with GP",
                     paragraphs=("Not a regular exerciser with a risk factor, age 65 or over, a "
                                 "musculoskeletal or other physical condition, or a physical "
                                 "limitation or pain. The plan is released; the handout advises "
                                 "checking with a doctor; vigorous work is not allowed.",)), (
        "R-SAFE-ADV", "E50", "X05", "D-11")


def psychosis_supervised(ctx: Context) -> Block | None:
    if not ctx.has(Condition.PSYCHOTIC_DISORDER):
        return None
    return TextBlock(key="psychosis_supervised", title="Psychotic disorder",
                     paragraphs=("Offer supervised or group options first (symptoms, tiredness "
                                 "and lack of support are the main barriers). Antipsychotics add "
                                 "cardiometabolic risk.",)), ("R-MIX-1", "X18", "E24")


def bipolar_watch(ctx: Context) -> Block | None:
    if not ctx.has(Condition.BIPOLAR):
        return None
    return TextBlock(key="bipolar_watch", title="Bipolar disorder",
                     paragraphs=("Steady, rhythmic activity at regular times; sessions end at "
                                 "least 2 hours before bedtime; no vigorous work. Watch for signs "
                                 "of elevation (R-HOLD-6 is on the handout).",)), (
        "R-HOLD-6", "R-MIX-7", "X17", "D-15")


def medications(ctx: Context) -> Block | None:
    meds = [f for f in ctx.plan.flags if f.startswith("MED_")]
    if not meds:
        return None
    bullets = []
    for flag in meds:
        if flag == "MED_STIMULANT":
            bullets.append("MED_STIMULANT: no handout note is specified in rules v1.1; discuss "
                           "with the prescriber if needed.")
        else:
            bullets.append(f"{flag}: handout note printed (R-SAFE-MED).")
    if "MED_ANTIPSYCHOTIC" in meds:
        bullets.append("Antipsychotic note rests on common labelled effects: please confirm it "
                       "suits this client.")
    return TextBlock(key="medications", title="Medication notes",
                     bullets=tuple(bullets)), ("R-SAFE-MED", "X19", "X22")


_INTENSITY_REFERENCE = (
    "Light (handout 'easy'): talk and sing; effort 3-4/10; Borg RPE 9-11; 30-39% HRR.",
    "Light-to-moderate ('comfortably brisk'): full sentences; 4-5/10; RPE 11-12 (bridge level).",
    "Moderate ('brisk'): talk but not sing; 5-6/10; RPE 12-13; 40-59% HRR.",
    "Vigorous ('hard', handout only if allowed): a few words; 7-8/10; RPE 14-17; 60-89% HRR.",
)


def intensity_reference(ctx: Context) -> Block:
    return _intensity_reference(tuple((s.step, s.intensity) for s in ctx.plan.steps))


@lru_cache(maxsize=1024)
def _intensity_reference(rows) -> Block:
    paragraphs = ["Clinician reference only: Borg numbers and heart-rate reserve never appear on "
                  "the handout (Borg scales are licensed; heart rate is unreliable with "
                  "beta-blockers and formulas add error)."]
    levels = [level for _, level in rows]
    if levels:
        changes, last = [], None
        for step, level in rows:
            if level != last:
                changes.append(f"{str(level).replace('_', ' ')} from step {step}")
                last = level
        paragraphs.append("This plan: " + ", ".join(changes) + ".")
        if Intensity.MODERATE_VIGOROUS_OPTIONAL in levels:
            paragraphs.append("Vigorous allowed (R-SAFE-VIG): minutes are moderate-equivalent.")
    return TextBlock(key="intensity_reference", title="Intensity reference",
                     paragraphs=tuple(paragraphs), bullets=_INTENSITY_REFERENCE), (
        "R-INT-1", "R-INT-2", "R-INT-3", "X03", "X08", "X22", "N20", "N21")


def aerobic_minutes(ctx: Context) -> Block | None:
    if not ctx.has_mind_body:
        return None
    bullets = tuple(f"Step {s.step}: {s.weekly_minutes} WM = {s.aerobic_minutes} aerobic + "
                    f"{s.weekly_minutes - s.aerobic_minutes} mind-body "
                    f"({s.mind_body_sessions} session{'s' if s.mind_body_sessions != 1 else ''})"
                    for s in ctx.plan.steps)
    return TextBlock(key="aerobic_minutes", title="Aerobic minutes (D-9)",
                     paragraphs=("Mind-body minutes count in weekly minutes; the aerobic share is "
                                 "shown here against the WHO aerobic guideline.",),
                     bullets=bullets), ("R-MIX-3", "D-9", "X01", "X12")


def phase2(ctx: Context) -> Block | None:
    t2 = ctx.plan.phase2_target_minutes
    return _phase2(t2) if t2 else None


@lru_cache(maxsize=64)
def _phase2(t2: int) -> Block:
    return TextBlock(key="phase2", title="Phase 2 target",
                     paragraphs=(f"Phase-2 target {t2} minutes a week can be unlocked at a review "
                                 "in week 8 or later when the target has been held for 2 steps, "
                                 "adherence is 75% or more, there are no adverse events or new "
                                 "flags, and you agree (R-REV-5).",)), ("R-REV-5", "R-PROG-6",
                                                                        "D-3")


def review_guide(ctx: Context) -> Block:
    return _REVIEW_GUIDE


_REVIEW_GUIDE = (
    TextBlock(
        key="review_guide",
        title="At each review (R-REV-3)",
        bullets=(
            "New warning symptom or health change: re-run screening; gates and hard stops apply.",
            "New risk or worsening (PHQ-9 or GAD-7 up 5 or more, or your judgement): risk "
            "pathway; freeze weekly minutes; never respond with more exercise (N16).",
            "Adherence under 50%: re-baseline from the last 3 weeks and revisit barriers.",
            "Adherence 50-74%: hold the current step for 2 more steps.",
            "Adherence 75% or more, no adverse events: continue. From week 8, adherent but no "
            "better: review the overall treatment, consider a different activity; do not raise "
            "minutes (R-REV-4).",
        ),
    ), ("R-REV-2", "R-REV-3", "R-REV-4", "X20", "E25", "E33", "E34", "E40", "N16"))


def evidence_labels(ctx: Context) -> Block:
    return _evidence_labels(tuple(ctx.intake.conditions))


@lru_cache(maxsize=1024)
def _evidence_labels(conditions) -> Block:
    bullets = tuple(_EVIDENCE_LABELS[c] for c in conditions)
    return TextBlock(key="evidence_labels", title="Strength of evidence",
                     bullets=bullets), ("E29", "E32", "E73", "X11")


def handout_notes(ctx: Context) -> Block:
    return _handout_notes(ctx.show, ctx.res)


@lru_cache(maxsize=128)
def _handout_notes(show: bool, res) -> Block:
    paragraphs = []
    if show:
        paragraphs.append("The client agreed to show condition names on the handout.")
    else:
        paragraphs.append("Condition names are not printed on the handout (the client has not "
                          "agreed to show them); generic words are used instead.")
    paragraphs.append(f"Crisis region: {res.region} ({res.crisis_line_name}; emergency "
                      f"{res.emergency_number}).")
    return TextBlock(key="handout_notes", title="About the handout",
                     paragraphs=tuple(paragraphs)), ("N17", "7.29", "7.30", "R-SAFE-CRISIS")


WRITERS = (
    release_gates,
    severity_used,
    days_limited,
    high_volume_review,
    ed_coordination,
    vigorous_baseline_review,
    clearance,
    advisory_gp,
    psychomotor_check,
    stroke_early_rehab,
    psychosis_supervised,
    bipolar_watch,
    medications,
    intensity_reference,
    aerobic_minutes,
    phase2,
    review_guide,
    evidence_labels,
    handout_notes,
)
