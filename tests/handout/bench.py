"""Render-time benchmark for quality.md P2: python -m tests.handout.bench [N]

Renders the C01 handout (real engine, 17-step table, 4 pages) N times (default 50) and a minimal
one-page reportlab document in the same run, and prints median and p95 wall and CPU times and
their ratio. Not collected by pytest (a timing test would be flaky on a busy machine); the
generous regression guard is test_render.py::test_render_time_regression_guard.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import statistics
import sys
import time
from pathlib import Path

CASE = Path(__file__).resolve().parents[3] / "shared" / "spec" / "cases" / "C01.json"


def c01_plan():
    from planner.engine import build_plan, parse_intake

    intake = parse_intake(json.loads(CASE.read_text(encoding="utf-8"))["intake"])
    return build_plan(intake, today=dt.date(2026, 3, 9))


def minimal_pdf() -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    canvas = Canvas(buf)
    canvas.drawString(72, 720, "Hello")
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def measure(fn, n: int) -> dict[str, float]:
    wall, cpu = [], []
    for _ in range(n):
        w, c = time.perf_counter(), time.process_time()
        fn()
        cpu.append((time.process_time() - c) * 1000)
        wall.append((time.perf_counter() - w) * 1000)

    def p95(values):
        return sorted(values)[max(0, int(round(0.95 * len(values))) - 1)]

    return {"wall_median": statistics.median(wall), "wall_p95": p95(wall),
            "cpu_median": statistics.median(cpu), "cpu_p95": p95(cpu)}


def main(n: int = 50) -> None:
    from planner.handout import HandoutHeader, render_handout

    plan = c01_plan()
    header = HandoutHeader(clinic="Riverside Clinic", clinician_name="Dr Sam Lee",
                           clinician_contact="555-0100", client_display_name="Ana López",
                           revision_number=1, revision_date=dt.date(2026, 3, 9),
                           plan_start_date=dt.date(2026, 3, 9))
    render_handout(plan, header)  # first render registers the fonts
    minimal_pdf()
    handout = measure(lambda: render_handout(plan, header), n)
    base = measure(minimal_pdf, n)
    for name, stats in (("C01 handout", handout), ("minimal 1-page doc", base)):
        print(f"{name:20} wall median {stats['wall_median']:7.1f} ms  p95 {stats['wall_p95']:7.1f}"
              f"  | cpu median {stats['cpu_median']:7.1f} ms  p95 {stats['cpu_p95']:7.1f}")
    print(f"ratio (median wall) {handout['wall_median'] / base['wall_median']:.0f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
