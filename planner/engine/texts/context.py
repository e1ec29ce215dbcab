"""What the text writers need to know about one intake and plan, worked out once per plan.

This is the one resolved view every client block is chosen from (rules 8, principle and item
10): the limits the clearing professional set, the effort the plan allows, the flags, and the
client's preferences resolved against each other. A block reads these fields, never the intake's
raw answers, so no block can state what the plan does not.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from .. import activities, consistency
from ..crisis import resources_for
from ..enums import (
    Activity,
    Barrier,
    ClearanceStatus,
    Condition,
    Intensity,
    Mode,
    Severity,
    SocialPreference,
    TimeOfDay,
    WalkingAbility,
    Wording,
)
from ..model import CrisisResources, Intake, Plan

STRENGTH_FIRST_AGE = 65  # R-DOSE table: healthy ageing >= 65 is strength-first (3 sessions)

# Client words for the plan's intensity labels (R-INT-1).
INTENSITY_WORDS = {
    Intensity.LIGHT: "easy",
    Intensity.LIGHT_TO_MODERATE: "comfortably brisk",
    Intensity.MODERATE: "brisk",
    Intensity.MODERATE_VIGOROUS_OPTIONAL: "brisk (some hard effort is OK)",
}

# R-INT-5: how a yoga or tai chi session feels, whatever the week's aerobic effort (rules 8.7).
MIND_BODY_WORDS = "calm and steady"

# Condition names for the handout, used only when the client agreed (7.30).
CONDITION_NAMES = {
    Condition.DEPRESSION: "depression",
    Condition.ANXIETY: "anxiety",
    Condition.PTSD: "PTSD",
    Condition.ADHD: "ADHD",
    Condition.BIPOLAR: "bipolar disorder",
    Condition.PSYCHOTIC_DISORDER: "psychosis",
    Condition.HEALTHY_AGEING: "",
    Condition.STROKE_REHAB: "stroke recovery",
    Condition.SARCOPENIA_RISK: "",
}

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def format_date(day: dt.date) -> str:
    """'Monday 3 March 2025': words, not digits, so no date reads like a research number."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def format_clock(t: dt.time) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


