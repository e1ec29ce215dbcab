"""Client handout blocks, in reading order (docs/texts.md lists every key and when it appears).

House style (R-WORD-5): reading age about 12, warm, no blame, no promises; "about", "aim for",
"it's OK to swap days". The wording rules are enforced by validator.py with the lists in
phrases.py: for example the word "stop" is kept for the warning and crisis blocks, so the other
blocks say "end the session"; condition names appear only with show_conditions_on_handout.

Each writer returns (TextBlock, evidence IDs) or None when the block does not apply.
"""

from __future__ import annotations

from functools import lru_cache

from ..activities import TABLE, suggestions
from ..enums import Barrier, Condition, Mode, Wording
from ..model import TextBlock
from .context import INTENSITY_WORDS, Context, format_clock, format_date, minus_hours

Block = tuple[TextBlock, tuple[str, ...]]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


# --- crisis -------------------------------------------------------------------------------------

def crisis_box(ctx: Context) -> Block | None:
    """R-SAFE-CRISIS: a crisis box at the top when RISK_ATTESTATION applies. Never reveals why."""
    if "RISK_ATTESTATION" not in ctx.gates:
        return None
    return _crisis_box(ctx.res)


@lru_cache(maxsize=64)
def _crisis_box(r) -> Block:
    return TextBlock(
        key="crisis_box",
        title="If things feel very hard",
        paragraphs=(
            "If you are having a very hard time, or thoughts of harming yourself, you don't have "
            "to wait for your next appointment. Help is there for you right now.",
        ),
        bullets=(
            f"{_cap(r.crisis_line_contact)} ({r.crisis_line_name}), at any time.",
            f"In an emergency, call {r.emergency_number}, or {r.emergency_department_hint}.",
            "Contact your clinician or another mental health professional straight away.",
        ),
    ), ("R-SAFE-CRISIS", "E51", "E52", "N17")


def crisis_footer(ctx: Context) -> Block:
    """R-SAFE-CRISIS / R-WORD-4: on every handout, for every client."""
    return _crisis_footer(ctx.res)


@lru_cache(maxsize=64)
def _crisis_footer(r) -> Block:
    return TextBlock(
        key="crisis_footer",
        title="If you are in crisis",
        paragraphs=(
            f"If you are in crisis or having thoughts of harming yourself: {r.crisis_line_contact} "
            f"({r.crisis_line_name}), {r.emergency_department_hint}, or contact a mental health "
            f"professional straight away. In an emergency, call {r.emergency_number}.",
        ),
    ), ("R-SAFE-CRISIS", "R-WORD-4", "E51")


# --- wording ------------------------------------------------------------------------------------

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
        alongside = ("This activity plan is designed to work alongside your other care, such as "
                     "talking therapy or medication, not instead of it")
        if ptsd and in_tft:
            alongside += (", including your trauma-focused therapy" if show
                          else ", including your talking therapy")
        paragraphs.append(alongside + ". " + _ADJUNCT_CORE)
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


# --- the plan -----------------------------------------------------------------------------------

def _row(step) -> str:
    line = (f"Step {step.step}: about {step.weekly_minutes} minutes in the week, "
            f"{_n(step.sessions, 'session')} of about {step.minutes_per_session} minutes")
    return line + f", {INTENSITY_WORDS[step.intensity]}."


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
            changes.append((s.step, INTENSITY_WORDS[s.intensity]))
            last = s.intensity
    if len(changes) > 1:
        bullets.append("Effort: " + ", then ".join(f"{w} from step {n}" for n, w in changes) + ".")
    if ctx.first_strength_step is not None:
        bullets.append(f"Short strength sessions: from step {ctx.first_strength_step} (see "
                       "'Strength moves').")
    first_mb = next((s for s in steps if s.mind_body_sessions), None)
    if first_mb is not None:
        bullets.append(f"Yoga or tai chi: {first_mb.mind_body_sessions} of your sessions from "
                       f"step {first_mb.step}.")
    if p.mode == Mode.BUILD and steps[-1].weekly_minutes == p.target_minutes:
        bullets.append(f"After that: keep going at about {p.target_minutes} minutes a week. "
                       "Your clinician will review it with you.")
    else:  # a maintain mode, or a plan held below its target at a review (R-REV-3)
        bullets.append(f"After that: keep going at about {steps[-1].weekly_minutes} minutes a "
                       "week until your clinician reviews it with you.")
    return bullets


