"""
One database's part of `make bench` (bench/run.py starts it once for SQLite, once for
PostgreSQL, with DATABASE_URL and DJANGO_SETTINGS_MODULE=bench.settings set):

1. migrate an empty database; a clinician "bench"; the small data set (25 clients, 100
   revisions, one with 30: a full history page, as in the large set) and eleven clients made
   through the services for the journey and the concurrent saves;
2. in-process: queries, writes and milliseconds per page and per journey step, and the cost of
   one audit row and one session save;
3. gunicorn (DEBUG off) on 127.0.0.1; ten clinicians' sessions signed in through the login form;
   every page measured with wrk, the journey with threads;
4. the large data set (generate_scale_data, timed), the same pages again;
5. 16 concurrent saves of one plan, then the database checked: every plan's numbers 1..n.

Prints nothing but progress on stderr; writes its results as JSON to the file given.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import secrets
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import django

BASE_DIR = Path(__file__).resolve().parent.parent
SESSIONS = 10
SAVERS = 16


def log(message: str) -> None:
    print(f"[bench {os.environ.get('BENCH_DB_LABEL', '')}] {message}", file=sys.stderr, flush=True)


class Server:
    """gunicorn serving bench.settings on a free loopback port."""

    def __init__(self, *, workers: int, log_file: Path, database_url: str):
        import socket

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_file = log_file
        self.process = subprocess.Popen(  # noqa: S603 - our own venv's gunicorn
            [str(Path(sys.executable).with_name("gunicorn")), "config.wsgi:application",
             "--workers", str(workers), "--bind", f"127.0.0.1:{self.port}",
             "--error-logfile", str(log_file), "--log-level", "warning"],
            cwd=BASE_DIR,
            env={**os.environ, "DATABASE_URL": database_url},
            start_new_session=True,
        )
        self._wait_ready()

    def _wait_ready(self) -> None:
        from bench.load import Browser

        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log_file}")
            try:
                if Browser(self.base_url).get("/bench/bare/")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within 60 s; see {self.log_file}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def setup_data(*, password: str):
    """The clinician, the small data set and the journey's clients; returns their keys."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from planner.demo.clients import DEMO_CLIENTS
    from planner.demo.clients import _answers as demo_answers
    from planner.demo.scale import generate_scale_data
    from planner.models import ClinicianProfile
    from planner.services.clients import client_create, intake_create
    from planner.services.plans import plan_revision_create

    user = get_user_model().objects.create_user("bench", password=password)
    ClinicianProfile.objects.create(
        user=user, display_name="Bench Clinician", profession="Physiotherapist",
        organisation="Benchmark Clinic", handout_contact="bench@example.org",
    )
    # The measured client has 30 revisions, more than a history page (25), so the small and
    # large data sets show pages of the same length and P5 compares data size, not page length.
    small = generate_scale_data(owner=user, clients=25, revisions=100, heavy=30,
                                name_prefix="Small")
    answers = demo_answers(dict(DEMO_CLIENTS[0]["answers"]), timezone.localdate())
    journey_clients = []
    for i in range(SESSIONS + 1):
        client = client_create(owner=user, display_name=f"Journey {i + 1}")
        intake = intake_create(client=client, author=user, **answers)
        plan_revision_create(intake=intake, author=user, base_revision=0)
        journey_clients.append((client, intake))
    return user, small, journey_clients, log_paths(user, answers)


def log_paths(user, answers) -> list[str]:
    """One released client per session, each with its own log link: the client log rows'
    paths (/log/<token>), so concurrent POSTs each write their own client's day."""
    from planner.models import ClientLogLink
    from planner.services import clientlog
    from planner.services.clients import client_create, intake_create
    from planner.services.plans import plan_revision_create
    from planner.services.releases import revision_release

    paths = []
    for i in range(SESSIONS):
        client = client_create(owner=user, display_name=f"Log {i + 1}")
        intake = intake_create(client=client, author=user, **answers)
        revision = plan_revision_create(intake=intake, author=user, base_revision=0)
        revision_release(user=user, revision=revision)
        link = ClientLogLink.objects.get(client=client, revoked_at__isnull=True)
        paths.append(clientlog.URL_PATH + clientlog.link_token(link))
    return paths


LOG_POST = {"active": "yes", "minutes": "20", "effort": "brisk", "feeling": "6",
            "note": "Benchmark walk."}


