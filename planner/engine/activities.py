"""The activity table and the barrier/condition filters over it (R-MIX-1, R-BAR-07/08/10/11).

Each activity has:
- `kind`: what it counts as: "aerobic" (weekly minutes), "mind_body" (weekly minutes, R-MIX-3)
  or "strength" (counted as sessions, not minutes, R-MIX-2);
- `cost`: the cost of taking part: "free" (nothing to pay once you have the basics), "low" or
  "paid" (entry fees, classes, memberships). Equipment the client already chose in their
  preferences is assumed to be theirs;
- `settings`: where it can be done: "home", "indoor" (a building away from home), "outdoor";
- `impact`: "seated", "low", "moderate" or "high";
- `equipment`: what is needed beyond clothes and shoes ("" for nothing);
- `steady`: steady and rhythmic rather than stop-start or competitive (R-MIX-1, bipolar);
- `group`: usually done with others or supervised (R-MIX-1 psychosis, R-BAR-05 later steps);
- `easy_label`: the client words when the plan allows easy effort only (rules 8.6), where the
  usual label names a harder effort ("brisk walking").

Keys that match the intake's `preferred_activities` values (2I) are the `Activity` enum values;
the extras ("indoor_walking_circuit", "marching_on_the_spot", ...) are suggestions only.
"""

from __future__ import annotations

from dataclasses import dataclass

from .enums import (
    Activity,
    Barrier,
    ClearanceIntensity,
    ClearanceStatus,
    Condition,
    SettingPreference,
    WalkingAbility,
)


@dataclass(frozen=True)
class ActivityInfo:
    key: str
    label: str  # client words
    kind: str
    cost: str
    settings: frozenset[str]
    impact: str
    equipment: str = ""
    steady: bool = True
    group: bool = False
    easy_label: str = ""

    def label_for(self, *, easy_only: bool) -> str:
        return self.easy_label if easy_only and self.easy_label else self.label


def _a(key, label, kind, cost, settings, impact, equipment="", steady=True, group=False,
       easy_label=""):
    return ActivityInfo(key, label, kind, cost, frozenset(settings.split()), impact, equipment,
                        steady, group, easy_label)


TABLE: dict[str, ActivityInfo] = {a.key: a for a in (
    # the 2I preference values
    _a("walking", "brisk walking", "aerobic", "free", "outdoor indoor home", "low",
       easy_label="walking at an easy pace"),
    _a("running", "running or jogging", "aerobic", "free", "outdoor", "high", "running shoes"),
    _a("cycling", "cycling", "aerobic", "low", "outdoor", "low", "a bike"),
    _a("swimming_or_water", "swimming or water walking", "aerobic", "paid", "indoor", "low",
       "pool entry"),
    _a("dancing", "dancing, at home to music or in a class", "aerobic", "free", "home indoor",
       "moderate", steady=False),
    # away from home (a pitch, court or hall), so not a home/indoor-first option (R-BAR-07)
    _a("team_or_racket_sport", "team or racket sport", "aerobic", "paid", "outdoor",
       "high", "sports kit", steady=False, group=True),
    _a("gym_strength", "strength training at a gym", "strength", "paid", "indoor", "low",
       "gym access"),
    _a("home_bodyweight", "strength moves at home using your own body", "strength", "free",
       "home", "low"),
    _a("mind_body", "yoga, tai chi, qigong or pilates", "mind_body", "free", "home indoor", "low",
       "a mat (optional)"),
    _a("gardening_or_active_chores", "active gardening or brisk housework", "aerobic", "free",
       "home outdoor", "low", steady=False, easy_label="gentle gardening or housework"),
    _a("seated_exercise", "seated exercise (marching, arm and leg moves in a sturdy chair)",
       "aerobic", "free", "home", "seated", "a sturdy chair"),
    # extras used in suggestions and barrier tips
    _a("indoor_walking_circuit", "walking laps at home, room to room or along a hallway",
       "aerobic", "free", "home", "low"),
    _a("marching_on_the_spot", "marching on the spot", "aerobic", "free", "home", "low"),
    _a("stairs", "walking up and down stairs, holding the rail", "aerobic", "free", "home indoor",
       "moderate"),
    _a("follow_along_video", "follow-along exercise videos at home", "aerobic", "free", "home",
       "low", "a screen"),
    _a("water_walking", "walking in the shallow end of a pool", "aerobic", "paid", "indoor",
       "low", "pool entry"),
    _a("exercise_bike", "an exercise bike (one with a back rest is easiest)", "aerobic", "low",
       "home indoor", "seated", "an exercise bike"),
    _a("walking_group", "a free walking group or community activity programme", "aerobic",
       "free", "outdoor indoor", "low", group=True),
    _a("leisure_centre_class", "a class at a community or leisure centre", "aerobic", "paid",
       "indoor", "low", group=True),
    _a("chair_strength", "chair-based strength moves", "strength", "free", "home", "seated",
       "a sturdy chair"),
)}

