"""
What the client's log page shows (issue 23), and how the clinician sees each logged day.

The client's page shows this week's planned sessions in the handout's words (the week table's
numbers, effort words from INTENSITY_WORDS) and nothing else from the record: no surname, no
conditions, no scores, no clinician notes. The client's display name is not shown either: a
phone left open on a table shows a plan, not whose it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.formats import date_format

from planner.engine import crisis, outcomes
from planner.engine.model import CrisisResources, Plan, Step
from planner.engine.texts.context import INTENSITY_WORDS, MIND_BODY_WORDS
from planner.models import ClientLogAmendment, ClientLogEntry, ClientLogLink, Effort
from planner.services import clientlog

FEELING_SCALE = range(0, 11)


def _day(day: dt.date) -> str:
    return date_format(day, "l j F")


def _sessions(step: Step) -> str:
    words = INTENSITY_WORDS.get(step.intensity, str(step.intensity).replace("_", " "))
    sessions = "session" if step.sessions == 1 else "sessions"
    text = (f"{step.sessions} {sessions} of about {step.minutes_per_session} minutes, "
            f"at a {words} effort")
    if step.mind_body_sessions:
        text += (f" ({step.mind_body_sessions} of them can be yoga or tai chi, "
                 f"{MIND_BODY_WORDS})")
    if step.strength_sessions:
        text += f", and {step.strength_sessions} strength " + (
            "session" if step.strength_sessions == 1 else "sessions")
    return text + "."


@dataclass(frozen=True)
class WeekPlan:
    """This week of the plan, in the handout's words."""

    heading: str
    sentences: tuple[str, ...]
    started: bool


def week_plan(plan: Plan, start: dt.date | None, today: dt.date, *, ed: bool) -> WeekPlan:
    if start is not None and today < start:
        return WeekPlan("Your plan", (f"Your plan starts on {_day(start)}.",), started=False)
    if not plan.steps or start is None:
        return WeekPlan("This week", ("Keep to the activity you do now, as your plan says.",),
                        started=True)
    number = outcomes.week_number(start, today)
    week_start = outcomes.week_start_of(start, today)
    rows = [s for s in plan.steps if s.week == number]
    step = rows[0] if rows else plan.steps[-1]
    sentences = [_sessions(step)]
    if not rows:
        sentences.append("Your plan keeps going at this level.")
    if ed:
        sentences.append("The other days are rest days. Rest is part of the plan.")
    heading = f"This week: week {number}, from {_day(week_start)}"
    return WeekPlan(heading, tuple(sentences), started=True)


def effort_choices(plan: Plan) -> list[tuple[str, str]]:
    """The effort words of the handout's guide, up to "hard" only when the plan allows it."""
    choices = [(e.value, str(e.label)) for e in Effort if e != Effort.HARD]
    if plan.vigorous_allowed:
        choices.append((Effort.HARD.value, str(Effort.HARD.label)))
    return choices


def crisis_help(link: ClientLogLink, plan: Plan) -> dict:
    """The crisis line of the client's region (their record's region, else the plan's)."""
    res: CrisisResources | None
    try:
        res = crisis.resources_for(link.client.crisis_region)
    except crisis.UnknownCrisisRegion:
        res = plan.crisis_resources
    if res is None:
        return {}
    return {"line": crisis.line_sentence(res), "other": crisis.other_sentence(res),
            "emergency": res.emergency_number}


@dataclass(frozen=True)
class EntryRow:
    """One logged day as a page shows it."""

    entry: ClientLogEntry
    day_label: str
    what: str
    counted: int | None
    status: str
    amendment: ClientLogAmendment | None
    corrected_first: ClientLogEntry | None


def _what(entry: ClientLogEntry, ed: bool) -> str:
    if not entry.active:
        return "A rest day"
    if ed or entry.minutes is None:
        return "Active"
    text = f"{entry.minutes} minutes"
    if entry.effort:
        text += f", {entry.get_effort_display()}"
    return text


def entry_rows(entries: list[ClientLogEntry], *, ed: bool) -> list[EntryRow]:
    rows = []
    for entry in entries:
        amendment = clientlog.amendment_in_force(entry)
        counted = clientlog.counted_minutes(entry)
        if amendment is not None and amendment.kind == ClientLogAmendment.Kind.DISCOUNT:
            status = "not counted"
        elif amendment is not None:
            status = f"corrected to {amendment.minutes} minutes"
        else:
            status = "counted"
        rows.append(EntryRow(entry=entry, day_label=_day(entry.day), what=_what(entry, ed),
                             counted=counted, status=status, amendment=amendment,
                             corrected_first=entry.replaces))
    return rows


def client_page(link: ClientLogLink, today: dt.date) -> dict:
    """The context of the client's page (no field of the record beyond the plan's words)."""
    revision = link.revision
    plan = revision.saved_plan
    start = link.client.plan.start_date or plan.start_date
    ed = clientlog.is_ed_plan(revision)
    first = today - dt.timedelta(days=clientlog.DAYS_BACK)
    if start is not None and plan.steps and today >= start:
        first = outcomes.week_start_of(start, today)
    entries = clientlog.current_entries(link.client, min(first, today), today)
    return {
        "today": today,
        "week": week_plan(plan, start, today, ed=ed),
        "ed": ed,
        "days": [(day, "Today" if day == today else _day(day))
                 for day in clientlog.days_offered(link, today)],
        "logged": entry_rows(list(reversed(entries)), ed=ed),
        "today_logged": any(e.day == today for e in entries),
        "efforts": effort_choices(plan),
        "feelings": FEELING_SCALE,
        "help": crisis_help(link, plan),
        "valid_until": _day(link.valid_until),
    }
