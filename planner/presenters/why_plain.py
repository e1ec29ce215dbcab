"""
The plain clinical sentence that opens every "Why?" (issue 22 item 2, rules 8.20): what the
number or item is and the clinical reason for it, in words, with no formula, variable name or
rule id. The rule and evidence ids, formulas and design notes stay below it, under "Technical
detail" (templatetags/plan_tags.py).

Every sentence reads the engine's Plan only: nothing here decides a clinical value.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from planner.choices import label
from planner.engine.enums import Activity, Barrier, ClearanceReason, Flag, Gate, HardStop, Mode
from planner.engine.model import Plan

_STANDARD_TARGET = 150


def _severe(plan: Plan) -> list[str]:
    return [c for c, used in plan.severities.items() if used == "severe"]


def _target(plan: Plan) -> str:
    t = plan.target_minutes
    if plan.clearance_max_minutes is not None and t == plan.clearance_max_minutes:
        return _("Target %(t)s minutes a week: the limit set by the professional who cleared "
                 "the client.") % {"t": t}
    if "DAYS_LIMITED" in plan.flags:
        return _("Target %(t)s minutes a week: the days the client has available limit it; "
                 "more days would let the plan build further.") % {"t": t}
    if plan.ed_cap and t is not None and t < _STANDARD_TARGET:
        return _("Target %(t)s minutes a week: a careful target because of an eating-disorder "
                 "history or compulsive exercise.") % {"t": t}
    severe = _severe(plan)
    if severe and t is not None and t < _STANDARD_TARGET:
        return _("Target %(t)s minutes a week: severe %(cond)s; the review recommends building "
                 "to a moderate dose before 150.") % {"t": t, "cond": _(" and ").join(severe)}
    if t == _STANDARD_TARGET:
        return _("Target 150 minutes a week of moderate activity: the dose the evidence and "
                 "the WHO guidelines recommend.")
    return _("Target %(t)s minutes a week: a cautious first target for this presentation; a "
             "review can raise it.") % {"t": t}


_MODE = {
    Mode.BUILD: _lazy("The plan builds up: current activity is below the target, so it adds about "
                  "10 minutes a week, with steady weeks in between."),
    Mode.MAINTAIN: _lazy("The plan keeps the client steady at the target: current activity already "
                     "reaches it."),
    Mode.MAINTAIN_AT_ED_CAP: _lazy("The plan holds activity at the cap for an eating-disorder "
                               "history or compulsive exercise, with rest days."),
    Mode.MAINTAIN_CURRENT: _lazy("The client already does more than the target: the plan keeps "
                             "current activity and prints no weekly steps."),
}
_GATE = {
    Gate.RISK_ATTESTATION: _lazy("You confirm a risk assessment before release, because of the "
                             "suicide-risk answers or PHQ-9 item 9."),
    Gate.CLEARANCE_PENDING: _lazy("Medical clearance is needed before the client starts: the "
                              "client gets a letter for their doctor, not the plan."),
    Gate.ED_TEAM_CONFIRM: _lazy("The eating-disorder team confirms the plan before release."),
    Gate.ED_INFORMED_SIGNOFF: _lazy("You sign off that the client and their team know about the "
                                "eating-disorder care in this plan."),
}
_FLAG = {
    Flag.CLEARANCE_REQUIRED: _lazy("Medical clearance is needed before new exercise."),
    Flag.VIGOROUS_LOCK: _lazy("No hard effort: the screening answers rule it out."),
    Flag.ADVISORY_GP: _lazy("Suggest a check with the GP: the client is not a regular exerciser "
                        "and has a risk factor, a physical condition or is 65 or older."),
    Flag.ED_COMPULSIVE_CAP: _lazy("Activity is capped, with rest days, because of an "
                              "eating-disorder history or compulsive exercise."),
    Flag.HIGH_VOLUME_REVIEW: _lazy("The client does over 300 minutes a week now: worth reviewing "
                               "for compulsive exercise."),
    Flag.VIGOROUS_BASELINE_REVIEW: _lazy("The client does hard exercise now that the plan does "
                                     "not include: talk it through."),
    Flag.FALLS_RISK: _lazy("Falls risk: supported moves, balance work and the falls box."),
    Flag.DAYS_LIMITED: _lazy("The days available, not the evidence, limit the target."),
}
_HARD_STOP = {
    HardStop.OUT_OF_SCOPE_MINOR: _lazy("No plan: the planner is for adults only."),
    HardStop.CRISIS: _lazy("No plan now: the suicide-risk answers call for crisis care first."),
    HardStop.BIPOLAR_ELEVATED_HOLD: _lazy("No plan now: an elevated mood state needs the treating "
                                      "team first."),
    HardStop.PSYCHOSIS_ACUTE_HOLD: _lazy("No plan now: an acute psychotic episode needs the "
                                     "treating team first."),
}
_STEP_COLUMN = {
    "weekly_minutes": _lazy("Minutes rise by about 10 a week, with steady weeks, and never "
                            "pass the target."),
    "sessions": _lazy("Three to five sessions a week, within the days the client has."),
    "minutes_per_session": _lazy("The week's minutes shared over its sessions."),
    "mind_body_sessions": _lazy("Calm mind-body sessions (such as yoga) by preference or for "
                            "anxiety, at most half of the sessions."),
    "aerobic_minutes": _lazy("The week's minutes other than the mind-body sessions."),
    "intensity": _lazy("Effort starts easy and rises to moderate as the client settles in."),
    "strength_sessions": _lazy("Strength sessions build up on days apart; an existing routine "
                               "is kept."),
    "consolidation": _lazy("Steady weeks repeat the minutes so the body can adapt."),
}


def _summary_sentence(key: str, plan: Plan) -> str | None:  # noqa: C901 - one branch per key
    if key == "target_minutes":
        return _target(plan)
    if key == "mode" and plan.mode:
        return str(_MODE[Mode(plan.mode)])
    if key == "baseline_minutes":
        return _("Baseline %(b)s minutes a week: what the client does now, a minute of hard "
                 "effort counted as two.") % {"b": plan.baseline_minutes}
    if key == "phase2_target_minutes":
        if plan.phase2_target_minutes:
            return _("After a review, the plan can go on to %(t)s minutes a week.") % {
                "t": plan.phase2_target_minutes}
        return _("No second target: the first one is already the full dose or the limit.")
    if key == "start_minutes":
        if plan.start_minutes is None:
            return _("No start: the plan keeps current activity.")
        return _("Week 1 is %(s)s minutes: current activity, or the lowest start if the client "
                 "does less, never more than the target.") % {"s": plan.start_minutes}
    if key == "gentle_start":
        return (_("A gentle start (from 10 minutes, easy effort first) for severity, age or a "
                  "barrier such as fatigue.") if plan.gentle_start else
                _("A standard start: nothing in the answers calls for a gentle one."))
    if key == "vigorous_allowed":
        return (_("Hard effort is optional: the screening answers allow it.")
                if plan.vigorous_allowed else
                _("No hard effort: severity, screening, a barrier or a clearance limit rules it "
                  "out."))
    if key == "wording":
        return _("The words say exercise is part of care, alongside other treatment, as the "
                 "evidence for these conditions supports.")
    if key == "strength_sessions_target":
        return _("The plan builds up to %(n)s strength sessions a week.") % {
            "n": plan.strength_sessions_target}
    if key == "target_reached_step":
        if plan.target_reached_step:
            return _("The target is reached at step %(n)s.") % {"n": plan.target_reached_step}
        return _("This plan does not build towards a target.")
    if key == "main_activity":
        return _("%(a)s: the first of the client's preferences that suits their answers.") % {
            "a": label(Activity, plan.main_activity) or _("Walking")}
    if key == "review_weeks":
        weeks = ", ".join(str(p.week) for p in plan.review_weeks)
        return _("Reviews at weeks %(w)s: most people see change within 4 to 8 weeks.") % {
            "w": weeks}
    if key == "early_contact":
        return _("A contact in week 2 (a call is enough) because of a gentle start or a risk "
                 "check.")
    if key == "start_date":
        return _("Week 1 starts on this date; every step and review is dated from it.")
    if key == "sessions_end_by":
        return _("Sessions finish 2 hours before bedtime, to protect sleep.")
    if key == "hard_stop" and plan.hard_stop:
        return str(_HARD_STOP[HardStop(plan.hard_stop)])
    if key in ("gates", "flags", "clearance_reasons"):
        return _("Each item below says why it is there.")
    if key == "steps":
        return _("One row a week, dated from the start, numbered as the client reads them.")
    return None


def plain_sentence(key: str, plan: Plan) -> str:
    """The one plain clinical sentence for a `why` key of the plan."""
    sentence = _summary_sentence(key, plan)
    if sentence:
        return sentence
    group, _dot, item = key.partition(".")
    if group == "gates" and item in Gate.__members__:
        return str(_GATE[Gate(item)])
    if group == "flags":
        if item in _FLAG:
            return str(_FLAG[item])
        return _("%(flag)s: the handout carries the safety signs for this medicine.") % {
            "flag": label(Flag, item)}
    if group == "clearance_reasons":
        return _("Clearance needed: %(reason)s.") % {
            "reason": label(ClearanceReason, item).lower()}
    if group == "steps" and item in _STEP_COLUMN:
        return str(_STEP_COLUMN[item])
    if group == "adaptations":
        from planner.engine.explain import BARRIER_RULE

        barrier = next((b for b, rule in BARRIER_RULE.items() if rule == item), None)
        return _("Adapted for %(barrier)s.") % {
            "barrier": label(Barrier, barrier).lower() if barrier else _("a barrier")}
    if group in ("texts", "documents"):
        return _("Included because it applies to this client's answers and plan.")
    if group == "clinician_notes":
        return _("A note for you, drawn from this client's answers and plan.")
    if group == "overrides":
        return _("Your change, checked against every safety limit and recorded with its reason.")
    return _("Drawn from this client's answers; the rules and evidence are below.")
