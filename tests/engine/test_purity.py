"""planner.engine is pure Python: importing it (or its CLI) loads neither Django nor reportlab."""

import subprocess
import sys

from .support import REPO

CHECK = ("import sys, {module}; "
         "bad = [m for m in ('django', 'reportlab') if m in sys.modules]; "
         "assert not bad, bad")


def _run(module):
    return subprocess.run([sys.executable, "-c", CHECK.format(module=module)], cwd=REPO,
                          capture_output=True, text=True, timeout=60)


def test_importing_the_engine_loads_neither_django_nor_reportlab():
    result = _run("planner.engine")
    assert result.returncode == 0, result.stderr


def test_importing_the_cli_and_review_helpers_loads_neither_django_nor_reportlab():
    result = _run("planner.engine.__main__, planner.engine.reviews, planner.engine.overrides")
    assert result.returncode == 0, result.stderr


def test_the_check_itself_fails_when_django_is_imported():
    result = _run("django, planner.engine")
    assert result.returncode != 0
