"""Record what the app shows, to prove a refactor changed none of it.

    .venv/bin/python scripts/render_snapshot.py OUT_DIR

Builds a throwaway SQLite database with the demo data (seed_demo), signs in as the demo
clinician and saves every page reachable from the client list by following links (HTML with
CSRF tokens masked; PDFs and JSON exports as bytes), then every client document of every public
case (../shared/spec/cases) in A4 and Letter, standard and large print, dated 2026-01-05, and
the engine CLI's JSON for each case. Run it before and after a change on the same day and
compare the two folders with `diff -r` (docs/architecture.md, "Proving a refactor").
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import tempfile
from collections import deque
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CASES = REPO.parent / "shared" / "spec" / "cases"
LINK = re.compile(r'href="(/[^"#]*)"')
MASKS = (
    (re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)?"), "DATETIME"),
    (re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"'), 'name="csrfmiddlewaretoken"'),
    (re.compile(r"\b\d{1,2}:\d{2}(:\d{2})?\b"), "HH:MM"),  # times of day differ between runs
)
SKIP = ("/accounts/logout", "/static/", "/admin/", "/2fa/")  # 2FA pages show a new secret


def _setup(db_path: Path) -> None:
    sys.path.insert(0, str(REPO))
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("DJANGO_DEBUG", "true")
    os.environ.setdefault("DJANGO_SECRET_KEY", "snapshot-" + "x" * 50)
    if "DJANGO_SETTINGS_MODULE" not in os.environ:
        settings = "config.settings" if (REPO / "config" / "settings.py").exists() \
            else "config.settings"
        os.environ["DJANGO_SETTINGS_MODULE"] = settings
    import django

    django.setup()


def _name(url: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "_", url).strip("_") or "root"
    return slug[:80] + "_" + hashlib.sha256(url.encode()).hexdigest()[:8]


def crawl(out: Path) -> int:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    client = Client(HTTP_HOST="localhost")
    client.force_login(get_user_model().objects.get(username="demo"))
    seen, queue = set(), deque(["/", "/profile/", "/activity/", "/clients/new/"])
    pages = out / "pages"
    pages.mkdir(parents=True)
    while queue and len(seen) < 600:
        url = queue.popleft()
        if url in seen or url.startswith(SKIP):
            continue
        seen.add(url)
        response = client.get(url)
        body = response.content
        kind = response.get("Content-Type", "")
        if "text/html" in kind or "json" in kind:
            text = body.decode()
            for href in LINK.findall(text):
                href = href.replace("&amp;", "&")
                if href not in seen:
                    queue.append(href)
            for pattern, repl in MASKS:
                text = pattern.sub(repl, text)
            body = text.encode()
        (pages / (_name(url) + ".txt")).write_bytes(
            f"{url}\n{response.status_code} {kind}\n".encode() + body)
    return len(seen)


def documents(out: Path) -> int:
    from django.core.management import call_command

    from planner.handout import KINDS

    docs = out / "documents"
    docs.mkdir()
    count = 0
    for case in sorted(CASES.glob("*.json")):
        for kind in KINDS:
            for options in ((), ("--letter",), ("--large-print",), ("--letter", "--large-print")):
                name = "".join([case.stem, "-", kind, *options]) + ".pdf"
                try:
                    call_command("handout", str(case), "-o", str(docs / name), "--date",
                                 "2026-01-05", "--document", kind, "--clinic", "Clinic",
                                 "--clinician", "Dr A", "--client-name", "Client", *options,
                                 stdout=open(os.devnull, "w"), stderr=open(os.devnull, "w"))
                    count += 1
                except Exception as exc:  # a kind that does not apply to this case
                    (docs / (name + ".error")).write_text(f"{type(exc).__name__}: {exc}\n")
        command = [sys.executable, "-m", "planner.engine", str(case)]
        result = subprocess.run(command, cwd=REPO,  # noqa: S603 (this interpreter, a case file)
                                capture_output=True)
        (docs / f"{case.stem}.json").write_bytes(result.stdout + result.stderr)
    return count


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=False)
    with tempfile.TemporaryDirectory() as tmp:
        _setup(Path(tmp) / "snapshot.sqlite3")
        print(f"pages: {crawl(out)}, documents: {documents(out)} -> {out}")


if __name__ == "__main__":
    main()
