"""
What the plan pages show, read from one saved or previewed engine Plan (a revision's
PlanRevision.saved_plan, or the plan a preview just built): the summary with its "why"
for every number, the gates, flags and clearance reasons with their labels, the step rows, the
minutes chart, the texts and the documents. Templates only print a PlanView.

Nothing here decides a clinical value: numbers, gates, flags, review dates and texts are read
from the engine's output, only labelled and arranged for display.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any

from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
from planner.engine.model import CrisisResources, TextBlock
from planner.engine.model import Plan as EnginePlan
from planner.engine.texts.clinician import severity_sentence


@dataclass(frozen=True)
class Reason:
    """One item behind a number: a rule (R-/D-) or an evidence quote (E/X) with its source."""

    id: str
    quote: str = ""
    source: str = ""
    use: str = ""
    kind: str = ""


@dataclass(frozen=True)
class Why:
    key: str
    label: str
    reasons: tuple[Reason, ...]
    plain: str = ""  # the one plain clinical sentence that opens it (presenters/why_plain.py)


@dataclass(frozen=True)
class SummaryItem:
    label: str
    value: Any
    key: str = ""
    why: Why | None = None


@dataclass(frozen=True)
class Coded:
    """A gate, flag or clearance reason: its code, its label and why it is there."""

    code: str
    label: str
    why: Why | None = None


@dataclass(frozen=True)
class StepRow:
    step: int
    weekly_minutes: int
    sessions: int
    minutes_per_session: int
    mind_body_sessions: int
    mind_body_minutes: int
    aerobic_minutes: int
    intensity: str
    intensity_label: str
    strength_sessions: int
    consolidation: bool
    week_date: dt.date | None = None


@dataclass(frozen=True)
class PlanView:
    """Everything a plan page shows, read from one Plan. Templates only print it."""

    hard_stop: str | None
    hard_stop_label: str
    engine_version: str
    summary: tuple[SummaryItem, ...]
    gates: tuple[Coded, ...]
    flags: tuple[Coded, ...]
    clearance_reasons: tuple[Coded, ...]
    steps: tuple[StepRow, ...]
    chart_svg: str
    whys: tuple[Why, ...]
    step_whys: tuple[Why, ...]
    start_date: dt.date | None
    review_weeks: tuple[tuple[int, dt.date | None], ...]
    texts: tuple[TextBlock, ...]
    clinician_notes: tuple[TextBlock, ...]
    documents: tuple[TextBlock, ...]
    crisis_resources: CrisisResources | None
    barrier_tips: tuple[TextBlock, ...] = field(default_factory=tuple)
    severity_used: tuple[str, ...] = ()  # rules 8.20: one sentence per scored condition

    @functools.cached_property
    def why_of(self) -> dict[str, Why]:
        """The whys by key, for a why shown next to its own number ({% why_details
        view.why_of.review_weeks %}) without scanning them all."""
        return {why.key: why for why in self.whys}

    @property
    def is_crisis(self) -> bool:
        return self.hard_stop == HardStop.CRISIS

    @property
    def crisis_sheet(self) -> TextBlock | None:
        """The client's crisis-resources sheet (the one document a crisis stop prints)."""
        return next((d for d in self.documents if d.key == "crisis_sheet"), None)

    @property
    def stop_documents(self) -> tuple[TextBlock, ...]:
        """The stop's other documents: the clinician's stop notice (what to do next)."""
        return tuple(d for d in self.documents if d.key != "crisis_sheet")


@functools.lru_cache(maxsize=1024)  # the catalogue is fixed data: each ID is looked up once
def _reason(rule_id: str) -> Reason:
    """Return a cited ID with its catalogue text (quote, citation, choice or rule title)."""
    from planner.engine import evidence

    try:
        entry = evidence.lookup(rule_id)
    except KeyError:
        return Reason(id=rule_id)
    # A seed quote's source is named by its publication, not the research file's name; an
    # external source by the publication, without a document-hosting copy (evidence.publication).
    source = evidence.seed_source(entry.seed) if entry.kind == "seed" else ""
    if entry.kind == "external":
        entry = dataclasses.replace(entry, text=evidence.publication(entry.text))
    return Reason(id=rule_id, quote=entry.text, source=source, use=entry.use, kind=entry.kind)


