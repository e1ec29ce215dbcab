"""Client blocks about the plan itself: the wording of what exercise can do, the advisory note,
the plan at a glance, maintain notes, the week table's companion text, effort, body sensations and
the check-ins with the clinician."""

from __future__ import annotations

from functools import lru_cache

from ...enums import Barrier, Condition, Intensity, Mode, Wording
from ...model import TextBlock
from ..context import INTENSITY_WORDS, MIND_BODY_WORDS, Context, format_date
from .common import Block, counted

_ADJUNCT_CORE = (
    "Please keep taking any medication as prescribed and keep going to your appointments. "
    "Talk to your clinician before making any change to your treatment."
)


def wording(ctx: Context) -> Block:
    """R-WORD-1..3: how the plan sits with the client's other care."""
    return _wording(ctx.wording, ctx.show, ctx.has(Condition.PTSD),
                    ctx.intake.ptsd_in_trauma_focused_therapy, ctx.has(Condition.ADHD))


@lru_cache(maxsize=64)
def _wording(w, show: bool, ptsd: bool, in_tft: bool, adhd: bool) -> Block:
    paragraphs: list[str] = []
    ids: tuple[str, ...]
    if w in (Wording.ADJUNCT, Wording.ADJUNCT_REHAB):
        if ptsd and in_tft:
            therapy = "trauma-focused therapy" if show else "talking therapy"
            alongside = ("This activity plan is designed to work alongside your other care, "
                         f"including your {therapy}, not instead of it.")
        else:
            alongside = ("This activity plan is designed to work alongside your other care, "
                         "such as talking therapy or medication, not instead of it.")
        paragraphs.append(alongside + " " + _ADJUNCT_CORE)
        if show and adhd:
            paragraphs.append("Activity can help, but it does not take the place of your ADHD "
                              "treatment.")
        ids = ("R-WORD-1", "E22", "E24", "E25", "E27", "E28")
        if adhd:
            ids += ("E61",)
        if ptsd:
            ids += ("E58",)
        if w == Wording.ADJUNCT_REHAB:
            paragraphs.append(
                "This home activity plan supports your rehabilitation programme and does not "
                "replace it. Where your rehabilitation team's advice differs from this plan, "
                "follow your team.")
            ids += ("R-WORD-3", "E73", "X13")
    elif w == Wording.STANDALONE_FOR_SOME:
        who = "For some people with mild depression" if show else "For some people"
        paragraphs.append(
            f"{who}, regular activity can help on its own. Your clinician will check in with you "
            "at weeks 4 and 8 to see how it's going. If you are already having other treatment, "
            "carry on with it unless your clinician advises otherwise.")
        ids = ("R-WORD-2", "E23", "E25", "D-1")
    else:
        paragraphs.append("This plan supports your health. It does not replace advice or "
                          "treatment from your doctor.")
        ids = ("R-WORD-3", "E28", "E53")
    return TextBlock(key="wording", title="How this plan fits with your care",
                     paragraphs=tuple(paragraphs)), ids


def advisory(ctx: Context) -> Block | None:
    """R-SAFE-ADV: ADVISORY_GP line."""
    if "ADVISORY_GP" not in ctx.flags:
        return None
    return _ADVISORY


_ADVISORY = (
    TextBlock(
        key="advisory",
        title="Before you start",
        paragraphs=("Before you start, it's a good idea to check this plan with your doctor. "
                    "Start gently and build up slowly.",),
    ), ("R-SAFE-ADV", "E50", "D-11"))


def _row(step) -> str:
    line = (f"Week {step.week}: about {step.weekly_minutes} minutes in the week, "
            f"{counted(step.sessions, 'session')} of about {step.minutes_per_session} minutes")
    line += f", {INTENSITY_WORDS[step.intensity]}"
    if step.mind_body_sessions:  # R-INT-5: yoga and tai chi are calm, never brisk (8.7)
        line += f" (yoga or tai chi: {MIND_BODY_WORDS})"
    return line + "."


