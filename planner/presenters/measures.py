"""
What the measures parts of the pages show (issue 26): the prompts a client's flags suggest, and
for each measure a chart and table over time against the plan revisions, with the change since
the first (baseline) reading. Values are shown in the clinician's units (kg/lb, cm/in).

Prompts are suggestions only; nothing is required:
- antipsychotic medicine (2F `medication_flags`): the metabolic monitoring panel, weight, waist
  and blood pressure at baseline and at each review of the current plan, with the dates due;
- a falls risk (rules 7.15, as the engine decides it) or age 65 and over: the 30-second chair
  stand and the timed up-and-go.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from planner import selectors
from planner.engine import screening
from planner.engine.enums import MedicationFlag
from planner.measure_kinds import (
    FALLS_TEST_AGE,
    FALLS_TESTS,
    MEASURES,
    METABOLIC_PANEL,
    MeasureKind,
    MeasureSpec,
)
from planner.models import Client, Intake, Measure
from planner.presenters.dates import format_date
from planner.presenters.measure_charts import Point, RevisionMark, measure_svg

# A reading within this many days of a due date counts for it (a review may be held on any day
# of its week, and a measure may be taken a few days apart from the visit).
DUE_WINDOW_DAYS = 7


@dataclass(frozen=True)
class DueDate:
    label: str  # "baseline", "review in week 4"
    day: dt.date
    done_on: dt.date | None = None
    state: str = "upcoming"  # "done", "due" (the day has come) or "upcoming"


@dataclass(frozen=True)
class PanelRow:
    kind: MeasureKind
    label: str
    last: str  # the latest reading, as shown ("82.5 kg"), or ""
    last_on: dt.date | None
    due: tuple[DueDate, ...] = ()


@dataclass(frozen=True)
class Prompts:
    metabolic: tuple[PanelRow, ...] = ()
    falls: tuple[PanelRow, ...] = ()
    falls_reason: str = ""

    def __bool__(self) -> bool:
        return bool(self.metabolic or self.falls)


def format_value(spec: MeasureSpec, measure_value, units: str, diastolic=None) -> str:
    shown = spec.to_display(measure_value, units)
    text = f"{shown:f}"
    if diastolic is not None:
        text = f"{text}/{diastolic}"
    return f"{text} {spec.display_unit(units)}"


def _latest(measures: list[Measure], kind: MeasureKind) -> Measure | None:
    rows = [m for m in measures if m.kind == kind]
    return max(rows, key=lambda m: (m.measured_on, m.pk)) if rows else None


def _done_on(measures: list[Measure], kind: MeasureKind, day: dt.date) -> dt.date | None:
    close = [m.measured_on for m in measures
             if m.kind == kind and abs((m.measured_on - day).days) <= DUE_WINDOW_DAYS]
    return min(close, key=lambda d: abs((d - day).days)) if close else None


def _due(measures, kind, label, day, today) -> DueDate:
    done_on = _done_on(measures, kind, day)
    state = "done" if done_on else ("due" if day <= today else "upcoming")
    return DueDate(label, day, done_on, state)


def _row(kind, measures, units, due_days=(), today=None) -> PanelRow:
    spec = MEASURES[kind]
    last = _latest(measures, kind)
    due = tuple(_due(measures, kind, label, day, today) for label, day in due_days)
    return PanelRow(
        kind=kind, label=spec.label,
        last=format_value(spec, last.value, units, last.diastolic) if last else "",
        last_on=last.measured_on if last else None, due=due,
    )


def prompts(intake: Intake | None, measures: list[Measure], *, units: str,
            baseline: dt.date | None = None, review_days=(),
            today: dt.date | None = None) -> Prompts:
    """
    The suggestions for the client of `intake` (its latest assessment; None: no prompts).

    baseline: the day the baseline readings are due (the plan's start, else the assessment);
    review_days: (week, date) of each review of the current plan.
    """
    if intake is None:
        return Prompts()
    today = today or timezone.localdate()
    metabolic: tuple[PanelRow, ...] = ()
    if MedicationFlag.ANTIPSYCHOTIC.value in (intake.medication_flags or []):
        base = baseline or intake.assessed_date
        due_days = [(_("baseline"), base)] + [
            (_("review in week %(week)s") % {"week": week}, day)
            for week, day in review_days if day is not None
        ]
        metabolic = tuple(_row(kind, measures, units, due_days, today) for kind in METABOLIC_PANEL)
    falls: tuple[PanelRow, ...] = ()
    reason = ""
    if _falls_risk(intake):
        reason = _("a falls risk")
    elif intake.age >= FALLS_TEST_AGE:
        reason = _("age %(age)s") % {"age": intake.age}
    if reason:
        falls = tuple(_row(kind, measures, units) for kind in FALLS_TESTS)
    return Prompts(metabolic=metabolic, falls=falls, falls_reason=reason)


def _falls_risk(intake: Intake) -> bool:
    """The engine's falls risk (rules 7.15) from the three answers it reads, so the client page
    loads only those answers of the assessment."""
    return screening.falls_risk(SimpleNamespace(
        falls_12m=intake.falls_12m, fear_of_falling=intake.fear_of_falling,
        walking_ability=intake.walking_ability))


# --- charts and tables ------------------------------------------------------------------------


@dataclass(frozen=True)
class MeasureRow:
    day: dt.date
    value: str  # as shown, with its unit
    change: str  # since the baseline reading ("+1.5 kg", "—" for the baseline itself)
    revision: int | None  # the plan revision in force that day
    occasion: str


@dataclass(frozen=True)
class MeasureChart:
    kind: MeasureKind
    label: str
    unit: str
    rows: tuple[MeasureRow, ...]
    svg: SafeString
    change: str  # latest minus baseline, as shown


def revision_on(effective: list[tuple[int, dt.date]], day: dt.date) -> int | None:
    """The revision in force on `day`: the latest that took effect on or before it; a day before
    the first revision belongs to no revision."""
    in_force = [(start, number) for number, start in effective if start <= day]
    return max(in_force)[1] if in_force else None


def _signed(number: Decimal, unit: str) -> str:
    text = "0" if number == 0 else f"{'+' if number > 0 else '−'}{abs(number):f}"
    return f"{text} {unit}" if unit else text


def _occasion(measure: Measure) -> str:
    if measure.intake_id:
        return _("assessment")
    if measure.checkin_id:
        return _("check-in")
    if measure.review_id:
        return _("review")
    return "—"


def measure_charts(measures: list[Measure], effective: list[tuple[int, dt.date]], *,
                   units: str, id_prefix: str = "measure") -> tuple[MeasureChart, ...]:
    """One chart and table per measure the client has, in the order of measure_kinds."""
    marks = [RevisionMark(day, _("rev. %(number)s") % {"number": number})
             for number, day in effective]
    charts = []
    for kind, spec in MEASURES.items():
        rows = sorted((m for m in measures if m.kind == kind),
                      key=lambda m: (m.measured_on, m.pk))
        if not rows:
            continue
        unit = spec.display_unit(units)
        baseline = rows[0]
        base_value = spec.to_display(baseline.value, units)
        table = []
        for m in rows:
            shown = spec.to_display(m.value, units)
            change = "—" if m is baseline else _signed(shown - base_value, unit)
            if kind == MeasureKind.BLOOD_PRESSURE and m is not baseline:
                change = (f"{_signed(shown - base_value, '')}/"
                          f"{_signed(Decimal(m.diastolic - baseline.diastolic), unit)}")
            table.append(MeasureRow(
                day=m.measured_on, value=format_value(spec, m.value, units, m.diastolic),
                change=change, revision=revision_on(effective, m.measured_on),
                occasion=_occasion(m),
            ))
        if kind == MeasureKind.BLOOD_PRESSURE:
            series = {_("systolic"): [Point(m.measured_on, float(m.value)) for m in rows],
                      _("diastolic"): [Point(m.measured_on, float(m.diastolic)) for m in rows]}
        else:
            series = {spec.label: [Point(m.measured_on, float(spec.to_display(m.value, units)))
                                   for m in rows]}
        svg = mark_safe(measure_svg(  # noqa: S308 (measure_charts escapes every text)
            series, marks, chart_id=f"{id_prefix}-{kind.value}",
            title=_("%(label)s over time") % {"label": spec.label},
            axis_label=unit, format_day=format_date,
        ))
        charts.append(MeasureChart(kind=kind, label=spec.label, unit=unit, rows=tuple(table),
                                   svg=svg, change=table[-1].change if len(table) > 1 else ""))
    return tuple(charts)


def client_measures(user, client: Client, *, units: str, current=None,
                    today: dt.date | None = None) -> dict:
    """The prompts and the latest readings for the client page (three queries)."""
    measures = selectors.measure_list(user, client)
    intake = selectors.measure_prompt_answers(user, client)
    review_days, baseline = (), None
    if current is not None:
        plan = current.saved_plan
        review_days = tuple((p.week, p.date) for p in plan.review_weeks)
        baseline = plan.start_date
    latest = []
    for kind, spec in MEASURES.items():
        last = _latest(measures, kind)
        if last:
            latest.append((spec.label, format_value(spec, last.value, units, last.diastolic),
                           last.measured_on))
    return {
        "prompts": prompts(intake, measures, units=units, baseline=baseline,
                           review_days=review_days, today=today),
        "latest": latest,
    }