def minus_hours(t: dt.time, hours: int) -> dt.time:
    minutes = (t.hour * 60 + t.minute - hours * 60) % (24 * 60)
    return dt.time(minutes // 60, minutes % 60)


def _severity(rating: Severity | None, score: int | None) -> Severity | None:
    band = None
    if score is not None:
        band = (Severity.SEVERE if score >= 15 else
                Severity.MODERATE if score >= 10 else Severity.MILD)
    order = {None: -1, Severity.MILD: 0, Severity.MODERATE: 1, Severity.SEVERE: 2}
    return rating if order[rating] >= order[band] else band


@dataclass(slots=True)
class Context:
    """Read-only by convention (a plain slots class: frozen dataclasses are slow to build)."""

    intake: Intake
    plan: Plan
    res: CrisisResources
    show: bool
    conds: frozenset
    barriers: frozenset
    flags: frozenset
    gates: frozenset
    ed: bool
    falls: bool
    seated: bool
    balance: bool
    strength_first: bool
    rehab: bool
    main_activity: str
    has_strength: bool
    has_mind_body: bool
    first_strength_step: int | None
    floor: int
    filters: activities.Filters  # the activity filters, with the plan's effort limit
    limit_minutes: int | None  # the clearing professional's weekly limit, once obtained (8.4)
    limit_easy: bool  # the clearing professional allowed easy effort only (8.4, 8.6)
    easy_only: bool  # every step is easy effort (a clearance or override limit): 8.6
    below_current: bool  # the limit holds the plan below what the client does now (8.5)
    falls_care: bool  # falls risk or 75 and over: the falls box, supported moves only (8.12)
    group_first: bool  # the client asked for a group: group options from week 1 (8.10)
    prefers_alone: bool  # the client prefers to be active alone (8.10)
    evening: bool  # the client prefers evenings (8.10)
    top_intensity: Intensity | None  # the hardest effort any week asks for (8.7)

    @property
    def wording(self) -> Wording | None:
        return self.plan.wording

    @property
    def mode(self) -> Mode | None:
        return self.plan.mode

    def has(self, condition: Condition) -> bool:
        return condition in self.conds

    def barrier(self, barrier: Barrier) -> bool:
        return barrier in self.barriers

    def condition_names(self) -> list[str]:
        return [n for c in self.intake.conditions if (n := CONDITION_NAMES[c])]

    def depression_severity(self) -> Severity | None:
        return _severity(self.intake.depression_severity, self.intake.phq9_total)


def build_context(intake: Intake, plan: Plan) -> Context:
    res = plan.crisis_resources or resources_for(intake.crisis_region)
    conds = frozenset(intake.conditions)
    barriers = frozenset(intake.barriers)
    flags = frozenset(plan.flags)
    falls = "FALLS_RISK" in flags or (
        intake.falls_12m >= 1 or intake.fear_of_falling
        or intake.walking_ability != WalkingAbility.INDEPENDENT)
    strength_first = Condition.SARCOPENIA_RISK in conds or (
        Condition.HEALTHY_AGEING in conds and intake.age >= STRENGTH_FIRST_AGE)
    steps = plan.steps
    first_strength = next((s.step for s in steps if s.strength_sessions > 0), None)
    obtained = intake.clearance_status == ClearanceStatus.OBTAINED
    limit_minutes = intake.clearance_max_minutes if obtained else None
    limit_easy = activities.easy_effort_only(intake)
    easy_only = consistency.easy_only(plan, intake)  # the validator's own definition
    filters = activities.filters_for(intake)
    if easy_only and not filters.easy_only:  # a clinician's easy-effort override (2J)
        filters = dataclasses.replace(filters, easy_only=True)
    main = plan.main_activity or activities.choose_main_activity(intake)
    if not filters.allows(activities.TABLE[str(main)]):  # chosen before an override's limit
        main = activities.DEFAULT_MAIN
    prefs = {str(a) for a in intake.preferred_activities}
    order = {Intensity.LIGHT: 0, Intensity.LIGHT_TO_MODERATE: 1, Intensity.MODERATE: 2,
             Intensity.MODERATE_VIGOROUS_OPTIONAL: 3}
    return Context(
        intake=intake,
        plan=plan,
        res=res,
        show=intake.show_conditions_on_handout,
        conds=conds,
        barriers=barriers,
        flags=flags,
        gates=frozenset(plan.gates),
        ed="ED_COMPULSIVE_CAP" in flags or intake.ed_history != "none"
        or intake.compulsive_exercise_history,
        falls=falls,
        seated=(falls or Barrier.PHYSICAL_LIMITATION in barriers
                or intake.walking_ability == WalkingAbility.UNABLE_TO_WALK
                or Activity.SEATED_EXERCISE in intake.preferred_activities),
        balance=(strength_first or falls or Condition.STROKE_REHAB in conds),
        strength_first=strength_first,
        rehab=(Condition.STROKE_REHAB in conds
               or intake.walking_ability == WalkingAbility.UNABLE_TO_WALK),
        main_activity=str(main),
        has_strength=first_strength is not None,
        has_mind_body=any(s.mind_body_sessions > 0 for s in steps),
        first_strength_step=first_strength,
        floor=10 if plan.gentle_start else 30,
        filters=filters,
        limit_minutes=limit_minutes,
        limit_easy=limit_easy,
        easy_only=easy_only,
        below_current=(plan.mode == Mode.MAINTAIN and limit_minutes is not None
                       and (plan.baseline_minutes or 0) > limit_minutes),
        falls_care=activities.falls_care(intake),
        group_first=(intake.social_preference == SocialPreference.GROUP
                     or bool(prefs & {"team_or_racket_sport"})),
        prefers_alone=intake.social_preference == SocialPreference.ALONE,
        evening=intake.time_of_day == TimeOfDay.EVENING,
        top_intensity=max((s.intensity for s in steps), key=order.__getitem__, default=None),
    )
