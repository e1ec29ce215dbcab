"""The benchmark's one table and docs/benchmarks.md, from bench/run.py's results."""

from __future__ import annotations

HTML_PAGES = ("client list", "client detail", "plan preview", "revision history",
              "revision page (first)", "client log page", "client log POST",
              "measures page", "care team page", "clinic home")
BASELINE_PAGES = ("bare Django view", "signed in, session only", "signed in + 1 audit row")
# A 1-minute load average at or above this before the run means something else was using the CPU.
BUSY_LOAD = 1.0
COLUMNS = ("What", "DB", "Data", "Throughput", "p50 ms", "p95 ms", "× bare", "Errors", "Target",
           "Holds")


def _yes(ok: bool) -> str:
    return "yes" if ok else "**no**"


def _size(sizes: dict) -> str:
    return f"{sizes['clients']:,} cl / {sizes['revisions']:,} rev"


def _page_rows(label: str, data: dict, key: str, sizes: dict, small: dict | None) -> list:
    rows = []
    results = data[key]
    bare = results["bare Django view"]["rate"]
    for name, r in results.items():
        errors_ok = r["errors"] == 0
        if r["unit"] == "journey":
            requests_per_s = r["detail"]["requests_per_s"]
            throughput = f"{r['rate']:.1f} journeys/s ({requests_per_s:.0f} req/s)"
            ratio = requests_per_s / bare if bare else 0
            what = "journey: assess → preview → save → revision (10 users)"
        else:
            throughput = f"{r['rate']:,.0f} req/s"
            ratio = r["rate"] / bare if bare else 0
            what = name
        if small is not None:
            base_p95 = small[name]["p95_ms"]
            growth = r["p95_ms"] / base_p95 if base_p95 else 0
            target = f"p95 ≤ 1.5× small: {growth:.2f}× (P5)"
            holds = _yes(errors_ok and growth <= 1.5)
        elif r["unit"] == "journey":
            target = "p95 ≤ 300 ms, 0 errors (P1)"
            holds = _yes(errors_ok and r["p95_ms"] <= 300)
        elif name in HTML_PAGES:
            target = "≥ 100 req/s, 0 errors (P3)"
            holds = _yes(errors_ok and r["rate"] >= 100)
        else:
            target = "0 errors"
            holds = _yes(errors_ok)
        rows.append([what, label, _size(sizes), throughput, f"{r['p50_ms']:.1f}",
                     f"{r['p95_ms']:.1f}", f"{ratio:.3f}", str(r["errors"]), target, holds])
    return rows


def rows(results: dict) -> list[list[str]]:
    out = []
    engine = results["engine"]
    out.append(["engine build_plan, one core", "–", "–", f"{engine['cpu_per_s']:,.0f} plans/s",
                "", "", "", "", "≥ 2,000 plans/s (P6)", _yes(engine["cpu_per_s"] >= 2000)])
    handout, minimal = results["handout"]["handout"], results["handout"]["minimal"]
    out.append([f"handout render ({results['handout']['handout_pages']} pages, in-process)", "–",
                "–", f"{handout['renders']} renders", f"{handout['median_ms']:.1f}",
                f"{handout['p95_ms']:.1f}",
                f"{handout['median_ms'] / minimal['median_ms']:.1f}× minimal", "",
                "median ≤ 60, p95 ≤ 150 ms (P2)",
                _yes(handout["median_ms"] <= 60 and handout["p95_ms"] <= 150)])
    out.append(["minimal one-page reportlab document", "–", "–", f"{minimal['renders']} renders",
                f"{minimal['median_ms']:.1f}", f"{minimal['p95_ms']:.1f}", "1.0× minimal", "",
                "reference (P2)", ""])
    for label, data in results["databases"].items():
        if "skipped" in data:
            out.append(["all HTTP measurements", label, "–", "", "", "", "", "",
                         "skipped: " + data["skipped"].replace("|", "/")[:120], "**no**"])
            continue
        out += _page_rows(label, data, "small", data["small_sizes"], None)
        single = data["journey_single"]
        out.append(["journey, one user alone", label, _size(data["small_sizes"]),
                    f"{single['rate']:.1f} journeys/s", f"{single['p50_ms']:.1f}",
                    f"{single['p95_ms']:.1f}", "", str(single["errors"]),
                    "median ≤ 50 ms (P1)", _yes(single["errors"] == 0
                                                 and single["p50_ms"] <= 50)])
        out.append([f"generate_scale_data {data['big_sizes']['clients']:,} clients", label, "",
                    f"{data['generation_seconds']:.0f} s", "", "", "", "", "bounded", "yes"])
        out += _page_rows(label, data, "big", data["big_sizes"], data["small"])
        race = data["race"]
        numbers_ok = (race["numbers"] == race["expected"]
                      and race["plan_current"] == race["expected"][-1])
        out.append([f"16 concurrent saves of one plan ({race['conflicts']} conflicts re-saved)",
                    label, "", f"{len(race['numbers']) / race['seconds']:.0f} saves/s", "", "",
                    "", str(race["errors"]),
                    "0 errors; numbers once each, none lost (R1, R2)",
                    _yes(race["errors"] == 0 and numbers_ok and not data["numbering_problems"])])
        bare_big = data["big"]["bare Django view"]["rate"]
        for name, r in data["connection_per_request"].items():
            out.append([f"{name}, one DB connection per request", label, _size(data["big_sizes"]),
                        f"{r['rate']:,.0f} req/s", f"{r['p50_ms']:.1f}", f"{r['p95_ms']:.1f}",
                        f"{r['rate'] / bare_big:.3f}", str(r["errors"]), "0 errors",
                        _yes(r["errors"] == 0)])
    return out


