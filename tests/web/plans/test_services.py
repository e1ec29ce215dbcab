"""Services: clients, assessments and revisions (numbering, conflicts, atomic saves, audit)."""

import contextlib
import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection

from planner.models import AuditEvent, Client, Intake, Plan, PlanRevision
from planner.services.clients import (
    ARCHIVED_CLIENT,
    ASSESSMENT_IN_FUTURE,
    UNKNOWN_CRISIS_REGION,
    client_create,
    client_update,
    intake_create,
)
from planner.services.plans import (
    REASON_REQUIRED,
    PlanConflict,
    plan_revision_store,
)
from tests.support.factories import C01_ANSWERS, ClientFactory, IntakeFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 1, 5)


def snapshot(**extra):
    return {
        "engine_version": "9.9.9",
        "hard_stop": None,
        "mode": "BUILD",
        "steps": [{"step": 1, "weekly_minutes": 30, "sessions": 3, "minutes_per_session": 10,
                   "mind_body_sessions": 0, "aerobic_minutes": 30, "intensity": "light",
                   "strength_sessions": 0}],
        "review_weeks": [
            {"week": 4, "date": "2026-02-02"},
            {"week": 8, "date": "2026-03-02"},
            {"week": 12, "date": "2026-03-30"},
        ],
        **extra,
    }


def store(intake, base_revision, reason="", **extra):
    return plan_revision_store(
        intake=intake,
        snapshot=extra.pop("snapshot", snapshot()),
        intake_data={"age": intake.age},
        author=intake.author,
        base_revision=base_revision,
        reason=reason,
        today=extra.pop("today", TODAY),
        **extra,
    )


# --- clients ----------------------------------------------------------------------------------


def test_client_create_makes_an_empty_plan_and_audits(clinician):
    client = client_create(owner=clinician, display_name="Ana")
    assert client.owner == clinician
    assert client.crisis_region == "US"
    assert client.plan.current_revision_number == 0
    event = AuditEvent.objects.get(object_type="client", object_id=str(client.pk))
    assert event.action == AuditEvent.Action.CREATE and event.actor_id == clinician.pk


def test_client_create_refuses_a_region_without_crisis_resources(clinician):
    with pytest.raises(ValidationError) as error:
        client_create(owner=clinician, display_name="Ana", crisis_region="ZZ")
    assert error.value.message_dict["crisis_region"] == [str(UNKNOWN_CRISIS_REGION)]
    assert not Client.objects.exists()


def test_client_create_validates_the_name(clinician):
    with pytest.raises(ValidationError):
        client_create(owner=clinician, display_name="")
    assert not Client.objects.exists() and not Plan.objects.exists()


def test_client_update_changes_and_audits_field_names_not_values(clinician):
    client = client_create(owner=clinician, display_name="Ana")
    client_update(client=client, actor=clinician, display_name="Ana B", notes="secret")
    client.refresh_from_db()
    assert client.display_name == "Ana B"
    event = AuditEvent.objects.get(action=AuditEvent.Action.CHANGE, object_type="client")
    assert event.detail == "fields=display_name,notes"
    assert "secret" not in event.detail and "Ana" not in event.detail


def test_client_update_rejects_unknown_fields(clinician):
    client = client_create(owner=clinician, display_name="Ana")
    with pytest.raises(TypeError):
        client_update(client=client, actor=clinician, owner=clinician)


# --- assessments ------------------------------------------------------------------------------


def test_intake_create_copies_the_region_and_consent_from_the_client(clinician):
    client = ClientFactory(owner=clinician, show_conditions_on_handout=True)
    intake = intake_create(client=client, author=clinician, **C01_ANSWERS)
    assert intake.crisis_region == "US" and intake.show_conditions_on_handout is True
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.CREATE, object_type="intake", object_id=str(intake.pk)
    ).exists()


def test_intake_create_moves_the_client_up_the_list(clinician):
    client = ClientFactory(owner=clinician)
    before = client.last_activity
    intake_create(client=client, author=clinician, **C01_ANSWERS)
    client.refresh_from_db()
    assert client.last_activity > before


def test_intake_create_refuses_a_future_assessment_date(clinician):
    client = ClientFactory(owner=clinician)
    answers = {**C01_ANSWERS, "assessed_date": dt.date.today() + dt.timedelta(days=2)}
    with pytest.raises(ValidationError) as error:
        intake_create(client=client, author=clinician, **answers)
    assert error.value.message_dict["assessed_date"] == [str(ASSESSMENT_IN_FUTURE)]
    assert not Intake.objects.exists()


def test_intake_create_checks_ranges(clinician):
    client = ClientFactory(owner=clinician)
    with pytest.raises(ValidationError) as error:
        intake_create(client=client, author=clinician, **{**C01_ANSWERS, "age": 111})
    assert "age" in error.value.message_dict


def test_intake_create_refuses_unknown_list_values(clinician):
    client = ClientFactory(owner=clinician)
    with pytest.raises(ValidationError) as error:
        intake_create(client=client, author=clinician, **{**C01_ANSWERS, "barriers": ["weather"]})
    assert "barriers" in error.value.message_dict


def test_intake_create_refuses_an_archived_client(clinician):
    client = ClientFactory(owner=clinician, archived=True)
    with pytest.raises(ValidationError) as error:
        intake_create(client=client, author=clinician, **C01_ANSWERS)
    assert error.value.messages == [str(ARCHIVED_CLIENT)]


