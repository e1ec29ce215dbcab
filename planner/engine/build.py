"""build_plan: the planner's run, in the order of rules.md 3.0.

    scope and hard stops -> gates -> clearance reasons -> flags -> severity, combined conditions,
    T and T2, vigorous eligibility, B -> mode and start -> weekly schedule -> review weeks
    -> clinician overrides (2J, re-checked against every cap) -> crisis resources
    -> texts (texts.write_texts) -> never-do validator (validator.validate_plan)

`assess` computes the facts of steps 1-5 (no schedule); `schedule` turns them into a Plan of
numbers. Both are pure and cheap; build_plan adds overrides, texts and validation.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from . import constants as K
from . import crisis, dose, explain, mix, screening
from .enums import (
    Activity,
    Barrier,
    ClearanceIntensity,
    ClearanceReason,
    Condition,
    EdHistory,
    Flag,
    Gate,
    Intensity,
    MedicationFlag,
    Mode,
    Wording,
)
from .model import Intake, Plan, ReviewPoint, Step
from .progression import (
    build_minutes,
    choose_mode,
    floor_for,
    is_consolidation,
    maintained_minutes,
    review_weeks,
    start_minutes,
)
from .version import ENGINE_VERSION

_MED_FLAG = {m: Flag(f"MED_{m.name}") for m in MedicationFlag}
_CLEARANCE_CAP = {ClearanceIntensity.LIGHT: Intensity.LIGHT,
                  ClearanceIntensity.MODERATE: Intensity.MODERATE}


@dataclass(frozen=True, slots=True)
class Adjustments:
    """Clinician overrides (2J) resolved into caps and edits; see overrides.py."""

    target: int | None = None  # lower T (and every step's WM) to this
    start: int | None = None  # lower S (BUILD)
    intensity: Intensity | None = None  # lower the intensity of every step to this
    strength: int | None = None  # lower strength sessions to this
    repeats: tuple[int, ...] = ()  # step numbers to repeat once each (delay a step)
    activity: Activity | None = None  # swap the main activity
    sessions: int | None = None  # sessions a week set by the clinician (R-CAP-6, issue 22)
    # Not an override: the weekly minutes a freeze holds until the treatment plan is reviewed
    # (R-REV-3 row 2, N16); a re-baselined plan keeps it (reviews.rebaseline).
    ceiling: int | None = None


NO_ADJUSTMENTS = Adjustments()


@dataclass(frozen=True, slots=True)
class Assessment:
    """The facts of 3.0 steps 1-5 for one intake (no schedule yet)."""

    intake: Intake
    severities: dict
    combined: dose.Combined
    known_cmr: bool
    falls_risk: bool
    reasons: tuple[ClearanceReason, ...]
    gates: tuple[Gate, ...]
    flags: tuple[Flag, ...]
    ed_cap: bool
    advisory: bool
    gentle: bool
    gentle_triggers: tuple[str, ...]
    vigorous: bool
    baseline: int
    limit: int | None
    target: int
    phase2: int | None
    target_bound: tuple[str, ...]
    intensity_cap: Intensity | None


def assess(intake: Intake, *, baseline: int | None = None,
           intensity_cap: Intensity | None = None) -> Assessment:
    """3.0 steps 3-5 for an intake without a hard stop.

    `baseline` replaces B (R-REV-3 row 3, re-baseline); `intensity_cap` is a clinician's
    intensity override, which acts like a clearance intensity limit (it also rules out
    vigorous work, so B counts vigorous minutes one for one, R-MAINT-4).
    """
    conds = intake.conditions
    sev = dose.severities(intake)
    rows = [dose.params_for(c, sev.get(c), intake.age) for c in conds]
    combined = dose.combine(rows)
    if screening.ed_cap(intake) and combined.wording is Wording.STANDALONE_FOR_SOME:
        # rules 8.3: no "can help on its own" with an eating-disorder history or compulsion
        combined = dataclasses.replace(combined, wording=Wording.ADJUNCT)

    cmr = screening.known_cmr(intake)
    falls = screening.falls_risk(intake)
    reasons = screening.clearance_reasons(intake, cmr)
    ed_cap = screening.ed_cap(intake)
    advisory = screening.advisory(intake, reasons)
    triggers = screening.gentle_triggers(intake, combined.gentle, falls)
    gentle = bool(triggers)

    cap = _CLEARANCE_CAP.get(intake.clearance_max_intensity)
    if intensity_cap is not None and (cap is None or mix.LEVEL[intensity_cap] < mix.LEVEL[cap]):
        cap = intensity_cap
    vigorous = dose.vigorous_allowed(intake, combined, gentle=gentle, has_reasons=bool(reasons),
                                     known_cmr=cmr, advisory=advisory, ed_cap=ed_cap)
    if vigorous and cap is not None:
        vigorous = False  # an override cap below "vigorous optional" (2J, N04)
    b = dose.baseline(intake, vigorous) if baseline is None else baseline
    limit = dose.clearance_limit(intake)
    session = dose.session_length(gentle=gentle, age=intake.age,
                                  regular_exerciser=intake.regular_exerciser)
    t, t2, bound = dose.targets(combined, ed_cap=ed_cap, available_days=intake.available_days,
                                session_minutes=session, limit=limit)

    gates = []
    if screening.risk_attestation(intake):
        gates.append(Gate.RISK_ATTESTATION)
    if screening.clearance_pending(intake, reasons):
        gates.append(Gate.CLEARANCE_PENDING)
    if intake.ed_history is EdHistory.CURRENT:
        gates.append(Gate.ED_TEAM_CONFIRM)
    if ed_cap and b > K.ED_MAINTAIN_FROM:
        gates.append(Gate.ED_INFORMED_SIGNOFF)

    flags = []
    if reasons:
        flags.append(Flag.CLEARANCE_REQUIRED)
    if reasons or cmr:
        flags.append(Flag.VIGOROUS_LOCK)
    if falls:
        flags.append(Flag.FALLS_RISK)
    flags.extend(_MED_FLAG[m] for m in intake.medication_flags)
    if ed_cap:
        flags.append(Flag.ED_COMPULSIVE_CAP)
    if advisory:
        flags.append(Flag.ADVISORY_GP)
    if intake.base_vig_min > 0 and not vigorous:
        flags.append(Flag.VIGOROUS_BASELINE_REVIEW)
    if b > K.HIGH_VOLUME_FROM:
        flags.append(Flag.HIGH_VOLUME_REVIEW)
    if "days" in bound or "days_phase2" in bound:
        flags.append(Flag.DAYS_LIMITED)

    return Assessment(intake, {str(k): str(v) for k, v in sev.items()}, combined, cmr, falls,
                      reasons, tuple(gates), tuple(flags), ed_cap, advisory, gentle, triggers,
                      vigorous, b, limit, t, t2, bound, cap)


def step_context(a: Assessment, mode: Mode, adj: Adjustments = NO_ADJUSTMENTS
                 ) -> mix.StepContext:
    """What every step of the plan shares: the R-INT-2 profile for the mode (7.6), the
    mind-body default (none with PTSD, 7.21), the strength settings (ED caps, 7.19) and caps."""
    intake = a.intake
    if mode is Mode.BUILD:
        profile = ("gentle" if a.gentle else "vigorous" if a.vigorous
                   else "regular" if intake.regular_exerciser else "standard")
    else:
        profile = "vigorous" if a.vigorous else "regular"  # rules 7.6
    ed = a.ed_cap
    return mix.StepContext(
        available_days=intake.available_days,
        sessions_set=adj.sessions,
        mind_body_default=0 if Condition.PTSD in intake.conditions else a.combined.mind_body,
        prefers_mind_body="mind_body" in intake.preferred_activities,
        ed_cap=ed,
        strength_first=a.combined.strength_first,
        sst=min(a.combined.sst, K.ED_STRENGTH_CAP) if ed else a.combined.sst,
        strength_base=min(intake.base_strength_days, K.ED_STRENGTH_CAP if ed else K.STRENGTH_CAP),
        own_routine=intake.base_strength_days >= 1,
        profile=profile,
        intensity_cap=a.intensity_cap,
        strength_cap=adj.strength,
    )


def rows_for(ctx: mix.StepContext, wms: list[int], *, first_step: int = 1, first_week: int = 1,
             start_date: dt.date | None = None, target: int | None = None, build: bool = True,
             prev: int | None = None) -> list[Step]:
    """Rows for consecutive steps from `first_step` with the given WM (`prev`: the WM of the
    row before them, if any). Consolidation is marked on R-PROG-2 steps where WM would
    otherwise have risen (before the target)."""
    out = []
    k = 0
    first_day = None if start_date is None else start_date.toordinal() - 7
    for i, wm in enumerate(wms):
        step = first_step + i
        week = first_week + i
        row = mix.make_step(
            ctx, step, wm, week=week, strength_weeks_before=k,
            date=None if first_day is None else dt.date.fromordinal(first_day + 7 * week),
            consolidation=(build and is_consolidation(step) and prev is not None
                           and target is not None and prev < target))
        if row.strength_sessions:
            k += 1
        out.append(row)
        prev = wm
    return out


def redate(rows: Iterable[Step], start_date: dt.date | None, *, own_routine: bool) -> list[Step]:
    """Re-date rows from their weeks and recount the strength ladder, after rows were inserted
    or replaced (a break may leave calendar weeks without a row)."""
    out = []
    k = 0
    for row in rows:
        week = row.week
        stage = None
        if row.strength_sessions:
            k += 1
            stage = mix.strength_stage(k, own_routine)
        date = None if start_date is None else start_date + dt.timedelta(days=7 * (week - 1))
        if (row.week, row.date, row.strength_stage) != (week, date, stage):
            row = dataclasses.replace(row, week=week, date=date, strength_stage=stage)
        out.append(row)
    return out


def insert_repeats(rows: list[Step], steps_to_repeat: Iterable[int], times: int = 1,
                   *, easier: bool = False) -> list[Step]:
    """Insert `times` repeat rows after the last row of each given step number (a hold or a
    delay: R-PROG-4, R-HOLD-1, R-REV-3 row 4); the rows after them move `times` weeks later.
    `easier` lowers the repeats' intensity one level (R-HOLD-2). Dates and the strength ladder
    are then fixed by `redate`."""
    rows = list(rows)
    for step in steps_to_repeat:
        idx = max(i for i, r in enumerate(rows) if r.step == step)
        base = rows[idx]
        level = base.intensity
        if easier and mix.LEVEL[level] > 0:
            level = mix.BY_LEVEL[mix.LEVEL[level] - 1]
        copies = [dataclasses.replace(base, repeat=True, consolidation=False, intensity=level,
                                      week=base.week + j) for j in range(1, times + 1)]
        later = [dataclasses.replace(r, week=r.week + times) for r in rows[idx + 1:]]
        rows[idx + 1:] = copies + later
    return rows


def schedule(a: Assessment, *, start_date: dt.date | None,
             adj: Adjustments = NO_ADJUSTMENTS) -> Plan:
    """3.0 steps 6-7 (+ review weeks, R-REV-1, and the crisis resources of the client's
    region, R-SAFE-CRISIS): mode, start and the printed steps."""
    intake = a.intake
    t = a.target
    for cap in (adj.target, adj.ceiling):
        if cap is not None and cap < t:
            t = cap
    mode = choose_mode(a.baseline, t, ed_cap=a.ed_cap, limit=a.limit)
    ctx = step_context(a, mode, adj)
    reached = None
    if mode is Mode.BUILD:
        s = start_minutes(a.baseline, t, floor_for(a.gentle))
        if adj.start is not None and adj.start < s:
            s = adj.start
        wms = build_minutes(s, t)
        reached = wms.index(t) + 1
    elif mode is Mode.MAINTAIN_CURRENT:
        s, wms = None, []
    else:
        s = maintained_minutes(mode, a.baseline, limit=a.limit)
        for cap in (adj.target, adj.ceiling):
            if cap is not None and cap < s:
                s = cap
        wms = [s] * K.MAINTAIN_PRINTED_STEPS
    rows = rows_for(ctx, wms, start_date=start_date, target=t, build=mode is Mode.BUILD)
    if adj.repeats:
        rows = redate(insert_repeats(rows, adj.repeats), start_date, own_routine=ctx.own_routine)

    activity, activity_rules = mix.main_activity(intake)
    if adj.activity is not None:
        activity = adj.activity

    sst = ctx.sst if adj.strength is None else min(ctx.sst, adj.strength)
    why = _why(a, mode, t, reached, activity_rules, adj)
    return Plan(
        engine_version=ENGINE_VERSION,
        mode=mode,
        baseline_minutes=a.baseline,
        target_minutes=t,
        phase2_target_minutes=a.phase2 if a.phase2 is None or a.phase2 > t else None,
        start_minutes=s,
        gentle_start=a.gentle,
        vigorous_allowed=a.vigorous,
        wording=a.combined.wording,
        strength_sessions_target=sst,
        gates=tuple(g.value for g in a.gates),
        flags=tuple(f.value for f in a.flags),
        clearance_reasons=tuple(r.value for r in a.reasons),
        target_reached_step=reached,
        steps=tuple(rows),
        review_weeks=review_weeks(start_date),
        early_contact=_early_contact(a, start_date),
        main_activity=activity,
        why=why,
        start_date=start_date,
        conditions=intake.conditions,
        severities=a.severities,
        severity=dose.severity_report(intake, dose.severities(intake)),
        known_cmr=a.known_cmr,
        falls_risk=a.falls_risk,
        ed_cap=a.ed_cap,
        advisory=a.advisory,
        strength_first=a.combined.strength_first,
        balance_in_strength=_balance(intake, a),
        sessions_end_by=mix.sessions_end_by(intake),
        adaptations=_adaptations(intake),
        guidance=_guidance(intake, a, rows),
        clearance_max_minutes=a.limit,
        intensity_limit=a.intensity_cap,
        crisis_resources=crisis.resources_for(intake.crisis_region),
    )


def _early_contact(a: Assessment, start_date: dt.date | None) -> ReviewPoint | None:
    """Rules 8.18: a clinician contact in week 2 (a call is enough) with RISK_ATTESTATION or a
    gentle start, dated like the review weeks."""
    if not (a.gentle or Gate.RISK_ATTESTATION in a.gates):
        return None
    week = K.EARLY_CONTACT_WEEK
    return ReviewPoint(week, None if start_date is None
                       else start_date + dt.timedelta(days=7 * (week - 1)))


def _balance(intake: Intake, a: Assessment) -> bool:
    """R-MIX-4 (X01, E65): balance work in every strength session for healthy ageing >= 65,
    sarcopenia risk, stroke, or falls risk."""
    conds = intake.conditions
    return (a.falls_risk or Condition.SARCOPENIA_RISK in conds or Condition.STROKE_REHAB in conds
            or (Condition.HEALTHY_AGEING in conds and intake.age >= K.OLDER_ADULT_AGE))


_WORDING_RULES = {
    Wording.ADJUNCT: ("R-WORD-1",),
    Wording.STANDALONE_FOR_SOME: ("R-WORD-2",),
    Wording.GENERAL: ("R-WORD-3",),
    Wording.ADJUNCT_REHAB: ("R-WORD-1", "R-WORD-3"),
}


def _guidance(intake: Intake, a: Assessment, rows: list[Step]) -> tuple[str, ...]:
    """The client-content rules that apply to this plan, so the texts follow one decision:
    wording (R-WORD-1..3), always-present content (R-WORD-4, R-WORD-5, R-SAFE-WARN,
    R-SAFE-CRISIS, R-INT-1, R-INT-3, R-INT-7, R-HOLD-1..8; R-HOLD-6 only with bipolar
    disorder), strength effort when a step has strength work (R-INT-4), mind-body effort when
    a step has mind-body sessions (R-INT-5), body-sensation notes with anxiety or PTSD
    (R-INT-6), and the vigorous-optional (R-SAFE-VIG), vigorous-baseline (R-MAINT-4),
    advisory (R-SAFE-ADV), ED flexibility (R-SAFE-ED), medication (R-SAFE-MED), balance
    (R-MIX-4) and sleep-timing (R-MIX-7) notes when they apply."""
    conds = intake.conditions
    out = [*_WORDING_RULES[a.combined.wording], "R-WORD-4", "R-WORD-5", "R-SAFE-WARN",
           "R-SAFE-CRISIS", "R-INT-1", "R-INT-3"]
    if any(r.strength_sessions for r in rows):
        out.append("R-INT-4")
    if any(r.mind_body_sessions for r in rows):
        out.append("R-INT-5")
    if Condition.ANXIETY in conds or Condition.PTSD in conds:
        out.append("R-INT-6")
    out.append("R-INT-7")
    out.extend(h for h in _HOLD_RULES if h != "R-HOLD-6" or Condition.BIPOLAR in conds)
    if a.vigorous:
        out.append("R-SAFE-VIG")
    if Flag.VIGOROUS_BASELINE_REVIEW in a.flags:
        out.append("R-MAINT-4")
    if a.advisory:
        out.append("R-SAFE-ADV")
    if a.ed_cap:
        out.append("R-SAFE-ED")
    if intake.medication_flags:
        out.append("R-SAFE-MED")
    if _balance(intake, a):
        out.append("R-MIX-4")
    if mix.sessions_end_by(intake) is not None:
        out.append("R-MIX-7")
    return tuple(out)


_HOLD_RULES = tuple(f"R-HOLD-{n}" for n in range(1, 9))


def _adaptations(intake: Intake) -> tuple[str, ...]:
    """R-BAR-01..12: the barrier adaptations that apply, in the order of 3(e)."""
    present = {b.value for b in intake.barriers if b is not Barrier.OTHER}
    return tuple(rule for barrier, rule in explain.BARRIER_RULE.items() if barrier in present)


def _why(a: Assessment, mode: Mode, t: int, reached: int | None, activity_rules: tuple,
         adj: Adjustments) -> dict[str, tuple[str, ...]]:
    x = explain
    intake = a.intake
    combined = a.combined
    why: dict[str, tuple[str, ...]] = {}
    at_limit = mode is Mode.MAINTAIN and a.limit is not None and a.baseline > a.limit
    why["mode"] = x.MODE_AT_LIMIT if at_limit else x.MODE[mode]
    why["baseline_minutes"] = x.join(x.BASELINE, ("R-MAINT-4",) if intake.base_vig_min else ())
    target = [x.TARGET]
    for row in combined.binding:
        target.append(row.evidence)
    if combined.t1 == K.TARGET_REDUCED:
        target.append(x.TARGET_REDUCED)
    if "ed" in a.target_bound:
        target.append(x.TARGET_ED)
    if "days" in a.target_bound:
        target.append(x.TARGET_DAYS)
    if "limit" in a.target_bound:
        target.append(x.TARGET_LIMIT)
    if adj.target is not None:
        target.append(x.OVERRIDE)
    if adj.ceiling is not None:
        target.append(x.FROZEN)
    why["target_minutes"] = x.join(*target)
    why["phase2_target_minutes"] = x.PHASE2
    if mode is Mode.BUILD:
        why["start_minutes"] = x.join(x.START_BUILD, x.OVERRIDE if adj.start is not None else ())
    else:
        why["start_minutes"] = x.START_NONE if mode is Mode.MAINTAIN_CURRENT else x.START_MAINTAIN
    why["gentle_start"] = x.join(x.GENTLE, *(
        (x.FLAG[Flag.FALLS_RISK] if g == "FALLS_RISK" else (g,)) for g in a.gentle_triggers))
    vig = [x.VIGOROUS]
    if Barrier.POOR_SLEEP in intake.barriers:
        vig.append(("R-BAR-12",))
    if a.intensity_cap is not None:
        vig.append(x.INTENSITY_LIMIT)
    why["vigorous_allowed"] = x.join(*vig)
    why["wording"] = x.join(x.WORDING[combined.wording],
                            ("D-1",) if a.severities.get("depression") == "moderate" else (),
                            ("8.3",) if a.ed_cap else ())
    why["strength_sessions_target"] = x.join(
        x.SST, x.STRENGTH_ED if a.ed_cap else (), x.OVERRIDE if adj.strength is not None else ())
    why["target_reached_step"] = x.TARGET_REACHED
    why["main_activity"] = x.join(activity_rules, x.MAIN_ACTIVITY,
                                  x.OVERRIDE if adj.activity is not None else ())
    why["review_weeks"] = x.REVIEW_WEEKS
    if a.gentle or Gate.RISK_ATTESTATION in a.gates:
        why["early_contact"] = x.EARLY_CONTACT
    why["start_date"] = x.START_DATE
    if intake.usual_bedtime is not None:
        why["sessions_end_by"] = x.SESSIONS_END_BY

    for g in a.gates:
        why[f"gates.{g}"] = x.GATE[g]
    for f in a.flags:
        why[f"flags.{f}"] = x.FLAG[f]
    for r in a.reasons:
        why[f"clearance_reasons.{r}"] = x.CLEARANCE_REASON[r]
    why["gates"] = x.join(*(x.GATE[g] for g in a.gates)) or ("R-SAFE-CRISIS", "R-SAFE-CLR",
                                                             "R-SAFE-ED")
    why["flags"] = x.join(*(x.FLAG[f] for f in a.flags)) or ("R-SAFE-CLR", "R-SAFE-ADV")
    why["clearance_reasons"] = x.join(*(x.CLEARANCE_REASON[r] for r in a.reasons)) or (
        "R-SAFE-CLR",)
    for rule in _adaptations(intake):
        why[f"adaptations.{rule}"] = (rule, *x.BARRIER_EVIDENCE[rule])

    if mode is not Mode.MAINTAIN_CURRENT:
        build = mode is Mode.BUILD
        why["steps"] = x.STEPS_BUILD if build else x.STEPS_MAINTAIN
        if build:
            wm = x.WM_BUILD
        elif mode is Mode.MAINTAIN_AT_ED_CAP:
            wm = x.WM_ED
        else:
            wm = x.WM_LIMIT if at_limit else x.WM_MAINTAIN
        why["steps.weekly_minutes"] = x.join(wm, x.OVERRIDE if adj.target is not None else (),
                                             x.FROZEN if adj.ceiling is not None else ())
        why["steps.sessions"] = x.SESSIONS
        why["steps.minutes_per_session"] = x.MINUTES_PER_SESSION
        why["steps.mind_body_sessions"] = x.MIND_BODY
        why["steps.aerobic_minutes"] = x.AEROBIC
        why["steps.intensity"] = x.join(
            x.INTENSITY_BUILD if build else x.INTENSITY_MAINTAIN,
            ("R-SAFE-VIG",) if a.vigorous else (),
            x.INTENSITY_LIMIT if intake.clearance_max_intensity else (),
            x.OVERRIDE if adj.intensity is not None else ())
        why["steps.strength_sessions"] = x.join(
            x.STRENGTH, x.STRENGTH_ED if a.ed_cap else (),
            x.OVERRIDE if adj.strength is not None else ())
        if adj.repeats:
            why["steps.week"] = ("R-PROG-4", *x.OVERRIDE)
    return why


__all__ = ["assess", "schedule", "step_context", "Adjustments", "Assessment"]