def table(results: dict) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(row) + " |" for row in rows(results)]
    return "\n".join(lines)


def correct(results: dict) -> bool:
    """No wrong answers: every HTTP error count is 0 and every plan is numbered 1..n."""
    for data in results["databases"].values():
        if "skipped" in data:
            continue
        measured = [*data["small"].values(), *data["big"].values(),
                    *data["connection_per_request"].values(), data["journey_single"]]
        if any(r["errors"] for r in measured) or data["race"]["errors"]:
            return False
        if data["numbering_problems"] or data["race"]["numbers"] != data["race"]["expected"]:
            return False
    return True


def _costs_table(results: dict) -> str:
    lines = ["| Page | DB | Queries | of which writes | In-process ms (median) |",
             "|---|---|---|---|---|"]
    for label, data in results["databases"].items():
        if "skipped" in data:
            continue
        for name, q in data["queries"].items():
            lines.append(f"| {name} | {label} | {q['queries']} | {q['writes']} | "
                         f"{q['ms']:.1f} |")
        journey = data["journey_in_process"]
        steps = " + ".join(f"{ms:.1f}" for ms in journey["steps_ms"])
        lines.append(f"| journey, four requests ({steps}) | {label} | | | {journey['ms']:.1f} |")
    return "\n".join(lines)


def _write_cost_lines(results: dict) -> str:
    lines = []
    for label, data in results["databases"].items():
        if "skipped" in data:
            continue
        small = data["small"]
        bare = small["bare Django view"]
        session = small["signed in, session only"]
        audited = small["signed in + 1 audit row"]
        per_request = 1000 / bare["rate"], 1000 / session["rate"], 1000 / audited["rate"]
        per_request_connection = data["connection_per_request"]["signed in, session only"]
        lines.append(
            f"- **{label}**: one audit row costs {data['costs']['audit_row_ms']:.2f} ms and one "
            f"session save {data['costs']['session_save_ms']:.2f} ms in-process (each its own "
            f"transaction, no concurrency). Under load at 10 connections: bare view "
            f"{bare['rate']:,.0f} req/s, signed in (session read) "
            f"{session['rate']:,.0f} req/s ({_gap(per_request[1] - per_request[0])}), plus one "
            f"audit row {audited['rate']:,.0f} req/s "
            f"({_gap(per_request[2] - per_request[1])}). With a new database connection per "
            f"request (`DJANGO_CONN_MAX_AGE=0`) the signed-in baseline serves "
            f"{per_request_connection['rate']:,.0f} req/s."
        )
    return "\n".join(lines)


def _gap(ms: float) -> str:
    if ms <= 0:
        return "no cost measurable above the run's noise"
    return f"{ms:.2f} ms of server time per request"


def _misses(results: dict) -> str:
    missed = [row for row in rows(results) if row[-1] == "**no**"]
    if not missed:
        return "Every target in the table holds in this run."
    lines = ["Targets missed in this run, each with what this run measured about its cost (more",
             "under \"Reading the numbers\"):", ""]
    machine = results["machine"]
    if float(machine["load_before"].split()[0]) >= BUSY_LOAD:
        lines += [f"The machine was already busy when the run began (1-minute load average "
                  f"{machine['load_before'].split()[0]} on {machine['cores']} cores): every "
                  "throughput below is lower than the same code on an idle machine.", ""]
    lines += [f"- {row[0]} ({row[1]}, {row[2]}): {row[8]}; measured p95 {row[5]} ms, "
              f"{row[3]}, errors {row[7] or 0}. {_why(results, row)}" for row in missed]
    return "\n".join(lines)