# --- revisions --------------------------------------------------------------------------------


def test_the_first_save_is_revision_one_and_moves_the_plan():
    intake = IntakeFactory()
    revision = store(intake, base_revision=0)
    plan = Plan.objects.get(client=intake.client)
    assert revision.number == 1 and revision.based_on_number is None
    assert plan.current_revision_number == 1
    assert revision.engine_version == "9.9.9" and revision.schema_version == 1
    assert revision.mode == "BUILD" and revision.hard_stop == ""
    assert plan.next_review_date == dt.date(2026, 2, 2)
    assert plan.start_date == TODAY


def test_numbers_are_contiguous_and_record_what_they_were_based_on():
    intake = IntakeFactory()
    for number in range(1, 5):
        revision = store(intake, base_revision=number - 1, reason="review")
        assert revision.number == number
        assert revision.based_on_number == (number - 1 or None)
    assert list(
        PlanRevision.objects.filter(plan__client=intake.client).values_list("number", flat=True)
    ) == [4, 3, 2, 1]


def test_a_reason_is_required_after_the_first_revision():
    intake = IntakeFactory()
    store(intake, base_revision=0)
    with pytest.raises(ValidationError) as error:
        store(intake, base_revision=1, reason="   ")
    assert error.value.message_dict["reason"] == [str(REASON_REQUIRED)]
    assert intake.client.plan.revisions.count() == 1


def test_a_stale_base_revision_is_a_conflict_and_saves_nothing():
    intake = IntakeFactory()
    store(intake, base_revision=0)
    store(intake, base_revision=1, reason="first tab")
    with pytest.raises(PlanConflict) as conflict:
        store(intake, base_revision=1, reason="second tab")
    assert conflict.value.current_revision == 2 and conflict.value.base_revision == 1
    assert intake.client.plan.revisions.count() == 2


@contextlib.contextmanager
def database_refuses(model, operation):
    """Make the database itself refuse every `operation` ("INSERT" or "UPDATE") on `model`'s
    table with a trigger, as a full disk or a lost connection would: a real failure, not a mock.
    The trigger goes when the test's transaction rolls back, and is dropped here anyway."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION refuse_write_for_test() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'refused by test trigger'; END $$"
            )
            cursor.execute(
                f"CREATE TRIGGER refuse_write_for_test BEFORE {operation} ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION refuse_write_for_test()"
            )
        else:
            cursor.execute(
                f"CREATE TRIGGER refuse_write_for_test BEFORE {operation} ON {table} "
                "BEGIN SELECT RAISE(ABORT, 'refused by test trigger'); END"
            )
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS refuse_write_for_test ON {table}")
                cursor.execute("DROP FUNCTION IF EXISTS refuse_write_for_test()")
            else:
                cursor.execute("DROP TRIGGER IF EXISTS refuse_write_for_test")


@pytest.mark.parametrize(
    ("model", "operation"),
    [
        (Plan, "UPDATE"),  # the second write: the revision row is already in
        (AuditEvent, "INSERT"),  # the last write: revision, plan and client are already written
    ],
    ids=["plan-update", "audit-insert"],
)
def test_a_failure_mid_save_leaves_no_revision_and_no_counter_change(model, operation):
    intake = IntakeFactory()
    client = intake.client
    last_activity = Client.objects.get(pk=client.pk).last_activity
    audit_events = AuditEvent.objects.count()
    with database_refuses(model, operation):
        with pytest.raises(DatabaseError, match="refused by test trigger"):
            store(intake, base_revision=0)
    plan = Plan.objects.get(client=client)
    assert plan.current_revision_number == 0
    assert plan.next_review_date is None and plan.start_date is None
    assert not PlanRevision.objects.exists()
    assert Client.objects.get(pk=client.pk).last_activity == last_activity
    assert AuditEvent.objects.count() == audit_events
    # the same save goes through once the database accepts writes again
    assert store(intake, base_revision=0).number == 1


def test_a_hard_stop_is_saved_with_no_steps_and_no_review_date():
    intake = IntakeFactory()
    revision = store(
        intake,
        base_revision=0,
        snapshot={"engine_version": "9.9.9", "hard_stop": "CRISIS", "steps": []},
    )
    plan = Plan.objects.get(client=intake.client)
    assert revision.hard_stop == "CRISIS" and revision.steps == ()
    assert plan.current_revision_number == 1 and plan.next_review_date is None


def test_the_next_review_date_is_the_first_on_or_after_the_save():
    intake = IntakeFactory()
    store(intake, base_revision=0, today=dt.date(2026, 2, 10))
    assert Plan.objects.get(client=intake.client).next_review_date == dt.date(2026, 3, 2)


def test_saving_a_revision_is_audited_without_health_values():
    intake = IntakeFactory()
    revision = store(intake, base_revision=0)
    event = AuditEvent.objects.get(object_type="plan_revision", object_id=str(revision.pk))
    assert event.action == AuditEvent.Action.CREATE
    assert event.actor_id == intake.author_id
    assert event.detail == f"plan={revision.plan_id} number=1"


def test_an_assessment_of_another_client_goes_to_that_clients_plan():
    # The plan is always the intake's own client's: a revision can never cross clients.
    first, second = IntakeFactory(), IntakeFactory()
    revision = store(second, base_revision=0)
    assert revision.plan.client == second.client
    assert first.client.plan.current_revision_number == 0
