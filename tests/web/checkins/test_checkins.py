"""Check-ins: validation with clear errors, the week-to-step mapping (holds visible), the
revision a week was planned under, and the audit trail (ids only)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from planner.models import AuditEvent, CheckIn
from planner.models.checkins import (
    MINUTES_WITHOUT_SESSIONS,
    PHQ9_ITEM9_ABOVE_TOTAL,
    PHQ9_ITEM9_REQUIRED,
    PHQ9_ITEM9_WITHOUT_TOTAL,
)
from planner.services import checkins as service
from planner.services.checkins import checkin_create, checkin_update
from tests.support.progress import START, plan_started, record, review_at, week

pytestmark = pytest.mark.django_db


def errors_of(excinfo) -> dict:
    return {field: [str(m) for m in messages] for field, messages in
            excinfo.value.message_dict.items()}


@pytest.fixture
def started():
    client, revision = plan_started()
    return client, revision


def test_a_check_in_records_the_week_and_its_step(started):
    client, revision = started
    checkin = record(client, 1, 25, poor_sleep_nights=3, mood_before=4, mood_after=6,
                     notes="Walked with a friend.")
    checkin.refresh_from_db()
    assert (checkin.week_start, checkin.plan_step, checkin.minutes_completed) == (START, 1, 25)
    assert checkin.revision == revision
    assert checkin.author == client.owner


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        ({"phq9_total": 12}, "phq9_item9", PHQ9_ITEM9_REQUIRED),
        ({"phq9_item9": 1}, "phq9_total", PHQ9_ITEM9_WITHOUT_TOTAL),
        ({"phq9_total": 2, "phq9_item9": 3}, "phq9_item9", PHQ9_ITEM9_ABOVE_TOTAL),
        ({"sessions_completed": 0}, "sessions_completed", MINUTES_WITHOUT_SESSIONS),
    ],
)
def test_score_and_count_rules_have_clear_errors(started, answers, field, message):
    client, _revision = started
    with pytest.raises(ValidationError) as excinfo:
        record(client, 1, 30, **answers)
    assert errors_of(excinfo)[field] == [str(message)]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("minutes_completed", 1501),
        ("sessions_completed", 22),
        ("strength_sessions", 8),
        ("poor_sleep_nights", 8),
        ("mood_before", 11),
        ("mood_after", 11),
        ("phq9_total", 28),
        ("gad7_total", 22),
        ("adverse_event", "fainted"),
        ("notes", "x" * 1001),
    ],
)
def test_every_number_has_a_range_and_text_a_length(started, field, value):
    client, _revision = started
    answers = {"minutes_completed": 30, field: value}
    minutes = answers.pop("minutes_completed")
    with pytest.raises(ValidationError) as excinfo:
        record(client, 1, minutes, **answers)
    assert field in excinfo.value.message_dict


def test_one_check_in_a_week(started):
    client, _revision = started
    record(client, 2, 30)
    with pytest.raises(ValidationError) as excinfo:
        record(client, 2, 40)
    assert "week_start" in excinfo.value.message_dict
    # A week that overlaps a recorded one (a different start day) is refused too.
    with pytest.raises(ValidationError):
        checkin_create(client=client, author=client.owner, week_start=week(2) + dt.timedelta(3),
                       plan_step=2, minutes_completed=30, sessions_completed=3,
                       today=week(4))
    assert CheckIn.objects.filter(client=client).count() == 1


def test_a_week_that_has_not_started_is_refused(started):
    client, _revision = started
    with pytest.raises(ValidationError) as excinfo:
        record(client, 3, 30, today=week(2) + dt.timedelta(6))
    assert errors_of(excinfo)["week_start"] == [str(service.WEEK_IN_FUTURE)]


def test_the_step_must_be_in_the_plan(started):
    client, _revision = started
    with pytest.raises(ValidationError) as excinfo:
        record(client, 1, 30, step=0)
    assert "plan_step" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        checkin_create(client=client, author=client.owner, week_start=START, plan_step=None,
                       minutes_completed=30, sessions_completed=3, today=week(2))
    assert errors_of(excinfo)["plan_step"] == [str(service.STEP_REQUIRED)]
    # Past the printed table is allowed: the plan stays at its last level (R-PROG-5).
    assert record(client, 1, 30, step=20).plan_step == 20


def test_a_repeated_step_is_visible_in_the_check_ins(started):
    # R-HOLD-1: the client did less than half, so week 3 repeats step 2. The revision is not
    # touched: the mapping lives in the check-ins.
    client, revision = started
    record(client, 1, 30)
    record(client, 2, 10, step=2)
    record(client, 3, 40, step=2)
    steps = list(CheckIn.objects.filter(client=client).order_by("week_start")
                 .values_list("plan_step", flat=True))
    assert steps == [1, 2, 2]
    revision.refresh_from_db()
    assert [r.step for r in revision.steps[:3]] == [1, 2, 3]


def test_weeks_after_a_review_revision_are_planned_under_it(started):
    from planner.services.reviews import review_decide

    client, _revision = started
    for n, minutes in ((1, 30), (2, 25), (3, 30)):
        record(client, n, minutes)
    review = review_at(client, 4)
    decision = review_decide(review=review, author=client.owner, accept=True, today=week(4))
    assert decision.resulting_revision.number == 2
    after = record(client, 4, 50, step=3)
    assert after.revision.number == 2
    assert CheckIn.objects.get(client=client, week_start=week(3)).revision.number == 1


def test_no_check_in_without_a_saved_plan():
    from tests.support.factories import ClientFactory

    client = ClientFactory()
    with pytest.raises(ValidationError) as excinfo:
        checkin_create(client=client, author=client.owner, week_start=START, plan_step=1,
                       minutes_completed=30, sessions_completed=3, today=week(2))
    assert excinfo.value.messages == [str(service.NO_PLAN)]


def test_no_check_in_for_an_archived_client(started):
    client, _revision = started
    client.archived = True
    with pytest.raises(ValidationError):
        record(client, 1, 30)


def test_audit_rows_hold_ids_not_health_values(started):
    client, _revision = started
    checkin = record(client, 1, 37, notes="private note", phq9_total=14, phq9_item9=1)
    event = AuditEvent.objects.get(object_type="checkin", object_id=str(checkin.pk))
    assert event.action == AuditEvent.Action.CREATE
    assert event.detail == f"client={client.pk}"
    checkin_update(checkin=checkin, actor=client.owner, minutes_completed=41, notes="changed",
                   today=week(3))
    change = AuditEvent.objects.get(object_type="checkin", action=AuditEvent.Action.CHANGE)
    # Exact equality is the proof: the rows name the client id and the changed
    # field names, never the minutes (37, 41), the note or the PHQ-9 total. A
    # substring check for "41" would fail whenever the client id contains it.
    assert change.detail == "fields=minutes_completed,notes"


def test_a_correction_is_validated_like_a_new_check_in(started):
    client, _revision = started
    first = record(client, 1, 30)
    record(client, 2, 30)
    with pytest.raises(ValidationError):
        checkin_update(checkin=first, actor=client.owner, week_start=week(2), today=week(3))
    first.refresh_from_db()
    assert first.week_start == week(1)


def test_unknown_fields_are_a_programming_error(started):
    client, _revision = started
    with pytest.raises(TypeError):
        checkin_create(client=client, author=client.owner, week_start=START, plan_step=1,
                       minutes_completed=30, sessions_completed=3, mood="great")