def targets_of(user, heavy_client_id: int, log_path: str) -> dict[str, str]:
    """The pages measured, on the client with the longest record of the data set."""
    from planner.models import Client

    client = Client.objects.select_related("plan").get(pk=heavy_client_id, owner=user)
    intake = client.intakes.order_by("-pk").first()
    last = client.plan.current_revision_number
    return {
        "client list": "/",
        "client detail": f"/clients/{client.pk}/",
        "plan preview": f"/assessments/{intake.pk}/",
        "revision history": f"/clients/{client.pk}/history/",
        "revision page (first)": f"/clients/{client.pk}/revisions/1/",
        "PDF download": f"/clients/{client.pk}/revisions/{last}/pdf/handout/",
        # Issue 23: the client's own page (public; the session cookie is not read).
        "client log page": log_path,
        # Issue 26: the measures page (prompts, charts) and the FHIR R4 download.
        "measures page": f"/clients/{client.pk}/measures/",
        "FHIR download": f"/clients/{client.pk}/fhir.json",
        # Issue 24: the care team page and the clinic's home (the bench user is a clinician of
        # a clinic of their own; the lead-only pages are measured in tests/performance).
        "care team page": f"/clients/{client.pk}/team/",
        "clinic home": "/clinic/",
    }


BASELINES = {
    "bare Django view": "/bench/bare/",
    "signed in, session only": "/bench/signed-in/",
    "signed in + 1 audit row": "/bench/signed-in-audited/",
}


