"""
Two saved plans side by side, in clinical terms (issue 6: history and comparison).

Pure: no ORM, no request. compare_plans(a, b) reads two engine Plans (the revisions'
PlanRevision.saved_plan, and the clinician overrides stored with each revision) and returns
rows a template only prints:
every row has a label, the value in A, the value in B and whether it changed. Nothing here
decides a clinical value; values are labelled exactly as the plan pages label them.

Steps are compared row by row in calendar order (week 1 with week 1, ...), because a delayed
step shifts every later week: the clinician sees where the two schedules diverge.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from planner.choices import label
from planner.engine.enums import (
    Activity,
    ClearanceReason,
    Flag,
    Gate,
    HardStop,
    Intensity,
    Mode,
    Wording,
)
from planner.engine.model import HARD_STOP_KEYS, Plan, Step, TextBlock

EMPTY = "—"


@dataclass(frozen=True)
class Row:
    """One compared value: label, A, B, changed."""

    key: str
    label: str
    a: str
    b: str
    changed: bool


@dataclass(frozen=True)
class Cell:
    value: str
    changed: bool


@dataclass(frozen=True)
class StepRow:
    """One calendar week of both schedules; a or b is None where that plan has no such week."""

    week: int
    a: tuple[Cell, ...] | None
    b: tuple[Cell, ...] | None
    changed: bool


@dataclass(frozen=True)
class TextRow:
    """One block of client wording (handout text) that differs between A and B."""

    key: str
    title: str
    a: str
    b: str
    changed: bool


@dataclass(frozen=True)
class Comparison:
    summary: tuple[Row, ...]
    safety: tuple[Row, ...]
    step_columns: tuple[str, ...]
    steps: tuple[StepRow, ...]
    texts: tuple[TextRow, ...]
    overrides: tuple[Row, ...]

    @property
    def changed_labels(self) -> tuple[str, ...]:
        """The label of every changed row (steps and texts summarised as one entry each)."""
        labels = [r.label for r in (*self.summary, *self.safety, *self.overrides) if r.changed]
        if any(s.changed for s in self.steps):
            labels.append(_("Weekly steps"))
        if any(t.changed for t in self.texts):
            labels.append(_("Client wording"))
        return tuple(labels)

    @property
    def identical(self) -> bool:
        return not self.changed_labels


def _yes_no(value: Any) -> str:
    if value is None:
        return EMPTY
    return _("yes") if value else _("no")


def _plain(value: Any) -> str:
    if value is None or value == "" or value == []:
        return EMPTY
    return str(value)


def _date(value: dt.date | None) -> str:
    """A date in the pages' one date style ("5 Jan 2026")."""
    return date_format(value) if value else EMPTY


def _labels(enum, values: Sequence[str] | None) -> str:
    values = list(values or ())
    if not values:
        return _("none")
    return "; ".join(label(enum, v) for v in values)


def _row(key: str, title: str, a: str, b: str) -> Row:
    return Row(key=key, label=title, a=a, b=b, changed=a != b)


# (key, label, how to show the value); labels match presenters.plan's summary.
def _summary_fields():
    return (
        ("hard_stop", _("Hard stop"), lambda v: label(HardStop, v) if v else _("none")),
        ("mode", _("Mode"), lambda v: label(Mode, v) if v else EMPTY),
        ("baseline_minutes", _("Baseline (minutes a week)"), _plain),
        ("target_minutes", _("Target (minutes a week)"), _plain),
        ("phase2_target_minutes", _("Phase-2 target (after a review)"), _plain),
        ("start_minutes", _("Start (minutes in week 1)"), _plain),
        ("target_reached_step", _("Target reached at step"), _plain),
        ("gentle_start", _("Gentle start"), _yes_no),
        ("vigorous_allowed", _("Vigorous allowed"), _yes_no),
        ("intensity_limit", _("Intensity limit"), lambda v: label(Intensity, v) if v else EMPTY),
        ("clearance_max_minutes", _("Clearance limit (minutes a week)"), _plain),
        ("strength_sessions_target", _("Strength sessions target"), _plain),
        ("main_activity", _("Main activity"), lambda v: label(Activity, v) if v else EMPTY),
        ("wording", _("Wording type"), lambda v: label(Wording, v) if v else EMPTY),
        ("start_date", _("Week 1 starts"), _date),
    )