def _why(results: dict, row: list[str]) -> str:
    """The measured facts behind a missed target: in-process cost, the CPU it leaves, growth."""
    what, label, target = row[0], row[1], row[8]
    data = results["databases"].get(label, {})
    cores = results["machine"]["cores"]
    if "queries" not in data:
        return ""
    journey = data["journey_in_process"]["ms"]
    if "(P5)" in target:
        name = "journey" if what.startswith("journey") else what
        small, big = data["small"][name]["p50_ms"], data["big"][name]["p50_ms"]
        return (f"Its median grew {big / small:.2f}× (p50 {small:.0f} → {big:.0f} ms) and its "
                "query count does not depend on the data (tests/performance/test_query_counts.py);"
                " a p95 over a few seconds on a shared machine moves more than the median.")
    if what == "journey, one user alone":
        return (f"The four requests cost {journey:.1f} ms in-process (the server's own work, "
                "the P1 reading of \"server side\"); the rest is HTTP on loopback and the "
                "Python load generator.")
    if what.startswith("journey"):
        return (f"Ten users each need {journey:.1f} ms of CPU per journey on {cores} cores "
                f"shared with the load generator and the database: at least "
                f"{10 * journey / cores:.0f} ms per journey before any queueing.")
    page = data["queries"].get(what)
    if page is None:
        return ""
    return (f"One request costs {page['ms']:.1f} ms in-process ({page['queries']} queries), so "
            f"{cores} cores with nothing else to do would serve at most "
            f"{cores * 1000 / page['ms']:.0f} req/s; wrk, the database and gunicorn's own HTTP "
            "work share those cores.")


def document(results: dict, table_text: str) -> str:
    m = results["machine"]
    versions = {label: data.get("db_version", "–") for label, data in results["databases"].items()}
    settings = results["settings"]
    return TEMPLATE.format(
        date=m["date"], cpu=m["cpu"], cores=m["cores"], memory=m["memory_gib"], os=m["os"],
        python=m["python"], django=m["django"], gunicorn=m["gunicorn"], reportlab=m["reportlab"],
        psycopg=m["psycopg"], sqlite=versions.get("SQLite", m["sqlite"]),
        postgres=versions.get("PostgreSQL", "not measured"), wrk=m["wrk"], commit=m["commit"],
        load_before=m["load_before"], load_after=m.get("load_after", "?"),
        minutes=results["total_seconds"] / 60, seconds=settings["BENCH_SECONDS"],
        workers=settings["BENCH_WORKERS"], clients=int(settings["BENCH_CLIENTS"]),
        revisions=int(settings["BENCH_REVISIONS"]), heavy=int(settings["BENCH_HEAVY"]),
        table=table_text, misses=_misses(results), queries=_costs_table(results),
        write_costs=_write_cost_lines(results),
    )


