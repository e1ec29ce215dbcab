"""Client blocks about doing the activity: strength and balance, mind-body sessions, what counts,
barrier tips, timing, flexibility and the hold rules."""

from __future__ import annotations

from functools import lru_cache

from ...activities import TABLE, suggestions
from ...enums import Barrier, Condition
from ...model import TextBlock
from ..context import MIND_BODY_WORDS, Context, format_clock, minus_hours
from .common import Block, capitalised, counted

_MOVES = (
    "Sit to stand: stand up from a chair and sit back down slowly.",
    "Wall or kitchen-counter push-ups.",
    "Step-ups onto a low step, holding a rail.",
    "Heel raises, holding the back of a chair.",
    "Rows with a resistance band or a towel.",
    "Carrying shopping bags or filled water bottles.",
    "Hip hinge: bend forward from the hips with a straight back, then stand tall.",
)
# Rules 8.12: with a falls risk (or from 75) only supported moves: no steps, no loads to carry.
_SUPPORTED_MOVES = (
    "Sit to stand: stand up from a sturdy chair and sit back down slowly, using the armrests "
    "if you need to.",
    "Wall or kitchen-counter push-ups.",
    "Heel raises, holding a kitchen counter or the back of a sturdy chair.",
    "Rows with a resistance band or a towel, sitting in a sturdy chair.",
    "Side steps along a kitchen counter, holding on.",
)


_SEATED_MOVES = (
    "Seated versions: sit to stand using the armrests, seated leg raises, seated marching, "
    "seated rows with a band, and arm raises holding water bottles.",
)

# For a client who cannot walk, every move is done sitting (the moves library's seated-only rule).
_SEATED_ONLY_MOVES = (
    "Seated knee straightening: straighten one knee, then lower your foot slowly.",
    "Seated marching, holding the sides of the seat.",
    "Rows with a resistance band or a towel, sitting in a sturdy chair.",
    "Arm raises holding water bottles, sitting.",
    "Heel raises, sitting with your feet flat on the floor.",
)