def at_a_glance(ctx: Context) -> Block:
    """R-PROG-5, R-START, R-MAINT: the weekly steps in plain words."""
    p = ctx.plan
    paragraphs: list[str] = []
    ids: list[str] = ["R-PROG-5", "R-MIX-6", "E39", "E40"]
    if p.mode == Mode.BUILD:
        paragraphs.append(
            f"Your plan starts at about {p.start_minutes} minutes of activity a week. It builds up "
            f"by about 10 minutes a week, with a steady week every fourth step, until you reach "
            f"about {p.target_minutes} minutes a week.")
        paragraphs.append("Each step usually lasts a week. If you repeat a step, the later steps "
                          "simply move back. In the first weeks your body is already adapting, "
                          "even before it feels easier.")
        ids += ["R-START-3", "R-PROG-1", "R-PROG-2", "R-PROG-3", "R-PROG-4", "E02", "E09", "E63",
                "E67"]
    elif p.mode == Mode.MAINTAIN_CURRENT:
        paragraphs.append("Keep your current routine; this plan does not add minutes.")
        ids += ["R-MAINT-2"]
    else:
        wm = p.steps[0].weekly_minutes if p.steps else p.start_minutes
        paragraphs.append(f"Your plan keeps your activity steady at about {wm} minutes a week.")
        ids += ["R-MAINT-1" if p.mode == Mode.MAINTAIN else "R-MAINT-3"]
    if p.steps:
        paragraphs.append("You can split any session into shorter bouts, such as two walks of 10 "
                          "minutes. Every minute counts, including short walks.")
        ids += ["X01", "X13"]
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
    if p.mode == Mode.MAINTAIN:
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
                          "adds ideas for recovery, the hold rules and the safety information "
                          "below.")
        ids += ["R-MAINT-2", "E05", "E46"]
    if "VIGOROUS_BASELINE_REVIEW" in ctx.flags:
        paragraphs.append("Planned effort: moderate. If you already do harder exercise, talk to "
                          "your clinician about whether to keep it.")
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


# --- effort -------------------------------------------------------------------------------------

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


def intensity_guide(ctx: Context) -> Block:
    """R-INT-1, R-INT-2, R-INT-7: talk test first, then the app's own 0-10 effort scale."""
    return _intensity_guide(ctx.plan.vigorous_allowed,
                            len({s.intensity for s in ctx.plan.steps}) > 1)


@lru_cache(maxsize=8)
def _intensity_guide(vigorous: bool, changes: bool) -> Block:
    paragraphs = [
        "Use the talk test first: notice how easily you can talk while you move. You can also "
        "use an effort scale from 0 to 10, where 0 is sitting still and 10 is the hardest you "
        "could possibly work.",
        "If you can't talk, slow down. Easier is always allowed.",
    ]
    if changes:
        paragraphs.insert(1, "Your plan at a glance shows the effort for each step. It moves up "
                             "one level at a time, and only in a steady step.")
    bullets = list(_LEVELS)
    ids = ["R-INT-1", "R-INT-2", "R-INT-7", "X02", "X07", "X08", "E06", "E09", "E10", "E11"]
    if vigorous:
        bullets.append(_HARD_LEVEL)
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


def warning_symptoms(ctx: Context) -> Block:
    """R-SAFE-WARN (every handout). FAST signs in public-health words; no condition names."""
    return _warning_symptoms(ctx.res.emergency_number)


@lru_cache(maxsize=64)
def _warning_symptoms(n: str) -> Block:
    return TextBlock(
        key="warning_symptoms",
        title="Warning signs: get help straight away",
        paragraphs=(
            f"Stop straight away and call {n} if you have any of the signs in the list below.",
            "If you get new pain in your calf when walking, or new swelling in your ankles, stop "
            "and contact your clinician.",
        ),
        bullets=(
            "Chest pain, pressure or tightness.",
            "Fainting, or feeling as if you are about to faint.",
            "Breathlessness far worse than the effort explains.",
            "A racing or irregular heartbeat that doesn't settle with rest.",
            "Sudden face droop, arm weakness or difficulty speaking.",
        ),
    ), ("R-SAFE-WARN", "R-HOLD-5", "X05")


