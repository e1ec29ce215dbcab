"""
The indexes the list and detail pages need exist in the real database (quality.md P4, P5),
read back from the database itself, not from the models' Meta.

Each entry is a table and the leading columns of an index (or unique constraint) that serves a
page's filter and order; `unique` says the database must also enforce it.
"""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

NEEDED = [
    # The client list: WHERE owner, archived ORDER BY last_activity DESC.
    ("planner_client", ("owner_id", "archived", "last_activity"), False),
    # One plan per client (every client page joins it).
    ("planner_plan", ("client_id",), True),
    # A revision by its number, the history newest first; numbers unique per plan (R2).
    ("planner_planrevision", ("plan_id", "number"), True),
    # Each listed assessment's revision count.
    ("planner_planrevision", ("intake_id",), False),
    # The latest assessment of a client (client list, schedules, client page).
    ("planner_intake", ("client_id", "assessed_date"), False),
    # The check-in list newest week first; one check-in a week.
    ("planner_checkin", ("client_id", "week_start"), True),
    # The reviews of a client, newest first.
    ("planner_review", ("client_id", "review_date"), False),
    # Gates and release of the revisions on a history page.
    ("planner_gateattestation", ("revision_id", "gate"), True),
    ("planner_release", ("revision_id",), True),
    ("planner_releaseddocument", ("release_id",), False),
    # The activity page: WHERE actor ORDER BY created DESC; failed logins by object.
    ("planner_auditevent", ("actor_id", "created"), False),
    ("planner_auditevent", ("object_type", "object_id"), False),
]


def indexes(table: str) -> list[dict]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    return [c for c in found.values() if c["index"] or c["unique"] or c["primary_key"]]


@pytest.mark.parametrize(("table", "columns", "unique"), NEEDED,
                         ids=[f"{t}({','.join(c)})" for t, c, _u in NEEDED])
def test_the_database_has_the_index_a_page_needs(table, columns, unique):
    candidates = [
        c for c in indexes(table) if tuple(c["columns"][: len(columns)]) == columns
    ]
    assert candidates, f"{table}: no index starting with {columns}; has " + str(
        [c["columns"] for c in indexes(table)]
    )
    if unique:
        assert any(
            c["unique"] and tuple(c["columns"]) == columns for c in candidates
        ), f"{table}{columns} is not unique in the database"


def test_the_check_works_on_this_database():
    # The lookup above must be able to fail: a column list no index has is not found.
    assert not [c for c in indexes("planner_client") if c["columns"][:1] == ["notes"]]
    assert indexes("planner_planrevision"), "introspection returned no indexes at all"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's EXPLAIN QUERY PLAN")
def test_the_client_list_reads_its_page_in_index_order_on_sqlite(clinician):
    # Without the partial index client_active_activity, SQLite sorted every client of the
    # clinician (with four subqueries each) to show 25: "USE TEMP B-TREE FOR ORDER BY".
    from planner import selectors

    rows = selectors.client_list(clinician).paginator.object_list[:25]
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = cursor.fetchall()
    top_level = [detail for _id, parent, _unused, detail in plan if parent == 0]
    assert any("client_active_activity" in step for step in top_level), plan
    assert not any("TEMP B-TREE FOR ORDER BY" in step for step in top_level), plan


def _postgres_plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL's EXPLAIN")
def test_a_long_history_is_read_in_index_order_on_postgresql(clinician):
    # With the revisions filtered through the client (plan__client=...), PostgreSQL read all of a
    # plan's revisions, with their snapshots' gates, and sorted them to show 25: 32 ms for a plan
    # of 1,000. By plan_id it walks the (plan, number) index backwards and stops at the page,
    # given statistics: generate_scale_data ANALYZEs what it wrote (without, this fails too).
    from planner import selectors
    from planner.demo.scale import generate_scale_data
    from planner.models import Client

    made = generate_scale_data(owner=clinician, clients=40, revisions=4000, heavy=1500)
    client = Client.objects.select_related("plan").get(pk=made.heavy_client_id)
    history = selectors.plan_history_page(clinician, client).paginator.object_list
    for rows in (history[:25], selectors.plan_revision_list(clinician, client)[:20]):
        plan = _postgres_plan(rows)
        assert "Index Scan Backward" in plan and "planner_planrevision" in plan, plan
        assert "Sort" not in plan, plan
