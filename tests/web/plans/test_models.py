"""Model guards: saved revisions and assessments never change (quality.md R2, R3)."""

import pytest
from django.db import IntegrityError, transaction

from planner.models import AppendOnlyError, Intake, PlanRevision
from tests.support.factories import ClientFactory, IntakeFactory

pytestmark = pytest.mark.django_db

SNAPSHOT = {"engine_version": "test", "hard_stop": None, "mode": "BUILD", "steps": []}


def make_revision(intake, number=1, **extra):
    return PlanRevision.objects.create(
        plan=intake.client.plan,
        number=number,
        intake=intake,
        intake_data={"age": intake.age},
        snapshot=SNAPSHOT,
        engine_version="test",
        author=intake.author,
        **extra,
    )


def test_a_saved_revision_cannot_be_saved_again():
    revision = make_revision(IntakeFactory())
    revision.reason = "changed"
    with pytest.raises(AppendOnlyError):
        revision.save()
    revision.refresh_from_db()
    assert revision.reason == ""


def test_a_saved_revision_cannot_be_deleted():
    revision = make_revision(IntakeFactory())
    with pytest.raises(AppendOnlyError):
        revision.delete()
    assert PlanRevision.objects.filter(pk=revision.pk).exists()


def test_revisions_refuse_bulk_update_and_delete():
    revision = make_revision(IntakeFactory())
    with pytest.raises(AppendOnlyError):
        PlanRevision.objects.filter(pk=revision.pk).update(reason="x")
    with pytest.raises(AppendOnlyError):
        PlanRevision.objects.filter(pk=revision.pk).delete()
    with pytest.raises(AppendOnlyError):
        PlanRevision.objects.bulk_update([revision], ["reason"])


def test_revision_numbers_are_unique_per_plan_in_the_database():
    intake = IntakeFactory()
    make_revision(intake, number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_revision(intake, number=1)


def test_the_same_number_is_fine_on_another_plan():
    make_revision(IntakeFactory(), number=1)
    make_revision(IntakeFactory(), number=1)
    assert PlanRevision.objects.filter(number=1).count() == 2


def test_revision_numbers_start_at_one():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_revision(IntakeFactory(), number=0)


def test_a_saved_assessment_cannot_change_or_be_deleted():
    intake = IntakeFactory()
    intake.age = 30
    with pytest.raises(AppendOnlyError):
        intake.save()
    with pytest.raises(AppendOnlyError):
        intake.delete()
    with pytest.raises(AppendOnlyError):
        Intake.objects.filter(pk=intake.pk).update(age=31)


def test_erasing_a_client_removes_its_plan_assessments_and_revisions():
    # Erasure (S11) deletes the client; the database cascade removes everything under it while
    # the append-only guards still stop any change or delete of a single revision.
    intake = IntakeFactory()
    make_revision(intake)
    client = intake.client
    client.delete()
    assert not PlanRevision.objects.exists()
    assert not Intake.objects.exists()


def test_every_client_has_a_plan_starting_at_revision_zero():
    client = ClientFactory()
    assert client.plan.current_revision_number == 0
