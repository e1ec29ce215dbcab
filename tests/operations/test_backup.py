"""
Backup and the restore drill (R8): `manage.py backup OUT`, then restore OUT into a new database
and compare it with the original: the row count of every table and the latest revision of
every plan. Runs on the database the suite runs on (SQLite by default, PostgreSQL in CI).
"""

import json
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Max

from planner.models import AuditEvent, PlanRevision
from planner.services.audit import audit_record
from planner.services.plans import plan_revision_store
from tests.support.commands import TEST_SECRET_KEY, run_manage
from tests.support.factories import ClientFactory, ClinicianProfileFactory, IntakeFactory

# Committed data is what a backup sees: these tests commit for real (and flush afterwards).
pytestmark = pytest.mark.django_db(transaction=True)


def snapshot(client_name: str, number: int) -> dict:
    return {"engine_version": "test", "schema": 1, "client": client_name, "revision": number,
            "weeks": [{"week": w, "minutes": 10 * w, "note": "marche 🚶 — مشي"}
                      for w in range(1, 4)]}


def make_records() -> None:
    """Two clinicians with clients, assessments, plan revisions and an audit trail."""
    for n in range(2):
        clinician = ClinicianProfileFactory().user
        for m in range(3):
            client = ClientFactory(owner=clinician, display_name=f"Zoë {n}-{m} <b>")
            intake = IntakeFactory(client=client)
            for number in range(1, m + 2):  # 1, 2 and 3 revisions
                plan_revision_store(
                    intake=intake, snapshot=snapshot(client.display_name, number),
                    intake_data={"age": 29}, author=clinician,
                    base_revision=number - 1, reason="" if number == 1 else "review",
                    engine_version="test",
                )
            audit_record(actor=clinician, action="view", object_type="client",
                         object_id=client.pk)


def table_counts(cursor, tables) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - names from introspection
        counts[table] = cursor.fetchone()[0]
    return counts


def latest_revisions(cursor) -> dict[int, tuple[int, dict]]:
    cursor.execute(f"SELECT plan_id, number, snapshot FROM {PlanRevision._meta.db_table}")  # noqa: S608
    latest: dict[int, tuple[int, dict]] = {}
    for plan_id, number, data in cursor.fetchall():
        data = json.loads(data) if isinstance(data, str | bytes) else data
        if plan_id not in latest or number > latest[plan_id][0]:
            latest[plan_id] = (number, data)
    return latest


def original_state():
    tables = sorted(connection.introspection.django_table_names(only_existing=True))
    with connection.cursor() as cursor:
        counts = table_counts(cursor, tables)
    heads = dict(PlanRevision.objects.values("plan_id").annotate(n=Max("number"))
                 .values_list("plan_id", "n"))
    latest = {rev.plan_id: (rev.number, rev.snapshot) for rev in PlanRevision.objects.all()
              if heads[rev.plan_id] == rev.number}
    return tables, counts, latest


def check_drill(tables, counts, latest, restored_cursor):
    assert counts[PlanRevision._meta.db_table] == 12 and len(latest) == 6
    assert counts[AuditEvent._meta.db_table] > 0
    assert table_counts(restored_cursor, tables) == counts
    assert latest_revisions(restored_cursor) == latest


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite drill (PostgreSQL below)")
def test_sqlite_backup_restores_into_a_new_database(tmp_path):
    make_records()
    tables, counts, latest = original_state()
    out = tmp_path / "backup.sqlite3"
    call_command("backup", str(out))
    assert stat.S_IMODE(out.stat().st_mode) == 0o600  # health data: owner only

    # Restore: the file is a complete database; copy it where the app will use it.
    restored = tmp_path / "restored" / "db.sqlite3"
    restored.parent.mkdir()
    restored.write_bytes(out.read_bytes())
    db = sqlite3.connect(restored)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        check_drill(tables, counts, latest, db.cursor())
    finally:
        db.close()
    # The app accepts the restored file as its database: every migration is already applied.
    result = run_manage("migrate", "--check", env={
        "DJANGO_SECRET_KEY": TEST_SECRET_KEY, "DATABASE_URL": f"sqlite:///{restored}",
    })
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL drill (SQLite above)")
def test_postgresql_backup_restores_into_a_new_database(tmp_path):
    import psycopg

    make_records()
    tables, counts, latest = original_state()
    out = tmp_path / "backup.dump"
    call_command("backup", str(out))
    assert stat.S_IMODE(out.stat().st_mode) == 0o600

    params = connection.get_connection_params()
    restore_db = f"{params['dbname']}_restore"[:63]
    server = {k: v for k, v in params.items() if k in {"host", "port", "user", "password"}}
    admin = psycopg.connect(dbname="postgres", autocommit=True, **server)
    try:
        admin.execute(f'DROP DATABASE IF EXISTS "{restore_db}"')
        admin.execute(f'CREATE DATABASE "{restore_db}"')
        command = ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={restore_db}",
                   str(out)]
        for option, key in (("--host", "host"), ("--port", "port"), ("--username", "user")):
            if server.get(key):
                command.insert(1, f"{option}={server[key]}")
        env = {"PGPASSWORD": str(server["password"])} if server.get("password") else {}
        result = subprocess.run(command, capture_output=True, text=True, check=False,
                                env={"PATH": "/usr/bin:/bin", **env})
        assert result.returncode == 0, result.stderr
        with psycopg.connect(dbname=restore_db, **server) as restored:
            check_drill(tables, counts, latest, restored.cursor())
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{restore_db}" WITH (FORCE)')
        admin.close()


def test_backup_refuses_to_overwrite_a_file(tmp_path):
    out = tmp_path / "existing"
    out.write_text("keep me")
    with pytest.raises(CommandError, match="refusing to overwrite"):
        call_command("backup", str(out))
    assert out.read_text() == "keep me"


def test_backup_needs_an_existing_folder(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("backup", str(tmp_path / "no" / "such" / "backup"))
    assert not (tmp_path / "no").exists()


def test_the_restore_steps_are_documented():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for needle in ("manage.py backup", "VACUUM INTO", "pg_restore --clean --if-exists --no-owner"):
        assert needle in readme, needle
