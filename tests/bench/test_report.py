"""bench/report.py: the benchmark's table, its verdicts and the reasons given for a missed target.

The figures are made up here (a real run takes a quarter of an hour: `make bench`); what is
tested is how the report judges and explains them.
"""

import copy

import pytest

from bench import report


def _http(rate, p50, p95, errors=0, unit="req", **detail):
    return {"requests": int(rate * 5), "seconds": 5.0, "p50_ms": p50, "p95_ms": p95,
            "errors": errors, "unit": unit, "detail": detail, "rate": rate}


def _pages(page_rate, journey_p95):
    return {
        "bare Django view": _http(3000, 3, 5),
        "signed in, session only": _http(900, 10, 14),
        "signed in + 1 audit row": _http(650, 13, 20),
        "client list": _http(page_rate, 50, 70),
        "client detail": _http(page_rate, 80, 100),
        "journey": _http(30, 250, journey_p95, unit="journey", requests_per_s=120),
    }


def _database(*, page_rate=150, journey_p95=280, big_journey_p95=300):
    return {
        "db_version": "3.40.1",
        "small_sizes": {"clients": 36, "revisions": 111, "heavy_revisions": 30},
        "big_sizes": {"clients": 10036, "revisions": 100111, "heavy_revisions": 1000},
        "queries": {
            "bare Django view": {"status": 200, "queries": 3, "writes": 0, "ms": 1.7},
            "signed in, session only": {"status": 200, "queries": 3, "writes": 0, "ms": 1.7},
            "signed in + 1 audit row": {"status": 200, "queries": 4, "writes": 1, "ms": 2.2},
            "client list": {"status": 200, "queries": 5, "writes": 0, "ms": 9.4},
            "client detail": {"status": 200, "queries": 13, "writes": 1, "ms": 25.0},
        },
        "journey_in_process": {"steps_ms": [9.0, 10.0, 7.0, 10.0], "ms": 36.0},
        "costs": {"audit_row_ms": 0.4, "session_save_ms": 0.5},
        "small": _pages(page_rate, journey_p95),
        "journey_single": _http(20, 45, 60, unit="journey"),
        "generation_seconds": 40.0,
        "big": {**_pages(page_rate, big_journey_p95),
                "journey": _http(28, 300, big_journey_p95, unit="journey",
                                 requests_per_s=110)},
        "race": {"numbers": [2, 3], "expected": [2, 3], "plan_current": 3, "errors": 0,
                 "conflicts": 1, "seconds": 1.0},
        "numbering_problems": [],
        "connection_per_request": {"signed in, session only": _http(600, 15, 21)},
    }


def _results(**database):
    return {
        "machine": {"cores": 2, "load_before": "0.10 0.20 0.30", "load_after": "2.0 1.5 1.0",
                    "date": "2026-12-05 19:00 UTC", "cpu": "CPU", "memory_gib": "23.6",
                    "os": "Linux", "python": "3.11.7", "django": "5.2", "gunicorn": "23",
                    "reportlab": "4", "psycopg": "3", "sqlite": "3.40.1", "wrk": "wrk 4",
                    "commit": "abc1234"},
        "settings": {"BENCH_SECONDS": "5", "BENCH_WORKERS": "3", "BENCH_CLIENTS": "10000",
                     "BENCH_REVISIONS": "100000", "BENCH_HEAVY": "1000"},
        "engine": {"cpu_per_s": 6000.0},
        "handout": {"handout_pages": 4, "handout": {"renders": 100, "median_ms": 30.0,
                                                    "p95_ms": 35.0},
                    "minimal": {"renders": 100, "median_ms": 0.8, "p95_ms": 1.0}},
        "databases": {"SQLite": _database(**database)},
        "total_seconds": 900.0,
    }


def _verdicts(results):
    return {(row[0], row[2]): row[-1] for row in report.rows(results)}


def test_when_every_figure_meets_its_target_the_report_says_so():
    results = _results()
    assert "**no**" not in _verdicts(results).values()
    assert "Every target in the table holds in this run." in report.document(
        results, report.table(results))


def test_a_page_under_100_requests_a_second_misses_p3_and_the_reason_gives_its_cpu_ceiling():
    results = _results(page_rate=90)
    assert _verdicts(results)[("client detail", "36 cl / 111 rev")] == "**no**"
    misses = report.document(results, report.table(results))
    line = next(x for x in misses.splitlines() if x.startswith("- client detail (SQLite, 36"))
    # 25 ms in-process on 2 cores: 2 * 1000 / 25 = 80 requests a second at the very best.
    assert "One request costs 25.0 ms in-process (13 queries)" in line
    assert "at most 80 req/s" in line


def test_a_slow_ten_user_journey_misses_p1_and_the_reason_gives_the_cpu_floor():
    results = _results(journey_p95=320)
    key = ("journey: assess → preview → save → revision (10 users)", "36 cl / 111 rev")
    assert _verdicts(results)[key] == "**no**"
    text = report.document(results, report.table(results))
    # Ten users times 36 ms of CPU each on two cores: 180 ms per journey before any queueing.
    assert "Ten users each need 36.0 ms of CPU per journey on 2 cores" in text
    assert "at least 180 ms per journey" in text


def test_a_large_data_p95_over_one_and_a_half_times_the_small_misses_p5_with_median_growth():
    results = _results(journey_p95=200, big_journey_p95=320)
    key = ("journey: assess → preview → save → revision (10 users)", "10,036 cl / 100,111 rev")
    assert _verdicts(results)[key] == "**no**"  # 320 / 200 = 1.6
    text = report.document(results, report.table(results))
    assert "Its median grew 1.20× (p50 250 → 300 ms)" in text


def test_a_busy_machine_is_named_above_the_misses():
    results = _results(page_rate=90)
    results["machine"]["load_before"] = "2.09 1.13 0.45"
    text = report.document(results, report.table(results))
    assert "The machine was already busy when the run began (1-minute load average 2.09" in text
    quiet = _results(page_rate=90)
    assert "already busy" not in report.document(quiet, report.table(quiet))


def test_the_cost_table_shows_each_pages_milliseconds_and_the_journeys_steps():
    text = report.document(_results(), report.table(_results()))
    assert "| client detail | SQLite | 13 | 1 | 25.0 |" in text
    assert "| journey, four requests (9.0 + 10.0 + 7.0 + 10.0) | SQLite | | | 36.0 |" in text


@pytest.mark.parametrize("broken", ["page error", "numbering"])
def test_wrong_answers_fail_the_run_while_slow_ones_only_miss_a_target(broken):
    results = _results(page_rate=50)
    assert report.correct(results)  # slow is reported, not a failure
    bad = copy.deepcopy(results)
    if broken == "page error":
        bad["databases"]["SQLite"]["small"]["client list"]["errors"] = 1
    else:
        bad["databases"]["SQLite"]["numbering_problems"] = ["plan 3: numbers 1, 3"]
    assert not report.correct(bad)