def _summary(ctx: Context) -> list[str]:
    """A few lines that sum up the steps (the handout's table prints every step)."""
    p = ctx.plan
    steps = p.steps
    if not steps:
        return []
    bullets = [_row(steps[0])]
    if p.mode == Mode.BUILD and p.target_reached_step and p.target_reached_step > 1:
        reached = next((s for s in steps if s.step == p.target_reached_step), None)
        if reached is not None:
            bullets.append(_row(reached))
    changes, last = [], None
    for s in steps:
        if s.intensity != last:
            changes.append((s.week, INTENSITY_WORDS[s.intensity]))
            last = s.intensity
    if len(changes) > 1:
        bullets.append("Effort: " + ", then ".join(f"{w} from week {n}" for n, w in changes) + ".")
    first_strength = next((s for s in steps if s.strength_sessions), None)
    if first_strength is not None:
        bullets.append(f"Short strength sessions: from week {first_strength.week} (see "
                       "'Strength moves').")
    first_mb = next((s for s in steps if s.mind_body_sessions), None)
    if first_mb is not None:
        bullets.append(f"Yoga or tai chi: {first_mb.mind_body_sessions} of your sessions from "
                       f"week {first_mb.week}, {MIND_BODY_WORDS}.")
    if p.mode == Mode.BUILD and steps[-1].weekly_minutes == p.target_minutes:
        bullets.append(f"After that: keep going at about {p.target_minutes} minutes a week. "
                       "Your clinician will review it with you.")
    else:  # a maintain mode, or a plan held below its target at a review (R-REV-3)
        bullets.append(f"After that: keep going at about {steps[-1].weekly_minutes} minutes a "
                       "week until your clinician reviews it with you.")
    return bullets


def _limit_note(ctx: Context) -> str:
    """Rules 8.4: who set the limit, the limit, and that the clinician will review it."""
    limits = []
    if ctx.limit_minutes is not None:
        limits.append(f"about {ctx.limit_minutes} minutes of activity a week at most")
    if ctx.limit_easy:
        limits.append("easy effort only")
    return ("The doctor or health professional who checked you has advised "
            + " and ".join(limits) + ". This plan keeps to that advice, and your clinician will "
            "review it with you.")


def at_a_glance(ctx: Context) -> Block:
    """R-PROG-5, R-START, R-MAINT: the weekly plan in plain words; a clearing professional's
    limit first (rules 8.4, 8.5)."""
    p = ctx.plan
    paragraphs: list[str] = []
    ids: list[str] = ["R-PROG-5", "R-MIX-6", "E39", "E40"]
    if ctx.limit_minutes is not None or ctx.limit_easy:
        paragraphs.append(_limit_note(ctx))
        ids += ["R-DOSE-5", "8.4"]
    if p.mode == Mode.BUILD:
        paragraphs.append(
            f"Your plan starts at about {p.start_minutes} minutes of activity a week. It builds up "
            f"by about 10 minutes a week, with a steady week every fourth week, until you reach "
            f"about {p.target_minutes} minutes a week.")
        paragraphs.append("If a week doesn't go to plan, you can repeat it, and the later weeks "
                          "simply move back. In the first weeks your body is already adapting, "
                          "even before it feels easier.")
        ids += ["R-START-3", "R-PROG-1", "R-PROG-2", "R-PROG-3", "R-PROG-4", "E02", "E09", "E63",
                "E67"]
    elif p.mode == Mode.MAINTAIN_CURRENT:
        paragraphs.append("Keep your current routine; this plan does not add minutes.")
        ids += ["R-MAINT-2"]
    elif ctx.below_current:
        paragraphs.append(
            f"Your plan sets your activity at about {ctx.limit_minutes} minutes a week. That is "
            f"less than you do now (about {p.baseline_minutes} minutes a week), because of that "
            "advice.")
        ids += ["R-MAINT-1", "R-DOSE-5", "8.5"]
    else:
        wm = p.steps[0].weekly_minutes if p.steps else p.start_minutes
        paragraphs.append(f"Your plan keeps your activity steady at about {wm} minutes a week.")
        ids += ["R-MAINT-1" if p.mode == Mode.MAINTAIN else "R-MAINT-3"]
    if p.steps:
        if ctx.filters.seated_only:  # no walking for a client who cannot walk
            split = ("You can split any session into shorter bouts, such as two bouts of 10 "
                     "minutes.")
            more = " Every minute counts, including a few minutes of moving in your chair."
        else:
            split = ("You can split any session into shorter bouts, such as two walks of 10 "
                     "minutes.")
            more = " Every minute counts, including short walks."
        if not ctx.ed:  # no push-to-add messages with the ED flag (rules 8.17)
            split += more
        paragraphs.append(split)
        ids += ["X01", "X13"]
    if "DAYS_LIMITED" in ctx.flags:
        paragraphs.append(
            "On other days, a few easy minutes of moving in your chair are welcome too."
            if ctx.filters.seated_only else
            "On other days, short easy walks around your home or street are welcome too.")
        ids += ["8.2"]
    if p.vigorous_allowed:
        paragraphs.append("The minutes count brisk effort. If you do some hard effort, one minute "
                          "of hard effort counts as two minutes.")
        ids += ["R-SAFE-VIG", "X02", "7.24"]
    bullets = _summary(ctx)
    return TextBlock(key="at_a_glance", title="Your plan at a glance",
                     paragraphs=tuple(paragraphs), bullets=tuple(bullets)), tuple(ids)