_STARTER_ONLY = (
    "Strength moves: 3 moves, 1 set of 10 to 15 repetitions each, at a comfortable effort (about "
    "3 to 4 out of 10): you could do many more repetitions. About 10 minutes. Keep to this level "
    "unless your clinician changes the plan.",
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
            counts.append((s.week, s.strength_sessions))
            last = s.strength_sessions
    parts = [f"{counted(c, 'session')} a week from week {wk}" for wk, c in counts if c]
    return "Your plan has " + ", then ".join(parts) + "."


def strength_guide(ctx: Context) -> Block | None:
    """R-MIX-2 content ladder, R-MIX-4 balance, R-INT-4 effort; functional moves (E68-E70).
    An easy-effort limit keeps the starter level (rules 8.6); a falls risk keeps every move
    supported and balance at fingertip support (8.12); numbers come from the plan (8.8)."""
    if not ctx.has_strength:
        return None
    i = ctx.intake
    paragraphs = [_strength_timing(ctx)]
    ids = ["R-MIX-2", "R-INT-4", "R-CAP-4", "X04", "X21", "E13", "E68", "E69", "E70"]
    most = max(s.strength_sessions for s in ctx.plan.steps)
    if i.base_strength_days >= 1 and not ctx.easy_only:
        paragraphs.append(
            "You already do strength training: carry on with your routine, as long as it works "
            f"the main muscle groups, keeps to the {counted(most, 'session')} a week in your "
            "plan, and has a rest day in between.")
        ids += ["8.8"]
    elif ctx.easy_only:
        paragraphs += _STARTER_ONLY
        ids += ["8.6"]
    else:
        paragraphs += _LADDER
    if not ctx.easy_only:
        paragraphs.append(
            "When 15 repetitions feel comfortable two sessions in a row, make the move a little "
            "harder: go slower, use a band, hold something heavier, or try a harder version.")
    paragraphs += [
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
        paragraphs.append("No equipment needed: use your own body, a sturdy chair, and a "
                          "resistance band or a towel.")
        ids += ["R-BAR-08", "E44"]
    if ctx.balance and ctx.filters.seated_only:  # cannot walk: the balance moves are seated
        paragraphs.append(
            "Every strength session includes 2 balance moves, done sitting in a sturdy chair "
            "with arms. Keep a hand near an armrest until you feel steady. Whether to try any "
            "balance moves standing is for you and your clinician to decide at a check-in.")
        ids += ["R-MIX-4", "E65", "X01", "8.12"]
    elif ctx.balance:
        balance = ("Every strength session includes 2 balance moves, done next to something "
                   "sturdy to hold, like a kitchen counter: for example, standing with one foot "
                   "in front of the other, or standing on one leg. Hold on with two hands at "
                   "first, then one hand, then your fingertips")
        if ctx.falls_care:
            balance += (". Keep at least your fingertips on the counter; whether to go further "
                        "is for you and your clinician to decide at a check-in.")
            ids += ["8.12"]
        else:
            balance += ", then no hands once you feel steady."
        paragraphs.append(balance)
        ids += ["R-MIX-4", "E65", "X01"]
    bullets: list[str] = []
    if ctx.plan.moves:  # issue 25: the chosen moves have their own block, with pictures
        paragraphs.append("Your moves, with pictures, are listed under “Your strength and "
                          "balance moves”.")
    elif ctx.filters.seated_only:  # a plan saved before the moves library, cannot walk
        bullets = list(_SEATED_ONLY_MOVES)
    else:  # a plan saved before the moves library
        bullets = list(_SUPPORTED_MOVES if ctx.falls_care else _MOVES)
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
        f"Some of your sessions are yoga or tai chi, {MIND_BODY_WORDS}. Qigong or pilates are "
        "fine too. They count toward your weekly minutes.",
        "Your breathing stays calm and steady; the effort is gentle.",
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
    """R-MIX-1, R-MIX-5 (E41, E81): main activity, options, everyday movement that counts;
    with the plan's effort limit (8.6), the ED flag (8.17) and the social preference (8.10)."""
    i = ctx.intake
    social = "group" if ctx.group_first else "alone" if ctx.prefers_alone else ""
    return _activities_that_count(
        ctx.main_activity, ctx.rehab, ctx.has(Condition.PSYCHOTIC_DISORDER),
        ctx.has(Condition.BIPOLAR), ctx.has(Condition.ADHD), ctx.plan.gentle_start,
        tuple(i.preferred_activities), i.setting_preference, ctx.filters, ctx.ed, social)


@lru_cache(maxsize=4096)
def _activities_that_count(main_key, rehab, psychosis, bipolar, adhd, gentle, prefs, setting,
                           filters, ed, social) -> Block:
    main = TABLE.get(main_key)
    easy = filters.easy_only
    paragraphs = []
    ids = ["R-MIX-1", "R-MIX-5", "E41", "E15", "E81", "E04"]
    if main is not None:
        label = main.label_for(easy_only=easy)
        if rehab:
            paragraphs.append(f"Your main activity: {label}, as agreed with your rehabilitation "
                              "team.")
        else:
            paragraphs.append(f"Your main activity: {label}.")
    if ed and filters.seated_only:  # no push-to-add messages (8.17); no walking (seated only)
        paragraphs.append("Seated exercise and gentle stretching are both fine ways to do your "
                          "planned sessions. Rest days are part of the plan too.")
        ids += ["8.17"]
    elif ed:  # no push-to-add messages (rules 8.17)
        paragraphs.append("Walking, gardening, dancing and stretching are all fine ways to do "
                          "your planned sessions. Rest days are part of the plan too.")
        ids += ["8.17"]
    elif filters.seated_only:  # a client who cannot walk: seated activity only
        paragraphs.append("Seated exercise counts. Stretching counts. Moving your arms and legs "
                          "in your chair counts too. Mixing different moves is fine and can keep "
                          "things interesting.")
    elif easy:  # nothing harder than easy effort is named (rules 8.6)
        paragraphs.append("Walking counts. Stretching counts. Gentle gardening and housework "
                          "count too. Mixing different activities is fine and can keep things "
                          "interesting.")
    else:
        paragraphs.append("Walking counts. Stretching counts. Gardening counts. Dancing and "
                          "active chores count too. Mixing different activities is fine and can "
                          "keep things interesting.")
    paragraphs.append("A few minutes of gentle stretching at the end of a session is a good way "
                      "to cool down.")
    if social == "group" and psychosis:
        paragraphs.append("You said you like being active with others: a walking group, a "
                          "supported or supervised programme, or a class at a community centre "
                          "is a good place to start, from the first week. Your clinician can "
                          "help you find one.")
        ids += ["8.10", "X18"]
    elif social == "group":
        paragraphs.append("You said you like being active with others: a walking group or a "
                          "class is a good place to start, from the first week.")
        ids += ["8.10"]
    if psychosis and social != "group":
        if social == "alone":
            paragraphs.append("When you feel ready, doing it with others can help: a walking "
                              "group, a supported programme, or a class at a community centre. "
                              "Your clinician can help you find one.")
        else:
            paragraphs.append("A good way to start is with others: a walking group, a supported "
                              "or supervised programme, or a class at a community centre. Your "
                              "clinician can help you find one.")
        ids += ["X18"]
    if bipolar:
        paragraphs.append("Steady, rhythmic activities such as walking, cycling or swimming suit "
                          "this plan well.")
        ids += ["X17"]
    if adhd:
        paragraphs.append("Variety helps: new routes and new places all count." if easy else
                          "Variety helps: sport, skills and new routes all count.")
    conditions = ((Condition.PSYCHOTIC_DISORDER,) if psychosis else ()) + (
        (Condition.BIPOLAR,) if bipolar else ())
    options = suggestions(_Prefs(prefs, setting, conditions), main=main_key, gentle=gentle,
                          filters=filters)
    bullets = tuple(capitalised(o.label_for(easy_only=easy)) + "." for o in options)
    return TextBlock(key="activities_that_count", title="Activities that count",
                     paragraphs=tuple(paragraphs), bullets=bullets), tuple(ids)


class _Prefs:
    """The few intake fields the activity ordering reads (so the block can be cached)."""

    __slots__ = ("preferred_activities", "setting_preference", "conditions")

    def __init__(self, prefs, setting, conditions):
        self.preferred_activities = prefs
        self.setting_preference = setting
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
        "Being around other people: take it one week at a time. Start on your own, then with one "
        "person you trust, then, if you'd like, a group or class from week 5.",
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


# The tips that change with the client's other answers (rules 8.10, 8.12).
_GROUP_FIRST_SOCIAL = (
    "Being around other people: start with one person you trust, or a small, friendly group.",
    ("R-BAR-05", "E36", "E43", "X10", "8.10"))
_SAFE_PLACE_NO_STAIRS = (
    "If going out doesn't feel safe: walk laps at home, march on the spot holding a counter, "
    "follow a seated exercise video, or go to a community or leisure centre. If you go out, "
    "choose daylight hours and well-lit, busy routes.",
    ("R-BAR-07", "E44", "8.12"))
_EVENING_SLEEP = (
    "Sleep: finish your sessions at least 2 hours before bedtime, get some daylight outside "
    "during the day, and keep to regular times (see 'When to be active').",
    ("R-BAR-12", "E79", "X15", "8.10"))


def barrier_tips(ctx: Context) -> Block | None:
    """R-BAR-01..12: one tip per barrier the client named, in the 2H order, resolved against
    the client's preferences and safety (rules 8.10, 8.12)."""
    return _barrier_tips(ctx.barriers, ctx.group_first, ctx.falls_care, ctx.evening)


@lru_cache(maxsize=1024)
def _barrier_tips(barriers: frozenset, group_first: bool, falls: bool, evening: bool
                  ) -> Block | None:
    variants = {Barrier.SOCIAL_WITHDRAWAL: _GROUP_FIRST_SOCIAL if group_first else None,
                Barrier.NO_SAFE_PLACE: _SAFE_PLACE_NO_STAIRS if falls else None,
                Barrier.POOR_SLEEP: _EVENING_SLEEP if evening else None}
    bullets, ids = [], ["E35"]
    for barrier in Barrier:
        if barrier in barriers and barrier in _BARRIER_TIPS:
            text, tip_ids = variants.get(barrier) or _BARRIER_TIPS[barrier]
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
    evening = time_of_day == "evening"
    if sleep and not evening:  # never "earlier in the day" beside "plan them then" (8.10)
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
    if time_of_day is not None and evening and (sleep or bipolar):
        paragraphs.append("You said the evening suits you best: that's fine, as long as each "
                          "session ends at least 2 hours before bedtime.")
        ids += ["8.10"]
    elif time_of_day is not None:
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
        "plan, repeat that week. That's fine.",
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
        "If you did less than half of a week's minutes, then repeat that week's plan next week. "
        "That's fine: try the same again.",
        "If you are unusually sore or worn out the next day, or have pain that changes how you "
        "move or lasts into the next day, then repeat that week at an easier effort. If it "
        "happens twice, contact your clinician.",
        "If you slept badly on 3 or more nights this week, then don't move up next week, and "
        "keep the effort easy.",
        "If you are unwell (fever, chest infection, vomiting or diarrhoea), then rest until you "
        "are well and repeat the last week you completed. After a break of 2 weeks or more, "
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
