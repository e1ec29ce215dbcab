"""
Browser tests: pytest-playwright driving Debian's Chromium (/usr/bin/chromium, never a
downloaded build) against pytest-django's live_server. See docs/e2e.md.

Without /usr/bin/chromium (or without axe-core in node_modules/, installed by `make test` with
npm ci) every test here is skipped with the reason; under CI=true that is a failure instead.
"""

import os
from pathlib import Path

import pytest

from tests.e2e import helpers

# The sync Playwright API runs an asyncio loop in the test thread, so Django refuses ORM calls
# there (factories, fixtures' database teardown) unless told that this is safe. It is, here: the
# test thread never shares a connection with the live server's threads. Set for browser tests
# only, never in settings.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _missing(what: str) -> None:
    """Skip the browser tests, or fail them under CI, where they must run."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run under CI=true: {what}", pytrace=False)
    pytest.skip(f"browser tests skipped: {what}")


@pytest.fixture(scope="session")
def browser_type_launch_args():
    """Launch Debian's Chromium headless with quiet, offline-friendly flags."""
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} not found (apt-get install chromium)")
    if not helpers.AXE_SCRIPT.exists():
        _missing(f"{helpers.AXE_SCRIPT} not found (run `npm ci` or `make test`)")
    return {"executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(scope="session")
def browser_context_args():
    """Desktop-sized pages, English, a fixed time zone; downloads allowed (the PDF)."""
    return {
        "viewport": helpers.DESKTOP,
        "locale": "en-GB",
        "timezone_id": "UTC",
        "accept_downloads": True,
    }


@pytest.fixture
def clinician_user(transactional_db):
    """A clinician with a profile; password tests.support.factories.DEFAULT_PASSWORD."""
    from tests.support.factories import ClinicianProfileFactory

    return ClinicianProfileFactory().user


@pytest.fixture
def signed_in_page(page, live_server, clinician_user):
    """A page signed in through the real login form, on the client list."""
    helpers.log_in(page, live_server.url, clinician_user.username)
    return page
