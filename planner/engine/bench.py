"""Throughput of the engine on one core: python -m planner.engine.bench [SECONDS]

Builds plans for a fixed, seeded mix of valid intakes (every mode, gate and hard stop occurs)
and prints plans per second for build_plan (numbers, overrides, texts and the never-do
validator: what the web app and the CLI run) and for the numbers alone. Parsing the intake is
timed separately. quality.md P6 asks for >= 2,000 plans a second in-process on one core.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time

from . import build_plan, parse_intake
from .enums import Activity, Barrier, Condition, MedicationFlag, Symptom
from .run import compute_plan

TODAY = dt.date(2026, 1, 5)


def sample_intakes(n: int = 500, seed: int = 3) -> list[dict]:
    """`n` valid intake dicts drawn with a fixed seed (no hypothesis: this runs anywhere)."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible sample, not a secret
    out = []
    conditions = [c.value for c in Condition]
    for _ in range(n):
        primary = rng.choice(conditions)
        secondary = [c for c in rng.sample(conditions, rng.choice([0, 0, 1, 2])) if c != primary]
        conds = {primary, *secondary}
        total = rng.choice([0, 20, 40, 60, 90, 120, 150, 200, 280, 360, 500])
        d = {
            "age": rng.choice([16, 25, 38, 52, 67, 78]),
            "primary_condition": primary,
            "secondary_conditions": secondary,
            "base_total_min": total,
            "base_vig_min": rng.choice([0, 0, total // 3]),
            "base_strength_days": rng.choice([0, 0, 1, 3]),
            "regular_exerciser": rng.random() < 0.4,
            "available_days": rng.choice([2, 4, 5, 7]),
            "suicide_risk": rng.choice(["none"] * 8 + ["passive_ideation",
                                                       "active_with_plan_or_intent"]),
            "ed_history": rng.choice(["none"] * 8 + ["past", "current"]),
            "compulsive_exercise_history": rng.random() < 0.1,
            "barriers": rng.sample([b.value for b in Barrier], rng.choice([0, 1, 2, 3])),
            "preferred_activities": rng.sample([a.value for a in Activity], rng.choice([0, 1, 2])),
            "medication_flags": rng.sample([m.value for m in MedicationFlag],
                                           rng.choice([0, 0, 1])),
            "symptoms": rng.sample([s.value for s in Symptom], rng.choice([0] * 6 + [1])),
            "q1b_high_blood_pressure": rng.random() < 0.2,
            "fear_of_falling": rng.random() < 0.1,
            "clearance_status": rng.choice(["not_required", "pending", "obtained"]),
            "plan_start_date": "2026-02-02",
        }
        if "depression" in conds:
            d["depression_severity"] = rng.choice(["mild", "moderate", "severe"])
            d["phq9_total"], d["phq9_item9"] = rng.randint(0, 27), rng.choice([0, 0, 0, 1])
        if "anxiety" in conds:
            d["anxiety_severity"] = rng.choice(["mild", "moderate", "severe"])
        if "bipolar" in conds:
            d["bipolar_state"] = rng.choice(["euthymic", "depressive_episode", "mixed"])
        if "psychotic_disorder" in conds:
            d["psychosis_state"] = rng.choice(["stable_community", "acute_or_inpatient"])
        if d["clearance_status"] == "obtained" and rng.random() < 0.3:
            d["clearance_max_minutes"] = rng.choice([60, 100, 150])
        out.append(d)
    return out


def _rate(work, items: list, seconds: float) -> tuple[float, float]:
    """(items per second of wall time, items per CPU second): `work` over `items` again and
    again until about `seconds` of wall time have passed."""
    done, start, cpu = 0, time.perf_counter(), time.process_time()
    while True:
        for item in items:
            work(item)
        done += len(items)
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return done / elapsed, done / (time.process_time() - cpu)


def measure(seconds: float = 2.0, *, numbers_only: bool = False) -> tuple[float, float]:
    """(plans per second of wall time, plans per CPU second) over about `seconds` of wall
    time, after one warm-up pass. On a busy machine the CPU figure is the one-core rate."""
    intakes = [parse_intake(d) for d in sample_intakes()]
    if numbers_only:
        def run(i):
            return compute_plan(i, start_date=TODAY)
    else:
        def run(i):
            return build_plan(i, today=TODAY)
    for i in intakes:  # warm-up: caches, first-time imports
        run(i)
    return _rate(run, intakes, seconds)


def measure_parse(seconds: float = 1.0) -> float:
    wall, _cpu = _rate(parse_intake, sample_intakes(), seconds)
    return wall


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    seconds = float(argv[0]) if argv else 2.0
    for label, numbers_only in (("build_plan (numbers + texts + validator)", False),
                                ("numbers only (compute_plan)", True)):
        wall, cpu = measure(seconds, numbers_only=numbers_only)
        print(f"{label:42} {wall:8,.0f} plans/s wall, {cpu:8,.0f} plans per CPU second")
    print(f"{'parse_intake':42} {measure_parse(seconds / 2):8,.0f} intakes/s wall")
    return 0


if __name__ == "__main__":
    sys.exit(main())
