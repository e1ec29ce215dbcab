"""The never-do validator (rules.md section 5, as clarified in section 7).

`validate_plan(plan, intake)` runs on every plan before it leaves the engine (build_plan calls it
last). It raises NeverDoViolation naming the first N-rule broken; nothing is returned on success.

What is checked here, and where the other N-rules live (see also docs/texts.md):

- N01  text: "replaces your medication", "instead of therapy", "stop taking your tablets" ...
- N02  structure: STANDALONE_FOR_SOME only for mild depression with no ADJUNCT condition (D-1)
       and no eating-disorder history or compulsive exercise (rules 8.3);
       text: "help on its own" wording anywhere else.
- N03  structure: crisis resources for the intake's region; crisis_footer, contact_clinician and
       warning_symptoms present and carrying the numbers; the crisis box first under
       RISK_ATTESTATION; the crisis sheet under a CRISIS stop.
- N04  structure: vigorous steps only when vigorous_allowed, and vigorous_allowed re-derived
       from the intake (R-SAFE-VIG, 7.7); text: vigorous words unless allowed; HIIT never.
- N05-N10, N12, N18-N21  text (phrases.py).
- N11  structure: no steps, no client texts and no exercise documents under a hard stop; the
       interim and request letters exist while CLEARANCE_PENDING. Refusing to *release* a plan
       while a gate is open is the release service's job (Django layer).
- N13  structure: <= 300 WM, <= 150 with the ED flag, +10 per step, strength <= 3, <= available
       days, <= aerobic sessions with the ED flag, WM <= the clearance limit (R-DOSE-5).
- N14  text: "stop"/"reduce"/"cut back" outside the warning and crisis blocks (7.28).
- N15  structure: the hold_rules block is present; text: "must", "never miss" ...
- N16  not here: a review-time rule (reviews.py never raises WM on worsening).
- N17  text: sensitive answers never; condition names only with show_conditions_on_handout
       (7.30); physical clearance reasons only in the letter to the doctor.
- N22  not here: overrides are checked and logged by overrides.py and the Django layer.

Every ID cited in `plan.why` must exist in the evidence catalogue (rule "CITATION").

Rules v1.2 (section 8) adds checks that the client's texts agree with the plan (consistency.py):
a stated limit matches the intake (8.4), an easy-only plan names no harder effort (8.6), no
push-to-add phrases with the ED flag (8.17), the falls box and no unsafe moves (8.12), a note
for each medication flag (8.13), and no "step N" in client text (8.9).

Performance: regexes are compiled once per combination of applicable lists; each text line is
scanned once per policy and the result is memoised (texts repeat across plans), so validating a
plan costs a few dictionary look-ups once warm.
"""

from __future__ import annotations

from functools import lru_cache

from . import constants as K
from . import evidence, phrases
from .consistency import consistency_problem
from .crisis import UnknownCrisisRegion, resources_for
from .enums import Condition, EdHistory, HardStop, Intensity, Mode, Severity, Wording
from .model import Intake, Plan, TextBlock
from .phrase_scan import LINE_CACHE_MAX, scan_line


class NeverDoViolation(Exception):
    """A plan or text broke a never-do rule; `.rule` names it (e.g. "N13")."""

    def __init__(self, rule: str, message: str):
        super().__init__(f"{rule}: {message}")
        self.rule = rule


# --- which blocks are for whom, and what each is exempt from -------------------------------------

#: Documents the client receives (checked like client texts).
CLIENT_DOCUMENTS = frozenset({"crisis_sheet", "interim_clearance_letter",
                              "clearance_request_letter"})
#: Documents for the clinician only (not checked for client wording).
CLINICIAN_DOCUMENTS = frozenset({"stop_notice"})
#: Documents allowed under a hard stop.
HARD_STOP_DOCUMENTS = frozenset({"crisis_sheet", "stop_notice"})

#: Block key -> phrase lists it is exempt from (section 7 item 28; phrases.py docstring).
EXEMPT: dict[str, frozenset[str]] = {
    "warning_symptoms": frozenset({"N14"}),
    # Safety signs that must say "stop" (rules 8.12, 8.13; like 7.28's warning block).
    "falls_safety": frozenset({"N14"}),
    "medication_notes": frozenset({"N14"}),
    "crisis_box": frozenset({"N14", "N17_CRISIS_LINE"}),
    "crisis_footer": frozenset({"N14", "N17_CRISIS_LINE"}),
    "crisis_sheet": frozenset({"N14", "N17_CRISIS_LINE"}),
    "interim_clearance_letter": frozenset({"N14", "N17_CRISIS_LINE"}),
    "clearance_request_letter": frozenset({"N17_PHYSICAL"}),
}