def page_costs(user, pages: dict[str, str], repeat: int = 20) -> dict[str, dict]:
    """Per page, in-process: queries and writes (INSERT/UPDATE/DELETE) of one request, and the
    median milliseconds of `repeat` requests (the server's own work, without HTTP or wrk)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    browser = Client(HTTP_HOST="127.0.0.1")
    browser.force_login(user)
    costs = {}
    for name, path in pages.items():
        browser.get(path)  # first request: caches, lazily created rows
        with CaptureQueriesContext(connection) as queries:
            status = browser.get(path).status_code
        statements = [q["sql"].lstrip().split(None, 1)[0].upper() for q in queries]
        costs[name] = {
            "status": status,
            "queries": sum(s not in ("SAVEPOINT", "RELEASE", "ROLLBACK") for s in statements),
            "writes": sum(s in ("INSERT", "UPDATE", "DELETE") for s in statements),
            "ms": _median_ms(lambda path=path: browser.get(path), repeat),
        }
    return costs


def journey_costs(user, client, intake, repeat: int = 20) -> dict:
    """The journey's four requests in-process (P1 is server-side time): the median
    milliseconds of each step over `repeat` journeys on one client, and their sum."""
    from django.test import Client

    from planner.adapters import intake_to_engine_dict
    from tests.support.assessment_data import post_data

    browser = Client(HTTP_HOST="127.0.0.1")
    browser.force_login(user)
    # Encoded as a browser (and bench/load.py) sends a form without files; the test client's
    # default, multipart, would add a parser the real journey never runs.
    form = urlencode(post_data(intake_to_engine_dict(intake)), doseq=True)
    encoded = "application/x-www-form-urlencoded"
    steps: list[list[float]] = [[], [], [], []]
    for _ in range(repeat):
        client.plan.refresh_from_db()
        timings = []
        started = time.perf_counter()
        created = browser.post(f"/clients/{client.pk}/assessments/new/", form,
                               content_type=encoded)
        timings.append(time.perf_counter())
        preview = created["Location"]
        browser.get(preview)
        timings.append(time.perf_counter())
        saved = browser.post(f"{preview}save/", urlencode({
            "base_revision": client.plan.current_revision_number,
            "reason": "Benchmark journey, in-process.",
        }), content_type=encoded)
        timings.append(time.perf_counter())
        if saved.status_code != 302:
            raise RuntimeError(f"in-process journey: save answered {saved.status_code}")
        browser.get(saved["Location"])
        timings.append(time.perf_counter())
        for step, (begin, end) in enumerate(zip([started, *timings], timings, strict=False)):
            steps[step].append((end - begin) * 1000)
    medians = [statistics.median(values) for values in steps]
    return {"steps_ms": medians, "ms": sum(medians)}


def _median_ms(request, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        request()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def write_costs(user, repeat: int = 200) -> dict[str, float]:
    """Milliseconds for one audit row and one session save, each its own transaction."""
    from django.contrib.sessions.backends.db import SessionStore

    from planner.models import AuditEvent
    from planner.services.audit import audit_record

    started = time.perf_counter()
    for _ in range(repeat):
        audit_record(actor=user, action=AuditEvent.Action.VIEW, object_type="benchmark",
                     object_id=None)
    audit_ms = (time.perf_counter() - started) * 1000 / repeat
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session.save()
    started = time.perf_counter()
    for _ in range(repeat):
        session.save()
    session_ms = (time.perf_counter() - started) * 1000 / repeat
    return {"audit_row_ms": audit_ms, "session_save_ms": session_ms}


def measure_pages(server: Server, pages: dict[str, str], cookies: list[str],
                  seconds: float) -> dict[str, dict]:
    from bench.load import wrk_run

    results = {}
    for name, path in pages.items():
        # The bare view is anonymous: with a session cookie it would read and save the session.
        sent = [] if path == BASELINES["bare Django view"] else cookies
        wrk_run(server.base_url + path, cookies=sent, seconds=1)  # warm-up
        result = wrk_run(server.base_url + path, cookies=sent, seconds=seconds)
        log(f"{name}: {result.rate:.0f} req/s, p95 {result.p95_ms:.1f} ms, "
            f"{result.errors} errors")
        results[name] = dataclasses.asdict(result) | {"rate": result.rate}
    return results


def measure_log_post(server: Server, paths: list[str], seconds: float) -> dict:
    """The client logging today (a correction of today's entry after the first), 10 clients
    at once, each on its own link: entry, week check-in, audit row and rate counters."""
    from django.utils import timezone

    from bench.load import Browser, post_run

    data = {**LOG_POST, "day": timezone.localdate().isoformat()}
    browsers = [Browser(server.base_url) for _ in paths]
    post_run(browsers, paths, data, 1)  # warm-up
    result = post_run(browsers, paths, data, seconds)
    log(f"client log POST: {result.rate:.0f} req/s, p95 {result.p95_ms:.1f} ms, "
        f"{result.errors} errors {result.detail.get('problems') or ''}")
    return dataclasses.asdict(result) | {"rate": result.rate}


def measure_journey(browsers, journey_clients, seconds: float) -> dict:
    from bench.load import JourneyTarget, journey_run
    from planner.adapters import intake_to_engine_dict
    from tests.support.assessment_data import post_data

    targets = []
    for client, intake in journey_clients[:len(browsers)]:
        client.plan.refresh_from_db()
        targets.append(JourneyTarget(client.pk, post_data(intake_to_engine_dict(intake)),
                                     client.plan.current_revision_number))
    # A 1 s warm-up, as every wrk row has: the first journeys after the large data set was
    # written would otherwise measure the database settling, not the data's size (P5).
    warm_up = journey_run(browsers, targets, 1)
    result = journey_run(browsers, targets, seconds)
    result.errors += warm_up.errors
    result.detail["problems"] = [*warm_up.detail.get("problems", []),
                                 *result.detail.get("problems", [])][:3]
    log(f"journey x{len(browsers)}: {result.rate:.1f}/s, p95 {result.p95_ms:.1f} ms, "
        f"{result.errors} errors {result.detail.get('problems') or ''}")
    return dataclasses.asdict(result) | {"rate": result.rate}


def numbering_problems(user) -> list[str]:
    """Plans whose revision numbers are not exactly 1..current (none expected)."""
    from django.db.models import Count, Max, Min

    from planner.models import Plan

    problems = []
    plans = Plan.objects.filter(client__owner=user).annotate(
        n=Count("revisions"), low=Min("revisions__number"), high=Max("revisions__number")
    )
    for plan in plans.iterator():
        expected = plan.current_revision_number
        if expected and (plan.n, plan.low, plan.high) != (expected, 1, expected):
            problems.append(f"plan {plan.pk}: {plan.n} rows, {plan.low}..{plan.high}, "
                            f"current {expected}")
        if not expected and plan.n:
            problems.append(f"plan {plan.pk}: {plan.n} rows but current 0")
    return problems


def run(args) -> dict:
    from django.core.management import call_command
    from django.db import connection, connections

    from bench.load import concurrent_saves, login
    from planner.demo.scale import generate_scale_data

    database_url = os.environ["DATABASE_URL"]
    out: dict = {"label": args.label, "vendor": connection.vendor}
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT sqlite_version()" if connection.vendor == "sqlite"
                       else "SHOW server_version")
        out["db_version"] = cursor.fetchone()[0]
    password = secrets.token_urlsafe(16)
    user, small, journey_clients, log_paths_ = setup_data(password=password)
    small_pages = targets_of(user, small.heavy_client_id, log_paths_[0])
    out["small_sizes"] = {"clients": 25 + 2 * SESSIONS + 1, "revisions": 100 + 2 * SESSIONS + 1,
                          "heavy_revisions": small.heavy_revisions}
    out["queries"] = page_costs(user, BASELINES | small_pages)
    out["journey_in_process"] = journey_costs(user, *journey_clients[0])
    out["costs"] = write_costs(user)
    log(f"queries per page {out['queries']}; write costs {out['costs']}")
    connections.close_all()

    log_file = Path(args.log_dir) / f"gunicorn-{args.label}.log"
    server = Server(workers=args.workers, log_file=log_file, database_url=database_url)
    try:
        browsers = [login(server.base_url, "bench", password) for _ in range(SESSIONS)]
        cookies = [b.cookie_header for b in browsers]
        out["small"] = measure_pages(server, BASELINES | small_pages, cookies, args.seconds)
        out["small"]["client log POST"] = measure_log_post(server, log_paths_, args.seconds)
        out["journey_single"] = measure_journey(browsers[:1], journey_clients,
                                                min(args.seconds, 3))
        out["small"]["journey"] = measure_journey(browsers, journey_clients, args.seconds)

        log(f"generating {args.clients} clients and {args.revisions} revisions")
        started = time.perf_counter()
        big = generate_scale_data(owner=user, clients=args.clients, revisions=args.revisions,
                                  heavy=args.heavy)
        out["generation_seconds"] = time.perf_counter() - started
        out["big_sizes"] = {"clients": out["small_sizes"]["clients"] + big.clients,
                            "revisions": out["small_sizes"]["revisions"] + big.revisions,
                            "heavy_revisions": big.heavy_revisions}
        log(f"generated in {out['generation_seconds']:.1f} s")
        connections.close_all()
        big_pages = targets_of(user, big.heavy_client_id, log_paths_[0])
        out["big"] = measure_pages(server, {"bare Django view": "/bench/bare/"} | big_pages,
                                   cookies, args.seconds)
        out["big"]["journey"] = measure_journey(browsers, journey_clients, args.seconds)
        connections.close_all()

        race_client, race_intake = journey_clients[SESSIONS]
        race_client.plan.refresh_from_db()
        base = race_client.plan.current_revision_number
        savers = [browsers[i % SESSIONS].copy() for i in range(SAVERS)]
        race = concurrent_saves(savers, intake_pk=race_intake.pk, base=base)
        race_client.plan.refresh_from_db()
        race["expected"] = list(range(base + 1, base + SAVERS + 1))
        race["plan_current"] = race_client.plan.current_revision_number
        out["race"] = race
        log(f"concurrent saves: {race}")
    finally:
        server.stop()
    out["numbering_problems"] = numbering_problems(user)
    connections.close_all()

    # One database connection per request (DJANGO_CONN_MAX_AGE=0) instead of the default of
    # one per worker kept for a minute: what a deployment behind PgBouncer would see.
    separator = "&" if "?" in database_url else "?"
    server = Server(workers=args.workers, log_file=log_file,
                    database_url=f"{database_url}{separator}conn_max_age=0")
    try:
        out["connection_per_request"] = measure_pages(
            server,
            {"signed in, session only": "/bench/signed-in/",
             "client detail": big_pages["client detail"]},
            cookies, args.seconds,
        )
    finally:
        server.stop()
    errors = log_file.read_text(errors="replace") if log_file.exists() else ""
    out["server_log_tail"] = errors[-2000:]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--label", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--log-dir", required=True)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--revisions", type=int, default=100_000)
    parser.add_argument("--heavy", type=int, default=1000)
    args = parser.parse_args(argv)
    os.environ["BENCH_DB_LABEL"] = args.label
    django.setup()
    result = run(args)
    Path(args.out).write_text(json.dumps(result, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
