"""
PlanRevision.start_date: the snapshot's start date copied into a column when a revision is
saved (and by migration 0006 for older rows), so the progress pages learn when each revision
took effect without reading every snapshot. Rows without it (bulk loads) still work.
"""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from planner import selectors
from planner.models import PlanRevision
from tests.support.revisions import CRISIS_ANSWERS, SNAPSHOT, add_revisions, make_revision

pytestmark = pytest.mark.django_db

MIGRATION = "0006_revision_start_date_list_indexes"


def test_saving_a_revision_copies_the_start_date_of_its_snapshot(clinician):
    revision = make_revision(clinician)
    assert revision.snapshot["start_date"]  # the engine dates week 1
    stored = PlanRevision.objects.get(pk=revision.pk)
    assert stored.start_date == dt.date.fromisoformat(revision.snapshot["start_date"])


def test_a_hard_stop_has_no_start_date(clinician):
    revision = make_revision(clinician, **CRISIS_ANSWERS)
    assert revision.hard_stop and not revision.snapshot.get("start_date")
    assert PlanRevision.objects.get(pk=revision.pk).start_date is None


def _blank_start_dates(pks):
    # Raw SQL: the app's queryset refuses updates to revisions (they are append-only).
    table = PlanRevision._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET start_date = NULL WHERE id IN ({','.join(['%s'] * len(pks))})",  # noqa: S608
            list(pks),
        )


def test_the_migration_fills_the_column_from_older_snapshots(clinician):
    revision = make_revision(clinician)
    moved = add_revisions(revision.intake, 1, snapshot={**SNAPSHOT, "start_date": "2026-03-02"})[0]
    _blank_start_dates([revision.pk, moved.pk])
    assert not PlanRevision.objects.filter(start_date__isnull=False).exists()

    migration = importlib.import_module(f"planner.migrations.{MIGRATION}")
    apps = MigrationLoader(connection).project_state(("planner", MIGRATION)).apps
    migration.copy_start_dates(apps, None)

    dates = dict(PlanRevision.objects.values_list("number", "start_date"))
    assert dates == {
        1: dt.date.fromisoformat(revision.snapshot["start_date"]),
        2: dt.date(2026, 3, 2),
    }


def test_effective_dates_read_the_snapshot_where_the_column_is_empty(clinician):
    revision = make_revision(clinician)
    # Revision 2 starts the plan again on 2 March 2026, before the day it is saved: it takes
    # effect on its start date. add_revisions writes rows directly, without the column.
    add_revisions(revision.intake, 1, snapshot={**SNAPSHOT, "start_date": "2026-03-02"})
    client = revision.plan.client
    assert PlanRevision.objects.get(plan__client=client, number=2).start_date is None
    from_snapshot = selectors.revision_effective_dates(client.owner, client)
    assert from_snapshot[1] == (2, dt.date(2026, 3, 2))

    migration = importlib.import_module(f"planner.migrations.{MIGRATION}")
    migration.copy_start_dates(MigrationLoader(connection).project_state(
        ("planner", MIGRATION)).apps, None)
    assert PlanRevision.objects.get(plan__client=client, number=2).start_date
    assert selectors.revision_effective_dates(client.owner, client) == from_snapshot
