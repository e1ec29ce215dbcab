"""planner/outcomes.py: plan weeks, planned minutes per check-in, adherence (R-REV-2), the review
schedule (R-REV-1) and expiry dates (R-REV-6). Pure: no database."""

import datetime as dt

import pytest

from planner import engine
from planner.engine import outcomes
from planner.engine.outcomes import CheckInFacts, Score, WindowWeek

START = dt.date(2026, 1, 5)  # a Monday
D = dt.date


def rows(*wms, start=START, repeats=()):
    """Plan rows: one per WM, step numbers advancing except where `repeats` (row indexes)
    repeat the step before (a hold)."""
    out, step = [], 0
    for i, wm in enumerate(wms):
        repeat = i in repeats
        step = step if repeat else step + 1
        out.append(engine.Step(step=step, weekly_minutes=wm, sessions=3, minutes_per_session=10,
                               mind_body_sessions=0, aerobic_minutes=wm, intensity="moderate",
                               strength_sessions=0, week=i + 1, repeat=repeat,
                               date=start + dt.timedelta(weeks=i)))
    return out


# --- weeks ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "number", "first_day"),
    [
        (D(2026, 1, 5), 1, D(2026, 1, 5)),
        (D(2026, 1, 11), 1, D(2026, 1, 5)),
        (D(2026, 1, 12), 2, D(2026, 1, 12)),
        (D(2026, 1, 26), 4, D(2026, 1, 26)),
        (D(2026, 2, 1), 4, D(2026, 1, 26)),
        (D(2026, 1, 4), 0, D(2025, 12, 29)),
    ],
)
def test_week_number_and_first_day(day, number, first_day):
    assert outcomes.week_number(START, day) == number
    assert outcomes.week_start_of(START, day) == first_day


def test_plan_week_starts_newest_first_up_to_this_week():
    weeks = outcomes.plan_week_starts(START, earliest=START, today=D(2026, 1, 21))
    assert weeks == [D(2026, 1, 19), D(2026, 1, 12), D(2026, 1, 5)]


def test_plan_week_starts_reach_back_to_an_earlier_plan_aligned_to_this_one():
    weeks = outcomes.plan_week_starts(START, earliest=D(2025, 12, 24), today=D(2026, 1, 6))
    assert weeks == [D(2026, 1, 5), D(2025, 12, 29), D(2025, 12, 22)]


def test_weeks_overlap():
    assert outcomes.weeks_overlap(D(2026, 1, 5), D(2026, 1, 11))
    assert not outcomes.weeks_overlap(D(2026, 1, 5), D(2026, 1, 12))


# --- planned minutes and steps -----------------------------------------------------------------


def test_planned_minutes_read_from_the_step():
    steps = rows(30, 40, 50, 50, 60)
    assert [outcomes.planned_minutes(steps, s) for s in (1, 2, 3, 4, 5)] == [30, 40, 50, 50, 60]


def test_a_step_past_the_printed_table_keeps_the_last_level():
    # R-PROG-5: "keep going at T minutes a week".
    assert outcomes.planned_minutes(rows(30, 40, 150), 9) == 150


def test_no_steps_means_no_planned_minutes():
    assert outcomes.planned_minutes([], 1) is None
    assert outcomes.planned_minutes(rows(30), None) is None


def test_a_repeated_step_plans_the_same_minutes():
    steps = rows(30, 40, 50, 50, 50, 50, repeats=(3, 4))  # step 3 held for 2 more weeks
    assert outcomes.step_numbers(steps) == [1, 2, 3, 4]
    assert outcomes.planned_minutes(steps, 3) == 50


def test_engine_step_clamps_to_the_printed_table():
    steps = rows(30, 40, 50)
    assert outcomes.engine_step(steps, 2) == 2
    assert outcomes.engine_step(steps, 7) == 3


def test_suggested_step_follows_the_revision_calendar_without_a_previous_week():
    steps = rows(30, 40, 50, 50)
    assert outcomes.suggest_plan_step(steps, D(2026, 1, 19)) == 3
    assert outcomes.suggest_plan_step(steps, D(2026, 3, 2)) == 4  # past the end: last step


def test_suggested_step_repeats_the_revisions_held_step():
    # Revision holds step 3 in weeks 4 and 5; last week (week 4) the client did step 3.
    steps = rows(30, 40, 50, 50, 50, 50, repeats=(3, 4))
    assert outcomes.suggest_plan_step(steps, D(2026, 2, 2), (D(2026, 1, 26), 3)) == 3
    assert outcomes.suggest_plan_step(steps, D(2026, 2, 9), (D(2026, 2, 2), 3)) == 4


