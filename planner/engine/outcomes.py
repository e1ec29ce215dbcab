"""
Pure arithmetic of the outcome loop: plan weeks, planned minutes per check-in, adherence over the
previous three weeks (R-REV-2), review schedule and expiry dates (R-REV-1, R-REV-6).

No ORM and no request: plain values in, plain values out, so every rule here is tested alone
(tests/engine/test_outcomes.py). Clinical decisions are not made here: the numbers a plan schedules
and its review weeks come from the engine's Plan (a saved revision's, read back: Step rows and
ReviewPoints, never JSON), the adherence percentage from the engine's `adherence_percent`, and
the decision table is the engine's `propose_review_action`.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from . import constants as K
from . import reviews
from .model import Plan, Step

WEEK = dt.timedelta(days=7)
# A review point is the first day of its review week (R-REV-1: the review may be held on any day
# of that week). Overdue from the day after the point, as selectors.client_queryset marks it.
REVIEW_WEEK_DAYS = dt.timedelta(days=6)
# R-REV-6 (X06): screening answers, and a clearance, are valid for 12 months.
SCREENING_VALID_MONTHS = 12
# A check-in counts for a window week when its week starts within 3 days of it (a plan whose
# start date moved to another weekday still finds last week's report).
WEEK_MATCH_DAYS = 3
# How many weeks back the check-in form offers.
WEEKS_OFFERED = 104


# --- calendar weeks of a plan --------------------------------------------------------------------


def week_number(start: dt.date, day: dt.date) -> int:
    """Return the plan week `day` falls in: 1 for the 7 days from `start` (R-REV-1 counts
    calendar weeks from the start date); 0 or less before the start."""
    return (day - start).days // 7 + 1


def week_start_of(start: dt.date, day: dt.date) -> dt.date:
    """Return the first day of the plan week that contains `day`."""
    return start + WEEK * (week_number(start, day) - 1)


def plan_week_starts(start: dt.date, *, earliest: dt.date, today: dt.date) -> list[dt.date]:
    """Return the first days of the plan weeks from the one containing `earliest` to the one
    containing `today`, newest first (at most WEEKS_OFFERED): the weeks a check-in can be for."""
    last = week_start_of(start, today)
    first = max(week_start_of(start, min(earliest, today)), last - WEEK * (WEEKS_OFFERED - 1))
    weeks = []
    day = last
    while day >= first:
        weeks.append(day)
        day -= WEEK
    return weeks


def weeks_overlap(a: dt.date, b: dt.date) -> bool:
    """Return whether the 7-day weeks starting on `a` and `b` share a day."""
    return abs((a - b).days) < 7


# --- what the plan scheduled -------------------------------------------------------------------


def step_numbers(steps: Sequence[Step]) -> list[int]:
    """Return the distinct step numbers of a plan's rows, in order."""
    seen: list[int] = []
    for row in steps:
        if row.step not in seen:
            seen.append(row.step)
    return seen


def planned_minutes(steps: Sequence[Step], plan_step: int | None) -> int | None:
    """
    Return the weekly minutes a plan schedules for `plan_step`, or None without steps.

    A step after the last printed one keeps the last row's minutes: the handout ends with "keep
    going at T minutes a week" (R-PROG-5), and MAINTAIN plans hold one value (R-MAINT-1).
    """
    if not steps or plan_step is None:
        return None
    for row in steps:
        if row.step == plan_step:
            return row.weekly_minutes
    if plan_step > steps[-1].step:
        return steps[-1].weekly_minutes
    return None


def engine_step(steps: Sequence[Step], plan_step: int) -> int:
    """Return the step to give the engine's review helpers for a client on `plan_step`: the
    step itself, or the last printed one when the client is past the printed table (the plan
    stays at that level, R-PROG-5)."""
    numbers = step_numbers(steps)
    return plan_step if plan_step in numbers or not numbers else min(plan_step, numbers[-1])