REQUIRED_CLIENT_BLOCKS = ("crisis_footer", "contact_clinician", "warning_symptoms")  # N03

_ADJUNCT_CONDITIONS = frozenset({
    Condition.ANXIETY, Condition.PTSD, Condition.ADHD, Condition.BIPOLAR,
    Condition.PSYCHOTIC_DISORDER, Condition.STROKE_REHAB,
})
_NO_VIGOROUS_CONDITIONS = frozenset({
    Condition.PTSD, Condition.BIPOLAR, Condition.PSYCHOTIC_DISORDER, Condition.STROKE_REHAB,
    Condition.SARCOPENIA_RISK,
})
_VIGOROUS_BLOCKING_FLAGS = frozenset({
    "CLEARANCE_REQUIRED", "VIGOROUS_LOCK", "ADVISORY_GP", "ED_COMPULSIVE_CAP",
})
_ED_FLAG = "ED_COMPULSIVE_CAP"
# N13's caps (R-CAP-1..4) are read from constants.py (K) when a plan is checked, so a tuned cap
# is enforced here too.


@lru_cache(maxsize=1024)
def lists_for_block(key: str, *, wording: Wording | None, vigorous_allowed: bool,
                    show_conditions: bool) -> frozenset[str]:
    """Return the names of the phrase lists that apply to client block `key`."""
    names = set(phrases.ALWAYS)
    if not (wording == Wording.STANDALONE_FOR_SOME and key == "wording"):
        names.add("N02")
    if not vigorous_allowed:
        names.add("N04_VIGOROUS")
    if not show_conditions:
        names.add("N17_CONDITIONS")
        names.add("N17_PHYSICAL")
    names -= EXEMPT.get(key, frozenset())
    return frozenset(names)


_clean_blocks: set[tuple[frozenset[str], TextBlock]] = set()
# (names, id(block)) -> block: the same block object seen before (texts reuse cached blocks).
# Holding the block keeps it alive, so its id cannot be reused by another object meanwhile.
_clean_ids: dict[tuple[frozenset[str], int], TextBlock] = {}


def check_text(block: TextBlock, names: frozenset[str]) -> None:
    """Raise NeverDoViolation if any line of `block` contains a phrase from `names`."""
    ident = (names, id(block))
    if _clean_ids.get(ident) is block:
        return
    key = (names, block)
    if key not in _clean_blocks:
        _check_lines(block, names)
        if len(_clean_blocks) >= LINE_CACHE_MAX:
            _clean_blocks.clear()
        _clean_blocks.add(key)
    if len(_clean_ids) >= LINE_CACHE_MAX:
        _clean_ids.clear()
    _clean_ids[ident] = block


def _check_lines(block: TextBlock, names: frozenset[str]) -> None:
    for line in (block.title, *block.paragraphs, *block.bullets):
        if not line:
            continue
        hit = scan_line(names, line)
        if hit is not None:
            list_name, found = hit
            rule = phrases.LISTS[list_name][0]
            raise NeverDoViolation(
                rule,
                f"block {block.key!r} contains banned wording {found!r} ({list_name}): {line!r}",
            )


def check_client_blocks(blocks, intake: Intake, plan: Plan) -> None:
    """Run the wording rules over client blocks (texts and client documents)."""
    for block in blocks:
        names = lists_for_block(
            block.key,
            wording=plan.wording,
            vigorous_allowed=plan.vigorous_allowed,
            show_conditions=intake.show_conditions_on_handout,
        )
        check_text(block, names)


# --- structural checks --------------------------------------------------------------------------

def _band(score: int | None, cuts=(10, 15)) -> Severity | None:
    if score is None:
        return None
    if score >= cuts[1]:
        return Severity.SEVERE
    if score >= cuts[0]:
        return Severity.MODERATE
    return Severity.MILD


_ORDER = {None: -1, Severity.MILD: 0, Severity.MODERATE: 1, Severity.SEVERE: 2}


def effective_severity(rating: Severity | None, score: int | None) -> Severity | None:
    """D-2 / 7.22: the more severe of the clinician rating and the score band."""
    band = _band(score)
    return rating if _ORDER[rating] >= _ORDER[band] else band


def standalone_allowed(intake: Intake) -> bool:
    """N02: mild depression and no condition that requires ADJUNCT wording, and no eating
    disorder history or compulsive exercise (rules 8.3)."""
    conds = set(intake.conditions)
    if Condition.DEPRESSION not in conds or conds & _ADJUNCT_CONDITIONS:
        return False
    if intake.ed_history is not EdHistory.NONE or intake.compulsive_exercise_history:
        return False
    sev = effective_severity(intake.depression_severity, intake.phq9_total)
    return sev in (Severity.MILD, None)