def test_suggested_step_after_the_client_repeated_a_step_on_their_own():
    steps = rows(30, 40, 50, 50)
    # Week 3 was step 2 again (R-HOLD-1): week 4 is step 3, one week behind the calendar.
    assert outcomes.suggest_plan_step(steps, D(2026, 1, 26), (D(2026, 1, 19), 2)) == 3


def test_revision_in_force():
    effective = [(1, D(2026, 1, 5)), (2, D(2026, 1, 26))]
    assert outcomes.revision_in_force(effective, D(2026, 1, 19)) == 1
    assert outcomes.revision_in_force(effective, D(2026, 1, 26)) == 2
    # A revision saved mid-week governs that week.
    assert outcomes.revision_in_force(effective, D(2026, 1, 21)) == 2
    # Before the first revision took effect: the first.
    assert outcomes.revision_in_force(effective, D(2025, 12, 1)) == 1
    assert outcomes.revision_in_force([], START) is None


# --- adherence (R-REV-2) -------------------------------------------------------------------------


def facts(*weeks):
    return [
        CheckInFacts(week_start=START + dt.timedelta(weeks=n - 1), revision=1, plan_step=n,
                     planned=planned, completed=done)
        for n, planned, done in weeks
    ]


def test_the_window_is_the_three_weeks_before_the_review_week():
    assert outcomes.window_week_starts(D(2026, 1, 26), first_week=START) == [
        D(2026, 1, 5), D(2026, 1, 12), D(2026, 1, 19)]
    # Not before the first plan week: a review in week 2 looks at week 1 only.
    assert outcomes.window_week_starts(D(2026, 1, 12), first_week=START) == [D(2026, 1, 5)]
    assert outcomes.window_week_starts(START, first_week=START) == []


def test_adherence_is_completed_over_planned_minutes_of_the_window():
    window = outcomes.adherence_window(
        D(2026, 1, 26), facts((1, 30, 30), (2, 40, 25), (3, 50, 30)), first_week=START
    )
    assert [w.planned for w in window] == [30, 40, 50]
    assert [w.completed for w in window] == [30, 25, 30]
    assert outcomes.adherence_percent(window) == 70  # 85 / 120 = 70.8%, rounded down


def test_adherence_ignores_weeks_outside_the_window():
    window = outcomes.adherence_window(
        D(2026, 2, 2),
        facts((1, 30, 0), (2, 40, 40), (3, 50, 50), (4, 50, 50)),
        first_week=START,
    )
    assert [w.week_start for w in window] == [D(2026, 1, 12), D(2026, 1, 19), D(2026, 1, 26)]
    assert outcomes.adherence_percent(window) == 100


@pytest.mark.parametrize(
    ("planned", "completed", "percent"),
    [
        ((40, 40, 40), (30, 30, 29), 74),  # 74.2% is not 75%: rounded down
        ((40, 40, 40), (30, 30, 30), 75),
        ((40, 40, 40), (20, 20, 19), 49),
        ((40, 40, 40), (20, 20, 20), 50),
        ((30, 40, 50), (60, 80, 100), 200),  # more than planned counts as it is
        ((30, 40, 50), (0, 0, 0), 0),
    ],
)
def test_adherence_thresholds_round_down(planned, completed, percent):
    window = [WindowWeek(week_start=START, planned=p, completed=c, recorded=True)
              for p, c in zip(planned, completed, strict=True)]
    assert outcomes.adherence_percent(window) == percent


def test_a_week_without_a_check_in_is_reported_missing():
    window = outcomes.adherence_window(
        D(2026, 1, 26), facts((1, 30, 30), (3, 50, 50)), first_week=START
    )
    assert [w.recorded for w in window] == [True, False, True]


def test_a_check_in_a_few_days_off_the_calendar_still_counts():
    moved = [CheckInFacts(week_start=D(2026, 1, 21), revision=1, plan_step=3, planned=50,
                          completed=50)]
    window = outcomes.adherence_window(D(2026, 1, 26), moved, first_week=D(2026, 1, 19))
    assert window[-1].recorded and window[-1].completed == 50


def test_adherence_without_planned_minutes_is_an_engine_error():
    window = [WindowWeek(week_start=START, planned=None, completed=10, recorded=True)]
    with pytest.raises(engine.ReviewError):
        outcomes.adherence_percent(window)