# --- strength, mind-body, activities -----------------------------------------------------------

_MOVES = (
    "Sit to stand: stand up from a chair and sit back down slowly.",
    "Wall or kitchen-counter push-ups.",
    "Step-ups onto a low step, holding a rail.",
    "Heel raises, holding the back of a chair.",
    "Rows with a resistance band or a towel.",
    "Carrying shopping bags or filled water bottles.",
    "Hip hinge: bend forward from the hips with a straight back, then stand tall.",
)
_SEATED_MOVES = (
    "Seated versions: sit to stand using the armrests, seated leg raises, seated marching, "
    "seated rows with a band, and arm raises holding water bottles.",
)


_LADDER = (
    "First 2 weeks of strength: 3 moves, 1 set of 10 to 15 repetitions each, at a comfortable "
    "effort (about 3 to 4 out of 10): you could do many more. About 10 minutes.",
    "Next 2 weeks: 5 moves, 1 set each, at a level that feels somewhat hard (about 5 to 6 out of "
    "10): at the end of the set you could still do 2 or 3 more with good form. About 15 minutes.",
    "After that: 6 to 8 moves, 1 or 2 sets each, at about 5 to 6 out of 10. About 20 to 30 "
    "minutes.",
)


def _strength_timing(ctx: Context) -> str:
    steps = ctx.plan.steps
    counts = []
    last = None
    for s in steps:
        if s.strength_sessions != last:
            counts.append((s.step, s.strength_sessions))
            last = s.strength_sessions
    parts = [f"{_n(c, 'session')} a week from step {st}" for st, c in counts if c]
    return "Your plan has " + ", then ".join(parts) + "."


def strength_guide(ctx: Context) -> Block | None:
    """R-MIX-2 content ladder, R-MIX-4 balance, R-INT-4 effort; functional moves (E68-E70)."""
    if not ctx.has_strength:
        return None
    i = ctx.intake
    paragraphs = [_strength_timing(ctx)]
    ids = ["R-MIX-2", "R-INT-4", "R-CAP-4", "X04", "X21", "E13", "E68", "E69", "E70"]
    if i.base_strength_days >= 1:
        paragraphs.append(
            "You already do strength training: carry on with your routine, as long as it works "
            "the main muscle groups, stays at 3 sessions a week or fewer, and has a rest day in "
            "between.")
    else:
        paragraphs += _LADDER
    paragraphs += [
        "When 15 repetitions feel comfortable two sessions in a row, make the move a little "
        "harder: go slower, use a band, hold something heavier, or try a harder version.",
        "Breathe out as you push or lift, and don't hold your breath. Always end a set while you "
        "could still do a couple more. Leave at least one day between strength sessions.",
        "You will probably feel stronger within a few weeks, before anything looks different.",
    ]
    if ctx.ed:
        paragraphs.append("Do your strength moves on the same days as your other activity, so you "
                          "keep at least 2 full rest days each week.")
        ids += ["R-CAP-3"]
    if ctx.rehab:
        paragraphs.append("Only do the moves your rehabilitation team has agreed with you.")
        ids += ["X13"]
    if ctx.barrier(Barrier.COST):
        paragraphs.append("No equipment needed: use your own body, a sturdy chair, and filled "
                          "water bottles or a bag of tins to hold.")
        ids += ["R-BAR-08", "E44"]
    if ctx.balance:
        paragraphs.append(
            "Every strength session includes 2 balance moves, done next to something sturdy to "
            "hold, like a kitchen counter: for example, standing with one foot in front of the "
            "other, or standing on one leg. Hold on with two hands at first, then one hand, then "
            "your fingertips, then no hands once you feel steady.")
        ids += ["R-MIX-4", "E65", "X01"]
    bullets = list(_MOVES)
    if ctx.seated:
        bullets += _SEATED_MOVES
    return TextBlock(key="strength_guide", title="Strength moves",
                     paragraphs=tuple(paragraphs), bullets=tuple(bullets)), tuple(ids)


def mind_body(ctx: Context) -> Block | None:
    """R-MIX-3, R-INT-5: mind-body sessions; trauma-sensitive classes with PTSD."""
    if not ctx.has_mind_body:
        return None
    return _mind_body(ctx.has(Condition.PTSD), ctx.show)


