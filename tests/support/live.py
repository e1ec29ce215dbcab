"""
Real gunicorn servers for tests: start one on a loopback port against the test database, and a
small cookie-keeping HTTP client (stdlib only) that sends the CSRF token like a browser.

Every wait here is bounded in count and time; servers listen on 127.0.0.1 only and are stopped
(by their own process id) when the `with` block ends.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
SECRET_KEY = "live-server-test-key-" + "x" * 40  # noqa: S105 - shared by both servers
START_TIMEOUT = 30.0
REQUEST_TIMEOUT = 30.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    """The URL of the database this test is using (pytest-django's test database)."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user = settings.get("USER") or "postgres"
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    host = settings.get("HOST") or "127.0.0.1"
    port = settings.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


def server_environment(static_root: Path, **extra: str) -> dict[str, str]:
    """The production environment of the README (DEBUG off) for a server on 127.0.0.1."""
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith(("DJANGO_", "PYTEST", "DATABASE_URL"))}
    environment.update({
        "DJANGO_ENV_FILE": "",
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_STATIC_ROOT": str(static_root),
        "DATABASE_URL": database_url(),
        "DJANGO_CONN_MAX_AGE": "0",
        **extra,
    })
    return environment


def collect_static(static_root: Path) -> None:
    """What each server's deployment does once per release: collectstatic into its root."""
    environment = server_environment(static_root)
    subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT, env=environment, check=True, timeout=120,
    )


@contextlib.contextmanager
def gunicorn(static_root: Path, *, workers: int = 1, log: Path | None = None, **extra: str):
    """Run `gunicorn config.wsgi` on a free 127.0.0.1 port; yield its base URL."""
    port = free_port()
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [str(GUNICORN), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--timeout", "60", "--graceful-timeout", "5"],
        cwd=ROOT, env=server_environment(static_root, **extra), stdout=out, stderr=out,
    )
    try:
        _wait_until_up(process, port)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
        if log:
            out.close()


def _wait_until_up(process: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode} before serving")
        try:
            status = LiveClient(f"http://127.0.0.1:{port}").get("/accounts/login/").status
        except OSError:
            status = None
        if status == 200:
            return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn on port {port} did not answer within {START_TIMEOUT} s")


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


@dataclass
class LiveClient:
    """A browser stand-in: keeps cookies, sends the CSRF cookie's token with every POST."""

    base_url: str
    cookies: dict[str, str] = field(default_factory=dict)

    @property
    def port(self) -> int:
        return int(self.base_url.rsplit(":", 1)[1])

    def request(self, method: str, path: str, body: bytes = b"",
                headers: dict[str, str] | None = None) -> Response:
        connection_ = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        try:
            sent = {"Host": "127.0.0.1", **(headers or {})}
            if self.cookies:
                sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            connection_.request(method, path, body=body or None, headers=sent)
            answer = connection_.getresponse()
            content = answer.read()
            for header, value in answer.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name.strip()] = rest.split(";", 1)[0]
            return Response(answer.status, {k.lower(): v for k, v in answer.getheaders()},
                            content)
        finally:
            connection_.close()

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, data: dict | list, *, csrf: bool = True,
             headers: dict[str, str] | None = None) -> Response:
        if "csrftoken" not in self.cookies:
            self.get(path)
        fields = list(data.items()) if isinstance(data, dict) else list(data)
        if csrf:
            fields.append(("csrfmiddlewaretoken", self.cookies.get("csrftoken", "")))
        body = urlencode(fields).encode()
        sent = {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})}
        return self.request("POST", path, body, sent)

    def login(self, username: str, password: str) -> Response:
        return self.post("/accounts/login/", {"username": username, "password": password})


def form_value(html: str, name: str) -> str:
    """The value of the form input `name` in a page."""
    match = re.search(rf'name="{re.escape(name)}"[^>]*value="([^"]*)"', html) or re.search(
        rf'value="([^"]*)"[^>]*name="{re.escape(name)}"', html)
    if not match:
        raise AssertionError(f"no input {name!r} on the page")
    return match.group(1)