def maintain_note(ctx: Context) -> Block | None:
    """R-MAINT-1/2/3/4: what a steady plan means; vigorous baseline not continued."""
    p = ctx.plan
    paragraphs: list[str] = []
    ids: list[str] = []
    adds = []
    if ctx.has_strength:
        adds.append("strength")
    if ctx.has_mind_body:
        adds.append("variety")
    if p.mode == Mode.MAINTAIN and ctx.below_current:
        # Rules 8.5: say the plan is less than now, and why; never "you already do enough".
        text = ("This plan is less than you do now, because of the advice of the doctor or "
                "health professional who checked you")
        text += (f". It adds {' and '.join(adds)}." if adds else ".")
        paragraphs.append(text + " Your clinician will talk it through with you and review it.")
        ids += ["R-MAINT-1", "R-DOSE-5", "8.5", "N14"]
    elif p.mode == Mode.MAINTAIN:
        text = "You already do enough minutes. This plan keeps them steady"
        text += (f" and adds {' and '.join(adds)}." if adds else ".")
        paragraphs.append(text)
        ids += ["R-MAINT-1", "E05", "E16", "E49"]
    elif p.mode == Mode.MAINTAIN_AT_ED_CAP:
        paragraphs.append("This plan sets a steady amount of activity each week, as agreed with "
                          "you and your care team. Rest days are part of the plan.")
        ids += ["R-MAINT-3", "R-SAFE-ED", "E47", "X16"]
    elif p.mode == Mode.MAINTAIN_CURRENT:
        paragraphs.append("You already do plenty. This plan doesn't add minutes or sessions. It "
                          "adds the hold rules and the safety information below.")
        ids += ["R-MAINT-2", "E05", "E46"]
    if "VIGOROUS_BASELINE_REVIEW" in ctx.flags:
        # The effort the table asks for, in its own words (rules 8.6, 8.7).
        effort = ("easy" if ctx.easy_only
                  else INTENSITY_WORDS[ctx.top_intensity or Intensity.MODERATE])
        paragraphs.append(f"Planned effort: {effort}. If you already do other exercise that "
                          "feels harder, talk to your clinician about whether to keep it.")
        ids += ["R-MAINT-4", "E08", "X05", "X17"]
    if not paragraphs:
        return None
    return TextBlock(key="maintain_note", title="Keeping steady",
                     paragraphs=tuple(paragraphs)), tuple(ids)