@lru_cache(maxsize=4)
def _mind_body(ptsd: bool, show: bool) -> Block:
    paragraphs = [
        "Some of your sessions are yoga / tai chi (gentle to moderate, calm breathing). Qigong or "
        "pilates are fine too. They count toward your weekly minutes.",
        "Breathing stays calm and steady; the effort is gentle to moderate.",
    ]
    ids = ["R-MIX-3", "R-INT-5", "E14", "E15", "X12", "D-9"]
    if ptsd:
        if show:
            paragraphs.append("Choose a trauma-sensitive class, where you set the pace.")
        paragraphs.append("Choose a class or video that lets you go at your own pace, keep your "
                          "eyes open, and leave out any pose that doesn't feel right.")
    return TextBlock(key="mind_body", title="Yoga and tai chi sessions",
                     paragraphs=tuple(paragraphs)), tuple(ids)


def activities_that_count(ctx: Context) -> Block:
    """R-MIX-1, R-MIX-5 (E41, E81): main activity, options, everyday movement that counts."""
    i = ctx.intake
    return _activities_that_count(
        ctx.main_activity, ctx.rehab, ctx.has(Condition.PSYCHOTIC_DISORDER),
        ctx.has(Condition.BIPOLAR), ctx.has(Condition.ADHD), ctx.plan.gentle_start,
        tuple(i.preferred_activities), i.setting_preference, ctx.barriers, i.walking_ability)


@lru_cache(maxsize=4096)
def _activities_that_count(main_key, rehab, psychosis, bipolar, adhd, gentle, prefs, setting,
                           barriers, walking) -> Block:
    main = TABLE.get(main_key)
    paragraphs = []
    ids = ["R-MIX-1", "R-MIX-5", "E41", "E15", "E81", "E04"]
    if main is not None:
        if rehab:
            paragraphs.append(f"Your main activity: {main.label}, as agreed with your "
                              "rehabilitation team.")
        else:
            paragraphs.append(f"Your main activity: {main.label}.")
    paragraphs.append("Walking counts. Stretching counts. Gardening counts. Dancing and active "
                      "chores count too. Mixing different activities is fine and can keep things "
                      "interesting.")
    paragraphs.append("A few minutes of gentle stretching at the end of a session is a good way "
                      "to cool down.")
    if psychosis:
        paragraphs.append("A good way to start is with others: a walking group, a supported or "
                          "supervised programme, or a class at a community centre. Your "
                          "clinician can help you find one.")
        ids += ["X18"]
    if bipolar:
        paragraphs.append("Steady, rhythmic activities such as walking, cycling or swimming suit "
                          "this plan well.")
        ids += ["X17"]
    if adhd:
        paragraphs.append("Variety helps: sport, skills and new routes all count.")
    conditions = ((Condition.PSYCHOTIC_DISORDER,) if psychosis else ()) + (
        (Condition.BIPOLAR,) if bipolar else ())
    options = suggestions(_Prefs(prefs, setting, barriers, walking, conditions), main=main_key,
                          gentle=gentle)
    bullets = tuple(_cap(o.label) + "." for o in options)
    return TextBlock(key="activities_that_count", title="Activities that count",
                     paragraphs=tuple(paragraphs), bullets=bullets), tuple(ids)


class _Prefs:
    """The few intake fields the activity filters read (so the block can be cached)."""

    __slots__ = ("preferred_activities", "setting_preference", "barriers", "walking_ability",
                 "conditions")

    def __init__(self, prefs, setting, barriers, walking, conditions):
        self.preferred_activities = prefs
        self.setting_preference = setting
        self.barriers = barriers
        self.walking_ability = walking
        self.conditions = conditions


