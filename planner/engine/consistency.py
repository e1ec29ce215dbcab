"""What the client reads agrees with the plan (rules 8; never-do checks added in v1.2).

`check_consistency(plan, intake)` runs inside validate_plan on every plan with client texts and
raises NeverDoViolation naming the section-8 item a text breaks:

- 8.4   a limit set by the clearing professional is stated, with the intake's own numbers;
- 8.6   a plan of easy effort only names no harder effort, activity or strength level anywhere;
- 8.17  the ED flag: none of the push-to-add phrases;
- 8.12  falls risk (or 75 and over): the falls box, and none of the unsafe moves;
- 8.13  each medication flag has its safety note;
- 8.9   client texts speak of weeks: "step N" never appears.

The checks read only the plan, the intake and the texts, like the rest of the validator; the
phrases live here, next to the rule they serve, and each has a planted-phrase test.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import activities
from .enums import ClearanceStatus, Intensity
from .model import Intake, Plan, TextBlock

# 8.6: words that describe a harder effort than easy, or activities done at one.
HARDER_THAN_EASY = re.compile(
    r"\b(?:brisk|somewhat hard|hard effort|harder exercise|moderate|5 to 6|running|jogging|"
    r"fast cycling|sports?)\b", re.IGNORECASE)
# 8.17: messages that push to add more, never printed with the ED flag.
PUSH_TO_ADD = re.compile(
    r"every minute counts|more is better|the more,? the better|active chores count|"
    r"add (?:more|extra) (?:minutes|sessions)|do (?:a bit )?more if you can", re.IGNORECASE)
# 8.12: moves that are unsafe with a falls risk: stairs, steps, loads, ladders, no support.
UNSAFE_WITH_FALLS = re.compile(
    r"\bstairs?\b|\bstep-ups?\b|\bcarry(?:ing)? (?:shopping|bags|loads|heavy|water bottles)|"
    r"\bladders?\b|\bno hands\b|\bwithout (?:support|holding on)\b", re.IGNORECASE)
# 8.9: the clinician's word; the client's texts count weeks.
STEP_NUMBER = re.compile(r"\bsteps? \d", re.IGNORECASE)
# 8.13: the words that show each medication's safety note is there.
MEDICATION_NOTE = {
    "MED_INSULIN_OR_SULFONYLUREA": "low blood glucose",
    "MED_LITHIUM": "medical advice the same day",
    "MED_ANTIPSYCHOTIC": "stand up slowly",
    "MED_BETA_BLOCKER": "talk test",
    "MED_STIMULANT": "heart races",
}
LIMIT_MINUTES = re.compile(r"about (\d+) minutes of activity a week at most", re.IGNORECASE)
EASY_ONLY_LIMIT = "easy effort only"


class _Violation(Exception):
    def __init__(self, rule: str, message: str):
        super().__init__(rule, message)
        self.rule, self.message = rule, message


_PATTERNS = {"harder": HARDER_THAN_EASY, "push": PUSH_TO_ADD, "falls": UNSAFE_WITH_FALLS,
             "step": STEP_NUMBER, "limit": LIMIT_MINUTES}


@lru_cache(maxsize=50_000)
def _block_hit(name: str, block: TextBlock) -> str | None:
    """The first line of `block` that pattern `name` finds, or None. Memoised: the engine
    reuses block objects across plans, so each is scanned once per pattern."""
    pattern = _PATTERNS[name]
    return next((line for line in (block.title, *block.paragraphs, *block.bullets)
                 if line and pattern.search(line)), None)


def _first(name: str, blocks) -> tuple[str, str] | None:
    for block in blocks:
        line = _block_hit(name, block)
        if line is not None:
            return block.key, line
    return None


def easy_only(plan: Plan, intake: Intake) -> bool:
    """Every week is easy effort: a clearance limit of light, a clinician's override, or a
    plan whose steps are all light."""
    return (activities.easy_effort_only(intake) or plan.intensity_limit == Intensity.LIGHT
            or bool(plan.steps) and all(s.intensity == Intensity.LIGHT for s in plan.steps))


def _check_limits(plan: Plan, intake: Intake, blocks: dict[str, TextBlock]) -> None:
    obtained = intake.clearance_status == ClearanceStatus.OBTAINED
    glance = blocks.get("at_a_glance")
    glance_text = glance.all_text() if glance else ""
    limit = intake.clearance_max_minutes if obtained else None
    for block in plan.texts:
        line = _block_hit("limit", block)
        if line is None:
            continue
        for stated in LIMIT_MINUTES.findall(line):
            if limit is None or int(stated) != limit:
                raise _Violation("8.4", f"block {block.key!r} states a limit of {stated} "
                                        f"minutes; the clearance limit is {limit}")
    if limit is not None and f"about {limit} minutes of activity a week at most" not in (
            glance_text):
        raise _Violation("8.4", f"'Your plan at a glance' does not state the {limit}-minute limit")
    if activities.easy_effort_only(intake) and EASY_ONLY_LIMIT not in glance_text:
        raise _Violation("8.4", "'Your plan at a glance' does not state the easy-effort limit")


def _check(plan: Plan, intake: Intake) -> None:
    blocks = {b.key: b for b in plan.texts}
    _check_limits(plan, intake, blocks)
    if easy_only(plan, intake):
        hit = _first("harder", plan.texts)
        if hit:
            raise _Violation("8.6", f"easy-effort plan, but block {hit[0]!r} says: {hit[1]!r}")
    if "ED_COMPULSIVE_CAP" in plan.flags:
        hit = _first("push", plan.texts)
        if hit:
            raise _Violation("8.17", f"ED flag, but block {hit[0]!r} says: {hit[1]!r}")
    if activities.falls_care(intake):
        if "falls_safety" not in blocks:
            raise _Violation("8.12", "falls risk (or 75 and over) without the falls box")
        hit = _first("falls", plan.texts)
        if hit:
            raise _Violation("8.12", f"falls risk, but block {hit[0]!r} says: {hit[1]!r}")
    notes = blocks.get("medication_notes")
    notes_text = notes.all_text().lower() if notes else ""
    for flag, marker in MEDICATION_NOTE.items():
        if flag in plan.flags and marker not in notes_text:
            raise _Violation("8.13", f"{flag} without its safety note ({marker!r})")
    client_documents = [d for d in plan.documents if d.key != "stop_notice"]
    hit = _first("step", (*plan.texts, *client_documents))
    if hit:
        raise _Violation("8.9", f"block {hit[0]!r} says 'step N' to the client: {hit[1]!r}")


def consistency_problem(plan: Plan, intake: Intake) -> tuple[str, str] | None:
    """Return (section-8 item, what is wrong) for the first text that disagrees with the
    plan, or None when every client text agrees with it."""
    try:
        _check(plan, intake)
    except _Violation as violation:
        return violation.rule, violation.message
    return None
