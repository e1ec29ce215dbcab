"""
`make bench` (issue 11): measure the app against quality.md P1-P6 on this machine, print one
table and write docs/benchmarks.md.

    .venv/bin/python -m bench.run

In this process: the machine's description, the engine (planner/engine/bench.py, pinned to one
core) and the handout renderer against a minimal reportlab document. Then, per database, a
child process (bench/phase.py) with its own settings: SQLite in var/bench/, PostgreSQL in a
throwaway database on 127.0.0.1:5432 (user postgres), created here and dropped afterwards.

Environment (defaults are the issue's sizes; about 10-15 minutes on 2 cores):
  BENCH_SECONDS=5        seconds of load per page (after a 1 s warm-up)
  BENCH_CLIENTS=10000    BENCH_REVISIONS=100000    BENCH_HEAVY=1000   the large data set
  BENCH_WORKERS=3        gunicorn workers
  BENCH_DATABASES=sqlite,postgres
  BENCH_POSTGRES=postgres://postgres@127.0.0.1:5432
  BENCH_OUTPUT=docs/benchmarks.md
"""

from __future__ import annotations

import io
import json
import os
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
WORK_DIR = BASE_DIR / "var" / "bench"


def setting(name: str, default: str) -> str:
    return os.environ.get(name, default)


def bench_env() -> dict[str, str]:
    """Production settings (DEBUG off, a fresh secret, no .env) on plain loopback HTTP."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_ENV_FILE": "",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(BASE_DIR),
    }


def measure_engine(seconds: float) -> dict:
    """planner/engine/bench.py's build_plan rate, this process pinned to one core."""
    from planner.engine import bench as engine_bench

    cpus = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(cpus)})
    try:
        wall, cpu = engine_bench.measure(seconds)
    finally:
        os.sched_setaffinity(0, cpus)
    return {"wall_per_s": wall, "cpu_per_s": cpu}


def _full_plan():
    from planner.engine import bench as engine_bench
    from planner.engine import build_plan, parse_intake

    for data in engine_bench.sample_intakes(200):
        plan = build_plan(parse_intake(data), today=engine_bench.TODAY)
        if not plan.hard_stop and plan.steps and not plan.gates:
            return plan
    raise RuntimeError("no full plan among the sample intakes")


def measure_handout(seconds: float) -> dict:
    """Median and p95 of the handout (a full plan) and of a minimal one-page reportlab
    document, rendered alternately so both see the same machine."""
    import datetime as dt

    from pypdf import PdfReader
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from planner import handout

    plan = _full_plan()
    header = handout.HandoutHeader(
        clinic="Benchmark Clinic", clinician_name="Bench Clinician",
        clinician_contact="bench@example.org", client_display_name="Client",
        revision_number=1, revision_date=dt.date(2026, 1, 5),
        plan_start_date=dt.date(2026, 1, 5), paper="A4", large_print=False, draft=True,
    )
    style = getSampleStyleSheet()["Normal"]

    def minimal() -> bytes:
        buffer = io.BytesIO()
        SimpleDocTemplate(buffer, pagesize=A4).build([Paragraph("Hello.", style)])
        return buffer.getvalue()

    def full() -> bytes:
        return handout.render_handout(plan, header)

    pages = len(PdfReader(io.BytesIO(full())).pages)
    minimal()
    times: dict[str, list[float]] = {"handout": [], "minimal": []}
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline or len(times["handout"]) < 30:
        for name, render in (("handout", full), ("minimal", minimal)):
            started = time.perf_counter()
            render()
            times[name].append((time.perf_counter() - started) * 1000)
    from bench.load import percentile

    return {
        name: {"median_ms": statistics.median(values), "p95_ms": percentile(values, 95),
               "renders": len(values)}
        for name, values in times.items()
    } | {"handout_pages": pages}


def create_postgres_database(base_url: str) -> tuple[str | None, str]:
    """Create a throwaway database; return (its URL, "") or (None, why not)."""
    import psycopg

    name = f"planner_bench_{os.getpid()}"
    try:
        with psycopg.connect(f"{base_url}/postgres", autocommit=True, connect_timeout=5) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}"')
            db.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as error:
        return None, f"PostgreSQL at {base_url} not usable: {error}".strip()
    return f"{base_url}/{name}", ""