def activity_schedule(ctx: Context) -> Block | None:
    """R-BAR-03 / R-START-3 (X10): a day, time and place for every session, with a tick box."""
    p = ctx.plan
    if not p.steps:
        return None
    first = p.steps[0]
    bullets = tuple(f"Session {k}: day ________  time ________  place ________  done [ ]"
                    for k in range(1, first.sessions + 1))
    strength = tuple(f"Strength session {k}: day ________  done [ ]"
                     for k in range(1, first.strength_sessions + 1))
    paragraphs = [
        "Planning ahead makes it easier to start. For each session this week, write down the day, "
        "the time and the place, then tick it when it's done. It's OK to swap days.",
    ]
    ids = ["R-BAR-03", "R-START-3", "X10", "E40", "E43"]
    if ctx.barrier(Barrier.LOW_MOTIVATION):
        paragraphs.append("Make the first action tiny: shoes on, out the door.")
    return TextBlock(key="activity_schedule", title="My week",
                     paragraphs=tuple(paragraphs), bullets=bullets + strength), tuple(ids)


_LEVELS = (
    ("Easy: you can talk, and even sing. Your breathing is only a little faster than usual. "
     "About 3 to 4 on the effort scale. For example: a gentle stroll, light housework, easy "
     "gardening."),
    ("Comfortably brisk: you can talk in full sentences easily, and you feel warm. About 4 to 5. "
     "For example: walking at a purposeful pace."),
    ("Brisk: you can talk, but you couldn't sing. You're breathing faster and feel warm. About 5 "
     "to 6. For example: brisk walking, gentle cycling, easy swimming, water aerobics, dancing."),
)


_HARD_LEVEL = ("Hard (only if you already do this): you can only say a few words before you need "
               "a breath. About 7 to 8. For example: running, fast cycling, swimming lengths.")


# The same levels for a client who cannot walk (seated only): the examples are seated ones, so
# no sentence suggests walking (rules 8: no text describes what the plan does not).
_SEATED_LEVELS = (
    ("Easy: you can talk, and even sing. Your breathing is only a little faster than usual. "
     "About 3 to 4 on the effort scale. For example: gentle arm and leg moves in your chair."),
    ("Comfortably brisk: you can talk in full sentences easily, and you feel warm. About 4 to 5. "
     "For example: marching in your chair at a steady pace."),
    ("Brisk: you can talk, but you couldn't sing. You're breathing faster and feel warm. About 5 "
     "to 6. For example: marching in your chair with your arms swinging."),
)


_SEATED_HARD_LEVEL = ("Hard (only if you already do this): you can only say a few words before "
                      "you need a breath. About 7 to 8. For example: fast arm cycling, or the "
                      "seated sport you already do.")


_LEVEL_OF = {Intensity.LIGHT: 1, Intensity.LIGHT_TO_MODERATE: 2, Intensity.MODERATE: 3,
             Intensity.MODERATE_VIGOROUS_OPTIONAL: 3}


def intensity_guide(ctx: Context) -> Block:
    """R-INT-1, R-INT-2, R-INT-7: talk test first, then the levels this plan uses and none
    harder (rules 8.6, 8.7); warm up and ease off inside every session (8.16)."""
    levels = 1 if ctx.easy_only else _LEVEL_OF.get(ctx.top_intensity, len(_LEVELS))
    return _intensity_guide(ctx.plan.vigorous_allowed,
                            len({s.intensity for s in ctx.plan.steps}) > 1, levels,
                            ctx.limit_easy, ctx.filters.seated_only)