_BARRIER_TIPS: dict[Barrier, tuple[str, tuple[str, ...]]] = {
    Barrier.FATIGUE: (
        "Low energy: split a session into 2 or 3 mini-bouts through the day, and use the time of "
        "day when you have the most energy. A 5-minute walk counts.",
        ("R-BAR-01", "E36", "E38", "E09", "X01")),
    Barrier.ANHEDONIA: (
        "When nothing feels enjoyable: pick activities you used to enjoy, or that matter to you, "
        "and add music, nature or company. Rate your mood from 0 to 10 before and after each "
        "session to notice any small lift. Do it first; the feeling often follows.",
        ("R-BAR-02", "E17", "E36", "E45", "X10")),
    Barrier.LOW_MOTIVATION: (
        "Getting started: fill in a day, time and place for every session on your weekly plan, "
        "and tick each one off. Make the first action tiny: shoes on, out the door. Doing it with "
        "a friend, a group or a community programme can help.",
        ("R-BAR-03", "E40", "E43", "X10", "X04")),
    Barrier.PSYCHOMOTOR_RETARDATION: (
        "When moving feels slow and heavy: keep it simple, like a short walk indoors or outside, "
        "or marching on the spot in a chair. Short bouts are fine.",
        ("R-BAR-04", "E36", "E38", "E09")),
    Barrier.SOCIAL_WITHDRAWAL: (
        "Being around other people: take it one step at a time. Start on your own, then with one "
        "person you trust, then, if you'd like, a group or class from step 5.",
        ("R-BAR-05", "E36", "E43", "X10")),
    Barrier.AVOIDANCE: (
        "Places that feel hard: start where it feels easiest, such as quiet times, familiar "
        "routes or at home. You choose each next step, at your own pace. Any work on facing "
        "things you avoid is planned with your clinician, not by this plan.",
        ("R-BAR-06", "E36", "X10", "X23")),
    Barrier.NO_SAFE_PLACE: (
        "If going out doesn't feel safe: walk laps at home, use the stairs, march on the spot, "
        "follow an exercise video, or go to a community or leisure centre. If you go out, choose "
        "daylight hours and well-lit, busy routes.",
        ("R-BAR-07", "E44")),
    Barrier.COST: (
        "Free options: use your own body, a chair or filled water bottles in place of equipment; "
        "walk in parks; look for free community programmes.",
        ("R-BAR-08", "E44")),
    Barrier.TIME: (
        "Short on time: split sessions into shorter bouts of 5 minutes or more. Walk or cycle for "
        "short journeys, add short bursts of movement through the day, and try a 10-minute "
        "strength mini-session.",
        ("R-BAR-09", "X01", "E02")),
    Barrier.PHYSICAL_LIMITATION: (
        "Moving with a health limitation: seated exercise, activity in water or a recumbent "
        "exercise bike can be easier on the body. Your clinician can suggest a physiotherapy "
        "review to adapt the strength moves.",
        ("R-BAR-10", "E50", "X06")),
    Barrier.PAIN: (
        "Pain guide: mild discomfort that settles within a day is OK. If pain is sharp or keeps "
        "getting worse, end the session, swap to a different activity, and tell your clinician. "
        "Gentler options: water walking, swimming, cycling or dancing.",
        ("R-BAR-11", "R-HOLD-2", "E50")),
    Barrier.POOR_SLEEP: (
        "Sleep: be active earlier in the day, get some daylight outside, and keep to regular "
        "times (see 'When to be active').",
        ("R-BAR-12", "E79", "X15")),
}


def barrier_tips(ctx: Context) -> Block | None:
    """R-BAR-01..12: one tip per barrier the client named, in the 2H order."""
    return _barrier_tips(ctx.barriers)


@lru_cache(maxsize=1024)
def _barrier_tips(barriers: frozenset) -> Block | None:
    bullets, ids = [], ["E35"]
    for barrier in Barrier:
        if barrier in barriers and barrier in _BARRIER_TIPS:
            text, tip_ids = _BARRIER_TIPS[barrier]
            bullets.append(text)
            ids += tip_ids
    if not bullets:
        return None
    return TextBlock(key="barrier_tips", title="Tips for what gets in the way",
                     bullets=tuple(bullets)), tuple(ids)


def timing(ctx: Context) -> Block | None:
    """R-MIX-7 / R-BAR-12 (poor sleep, bipolar), R-MIX-6 (ADHD): when to be active."""
    i = ctx.intake
    return _timing(ctx.barrier(Barrier.POOR_SLEEP), ctx.has(Condition.BIPOLAR),
                   ctx.has(Condition.ADHD), i.usual_bedtime, ctx.plan.sessions_end_by,
                   i.time_of_day)


