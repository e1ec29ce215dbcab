"""
Load generators for `make bench`, standard library only: wrk for GET pages, small threaded
HTTP clients for what wrk cannot check (the assessment -> plan -> save journey, whose every
step depends on the previous answer, and 16 concurrent saves of one plan).

Everything talks to 127.0.0.1 only. Latencies are in milliseconds; an error is any answer other
than the one the step expects (wrk: any non-2xx/3xx, connect, read, write or timeout error).
"""

from __future__ import annotations

import http.client
import math
import os
import re
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

WRK_SCRIPT = Path(__file__).with_name("wrk_report.lua")
CONNECTIONS = 10
RESULT_LINE = re.compile(r"^BENCH_RESULT (.*)$", re.MULTILINE)
BASE_REVISION_INPUT = re.compile(r'name="base_revision" value="(\d+)"')


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    return ordered[max(math.ceil(p / 100 * len(ordered)) - 1, 0)]


@dataclass
class HttpResult:
    """One load run: throughput, latency and errors."""

    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    errors: int
    unit: str = "req"  # what `requests` counts (a journey is four requests)
    detail: dict = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def wrk_run(url: str, *, cookies: list[str], seconds: float,
            connections: int = CONNECTIONS, threads: int = 2) -> HttpResult:
    """GET `url` with wrk for `seconds` at `connections` concurrent connections."""
    completed = subprocess.run(  # noqa: S603 - wrk from PATH (Debian's), arguments built here
        ["wrk",  # noqa: S607 f"-t{threads}", f"-c{connections}", f"-d{max(int(seconds), 1)}s",
         "--timeout", "10s", "-s", str(WRK_SCRIPT), url],
        env={**os.environ, "BENCH_COOKIES": "|".join(cookies)},
        capture_output=True, text=True, check=True, timeout=seconds + 60,
    )
    match = RESULT_LINE.search(completed.stdout)
    if not match:
        raise RuntimeError(f"wrk printed no result for {url}:\n"
                           f"{completed.stdout}{completed.stderr}")
    values = {k: int(v) for k, v in (item.split("=") for item in match.group(1).split())}
    errors = sum(values[k] for k in ("connect", "read", "write", "status", "timeout"))
    return HttpResult(
        requests=values["requests"],
        seconds=values["duration_us"] / 1e6,
        p50_ms=values["p50_us"] / 1000,
        p95_ms=values["p95_us"] / 1000,
        errors=errors,
        detail={k: values[k] for k in ("connect", "read", "write", "status", "timeout")},
    )


class Browser:
    """A minimal HTTP client with its own cookies (one signed-in session). One per thread.

    gunicorn's sync workers close every connection after the response, so each request opens
    a new one, as wrk does against the same server."""

    def __init__(self, base_url: str, cookies: dict[str, str] | None = None):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.cookies = dict(cookies or {})

    def copy(self) -> Browser:
        return Browser(f"http://{self.host}:{self.port}", self.cookies)

    @property
    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def request(self, method: str, path: str, data: dict | None = None):
        """Return (status, location, body text, seconds)."""
        headers = {"Cookie": self.cookie_header} if self.cookies else {}
        body = None
        if data is not None:
            if "csrftoken" in self.cookies:
                data = {**data, "csrfmiddlewaretoken": self.cookies["csrftoken"]}
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        elapsed = time.perf_counter() - started
        for header in response.headers.get_all("Set-Cookie") or ():
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if "max-age=0" in header.lower() or value in ("", '""'):
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = value
        location = urlsplit(response.headers.get("Location", "")).path
        return response.status, location, text, elapsed

    def get(self, path: str):
        return self.request("GET", path)

    def post(self, path: str, data: dict):
        return self.request("POST", path, data)


def login(base_url: str, username: str, password: str) -> Browser:
    """Sign in through the login form, as a person would (CSRF cookie, then the POST)."""
    browser = Browser(base_url)
    status, _, _, _ = browser.get("/accounts/login/")
    if status != 200 or "csrftoken" not in browser.cookies:
        raise RuntimeError(f"login page answered {status} without a CSRF cookie")
    status, location, _, _ = browser.post(
        "/accounts/login/", {"username": username, "password": password}
    )
    if status != 302 or "sessionid" not in browser.cookies:
        raise RuntimeError(f"login as {username} failed with status {status}")
    return browser


@dataclass
class JourneyTarget:
    """One clinician's client for the journey: its assessment form answers and current
    revision number (each thread works on its own client, so no save conflicts)."""

    client_pk: int
    form: dict
    revision: int


