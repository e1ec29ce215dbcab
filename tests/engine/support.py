"""Shared helpers for the engine tests (no fixtures with side effects)."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from planner.engine import parse_intake
from planner.engine.run import compute_plan

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
CASES_DIR = SHARED / "spec" / "cases"
RULES_MD = SHARED / "spec" / "rules.md"
TODAY = dt.date(2026, 1, 5)  # a Monday; tests never read the clock
IN_CI = os.environ.get("CI") == "true"

MINIMAL = {"age": 40, "primary_condition": "adhd", "base_total_min": 0}


def intake(**fields):
    """A parsed intake: the minimal valid one, updated with `fields`."""
    data = dict(MINIMAL)
    data.update(fields)
    return parse_intake(data)


def numbers(**fields):
    """The plan numbers (no texts) for `intake(**fields)`, dated from TODAY."""
    return compute_plan(intake(**fields), start_date=TODAY)


def case_files() -> list[Path]:
    return sorted(CASES_DIR.glob("*.json")) if CASES_DIR.is_dir() else []


def load_case(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


SET_KEYS = ("gates", "flags", "clearance_reasons")


def compare(expected: dict, got: dict) -> list[str]:
    """plan-json.md: every expected key equal; gates/flags/clearance_reasons as sets; steps
    element by element on the listed keys. Returns the differences (empty when it passes)."""
    diffs = []
    for key, want in expected.items():
        if key not in got:
            diffs.append(f"{key}: missing from the output")
            continue
        have = got[key]
        if key in SET_KEYS:
            if set(have) != set(want):
                diffs.append(f"{key}: expected {sorted(want)}, got {sorted(have)}")
        elif key == "steps":
            if len(have) != len(want):
                diffs.append(f"steps: expected {len(want)} steps, got {len(have)}")
            for i, (h, w) in enumerate(zip(have, want, strict=False), start=1):
                for k, v in w.items():
                    if h.get(k) != v:
                        diffs.append(f"steps[{i}].{k}: expected {v!r}, got {h.get(k)!r}")
        elif have != want:
            diffs.append(f"{key}: expected {want!r}, got {have!r}")
    return diffs