@lru_cache(maxsize=1024)
def _timing(sleep: bool, bipolar: bool, adhd: bool, bedtime, end_by, time_of_day) -> Block | None:
    paragraphs, ids = [], []
    if sleep or bipolar:
        text = "Try to finish each session at least 2 hours before you usually go to bed"
        if bedtime is not None:
            end_by = end_by or minus_hours(bedtime, 2)
            text += (f": if you go to bed at about {format_clock(bedtime)}, finish by "
                     f"{format_clock(end_by)}")
        paragraphs.append(text + ".")
        ids += ["R-MIX-7", "R-BAR-12", "X15", "E79"]
    if sleep:
        paragraphs.append("Activity earlier in the day, with some daylight outside, can help "
                          "with sleep.")
    if bipolar:
        paragraphs.append("Keep to regular times: try to be active at about the same time of day "
                          "each time.")
        ids += ["X17"]
    if adhd:
        paragraphs.append("Try putting a session before a task that needs focus, such as study "
                          "or a demanding piece of work.")
        ids += ["R-MIX-6", "E60"]
    if not paragraphs:
        return None
    if time_of_day is not None:
        paragraphs.append(f"You said the {time_of_day} suits you best, so plan your sessions "
                          "then where you can.")
    return TextBlock(key="timing", title="When to be active",
                     paragraphs=tuple(paragraphs)), tuple(ids)


def flexibility(ctx: Context) -> Block:
    """R-WORD-5, R-SAFE-ED / R-CAP-3: flexible framing; rest days."""
    return _flexibility(ctx.ed)


@lru_cache(maxsize=2)
def _flexibility(ed: bool) -> Block:
    paragraphs = [
        "It's OK to swap days, and to do a session in shorter pieces. If a week doesn't go to "
        "plan, repeat that step. That's fine.",
    ]
    ids = ["R-WORD-5", "E48", "E39"]
    if ed:
        paragraphs.insert(0, "It's fine, and healthy, to miss a session or take an extra rest "
                             "day.")
        paragraphs.append("Keep at least 2 full rest days each week, with no planned activity.")
        ids += ["R-SAFE-ED", "R-CAP-3", "E47", "X16"]
    else:
        paragraphs.append("Rest days are part of the plan too.")
    return TextBlock(key="flexibility", title="Flexible by design",
                     paragraphs=tuple(paragraphs)), tuple(ids)


def hold_rules(ctx: Context) -> Block:
    """R-HOLD-1..8 as 'If ... then ...' (R-HOLD-6 only with bipolar disorder)."""
    return _hold_rules(ctx.has(Condition.BIPOLAR), ctx.floor)


@lru_cache(maxsize=8)
def _hold_rules(bipolar: bool, floor: int) -> Block:
    bullets = [
        "If you did less than half of a step's minutes, then repeat that step next week. That's "
        "fine: try the same again.",
        "If you are unusually sore or worn out the next day, or have pain that changes how you "
        "move or lasts into the next day, then repeat the step at an easier effort. If it "
        "happens twice, contact your clinician.",
        "If you slept badly on 3 or more nights this week, then don't move up next week, and "
        "keep the effort easy.",
        "If you are unwell (fever, chest infection, vomiting or diarrhoea), then rest until you "
        "are well and repeat the last step you completed. After a break of 2 weeks or more, "
        f"restart at about half your last weekly minutes (at least {floor} minutes a week) "
        "and build up again.",
        "If you notice any of the warning signs, then follow the warning box: get help straight "
        "away.",
    ]
    ids = ["R-HOLD-1", "R-HOLD-2", "R-HOLD-3", "R-HOLD-4", "R-HOLD-5", "R-HOLD-7", "R-HOLD-8",
           "E39", "E79", "X04", "X06", "E47", "E48", "E51", "E52"]
    if bipolar:
        bullets.append(
            "If you feel unusually high or driven, need much less sleep, or want to keep adding "
            "more exercise, then don't move up, and contact your clinician this week.")
        ids += ["R-HOLD-6", "X17"]
    bullets += [
        "If exercise starts to feel like a rule you can't break, missing a session makes you "
        "feel guilty or upset, you exercise when ill or injured, or you use exercise to make up "
        "for eating, then tell your clinician, and don't add more.",
        "If your mood has been worse for 2 weeks, or thoughts of harming yourself come up, then "
        "contact your clinician. If you are in crisis, use the crisis numbers at the end of "
        "this plan.",
    ]
    return TextBlock(key="hold_rules", title="If ... then ...: when to hold your plan",
                     bullets=tuple(bullets)), tuple(ids)