@lru_cache(maxsize=64)
def _intensity_guide(vigorous: bool, changes: bool, levels: int, limit_easy: bool,
                     seated_only: bool) -> Block:
    paragraphs = [
        "Use the talk test first: notice how easily you can talk while you move. You can also "
        "use an effort scale from 0 to 10, where 0 is sitting still and 10 is the hardest you "
        "could possibly work.",
        "If you can't talk, slow down. Easier is always allowed.",
        "Start each session easy for about 5 minutes, and ease off for the last few minutes. "
        "Both are part of the session's minutes, not extra.",
    ]
    if changes:
        paragraphs.insert(1, "Your plan at a glance shows the effort for each week. It moves up "
                             "one level at a time, and only in a steady week.")
    if levels == 1:
        easy = ("The health professional who checked you advised easy effort only"
                if limit_easy else "Your plan keeps to easy effort")
        paragraphs.insert(1, easy + ", for every part of the plan.")
    bullets = list((_SEATED_LEVELS if seated_only else _LEVELS)[:levels])
    ids = ["R-INT-1", "R-INT-2", "R-INT-7", "X02", "X07", "X08", "E06", "E09", "E10", "E11",
           "8.7", "8.16"]
    if levels == 1:
        ids.append("8.6")
    if vigorous:
        bullets.append(_SEATED_HARD_LEVEL if seated_only else _HARD_LEVEL)
        paragraphs.append("If you already do some harder exercise, you can keep some of it; one "
                          "minute of hard effort counts as two minutes.")
        ids += ["R-SAFE-VIG", "7.24"]
    return TextBlock(key="intensity_guide", title="How hard to go",
                     paragraphs=tuple(paragraphs), bullets=tuple(bullets)), tuple(ids)


def body_sensations(ctx: Context) -> Block | None:
    """R-INT-6 (anxiety, PTSD): normal sensations of moving, beside the warning box."""
    if not (ctx.has(Condition.ANXIETY) or ctx.has(Condition.PTSD)):
        return None
    return _body_sensations(ctx.has(Condition.ANXIETY))


@lru_cache(maxsize=4)
def _body_sensations(anxiety: bool) -> Block:
    paragraphs = [
        "A faster heartbeat, quicker breathing and feeling warm or sweaty are normal effects of "
        "moving. They are not signs of danger, and they settle when you slow down or rest.",
        "The warning signs in the next box are different. Those need help straight away.",
    ]
    if anxiety:
        paragraphs.append("Many people find that one session helps on the day, and that regular "
                          "sessions help over the weeks.")
    return TextBlock(key="body_sensations", title="Feelings in your body when you move",
                     paragraphs=tuple(paragraphs)), ("R-INT-6", "X23", "E55")


def review_weeks(ctx: Context) -> Block:
    """R-REV-1: review points in calendar weeks, dated when the start date is known; the
    week-2 contact of rules 8.18 first when the plan has one."""
    return _review_weeks(ctx.plan.review_weeks, ctx.intake.plan_start_date or ctx.plan.start_date,
                         ctx.plan.early_contact)


@lru_cache(maxsize=1024)
def _review_weeks(points, start, early=None) -> Block:
    bullets = []
    if early is not None:
        line = f"Week {early.week}: "
        if early.date is not None:
            line += f"around {format_date(early.date)}, "
        bullets.append(line + "a short call or chat with your clinician to see how the first "
                       "days went.")
    for point in points:
        line = f"Week {point.week}"
        if point.date is not None:
            line += f": around {format_date(point.date)}"
        bullets.append(line + ".")
    if points:
        bullets.append("Then about every 12 weeks.")
    else:
        bullets += ["Week 4.", "Week 8.", "Week 12.", "Then about every 12 weeks."]
    paragraphs = ["Your clinician will go through the plan with you at these check-ins. You'll "
                  "talk about how it's going, what got in the way, and whether to change "
                  "anything."]
    if start is not None:
        paragraphs.append(f"Weeks count from your start date, {format_date(start)}, even if you "
                          "repeat a week.")
    else:
        paragraphs.append("Weeks count from your start date, even if you repeat a week.")
    return TextBlock(key="review_weeks", title="Check-ins with your clinician",
                     paragraphs=tuple(paragraphs), bullets=tuple(bullets)), (
        "R-REV-1", "R-PROG-4", "E18", "E19", "E16", *(("8.18",) if early is not None else ()))
