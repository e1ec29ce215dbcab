"""
`python manage.py backup OUT`: a consistent copy of the whole database in one file.

SQLite: `VACUUM INTO`, a complete, compacted database file taken in one read transaction, so
it is consistent while the app keeps running (WAL). PostgreSQL: `pg_dump --format=custom`,
restored with pg_restore. README.md ("Backup and restore") has the restore steps; the restore
drill in tests/operations/test_backup.py restores a backup and compares it with the original.

The file holds health data: it is created readable by its owner only, and an existing file is
never overwritten.
"""

import os
import shutil
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections


class Command(BaseCommand):
    help = "Write a consistent backup of the database to OUT (SQLite: VACUUM INTO; PostgreSQL: "
    "pg_dump custom format). Refuses to overwrite an existing file."

    def add_arguments(self, parser):
        parser.add_argument("out", help="The backup file to create (must not exist yet).")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS,
                            help="The database alias to back up (default: %(default)s).")

    def handle(self, *args, out, database, **options):
        target = Path(out).expanduser().resolve()
        if target.exists():
            raise CommandError(f"{target} exists; refusing to overwrite it. Choose a new name.")
        if not target.parent.is_dir():
            raise CommandError(f"The folder {target.parent} does not exist.")
        connection = connections[database]
        previous_umask = os.umask(0o077)  # owner-only: the copy is as sensitive as the database
        try:
            if connection.vendor == "sqlite":
                self._sqlite(connection, target)
            elif connection.vendor == "postgresql":
                self._postgresql(connection, target)
            else:
                raise CommandError(f"No backup method for the {connection.vendor} database.")
        finally:
            os.umask(previous_umask)
        size = target.stat().st_size
        self.stdout.write(self.style.SUCCESS(f"Backed up {connection.vendor} to {target} "
                                             f"({size:,} bytes)."))

    def _sqlite(self, connection, target: Path) -> None:
        connection.ensure_connection()
        if connection.in_atomic_block:
            raise CommandError("VACUUM INTO cannot run inside a transaction.")
        try:
            with connection.cursor() as cursor:
                cursor.execute("VACUUM INTO %s", [str(target)])
        except Exception as exc:
            target.unlink(missing_ok=True)
            raise CommandError(f"SQLite backup failed: {exc}") from exc

    def _postgresql(self, connection, target: Path) -> None:
        pg_dump = shutil.which("pg_dump")
        if pg_dump is None:
            raise CommandError("pg_dump is not installed (Debian: apt-get install "
                               "postgresql-client).")
        params = connection.get_connection_params()
        command = [pg_dump, "--format=custom", "--no-password", f"--file={target}"]
        env = {**os.environ}
        for option, key in (("--host", "host"), ("--port", "port"), ("--username", "user")):
            if params.get(key):
                command.append(f"{option}={params[key]}")
        if params.get("password"):
            env["PGPASSWORD"] = str(params["password"])
        command.append(f"--dbname={params.get('dbname') or connection.settings_dict['NAME']}")
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode != 0:
            target.unlink(missing_ok=True)
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