def suggest_plan_step(
    steps: Sequence[Step],
    week_start: dt.date,
    previous: tuple[dt.date, int] | None = None,
) -> int | None:
    """
    Return the step a check-in for `week_start` most likely was, as the form's default.

    With the previous week's check-in under the same revision (its week start and step), the
    client is on the row after the one they were on: holds in the revision repeat a step
    (R-PROG-4), and a step the client repeated on their own moves everything one week later.
    Without one, the revision's row dated that week. The clinician confirms or changes it.
    """
    if not steps:
        return None
    if previous is not None:
        prev_week, prev_step = previous
        rows = [i for i, row in enumerate(steps) if row.step == prev_step]
        if rows:
            nearest = min(rows, key=lambda i: (abs(_row_offset(steps[i], prev_week)), -i))
            nxt = min(nearest + 1, len(steps) - 1)
            return steps[nxt].step
    for row in steps:
        if row.date == week_start:
            return row.step
    dated = [row for row in steps if row.date]
    if dated and week_start > dated[-1].date:
        return steps[-1].step
    return steps[0].step


def _row_offset(row: Step, week: dt.date) -> int:
    return (row.date - week).days if row.date else 0


def revision_in_force(effective: Sequence[tuple[int, dt.date]], week_start: dt.date) -> int | None:
    """
    Return the number of the revision a week was planned under.

    `effective` pairs each revision number with the day it took effect (see
    progress_selectors.revision_effective_dates). The latest revision in effect by the week's
    last day wins; a week before the first revision took effect belongs to the first.
    """
    if not effective:
        return None
    week_end = week_start + dt.timedelta(days=6)
    in_force = [(day, number) for number, day in effective if day <= week_end]
    if in_force:
        return max(in_force)[1]
    return min(effective, key=lambda pair: pair[0])[0]


# --- adherence (R-REV-2) -------------------------------------------------------------------------


@dataclass(frozen=True)
class WindowWeek:
    """One week of the adherence window: what was planned and what was done."""

    week_start: dt.date
    revision: int | None = None
    plan_step: int | None = None
    planned: int | None = None
    completed: int | None = None
    adverse_event: str = "none"
    recorded: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "week_start": self.week_start.isoformat(),
            "revision": self.revision,
            "plan_step": self.plan_step,
            "planned": self.planned,
            "completed": self.completed,
            "adverse_event": self.adverse_event,
        }


@dataclass(frozen=True)
class CheckInFacts:
    """What the arithmetic needs of a check-in (built from a CheckIn row by the services)."""

    week_start: dt.date
    revision: int | None
    plan_step: int | None
    planned: int | None
    completed: int
    adverse_event: str = "none"
    poor_sleep_nights: int = 0


def window_week_starts(review_week_start: dt.date, *, first_week: dt.date) -> list[dt.date]:
    """Return the (up to) three calendar weeks before the review week, oldest first, not
    before the first week the client had a plan (R-REV-2: "over the previous 3 weeks")."""
    weeks = [review_week_start - WEEK * k for k in range(K.ADHERENCE_WINDOW_WEEKS, 0, -1)]
    return [w for w in weeks if w + dt.timedelta(days=6) >= first_week]


def adherence_window(
    review_week_start: dt.date, checkins: Iterable[CheckInFacts], *, first_week: dt.date
) -> list[WindowWeek]:
    """Return the window weeks with the check-in found for each (recorded=False if none)."""
    facts = list(checkins)
    window = []
    for week in window_week_starts(review_week_start, first_week=first_week):
        match = min(
            (c for c in facts if abs((c.week_start - week).days) <= WEEK_MATCH_DAYS),
            key=lambda c: abs((c.week_start - week).days),
            default=None,
        )
        if match is None:
            window.append(WindowWeek(week_start=week))
        else:
            window.append(
                WindowWeek(
                    week_start=match.week_start,
                    revision=match.revision,
                    plan_step=match.plan_step,
                    planned=match.planned,
                    completed=match.completed,
                    adverse_event=match.adverse_event,
                    recorded=True,
                )
            )
    return window