def contact_clinician(ctx: Context) -> Block:
    """R-WORD-4 (E52): when to contact the clinician."""
    return _CONTACT


_CONTACT = (
    TextBlock(
        key="contact_clinician",
        title="When to contact your clinician",
        paragraphs=(
            "Contact your clinician if changes in your mood, sleep, appetite, energy, "
            "concentration or interest in things last two weeks or more.",
            "Also get in touch if your health or your medicines change, or if anything in this "
            "plan doesn't feel right for you. You can always ask to change the plan.",
        ),
    ), ("R-WORD-4", "E52", "E33", "R-REV-6"))


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
                          "repeat a step.")
    else:
        paragraphs.append("Weeks count from your start date, even if you repeat a step.")
    return TextBlock(key="review_weeks", title="Check-ins with your clinician",
                     paragraphs=tuple(paragraphs), bullets=tuple(bullets)), (
        "R-REV-1", "R-PROG-4", "E18", "E19", "E16", *(("8.18",) if early is not None else ()))


_MED_NOTES = {
    "MED_LITHIUM": (
        "Fluids and heat: drink regularly before, during and after activity. Avoid exercising "
        "in hot conditions. Tell your prescriber if you plan a big increase in activity, or if "
        "you are sweating heavily or unwell.",
        ("R-SAFE-MED", "X19", "E81")),
    "MED_ANTIPSYCHOTIC": (
        "Heat, fluids and standing up: drink regularly and take care in hot weather. Get up "
        "slowly if you feel dizzy when standing. Plan sessions for the time of day when you feel "
        "most alert.",
        ("R-SAFE-MED",)),
    "MED_BETA_BLOCKER": (
        "Your pulse: your medicine can hold your pulse down during activity, so go by the talk "
        "test and the effort scale rather than by your pulse.",
        ("R-SAFE-MED", "R-INT-3", "X22")),
}


def medication_notes(ctx: Context) -> Block | None:
    """R-SAFE-MED: only the specified notes; no dose or timing advice (N19)."""
    meds = frozenset(f for f in ctx.flags if f.startswith("MED_"))
    return _medication_notes(meds, ctx.show) if meds else None


@lru_cache(maxsize=256)
def _medication_notes(flags: frozenset, show: bool) -> Block | None:
    bullets, ids = [], []
    for flag, (text, note_ids) in _MED_NOTES.items():
        if flag in flags:
            bullets.append(text)
            ids += note_ids
    if "MED_INSULIN_OR_SULFONYLUREA" in flags:
        team = "your diabetes team's" if show else "your care team's"
        bullets.append(f"Glucose: follow {team} advice about checking your glucose around "
                       "activity.")
        ids += ["R-SAFE-MED", "X05"]
    if not bullets:
        return None
    return TextBlock(key="medication_notes", title="About your medicines",
                     paragraphs=("Keep taking your medicines as prescribed. These notes are "
                                 "about being active while you take them.",),
                     bullets=tuple(bullets)), tuple(ids)


def disclaimer(ctx: Context) -> Block:
    """R-WORD-3 / R-WORD-4 (E53, E28)."""
    return _DISCLAIMER


_DISCLAIMER = (
    TextBlock(
        key="disclaimer",
        title="About this plan",
        paragraphs=("This plan gives general guidance, chosen with your clinician. It is not a "
                    "substitute for professional medical advice or treatment.",),
    ), ("R-WORD-4", "E53", "E28"))


#: Reading order. crisis_box (when present) is first and crisis_footer always last.
WRITERS = (
    crisis_box,
    wording,
    advisory,
    at_a_glance,
    maintain_note,
    activity_schedule,
    intensity_guide,
    body_sensations,
    warning_symptoms,
    strength_guide,
    mind_body,
    activities_that_count,
    barrier_tips,
    timing,
    flexibility,
    hold_rules,
    contact_clinician,
    review_weeks,
    medication_notes,
    disclaimer,
    crisis_footer,
)