# --- expiry and schedule (R-REV-1, R-REV-6) ------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expires"),
    [
        (D(2026, 1, 5), D(2027, 1, 5)),
        (D(2024, 2, 29), D(2025, 2, 28)),  # a leap day
        (D(2025, 12, 31), D(2026, 12, 31)),
    ],
)
def test_screening_and_clearance_expire_after_12_months(day, expires):
    assert outcomes.expiry_date(day) == expires


def test_add_months_clamps_to_the_months_end():
    assert outcomes.add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert outcomes.add_months(D(2026, 11, 30), 3) == D(2027, 2, 28)


def test_expiry_is_overdue_from_the_day_the_12_months_are_up():
    assert not outcomes.expiry_due(D(2025, 3, 1), D(2026, 2, 28)).overdue
    assert outcomes.expiry_due(D(2025, 3, 1), D(2026, 3, 1)).overdue
    assert outcomes.expiry_due(None, D(2026, 3, 1)).date is None


def test_next_review_after_a_review():
    points = [D(2026, 1, 26), D(2026, 2, 23), D(2026, 3, 23), D(2026, 6, 15), D(2026, 9, 7)]
    assert outcomes.next_review_after(points, D(2026, 1, 26)) == D(2026, 2, 23)
    assert outcomes.next_review_after(points, D(2026, 1, 20)) == D(2026, 1, 26)
    # Past the listed points (week 36): every 12 weeks (R-REV-1).
    assert outcomes.next_review_after(points, D(2026, 9, 7)) == D(2026, 11, 30)
    assert outcomes.next_review_after(points, D(2027, 1, 1)) == D(2027, 2, 22)
    assert outcomes.next_review_after([], D(2026, 1, 1)) is None


def test_review_point_dates_are_read_from_the_plan():
    plan = engine.Plan("test", review_weeks=(engine.ReviewPoint(8, D(2026, 2, 23)),
                                             engine.ReviewPoint(4, D(2026, 1, 26)),
                                             engine.ReviewPoint(12, None)))
    assert outcomes.review_point_dates(plan) == [D(2026, 1, 26), D(2026, 2, 23)]


def test_review_due_and_overdue():
    point = D(2026, 1, 26)
    assert outcomes.review_due(point, D(2026, 1, 25)) == outcomes.Due(point)
    assert outcomes.review_due(point, point) == outcomes.Due(point, due_now=True)
    # Overdue once the date has passed (as the client list marks it), due until the week ends.
    assert outcomes.review_due(point, D(2026, 1, 27)) == outcomes.Due(point, True, True)
    assert outcomes.review_due(point, D(2026, 2, 2)) == outcomes.Due(point, True, False)


def test_client_schedule_counts_clearance_only_when_obtained():
    today = D(2026, 6, 1)
    cleared = outcomes.client_schedule(next_review=None, screened_on=D(2025, 6, 1),
                                       clearance_status="obtained", cleared_on=D(2025, 5, 1),
                                       today=today)
    assert cleared.screening == outcomes.Due(D(2026, 6, 1), overdue=True)
    assert cleared.clearance == outcomes.Due(D(2026, 5, 1), overdue=True)
    assert cleared.anything_overdue
    pending = outcomes.client_schedule(next_review=None, screened_on=D(2026, 1, 1),
                                       clearance_status="pending", cleared_on=None, today=today)
    assert not pending.clearance_applies and pending.clearance.date is None
    assert not pending.anything_overdue


# --- scores --------------------------------------------------------------------------------------


def test_score_change_compares_the_reviews_score_with_the_one_before():
    scores = [Score(D(2025, 12, 20), 13, "assessment"), Score(D(2026, 1, 19), 12, "check-in"),
              Score(D(2026, 2, 16), 18, "check-in")]
    current, previous = outcomes.score_change(scores, since=D(2026, 2, 2))
    assert (current.total, previous.total) == (18, 12)
    current, previous = outcomes.score_change(scores, since=D(2026, 1, 5))
    assert (current.total, previous.total) == (18, 12)
    current, previous = outcomes.score_change(scores[:2], since=D(2026, 1, 5))
    assert (current.total, previous.total) == (12, 13)


def test_no_score_at_this_review():
    scores = [Score(D(2025, 12, 20), 13, "assessment")]
    assert outcomes.score_change(scores, since=D(2026, 1, 5)) == (None, None)