#: Aerobic activities that can be the plan's main activity (they have an Activity enum value).
MAIN_CANDIDATES = frozenset(a.value for a in Activity) & {
    k for k, a in TABLE.items() if a.kind == "aerobic"}

DEFAULT_MAIN = Activity.WALKING  # E04
SEATED_DEFAULT = Activity.SEATED_EXERCISE

_LOW_IMPACT = frozenset({"seated", "low"})
# Rules 8.12: with a falls risk (or from 75) nothing suggests stairs.
_FALLS_UNSAFE = frozenset({"stairs"})
OLDEST_WITHOUT_FALLS_CARE = 74  # from 75 the falls advice applies to everyone (rules 8.12)


@dataclass(frozen=True)
class Filters:
    """The filters that apply to one intake, with the rule behind each."""

    home_or_indoor: bool = False  # R-BAR-07: an order (home/indoor first), not an exclusion
    free_only: bool = False  # R-BAR-08
    low_impact: tuple[str, ...] = ()  # rule IDs that asked for it: R-BAR-10 and/or R-BAR-11
    seated_only: bool = False  # unable to walk (REHAB_INPUT)
    steady_only: bool = False  # R-MIX-1 bipolar
    easy_only: bool = False  # rules 8.6: a clearance (or override) limit of easy effort
    falls_care: bool = False  # rules 8.12: falls risk or 75 and over

    def rule_ids(self) -> tuple[str, ...]:
        ids = []
        if self.home_or_indoor:
            ids.append("R-BAR-07")
        if self.free_only:
            ids.append("R-BAR-08")
        ids.extend(self.low_impact)
        if self.seated_only:
            ids.append("R-SAFE-CLR")
        if self.steady_only:
            ids.append("R-MIX-1")
        if self.easy_only:
            ids.append("8.6")
        if self.falls_care:
            ids.append("8.12")
        return tuple(ids)

    def allows(self, activity: ActivityInfo) -> bool:
        if self.free_only and activity.cost != "free":
            return False
        if self.low_impact and activity.impact not in _LOW_IMPACT:
            return False
        if self.seated_only and activity.impact != "seated" and activity.key != "water_walking":
            return False
        if self.steady_only and not activity.steady:
            return False
        if self.easy_only and activity.impact not in _LOW_IMPACT:
            return False  # running, sport, dancing, stairs: harder than easy effort
        if self.falls_care and activity.key in _FALLS_UNSAFE:
            return False
        return True


def filters_for(intake) -> Filters:
    """Work out which barrier and condition filters apply to `intake`."""
    barriers = set(intake.barriers)
    return Filters(
        # R-BAR-07: home/indoor first, unless the client chose outdoors themselves
        home_or_indoor=(Barrier.NO_SAFE_PLACE in barriers
                        and intake.setting_preference != SettingPreference.OUTDOORS),
        free_only=Barrier.COST in barriers,
        low_impact=tuple(rule for barrier, rule in ((Barrier.PHYSICAL_LIMITATION, "R-BAR-10"),
                                                    (Barrier.PAIN, "R-BAR-11"))
                         if barrier in barriers),
        seated_only=intake.walking_ability == WalkingAbility.UNABLE_TO_WALK,
        steady_only=Condition.BIPOLAR in intake.conditions,
        easy_only=easy_effort_only(intake),
        falls_care=falls_care(intake),
    )