def _step_columns():
    return (
        ("step", _("Step")),
        ("weekly_minutes", _("Minutes a week")),
        ("sessions", _("Sessions")),
        ("minutes_per_session", _("Minutes a session")),
        ("mind_body_sessions", _("Mind-body sessions")),
        ("aerobic_minutes", _("Aerobic minutes")),
        ("intensity", _("Intensity")),
        ("strength_sessions", _("Strength sessions")),
        ("consolidation", _("Steady week")),
        ("repeat", _("Repeated step")),
    )


def _step_value(key: str, step: Step) -> str:
    value = getattr(step, key)
    if key == "intensity":
        return label(Intensity, value) if value else EMPTY
    if key in ("consolidation", "repeat"):
        return _("yes") if value else ""
    return _plain(value)


def _steps(a: Sequence[Step], b: Sequence[Step]) -> tuple[StepRow, ...]:
    keys = [key for key, _title in _step_columns()]
    rows = []
    for index in range(max(len(a), len(b))):
        raw_a = a[index] if index < len(a) else None
        raw_b = b[index] if index < len(b) else None
        values_a = [_step_value(k, raw_a) for k in keys] if raw_a is not None else None
        values_b = [_step_value(k, raw_b) for k in keys] if raw_b is not None else None
        if values_a is None or values_b is None:
            cells_a = tuple(Cell(v, True) for v in values_a) if values_a else None
            cells_b = tuple(Cell(v, True) for v in values_b) if values_b else None
            changed = True
        else:
            flags = [va != vb for va, vb in zip(values_a, values_b, strict=True)]
            cells_a = tuple(Cell(v, f) for v, f in zip(values_a, flags, strict=True))
            cells_b = tuple(Cell(v, f) for v, f in zip(values_b, flags, strict=True))
            changed = any(flags)
        rows.append(StepRow(week=index + 1, a=cells_a, b=cells_b, changed=changed))
    return tuple(rows)


def _block_text(block: TextBlock | None) -> str:
    if not block:
        return ""
    lines = [*block.paragraphs, *(f"• {b}" for b in block.bullets)]
    return "\n".join(str(line) for line in lines)


def _texts(a: Sequence[TextBlock], b: Sequence[TextBlock]) -> tuple[TextRow, ...]:
    by_key_a = {block.key: block for block in a}
    by_key_b = {block.key: block for block in b}
    order = [block.key for block in a]
    order += [block.key for block in b if block.key not in by_key_a]
    rows = []
    for key in order:
        block_a, block_b = by_key_a.get(key), by_key_b.get(key)
        text_a, text_b = _block_text(block_a), _block_text(block_b)
        title = (block_b or block_a).title or str(key)
        title_a = block_a.title if block_a else ""
        title_b = block_b.title if block_b else ""
        changed = (text_a, title_a) != (text_b, title_b) or (block_a is None) != (block_b is None)
        rows.append(TextRow(key=str(key), title=title, a=text_a, b=text_b, changed=changed))
    return tuple(rows)


def moves_text(moves: Sequence[Any]) -> str:
    """A plan's moves in one line: "1. Sit to stand 1×10; 2. ..." (issue 25). Accepts the
    plan's ChosenMove values or a stored choose_moves override (dicts)."""
    parts = []
    for number, move in enumerate(moves or (), start=1):
        get = move.get if isinstance(move, Mapping) else lambda key, m=move: getattr(m, key, None)
        name = get("name") or str(get("id"))
        seconds = get("unit") == "seconds"
        dose = f"{get('sets')}×{get('reps')}{' s' if seconds else ''}"
        parts.append(f"{number}. {name} {dose}")
    return "; ".join(parts) or EMPTY