WHY_LABELS = {  # lazy: read per request, in the active language
    "mode": gettext_lazy("mode"),
    "baseline_minutes": gettext_lazy("baseline"),
    "target_minutes": gettext_lazy("target"),
    "phase2_target_minutes": gettext_lazy("phase-2 target"),
    "start_minutes": gettext_lazy("start"),
    "gentle_start": gettext_lazy("gentle start"),
    "vigorous_allowed": gettext_lazy("vigorous allowed"),
    "wording": gettext_lazy("wording"),
    "strength_sessions_target": gettext_lazy("strength sessions target"),
    "gates": gettext_lazy("gates"),
    "flags": gettext_lazy("flags"),
    "clearance_reasons": gettext_lazy("clearance reasons"),
    "target_reached_step": gettext_lazy("target reached at step"),
    "steps": gettext_lazy("steps"),
    "review_weeks": gettext_lazy("review weeks"),
    "main_activity": gettext_lazy("main activity"),
    "sessions_end_by": gettext_lazy("sessions end by"),
    "start_date": gettext_lazy("start date"),
    "hard_stop": gettext_lazy("hard stop"),
}


STEP_WHY_LABELS = {  # "steps.<column>": the step table's own column headings
    "weekly_minutes": gettext_lazy("Minutes a week"),
    "sessions": gettext_lazy("Sessions"),
    "minutes_per_session": gettext_lazy("Minutes a session"),
    "aerobic_minutes": gettext_lazy("Aerobic minutes"),
    "mind_body_sessions": gettext_lazy("Mind-body sessions"),
    "mind_body_minutes": gettext_lazy("Mind-body minutes"),
    "intensity": gettext_lazy("Intensity"),
    "strength_sessions": gettext_lazy("Strength sessions"),
    "consolidation": gettext_lazy("Steady weeks"),
}
CODED_WHY_GROUPS = {  # "<group>.<code>": a gate, flag or clearance reason, by its label
    "gates": (gettext_lazy("Gate"), Gate),
    "flags": (gettext_lazy("Flag"), Flag),
    "clearance_reasons": (gettext_lazy("Clearance reason"), ClearanceReason),
}
BLOCK_WHY_GROUPS = {  # "<group>.<block key>": a text block, named by its own title
    "texts": gettext_lazy("client text"),
    "clinician_notes": gettext_lazy("note for you"),
    "documents": gettext_lazy("document"),
}


def _barrier_of_rule(rule_id: str) -> str:
    from planner.engine.enums import Barrier
    from planner.engine.explain import BARRIER_RULE

    barrier = next((b for b, rule in BARRIER_RULE.items() if rule == rule_id), None)
    return label(Barrier, barrier) if barrier else rule_id


def why_label(key: str, plan: EnginePlan) -> str:
    """The clinician's words for a `why` key of the plan ("flags.ADVISORY_GP" -> "Flag:
    Advise a check with the GP"); the rule IDs stay next to it as the reference."""
    if key in WHY_LABELS:
        return capfirst(str(WHY_LABELS[key]))
    group, _dot, item = key.partition(".")
    if group in CODED_WHY_GROUPS:
        title, enum = CODED_WHY_GROUPS[group]
        return f"{title}: {label(enum, item)}"
    if group == "steps" and item in STEP_WHY_LABELS:
        return f"{_('Steps')}: {STEP_WHY_LABELS[item]}"
    if group in BLOCK_WHY_GROUPS:
        block = next((b for b in getattr(plan, group) if b.key == item), None)
        title = (block.title if block else "") or item.replace("_", " ")
        return f"{capfirst(str(BLOCK_WHY_GROUPS[group]))}: {title}"
    if group == "adaptations":
        return f"{_('Barrier adaptation')}: {_barrier_of_rule(item)}"
    if group == "overrides":
        from planner.presenters.comparison import override_kind_label

        return f"{_('Your change')}: {override_kind_label(item)}"
    return capfirst(key.replace("_", " ").replace(".", ": "))


def _whys(plan: EnginePlan) -> dict[str, Why]:
    from planner.presenters.why_plain import plain_sentence

    whys = {}
    for key, ids in plan.why.items():
        reasons = tuple(_reason(str(rid)) for rid in ids)
        whys[key] = Why(key=key, label=why_label(key, plan), reasons=reasons,
                        plain=plain_sentence(key, plan))
    return whys