TEMPLATE = """# Benchmarks

Generated by `make bench` (bench/run.py) on {date}; do not edit by hand, run it again.
Issue 11; the targets are quality.md P1-P6 (and R1/R2 for concurrent saves).

## Machine

{cpu}, {cores} cores, {memory} GiB, {os}. Python {python}, Django {django}, gunicorn {gunicorn},
reportlab {reportlab}, psycopg {psycopg}, SQLite {sqlite}, PostgreSQL {postgres}, {wrk}.
Commit {commit}. Load average (1, 5, 15 min) {load_before} before the run and {load_after}
after it; the run took {minutes:.1f} min.

## Results

{table}

{misses}

Columns: throughput over {seconds} s of load per row after a 1 s warm-up; p50/p95 are per
request (journeys: per whole journey); "× bare" is the row's requests per second divided by the
bare Django view's, same server, same database, same data set, same run; errors count every
answer other than the expected one (wrk: non-2xx/3xx, connect, read, write, timeout). "Data" is
the clinician's records when the row ran: the small set, then the large one.

### Cost per request, in-process (one signed-in clinician, small data set)

Queries and writes of one request; milliseconds are the median of 20 requests through
Django's test client in the benchmark process (no HTTP, no load): the server's own work.

{queries}

## Method

- **Engine** (P6): `planner/engine/bench.py`'s `measure()` (build_plan with texts and the
  validator over 500 seeded intakes), the process pinned to one core; the figure is plans per
  CPU second, so other processes on the machine do not lower it.
- **Handout** (P2): `render_handout` of a full plan (no gate, no hard stop) with its header,
  against a minimal one-page reportlab document (`SimpleDocTemplate` with one paragraph),
  rendered alternately in one process for {seconds} s (at least 30 each).
- **HTTP** (P1, P3, P5): gunicorn with {workers} sync workers on 127.0.0.1, production settings
  (DEBUG off, a fresh random secret key, `ALLOWED_HOSTS=127.0.0.1`, HTTPS redirect off because
  loopback is plain HTTP) plus `bench/settings.py`, which only adds the baseline views of
  `bench/urls.py` (they exist on no production URL). Ten clinician sessions are signed in
  through the login form; wrk (`bench/wrk_report.lua`) sends every GET with 10 connections and
  2 threads, each request carrying one of the ten session cookies in turn. The pages are those
  of the client with the longest record: the client list (page 1), the client page, the plan
  preview of its assessment (runs the engine), the revision history (page 1), its first
  revision, and the draft handout PDF of its latest revision (rendered on each request); and
  the client's own log page (`/log/<token>`, issue 23). "client log POST": ten threads, each
  the client of its own released plan, note today again and again (each a correction of
  today's note: a new entry, the week's check-in added up, an audit row, two rate counters),
  expecting 302 every time; measured for 5 s after a 1 s warm-up, small data set only. The
  benchmark raises the client log's rate limits (`bench/settings.py`) so that the page is
  measured, not refused; the counters are still written on every request.
- **Journey** (P1): ten threads (`bench/load.py`), each signed in with its own session and
  client, repeat: POST the assessment form → GET the plan preview → POST "save as revision"
  with the current revision number and the CSRF token → GET the new revision page. Every answer
  is checked (302 to the right place, the right revision number); the journey time is the four
  requests end to end, measured for {seconds} s after a 1 s warm-up. "One user alone" is the
  same with one thread. The same four requests are also timed in-process (the cost table), which
  is P1's "server side" without HTTP or the load generator.
- **Large data** (P5): `manage.py generate_scale_data --clients {clients} --revisions
  {revisions} --heavy {heavy}` adds that many clients (one assessment each, real engine
  snapshots of the demo cases, each computed once and shared; "create" audit rows; no stored
  PDFs) with bulk inserts; the client with {heavy} revisions is measured. Its time is in the
  table. Sizes: `BENCH_CLIENTS`, `BENCH_REVISIONS`, `BENCH_HEAVY`.
- **Concurrent saves** (R1, R2): 16 threads POST "save as revision" of one assessment at once,
  all from the same base revision. Each loser gets the "plan changed" page (409) with the newer
  number and saves again from it, until all 16 have saved; then every plan of the clinician is
  checked to be numbered exactly 1..n with `current_revision_number = n`.
- **PostgreSQL** runs in a database created for the run (`planner_bench_<pid>`) and dropped
  afterwards; SQLite in `var/bench/bench.sqlite3`, deleted afterwards. `BENCH_DATABASES`,
  `BENCH_SECONDS`, `BENCH_WORKERS` and `BENCH_POSTGRES` change the run; the raw figures are
  left in `var/bench/results.json`.

## Reading the numbers

- The machine is shared: the load average above says how busy it was. Throughput is CPU-bound
  (2 cores shared by gunicorn, wrk, the database and anything else running), so absolute
  figures move between runs; the ratios to the bare view and to the minimal PDF, taken in the
  same run, move much less. A p95 over a few seconds is sensitive to other processes; a P5
  ratio above 1.5 with query counts that do not change with the data
  (tests/performance/test_query_counts.py) points at noise first.
- The cost table is the ceiling: a page that costs *m* ms of the server's own work can be
  served at most cores × 1000 / *m* times a second, before wrk, the database and gunicorn's
  HTTP handling take their share of the same cores. A page near 100 req/s under load is a page
  near 20 ms in-process on 2 cores; each missed target above gives its own figure.
- PostgreSQL costs more per query than SQLite here: every query is a round trip to another
  process (a bare `SELECT 1` takes 0.1 ms on loopback; the client page's queries take 0.4-1.1
  ms each, measured inside Django, with the database's parsing and planning and the wake-up of
  both processes), where SQLite is a call into the same process (0.03-0.08 ms each). The same
  page with the same queries therefore costs several ms more on PostgreSQL (the cost table,
  row by row); the client page, with the most queries, pays most.
  On a real deployment the database is on another host and each round trip costs more, which
  is why the pages keep their query counts fixed (tests/performance/test_query_counts.py)
  rather than small-but-growing.
- P1 asks for "median ≤ 50 ms server side" for the journey and "p95 ≤ 300 ms at 10 concurrent
  users". The one-user row is measured over HTTP by a Python client on the same 2 cores, so it
  includes the client's own work and loopback; the in-process journey row of the cost table is
  the server's own work. With 10 users at once, each journey needs that many ms of CPU and 2
  cores can do only two at a time, so a journey waits on average for the others: 10 × the
  journey's in-process ms / cores is a floor under the 10-user p95 before any queueing noise.
- This machine's PostgreSQL runs with autovacuum off, so nothing would analyse tables after a
  bulk load; `generate_scale_data` runs ANALYZE on the tables it filled (PostgreSQL only) so
  the planner sees the real row counts, as autovacuum would on a normal server. Without it, the
  history page of a 1,000-revision plan sorted every revision (21 ms of SQL) instead of reading
  the (plan, number) index backwards (1.3 ms); tests/performance/test_indexes.py checks the
  plan on PostgreSQL.
- The history page is measured on its first page. Deep pages of a very long history (page 40 of
  1,000 revisions) use OFFSET, which reads and skips the earlier rows: about 25 ms of SQL at
  the end of 1,000 revisions on PostgreSQL. A clinician reaches them rarely; keyset paging
  ("older than revision n") would make them as cheap as page 1 and is left for when real plans
  grow that long.
- Every page of client data writes one row per request, its audit event (S10), and about once
  a minute of a session's activity the session row too (its 30-minute idle expiry, quality.md
  S5). On SQLite those writes are serialised by the database lock (WAL, IMMEDIATE transactions,
  a 20 s busy timeout: quality.md R5), which is what bounds SQLite's throughput with many users.
- The small data set's measured client has 30 revisions and the large one's 1,000, so both
  history pages list a full page of 25: P5 compares the data's size, not the page's length.
- The PDF row renders the draft handout on every request (tens of ms of CPU); a released
  handout is served from stored bytes and costs about as much as a small page.

## How the app scales out

**Stateless app servers.** A gunicorn process keeps nothing between requests: sessions,
lockouts (django-axes), audit rows and every plan live in the database, uploaded files do not
exist, PDFs are rendered from stored snapshots or served from stored bytes. Any number of app
servers behind a load balancer can share one PostgreSQL database; no sticky sessions are
needed. Static files are hashed and compressed at deploy time (whitenoise) and can equally be
served by the proxy or a CDN. Settings come from the environment, so every server gets the
same `DJANGO_SECRET_KEY`, `DATABASE_URL`, `DJANGO_ALLOWED_HOSTS` and `DJANGO_BEHIND_PROXY`.

**Sessions and cache.** Sessions are database-backed (`django.contrib.sessions.backends.db`)
and their idle expiry is moved forward at most once a minute of activity
(`planner.middleware.SessionIdleRefreshMiddleware`), so most page views read the session row
and write nothing to it; the cost is measured below. For many app servers, move them to a
shared cache: `SESSION_ENGINE = "django.contrib.sessions.backends.cache"` (or `cached_db` to
keep the database as the durable copy) with `CACHES` pointing at Redis or memcached (Django's
`RedisCache`); the idle timeout then costs a cache write instead of a database write, and
logout and "password change ends other sessions" keep working because both go through the
session store. django-axes can keep its lockouts in the database (as now) or use the same
cache handler. Nothing else is cached today; the pages that are expensive to compute (plan
preview, draft PDFs) are per-client and must never be shared between clinicians, so a
per-request cache is not the lever; more app server processes are.

**PostgreSQL and connection pooling.** Each worker keeps its database connection for a
minute (`DJANGO_CONN_MAX_AGE=60` by default; health checks are on: `CONN_HEALTH_CHECKS`); the
"one connection per request" rows measure what `DJANGO_CONN_MAX_AGE=0` would cost. With many
app servers, put pgbouncer in transaction-pooling mode between them and PostgreSQL (set
`DJANGO_CONN_MAX_AGE=0` and
`DISABLE_SERVER_SIDE_CURSORS = True` in the database settings), or use Django 5.1+'s psycopg
pool (`OPTIONS = {{"pool": True}}`) per process; size the pool to PostgreSQL's
`max_connections` divided by the number of app processes. Revision saves lock only their own
plan row (`SELECT ... FOR UPDATE`), so different clinicians never wait on each other; SQLite
serialises all writers and suits one clinic on one server.

**What the audit and session writes cost per request** (measured in this run):

{write_costs}

Every page of client data therefore pays two small writes (session UPDATE, audit INSERT) on
top of its reads. On PostgreSQL they are independent row writes and scale with the app
servers; on SQLite they queue on the single writer lock. If the audit insert ever dominates, it
can be batched off the request path (a queue and a writer process), but it must stay durable
before a PDF leaves the server (quality.md S10); the session write can move to a cache as above.
"""