def adherence_percent(window: Sequence[WindowWeek]) -> int:
    """R-REV-2: completed WM / planned WM over the window, as the engine computes it (whole
    percent, rounded down). Raises reviews.ReviewError without planned minutes."""
    return reviews.adherence_percent(
        [w.planned or 0 for w in window], [w.completed or 0 for w in window]
    )


# --- schedule and expiry (R-REV-1, R-REV-6) ------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """Return the same day `months` later; the 29th-31st become the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expiry_date(day: dt.date | None) -> dt.date | None:
    """R-REV-6 (X06): the day screening (or a clearance) done on `day` must be repeated."""
    return None if day is None else add_months(day, SCREENING_VALID_MONTHS)


def review_point_dates(plan: Plan) -> list[dt.date]:
    """Return the dated review points the engine gave a plan (R-REV-1), in order."""
    return sorted(point.date for point in plan.review_weeks if point.date)


def next_review_after(points: Sequence[dt.date], day: dt.date) -> dt.date | None:
    """
    Return the first review point after the review week that contains `day`.

    The engine lists the first review points (weeks 4, 8, 12, 24, 36); past the last one the
    reviews go on every REVIEW_INTERVAL_LATER weeks (R-REV-1), using the engine's interval.
    """
    if not points:
        return None
    for point in points:
        if point > day:
            return point
    point = points[-1]
    while point <= day:
        point += WEEK * K.REVIEW_INTERVAL_LATER
    return point


@dataclass(frozen=True)
class Due:
    """A date that something is due, and whether it is overdue today."""

    date: dt.date | None
    overdue: bool = False
    due_now: bool = False


def review_due(next_review: dt.date | None, today: dt.date) -> Due:
    """A review is overdue once its date has passed (the same rule as the client list's
    review_overdue); it is due from its date until the end of its review week (R-REV-1)."""
    if next_review is None:
        return Due(None)
    week_end = next_review + REVIEW_WEEK_DAYS
    return Due(next_review, overdue=today > next_review, due_now=next_review <= today <= week_end)


def expiry_due(done: dt.date | None, today: dt.date) -> Due:
    """R-REV-6: overdue from the day the 12 months are up."""
    expires = expiry_date(done)
    return Due(expires, overdue=expires is not None and today >= expires)


@dataclass(frozen=True)
class Schedule:
    """What the client list and page show about what is due (R-REV-1, R-REV-6)."""

    review: Due
    screening: Due
    clearance: Due
    clearance_applies: bool = False

    @property
    def anything_overdue(self) -> bool:
        return self.review.overdue or self.screening.overdue or self.clearance.overdue


def client_schedule(
    *,
    next_review: dt.date | None,
    screened_on: dt.date | None,
    clearance_status: str | None,
    cleared_on: dt.date | None,
    today: dt.date,
) -> Schedule:
    """
    Return the schedule of one client from stored facts.

    screened_on is the day the latest assessment's screening answers were given: its
    screening_date, else its assessment date (screening is asked again at every assessment,
    R-REV-6; Intake.screened_on); a clearance counts only when the latest assessment records
    it as obtained.
    """
    applies = clearance_status == "obtained"
    return Schedule(
        review=review_due(next_review, today),
        screening=expiry_due(screened_on, today),
        clearance=expiry_due(cleared_on if applies else None, today),
        clearance_applies=applies,
    )


# --- questionnaire scores ------------------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    """One questionnaire total on one day, and where it was recorded."""

    day: dt.date
    total: int
    source: str  # "assessment" or "check-in"
    item9: int | None = None


def score_change(scores: Sequence[Score], *, since: dt.date) -> tuple[Score | None, Score | None]:
    """
    Return (current, previous) for a review: current is the latest score recorded on or after
    `since` (the first day of the adherence window), previous the latest one before it.
    """
    ordered = sorted(scores, key=lambda s: (s.day, s.source == "check-in"))
    current = next((s for s in reversed(ordered) if s.day >= since), None)
    if current is None:
        return None, None
    before = [s for s in ordered if s.day < current.day]
    return current, (before[-1] if before else None)