def _yes_no(value) -> str:
    return _("yes") if value else _("no")


def _step_row(step) -> StepRow:
    return StepRow(
        step=step.step,
        weekly_minutes=step.weekly_minutes,
        sessions=step.sessions,
        minutes_per_session=step.minutes_per_session,
        mind_body_sessions=step.mind_body_sessions,
        mind_body_minutes=step.weekly_minutes - step.aerobic_minutes,
        aerobic_minutes=step.aerobic_minutes,
        intensity=str(step.intensity),
        intensity_label=label(Intensity, step.intensity),
        strength_sessions=step.strength_sessions,
        consolidation=step.consolidation,
        week_date=step.date,
    )


def plan_view(plan: EnginePlan, *, chart_title: str = "", with_whys: bool = True) -> PlanView:
    """Arrange one saved or previewed engine Plan for the plan pages.

    with_whys=False leaves out every "why" (no whys, no why on a summary item or code), for a page
    that shows the plan's numbers but not the reasons behind them: building the whys (labels
    and catalogue lookups) is most of this function's work.
    """
    from planner.presenters.charts import weekly_minutes_svg

    whys = _whys(plan) if with_whys else {}
    hard_stop = plan.hard_stop

    def item(key, title, value):
        return SummaryItem(label=title, value=value, key=key, why=whys.get(key))

    def coded(key, enum):
        return tuple(
            Coded(code=code, label=label(enum, code), why=whys.get(f"{key}.{code}"))
            for code in getattr(plan, key)
        )

    summary: tuple[SummaryItem, ...] = ()
    if not hard_stop:
        summary = (
            item("mode", _("Mode"), label(Mode, plan.mode)),
            item("baseline_minutes", _("Baseline (minutes a week)"), plan.baseline_minutes),
            item("target_minutes", _("Target (minutes a week)"), plan.target_minutes),
            item("phase2_target_minutes", _("Phase-2 target (after a review)"),
                 plan.phase2_target_minutes or "—"),
            item("start_minutes", _("Start (minutes in week 1)"),
                 plan.start_minutes if plan.start_minutes is not None else "—"),
            item("target_reached_step", _("Target reached at step"),
                 plan.target_reached_step or "—"),
            item("gentle_start", _("Gentle start"), _yes_no(plan.gentle_start)),
            item("vigorous_allowed", _("Vigorous allowed"), _yes_no(plan.vigorous_allowed)),
            item("strength_sessions_target", _("Strength sessions target"),
                 plan.strength_sessions_target),
            item("wording", _("Wording type"), label(Wording, plan.wording)),
            item("main_activity", _("Main activity"), label(Activity, plan.main_activity) or "—"),
        )
        if plan.sessions_end_by:
            summary += (
                item("sessions_end_by", _("Sessions end by"),
                     plan.sessions_end_by.isoformat(timespec="minutes")),
            )
    steps = [_step_row(step) for step in plan.steps]
    review_weeks = tuple((point.week, point.date) for point in plan.review_weeks)
    barrier_tips = tuple(b for b in plan.texts if b.key.startswith("barrier"))
    return PlanView(
        hard_stop=hard_stop,
        hard_stop_label=label(HardStop, hard_stop),
        engine_version=plan.engine_version,
        summary=summary,
        gates=coded("gates", Gate),
        flags=coded("flags", Flag),
        clearance_reasons=coded("clearance_reasons", ClearanceReason),
        steps=tuple(steps),
        # Safe: charts.py escapes every piece of text it writes.
        chart_svg=mark_safe(  # noqa: S308
            weekly_minutes_svg(
                [(s.step, s.weekly_minutes) for s in steps],
                title=chart_title or _("Planned minutes a week, by step"),
                axis_label=_("minutes a week"),
                step_label=_("step"),
            )
        ),
        whys=tuple(whys.values()),
        step_whys=tuple(w for key, w in whys.items() if key.startswith("steps")),
        start_date=plan.start_date,
        review_weeks=review_weeks,
        texts=tuple(b for b in plan.texts if b not in barrier_tips),
        clinician_notes=plan.clinician_notes,
        documents=plan.documents,
        crisis_resources=plan.crisis_resources,
        barrier_tips=barrier_tips,
        severity_used=tuple(severity_sentence(condition, entry)
                            for condition, entry in plan.severity.items()),
    )
