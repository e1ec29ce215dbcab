"""
What the progress parts of the pages show, arranged from stored rows: the schedule (next review,
expiries), the weekly table and chart of planned vs completed minutes with revision markers, and
the PHQ-9 / GAD-7 table and chart. Templates only print these objects.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from planner import selectors
from planner.engine import outcomes
from planner.models import CheckIn, Client
from planner.presenters.dates import format_date
from planner.presenters.plan import Why
from planner.presenters.progress_charts import (
    Marker,
    MinutesWeek,
    ScorePoint,
    minutes_svg,
    scores_svg,
)

CLIENT_PAGE_WEEKS = 26  # the client page charts the last half year
PROGRESS_PAGE_WEEKS = 156  # the progress page, three years


@dataclass(frozen=True)
class WeekRow(MinutesWeek):
    """A week of the minutes table (the chart's text alternative)."""

    recorded: bool = False
    adverse_event: str = ""
    marker: str = ""


@dataclass(frozen=True)
class ScoreRow:
    day: dt.date
    source: str
    phq9: int | None = None
    item9: int | None = None
    gad7: int | None = None

    @property
    def item9_positive(self) -> bool:
        """Item 9 of 1 or more re-opens the risk gate (R-SAFE-CRISIS): the table marks it."""
        return (self.item9 or 0) >= 1


@dataclass(frozen=True)
class ProgressView:
    schedule: outcomes.Schedule
    weeks: tuple[WeekRow, ...]
    minutes_svg: SafeString
    scores: tuple[ScoreRow, ...]
    scores_svg: SafeString
    truncated: bool = False


def client_schedule(user, client: Client, *, today: dt.date | None = None) -> outcomes.Schedule:
    """Return the client's schedule from the plan row and the latest assessment."""
    latest = selectors.latest_screening(user, client)
    return outcomes.client_schedule(
        next_review=client.plan.next_review_date,
        screened_on=latest.screened_on if latest else None,
        clearance_status=latest.clearance_status if latest else None,
        cleared_on=latest.clearance_date if latest else None,
        today=today or timezone.localdate(),
    )


def _week_rows(user, client: Client, *, limit: int, today: dt.date | None = None
               ) -> tuple[list[WeekRow], bool]:
    rows = selectors.checkin_recent_weeks(user, client, limit=limit + 1)
    truncated = len(rows) > limit
    rows = list(reversed(rows[:limit]))
    if not rows:
        return [], False
    plans = selectors.revision_plans(user, client, {c.revision.number for c in rows})
    effective = selectors.revision_effective_dates(user, client)
    labels = dict(CheckIn._meta.get_field("adverse_event").flatchoices)
    out: list[WeekRow] = []
    first, last = rows[0].week_start, rows[-1].week_start
    # Run on to the week of a revision that took effect after the last check-in (a review's
    # revision, say), so its marker shows.
    newest = max((day for _n, day in effective if day > last), default=None)
    if newest is not None and newest <= (today or timezone.localdate()):
        last += dt.timedelta(weeks=(newest - last).days // 7)
    # Revisions by the chart week they took effect in: one pass, not one per week.
    started_in: dict[int, list[int]] = {}
    for number, day in effective:
        if day >= first:
            started_in.setdefault((day - first).days // 7, []).append(number)
    week, index, previous = first, 0, None
    in_force_first = outcomes.revision_in_force(effective, first)
    while week <= last:
        match = None
        while index < len(rows) and rows[index].week_start < week + dt.timedelta(days=7):
            match = rows[index] if abs((rows[index].week_start - week).days) <= 3 else match
            index += 1
        started = tuple(started_in.get((week - first).days // 7, ()))
        if week == first and in_force_first is not None and in_force_first not in started:
            started = (in_force_first, *started)
        marker = ", ".join(_("rev. %(number)s") % {"number": n} for n in started)
        if match is None:
            out.append(WeekRow(week_start=week, marker=marker))
            previous = None
        else:
            steps = plans[match.revision.number].steps
            repeat = (previous is not None and previous.plan_step is not None
                      and previous.plan_step == match.plan_step
                      and plans[previous.revision.number].start_date
                      == plans[match.revision.number].start_date)
            out.append(WeekRow(
                week_start=match.week_start,
                planned=outcomes.planned_minutes(steps, match.plan_step),
                completed=match.minutes_completed,
                plan_step=match.plan_step,
                revision=match.revision.number,
                repeat=repeat,
                recorded=True,
                adverse_event=(labels.get(match.adverse_event, "")
                               if match.adverse_event != "none" else ""),
                marker=marker,
            ))
            previous = match
        week += dt.timedelta(days=7)
    return out, truncated


def _score_rows(user, client: Client) -> list[ScoreRow]:
    scores = selectors.client_scores(user, client)
    by_key: dict[tuple[dt.date, str], dict] = {}
    for s in scores["phq9"]:
        by_key.setdefault((s.day, s.source), {}).update(phq9=s.total, item9=s.item9)
    for s in scores["gad7"]:
        by_key.setdefault((s.day, s.source), {}).update(gad7=s.total)
    sources = {"assessment": _("assessment"), "check-in": _("check-in")}
    return [
        ScoreRow(day=day, source=sources.get(source, source), **values)
        for (day, source), values in sorted(by_key.items())
    ]


def progress_view(
    user,
    client: Client, *, weeks: int = CLIENT_PAGE_WEEKS, today: dt.date | None = None,
    id_prefix: str = "progress",
) -> ProgressView:
    """Return the schedule, tables and charts of one client (a constant number of queries)."""
    week_rows, truncated = _week_rows(user, client, limit=weeks, today=today)
    score_rows = _score_rows(user, client)
    markers = [Marker(r.week_start, r.marker) for r in week_rows if r.marker]
    # Safe: progress_charts escapes every piece of text it writes.
    minutes_chart = mark_safe(minutes_svg(  # noqa: S308
        week_rows,
        markers,
        chart_id=f"{id_prefix}-minutes",
        title=_("Planned and completed minutes a week"),
        axis_label=_("minutes a week"),
        planned_label=_("planned"),
        completed_label=_("completed"),
        format_week=format_date,
    ))
    series = {
        _("PHQ-9"): [ScorePoint(r.day, r.phq9) for r in score_rows if r.phq9 is not None],
        _("GAD-7"): [ScorePoint(r.day, r.gad7) for r in score_rows if r.gad7 is not None],
    }
    scores_chart = mark_safe(scores_svg(  # noqa: S308
        series,
        chart_id=f"{id_prefix}-scores",
        title=_("PHQ-9 and GAD-7 over time"),
        axis_label=_("score"),
        format_day=format_date,
    ))
    return ProgressView(
        schedule=client_schedule(user, client, today=today),
        weeks=tuple(week_rows),
        minutes_svg=minutes_chart,
        scores=tuple(score_rows),
        scores_svg=scores_chart,
        truncated=truncated,
    )


def rule_reasons(ids, *, label: str = "", plain: str = "") -> Why:
    """Return the rule and evidence IDs behind a review proposal with their catalogue text,
    for {% why_details %} (planner/templatetags/plan_tags.py); the page states the proposal's
    reason in words above it, so `plain` is optional here."""
    from planner.presenters.plan import _reason

    return Why(key="review", label=label, reasons=tuple(_reason(str(i)) for i in ids),
               plain=plain)