def drop_postgres_database(base_url: str, url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(f"{base_url}/postgres", autocommit=True, connect_timeout=5) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_phase(label: str, database_url: str, env: dict[str, str]) -> dict:
    out = WORK_DIR / f"phase-{label}.json"
    out.unlink(missing_ok=True)
    command = [
        sys.executable, "-m", "bench.phase", "--label", label, "--out", str(out),
        "--log-dir", str(WORK_DIR),
        "--seconds", setting("BENCH_SECONDS", "5"),
        "--workers", setting("BENCH_WORKERS", "3"),
        "--clients", setting("BENCH_CLIENTS", "10000"),
        "--revisions", setting("BENCH_REVISIONS", "100000"),
        "--heavy", setting("BENCH_HEAVY", "1000"),
    ]
    subprocess.run(command, cwd=BASE_DIR, env={**env, "DATABASE_URL": database_url},  # noqa: S603
                   check=True, timeout=3600)
    return json.loads(out.read_text())


def write_report(results: dict) -> str:
    from bench import report

    table = report.table(results)
    output = BASE_DIR / setting("BENCH_OUTPUT", "docs/benchmarks.md")
    output.write_text(report.document(results, table))
    return table


def main() -> int:
    from bench import load, machine, report

    if sys.argv[1:] == ["--report-only"]:
        # Rewrite docs/benchmarks.md from the last run's figures (after editing bench/report.py).
        print(write_report(json.loads((WORK_DIR / "results.json").read_text())))
        return 0

    if not load.wrk_available():
        print("make bench needs wrk (Debian package 'wrk'): apt-get install wrk", file=sys.stderr)
        return 2
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    env = bench_env()
    seconds = float(setting("BENCH_SECONDS", "5"))
    results: dict = {"machine": machine.describe(), "settings": {
        k: setting(k, d) for k, d in (("BENCH_SECONDS", "5"), ("BENCH_WORKERS", "3"),
                                      ("BENCH_CLIENTS", "10000"), ("BENCH_REVISIONS", "100000"),
                                      ("BENCH_HEAVY", "1000"))}}
    print("engine ...", file=sys.stderr, flush=True)
    results["engine"] = measure_engine(min(seconds, 3))
    print("handout ...", file=sys.stderr, flush=True)
    results["handout"] = measure_handout(seconds)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],  # noqa: S603
                   cwd=BASE_DIR, check=True,
                   env={**env, "DATABASE_URL": f"sqlite:///{WORK_DIR / 'static.sqlite3'}"})

    results["databases"] = {}
    for label in [d.strip() for d in setting("BENCH_DATABASES", "sqlite,postgres").split(",")]:
        if label == "sqlite":
            path = WORK_DIR / "bench.sqlite3"
            for stale in WORK_DIR.glob("bench.sqlite3*"):
                stale.unlink()
            try:
                results["databases"]["SQLite"] = run_phase(label, f"sqlite:///{path}", env)
            finally:
                for stale in WORK_DIR.glob("bench.sqlite3*"):
                    stale.unlink()
        elif label == "postgres":
            base_url = setting("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
            url, why_not = create_postgres_database(base_url)
            if url is None:
                results["databases"]["PostgreSQL"] = {"skipped": why_not}
                continue
            try:
                results["databases"]["PostgreSQL"] = run_phase(label, url, env)
            finally:
                drop_postgres_database(base_url, url)
    results["machine"]["load_after"] = machine.load_average()
    results["total_seconds"] = time.perf_counter() - started
    (WORK_DIR / "results.json").write_text(json.dumps(results, indent=1, default=str))
    print(write_report(results))
    print(f"\nWrote {setting('BENCH_OUTPUT', 'docs/benchmarks.md')} in "
          f"{results['total_seconds'] / 60:.1f} min.")
    # Missed speed targets are in the table; wrong answers (errors, numbering) fail the run.
    return 0 if report.correct(results) else 1


if __name__ == "__main__":
    sys.exit(main())