def _override_text(override: Mapping[str, Any]) -> str:
    value = override.get("value")
    kind = str(override.get("kind", ""))
    if kind == "choose_moves":
        value = moves_text(value)
    elif kind == "lower_max_intensity":
        value = label(Intensity, value)
    elif kind == "swap_main_activity":
        value = label(Activity, value)
    reason = override.get("reason", "")
    return f"{value} ({reason})" if reason else str(value)


def override_kind_label(kind: str) -> str:
    """The clinician's words for an override kind (rules.md 2J)."""
    labels = {
        "lower_target_minutes": _("Lower the target (minutes a week)"),
        "lower_start_minutes": _("Lower the start (minutes in week 1)"),
        "lower_max_intensity": _("Lower the intensity"),
        "lower_strength_sessions": _("Lower strength sessions a week"),
        "delay_step": _("Delay (repeat) a step"),
        "swap_main_activity": _("Swap the main activity"),
        "sessions_per_week": _("Sessions a week"),
        "choose_moves": _("Choose the strength and balance moves"),
    }
    return str(labels.get(kind, kind))


def _overrides(a: Sequence[Mapping], b: Sequence[Mapping]) -> tuple[Row, ...]:
    def grouped(overrides):
        out: dict[str, list[str]] = {}
        for override in overrides:
            out.setdefault(str(override.get("kind", "")), []).append(_override_text(override))
        return out

    ga, gb = grouped(a), grouped(b)
    kinds = list(ga) + [k for k in gb if k not in ga]
    return tuple(
        _row(
            f"override.{kind}",
            override_kind_label(kind),
            "; ".join(ga.get(kind, ())) or EMPTY,
            "; ".join(gb.get(kind, ())) or EMPTY,
        )
        for kind in kinds
    )


def _summary_value(plan: Plan, key: str) -> Any:
    """A summary value of the plan. A hard stop has no plan: only what it holds is shown
    (HARD_STOP_KEYS, what its snapshot keeps), the rest is empty ("—", not "no")."""
    return getattr(plan, key) if not plan.hard_stop or key in HARD_STOP_KEYS else None


def compare_plans(
    a: Plan,
    b: Plan,
    *,
    overrides_a: Sequence[Mapping[str, Any]] | None = None,
    overrides_b: Sequence[Mapping[str, Any]] | None = None,
) -> Comparison:
    """
    Compare two plans (A, the older one, usually; B the newer).

    overrides_* default to the plans' own `overrides` (the engine's record of the applied
    overrides); pass the revisions' stored overrides to show the clinician's reasons as saved.
    """
    summary = tuple(
        _row(key, title, show(_summary_value(a, key)), show(_summary_value(b, key)))
        for key, title, show in _summary_fields()
    )
    summary += (_row("moves", _("Strength and balance moves"), moves_text(a.moves),
                     moves_text(b.moves)),)
    safety = (
        _row("gates", _("Gates"), _labels(Gate, a.gates), _labels(Gate, b.gates)),
        _row("flags", _("Flags"), _labels(Flag, a.flags), _labels(Flag, b.flags)),
        _row(
            "clearance_reasons",
            _("Clearance reasons"),
            _labels(ClearanceReason, a.clearance_reasons),
            _labels(ClearanceReason, b.clearance_reasons),
        ),
    )
    return Comparison(
        summary=summary,
        safety=safety,
        step_columns=tuple(title for _key, title in _step_columns()),
        steps=_steps(a.steps, b.steps),
        texts=_texts(a.texts, b.texts),
        overrides=_overrides(
            a.overrides if overrides_a is None else overrides_a,
            b.overrides if overrides_b is None else overrides_b,
        ),
    )