def vigorous_blockers(intake: Intake, plan: Plan) -> list[str]:
    """Reasons (R-SAFE-VIG, 7.7) why vigorous work may not be allowed; empty when eligible."""
    reasons = []
    conds = set(intake.conditions)
    if conds & _NO_VIGOROUS_CONDITIONS:
        reasons.append("a condition that does not allow vigorous work")
    if Condition.DEPRESSION in conds and effective_severity(
            intake.depression_severity, intake.phq9_total) == Severity.SEVERE:
        reasons.append("severe depression")
    if Condition.ANXIETY in conds and effective_severity(
            intake.anxiety_severity, intake.gad7_total) == Severity.SEVERE:
        reasons.append("severe anxiety")
    if not intake.regular_exerciser:
        reasons.append("not a regular exerciser")
    if intake.base_vig_min <= 0 or not intake.wants_to_keep_vigorous:
        reasons.append("vigorous work would be new (never introduced)")
    if set(plan.flags) & _VIGOROUS_BLOCKING_FLAGS:
        reasons.append("flag " + ", ".join(sorted(set(plan.flags) & _VIGOROUS_BLOCKING_FLAGS)))
    if plan.clearance_reasons:
        reasons.append("clearance reasons")
    if (intake.q1a_heart_condition or intake.known_cvd or intake.known_metabolic
            or intake.known_renal):
        reasons.append("known CMR disease")
    if intake.ed_history != "none" or intake.compulsive_exercise_history:
        reasons.append("eating-disorder or compulsive-exercise history")
    if "poor_sleep" in intake.barriers:
        reasons.append("poor sleep")
    if plan.gentle_start:
        reasons.append("gentle start")
    if intake.clearance_max_intensity is not None:
        reasons.append("clearance intensity limit")
    return reasons


def _check_hard_stop(plan: Plan, intake: Intake) -> None:
    if plan.steps:
        raise NeverDoViolation("N11", f"hard stop {plan.hard_stop} but the plan has steps")
    if plan.texts:
        raise NeverDoViolation("N11", f"hard stop {plan.hard_stop} but the plan has client texts")
    extra = {d.key for d in plan.documents} - HARD_STOP_DOCUMENTS
    if extra:
        raise NeverDoViolation("N11", f"hard stop {plan.hard_stop} with documents {sorted(extra)}")
    if plan.hard_stop == HardStop.CRISIS:
        resources = _region_resources(intake)
        sheet = next((d for d in plan.documents if d.key == "crisis_sheet"), None)
        if sheet is None:
            raise NeverDoViolation("N03", "CRISIS stop without the crisis-resources sheet")
        _require_numbers(sheet, resources)
    client_docs = [d for d in plan.documents if d.key in CLIENT_DOCUMENTS]
    check_client_blocks(client_docs, intake, plan)


def _region_resources(intake: Intake):
    try:
        return resources_for(intake.crisis_region)
    except UnknownCrisisRegion as exc:
        raise NeverDoViolation("N03", str(exc)) from None


def _require_numbers(block: TextBlock, resources) -> None:
    text = block.all_text().casefold()
    needles = (resources.crisis_line_contact, resources.other_line, resources.emergency_number)
    for needle in filter(None, needles):
        if needle.casefold() not in text:
            raise NeverDoViolation("N03", f"block {block.key!r} does not carry {needle!r}")


def _check_crisis_content(plan: Plan, intake: Intake, blocks: dict) -> None:
    resources = _region_resources(intake)
    if plan.crisis_resources is None or plan.crisis_resources != resources:
        raise NeverDoViolation("N03", "the plan does not carry its region's crisis resources")
    for required in REQUIRED_CLIENT_BLOCKS:
        if required not in blocks:
            raise NeverDoViolation("N03", f"client texts lack the {required!r} block")
    _require_numbers(blocks["crisis_footer"], resources)
    warning = blocks["warning_symptoms"]
    if resources.emergency_number not in warning.all_text():
        raise NeverDoViolation("N03", "the warning box does not carry the emergency number")
    if "RISK_ATTESTATION" in plan.gates:
        if plan.texts[0].key != "crisis_box":
            raise NeverDoViolation("N03", "RISK_ATTESTATION plan without the crisis box first")
        _require_numbers(plan.texts[0], resources)


def _check_wording(plan: Plan, intake: Intake, blocks: dict) -> None:
    if plan.wording == Wording.STANDALONE_FOR_SOME and not standalone_allowed(intake):
        raise NeverDoViolation(
            "N02", "STANDALONE_FOR_SOME wording for a client who is not mild depression only")
    if "wording" not in blocks:
        raise NeverDoViolation("N02", "client texts lack the 'wording' block (R-WORD)")