def _journey_once(browser: Browser, target: JourneyTarget, step_times: list[float]) -> str:
    """One assessment -> preview -> save -> revision page; '' if every answer was right."""
    status, location, _, t1 = browser.post(
        f"/clients/{target.client_pk}/assessments/new/", target.form
    )
    match = re.fullmatch(r"/assessments/(\d+)/", location)
    if status != 302 or not match:
        return f"assessment POST answered {status} {location}"
    status, _, _, t2 = browser.get(location)
    if status != 200:
        return f"preview answered {status}"
    status, location, _, t3 = browser.post(
        f"/assessments/{match.group(1)}/save/",
        {"base_revision": target.revision, "reason": "Benchmark journey: new assessment."},
    )
    expected = f"/clients/{target.client_pk}/revisions/{target.revision + 1}/"
    if status != 302 or location != expected:
        return f"save answered {status} {location}, expected 302 {expected}"
    target.revision += 1
    status, _, _, t4 = browser.get(location)
    if status != 200:
        return f"revision page answered {status}"
    step_times.extend((t1, t2, t3, t4))
    return ""


def journey_run(browsers: list[Browser], targets: list[JourneyTarget],
                seconds: float) -> HttpResult:
    """Run the journey on every browser at once (one thread each) for about `seconds`."""
    lock = threading.Lock()
    journeys: list[float] = []
    requests: list[float] = []
    problems: list[str] = []
    deadline = time.perf_counter() + seconds

    def work(browser: Browser, target: JourneyTarget):
        while time.perf_counter() < deadline:
            steps: list[float] = []
            started = time.perf_counter()
            problem = _journey_once(browser, target, steps)
            took = time.perf_counter() - started
            with lock:
                if problem:
                    problems.append(problem)
                    return
                journeys.append(took)
                requests.extend(steps)

    started = time.perf_counter()
    threads = [threading.Thread(target=work, args=pair) for pair in zip(browsers, targets,
                                                                          strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if not journeys:
        return HttpResult(0, elapsed, 0, 0, len(problems), "journey", {"problems": problems})
    return HttpResult(
        requests=len(journeys),
        seconds=elapsed,
        p50_ms=percentile(journeys, 50) * 1000,
        p95_ms=percentile(journeys, 95) * 1000,
        errors=len(problems),
        unit="journey",
        detail={
            "requests_per_s": len(requests) / elapsed,
            "request_p50_ms": percentile(requests, 50) * 1000,
            "request_p95_ms": percentile(requests, 95) * 1000,
            "problems": problems[:3],
        },
    )


def post_run(browsers: list[Browser], paths: list[str], data: dict, seconds: float
             ) -> HttpResult:
    """Every browser POSTs `data` to its own path (one thread each) for about `seconds`; each
    first GETs its page for the CSRF cookie. An error is any answer but a redirect (302)."""
    lock = threading.Lock()
    times: list[float] = []
    problems: list[str] = []
    for browser, path in zip(browsers, paths, strict=True):
        browser.get(path)
    deadline = time.perf_counter() + seconds

    def work(browser: Browser, path: str):
        while time.perf_counter() < deadline:
            status, _location, _text, took = browser.post(path, data)
            with lock:
                if status != 302:
                    problems.append(f"POST answered {status}")
                else:
                    times.append(took)

    started = time.perf_counter()
    threads = [threading.Thread(target=work, args=pair)
               for pair in zip(browsers, paths, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if not times:
        return HttpResult(0, elapsed, 0, 0, len(problems), detail={"problems": problems[:3]})
    return HttpResult(requests=len(times), seconds=elapsed, p50_ms=percentile(times, 50) * 1000,
                      p95_ms=percentile(times, 95) * 1000, errors=len(problems),
                      detail={"problems": problems[:3]})


def concurrent_saves(browsers: list[Browser], *, intake_pk: int, base: int,
                     retries: int = 200) -> dict:
    """
    Every browser saves the same assessment as the plan's next revision at once, all starting
    from revision `base`. A save that lost the race gets the "plan changed" answer (409) with
    the newer revision, and saves again from it, as a clinician would, until each browser has
    saved once. Returns the numbers each save got, conflicts, errors and the time taken.
    """
    barrier = threading.Barrier(len(browsers))
    lock = threading.Lock()
    numbers: list[int] = []
    problems: list[str] = []
    conflicts = [0]

    def work(browser: Browser):
        current = base
        barrier.wait()
        for _ in range(retries):
            status, location, text, _ = browser.post(
                f"/assessments/{intake_pk}/save/",
                {"base_revision": current, "reason": "Benchmark: concurrent save."},
            )
            if status == 302 and (match := re.search(r"/revisions/(\d+)/$", location)):
                with lock:
                    numbers.append(int(match.group(1)))
                return
            newer = BASE_REVISION_INPUT.search(text)
            if status == 409 and newer:
                with lock:
                    conflicts[0] += 1
                current = int(newer.group(1))
                continue
            with lock:
                problems.append(f"save answered {status}")
            return
        with lock:
            problems.append("gave up after too many conflicts")

    started = time.perf_counter()
    threads = [threading.Thread(target=work, args=(b,)) for b in browsers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "numbers": sorted(numbers),
        "conflicts": conflicts[0],
        "errors": len(problems),
        "problems": problems[:3],
        "seconds": time.perf_counter() - started,
    }