def easy_effort_only(intake) -> bool:
    """Rules 8.6: the clearing professional allowed easy effort only (counts once obtained)."""
    return (intake.clearance_status == ClearanceStatus.OBTAINED
            and intake.clearance_max_intensity == ClearanceIntensity.LIGHT)


def falls_care(intake) -> bool:
    """Rules 8.12 (with 7.15): a fall in the last year, fear of falling, walking with an aid or
    unable to walk, or 75 and over."""
    return (intake.falls_12m >= 1 or intake.fear_of_falling
            or intake.walking_ability != WalkingAbility.INDEPENDENT
            or intake.age > OLDEST_WITHOUT_FALLS_CARE)


def allowed(intake, kind: str | None = None) -> tuple[ActivityInfo, ...]:
    """Every activity in the table that survives the intake's filters (optionally one kind)."""
    f = filters_for(intake)
    return tuple(a for a in TABLE.values() if (kind is None or a.kind == kind) and f.allows(a))


def choose_main_activity(intake) -> Activity:
    """R-MIX-1: the first preferred aerobic activity that survives the filters; else walking.

    With no safe place outdoors (R-BAR-07) home or indoor activities come first.

    Mind-body and strength preferences are not candidates for the main (aerobic) activity; they
    have their own sessions (R-MIX-2, R-MIX-3). If walking itself is filtered out (the client
    cannot walk), the default is seated exercise.
    """
    f = filters_for(intake)
    survivors = [TABLE[str(p)] for p in intake.preferred_activities
                 if str(p) in MAIN_CANDIDATES and f.allows(TABLE[str(p)])]
    if f.home_or_indoor:  # R-BAR-07: home or indoor first (stable: preference order kept)
        survivors.sort(key=lambda a: not a.settings & {"home", "indoor"})
    if survivors:
        return Activity(survivors[0].key)
    if f.allows(TABLE[DEFAULT_MAIN.value]):
        return DEFAULT_MAIN
    return SEATED_DEFAULT


def suggestions(intake, main: str | None = None, limit: int = 4, *,
                gentle: bool = False, filters: Filters | None = None
                ) -> tuple[ActivityInfo, ...]:
    """Other aerobic options for the client, best fit first.

    Order: the client's own preferences; group or supervised options first for psychotic
    disorder (R-MIX-1, X18); the preferred setting (home options first when there is no safe
    place outdoors, R-BAR-07); free before paid; gentler before harder. High-impact options are
    left out for a gentle start unless the client chose them. `filters`: the ones worked out
    for the plan (e.g. with a clinician's easy-effort override), else the intake's.
    """
    f = filters if filters is not None else filters_for(intake)
    prefs = [str(p) for p in intake.preferred_activities]
    setting = {"outdoors": "outdoor", "indoors": "indoor", "home": "home"}.get(
        str(intake.setting_preference or ""), "")
    if f.home_or_indoor and not setting:
        setting = "home"
    impact_rank = {"seated": 1, "low": 0, "moderate": 2, "high": 3}
    psychosis = Condition.PSYCHOTIC_DISORDER in intake.conditions
    pool = [a for a in TABLE.values()
            if a.kind == "aerobic" and a.key != main and f.allows(a)
            and not (gentle and a.impact == "high" and a.key not in prefs)]
    pool.sort(key=lambda a: (a.key not in prefs,
                             psychosis and not a.group,
                             bool(setting) and setting not in a.settings,
                             a.cost != "free",
                             impact_rank[a.impact]))
    return tuple(pool[:limit])