def _check_vigorous(plan: Plan, intake: Intake) -> None:
    if not plan.vigorous_allowed:
        for step in plan.steps:
            if step.intensity == Intensity.MODERATE_VIGOROUS_OPTIONAL:
                raise NeverDoViolation("N04", f"step {step.step} is vigorous-optional "
                                              "but vigorous work is not allowed")
        return
    blockers = vigorous_blockers(intake, plan)
    if blockers:
        raise NeverDoViolation("N04", "vigorous work allowed despite: " + "; ".join(blockers))


def _check_caps(plan: Plan, intake: Intake) -> None:
    ed = _ED_FLAG in plan.flags
    limit = intake.clearance_max_minutes if intake.clearance_status == "obtained" else None
    steps = plan.steps
    if not steps:
        return
    # fast path (hot): everything within the caps; the loop below only names the first breach
    wms = [s.weekly_minutes for s in steps]
    strength = [s.strength_sessions for s in steps]
    cap = K.ED_WM_CAP if ed else K.WM_CAP
    strength_cap = K.ED_STRENGTH_CAP if ed else K.STRENGTH_CAP
    if limit is not None and limit < cap:
        cap = limit
    if (max(wms) <= cap and max(strength) <= min(strength_cap, intake.available_days)
            and all(b - a <= K.STEP_INCREASE for a, b in zip(wms, wms[1:], strict=False))
            and (not ed or all(s.strength_sessions <= s.sessions for s in steps))):
        return
    previous = None
    for step in plan.steps:
        wm = step.weekly_minutes
        if wm > K.WM_CAP:
            raise NeverDoViolation("N13", f"step {step.step}: {wm} WM is over {K.WM_CAP}")
        if ed and wm > K.ED_WM_CAP:
            raise NeverDoViolation("N13", f"step {step.step}: {wm} WM is over {K.ED_WM_CAP} "
                                          "with the eating-disorder/compulsive flag")
        if limit is not None and wm > limit:
            raise NeverDoViolation("N13", f"step {step.step}: {wm} WM is over the clearance "
                                          f"limit of {limit} (R-DOSE-5)")
        if previous is not None and wm - previous > K.STEP_INCREASE:
            raise NeverDoViolation("N13", f"step {step.step}: +{wm - previous} WM in one step")
        previous = wm
        s = step.strength_sessions
        if s > strength_cap:
            raise NeverDoViolation("N13", f"step {step.step}: {s} strength sessions")
        if s > intake.available_days:
            raise NeverDoViolation("N13", f"step {step.step}: {s} strength sessions on "
                                          f"{intake.available_days} available days")
        if ed and s > step.sessions:
            raise NeverDoViolation("N13", f"step {step.step}: strength must share aerobic days "
                                          "with the eating-disorder/compulsive flag")


def _check_gates(plan: Plan) -> None:
    if "CLEARANCE_PENDING" in plan.gates:
        keys = {d.key for d in plan.documents}
        for needed in ("interim_clearance_letter", "clearance_request_letter"):
            if needed not in keys:
                raise NeverDoViolation("N11", f"CLEARANCE_PENDING without the {needed!r}")


def _check_citations(plan: Plan) -> None:
    unknown = evidence.unknown_ids(plan.why)
    if unknown:
        raise NeverDoViolation("CITATION", f"plan.why cites unknown IDs {sorted(unknown)}")


def validate_plan(plan: Plan, intake: Intake) -> None:
    """Raise NeverDoViolation for the first N-rule the plan or its texts break."""
    _check_citations(plan)
    if plan.hard_stop is not None:
        _check_hard_stop(plan, intake)
        return
    blocks = {b.key: b for b in plan.texts}
    _check_crisis_content(plan, intake, blocks)
    _check_wording(plan, intake, blocks)
    hold = blocks.get("hold_rules")
    if hold is None or not hold.bullets:
        raise NeverDoViolation("N15", "client texts lack the hold rules (R-HOLD)")
    _check_vigorous(plan, intake)
    _check_caps(plan, intake)
    if plan.mode != Mode.MAINTAIN_CURRENT and not plan.steps:
        raise NeverDoViolation("N13", f"mode {plan.mode} without steps")
    _check_gates(plan)
    check_client_blocks(plan.texts, intake, plan)
    check_client_blocks([d for d in plan.documents if d.key in CLIENT_DOCUMENTS], intake, plan)
    problem = consistency_problem(plan, intake)
    if problem is not None:  # rules 8: a client text disagrees with the plan
        raise NeverDoViolation(*problem)
