"""`manage.py` (or Python code) in a subprocess that behaves as in production."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEST_SECRET_KEY = "a-long-random-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"


def run_manage(*args: str, env: dict[str, str] | None = None, code: str | None = None):
    """
    Run `python manage.py ARGS` (or `python -c CODE`) in a subprocess with a clean environment.

    Only PATH, HOME and the given variables are set, so nothing from the developer's or CI's
    environment (DATABASE_URL, DJANGO_*) leaks in, and pytest is not imported: the settings
    behave as in production.
    """
    clean_env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        # A developer's .env (DEBUG on) must not leak into "production" subprocesses.
        "DJANGO_ENV_FILE": "",
    }
    clean_env.update(env or {})
    command = [sys.executable, "-c", code] if code is not None else [
        sys.executable, "manage.py", *args
    ]
    return subprocess.run(
        command, cwd=ROOT, env=clean_env, capture_output=True, text=True, timeout=120, check=False
    )
