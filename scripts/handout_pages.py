"""Page counts of every client document of every public case, and PNG pictures of them.

    .venv/bin/python scripts/handout_pages.py                 # the page-count table (Markdown)
    .venv/bin/python scripts/handout_pages.py --png DIR       # also one PNG per document page
    .venv/bin/python scripts/handout_pages.py --png DIR --cases C01,C12 --dpi 70
    .venv/bin/python scripts/handout_pages.py --effort-scales docs/img/effort-scales.png

Each case in ../shared/spec/cases goes through the real engine (today 2026-03-09) and every
document `plan_documents(plan).kinds` offers for it is rendered in A4 and US Letter, standard
and large print, the way the web page renders it: a handout or log sheet of a plan with an open
gate as a draft. The page count is read back from the PDF with pypdf. Pictures need poppler's
`pdftoppm` (Debian: poppler-utils); docs/handout.md says which pages are shown there.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CASES = REPO.parent / "shared" / "spec" / "cases"
TODAY = dt.date(2026, 3, 9)
VARIANTS = (("A4", False), ("LETTER", False), ("A4", True), ("LETTER", True))

#: Case families for the summary: what kind of plan the case is.
FAMILIES = (
    ("full plan", lambda plan: not plan.hard_stop and not plan.gates and bool(plan.steps)),
    ("plan with an open gate (draft)", lambda plan: not plan.hard_stop and bool(plan.gates)
     and "CLEARANCE_PENDING" not in plan.gates),
    ("clearance pending", lambda plan: "CLEARANCE_PENDING" in plan.gates),
    ("keep-current plan (no steps)", lambda plan: not plan.hard_stop and not plan.gates
     and not plan.steps),
    ("crisis", lambda plan: plan.hard_stop == "CRISIS"),
    ("other hard stop", lambda plan: bool(plan.hard_stop) and plan.hard_stop != "CRISIS"),
)


def _setup() -> None:
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def family(plan) -> str:
    return next(name for name, test in FAMILIES if test(plan))


def render_all(cases: list[str] | None):
    """Yield (case, family, kind, paper, large_print, pdf bytes)."""
    from planner.engine import build_plan, parse_intake
    from planner.handout import HandoutHeader, plan_documents, render

    for path in sorted(CASES.glob("*.json")):
        if cases and path.stem not in cases:
            continue
        intake = parse_intake(json.loads(path.read_text(encoding="utf-8"))["intake"])
        plan = build_plan(intake, today=TODAY)
        documents = plan_documents(plan)
        open_gates = bool(plan.gates)
        for kind in documents.kinds:
            for paper, large in VARIANTS:
                header = HandoutHeader(
                    clinic="Riverside Clinic", clinician_name="Dr Sam Lee",
                    clinician_contact="555-0100", client_display_name="Zoë Ångström",
                    revision_number=None if open_gates else 2, revision_date=TODAY,
                    plan_start_date=TODAY, paper=paper, large_print=large,
                    draft=open_gates and kind in ("handout", "log_sheet"),
                )
                yield path.stem, family(plan), kind, paper, large, render(plan, header, kind)


#: Cases whose effort scales docs/handout.md shows side by side, with what each shows.
SCALE_EXAMPLES = (
    ("C01", "C01, standard start: comfortably brisk, then brisk"),
    ("C22", "C22, easy effort only (a clearance limit): nothing harder is drawn"),
    ("C07", "C07, vigorous allowed: hard is shown, never marked as the client's"),
    ("G4", "G4, keep current activity (no weeks): levels shown, none marked"),
)


def effort_scales_png(out: Path, dpi: int) -> None:
    """The effort scales of SCALE_EXAMPLES, one under another, as one PNG."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    from planner.engine import build_plan, parse_intake
    from planner.handout.effort import effort_scale
    from planner.handout.styles import get_styles

    st = get_styles(False)
    width = A4[0] - 2 * st.margin
    story = []
    for case, caption in SCALE_EXAMPLES:
        intake = json.loads((CASES / f"{case}.json").read_text(encoding="utf-8"))["intake"]
        plan = build_plan(parse_intake(intake), today=TODAY)
        story += [Paragraph(caption, st.h3), effort_scale(plan, st, width), Spacer(1, 10)]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=(A4[0], 700), leftMargin=st.margin, rightMargin=st.margin,
                      topMargin=20, bottomMargin=10).build(story)
    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        tmp.write(buf.getvalue())
        tmp.flush()
        command = ["pdftoppm", "-png", "-singlefile", "-r", str(dpi), tmp.name,
                   str(out.with_suffix(""))]
        subprocess.run(command, check=True)  # noqa: S603, S607 (poppler on PATH)


def variant_name(paper: str, large: bool) -> str:
    return f"{'A4' if paper == 'A4' else 'Letter'} {'large' if large else 'standard'}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--png", type=Path, help="write PNG pages here (needs pdftoppm)")
    parser.add_argument("--cases", help="comma-separated case names (default: all)")
    parser.add_argument("--dpi", type=int, default=70)
    parser.add_argument("--effort-scales", type=Path,
                        help="write the example effort scales as one PNG here and stop")
    parser.add_argument("--variants", default="all",
                        help="'all' or 'a4' (A4 standard and A4 large only) for --png")
    args = parser.parse_args()
    _setup()
    from pypdf import PdfReader

    if args.effort_scales:
        effort_scales_png(args.effort_scales, args.dpi)
        return 0
    cases = args.cases.split(",") if args.cases else None
    pages: dict[tuple[str, str, str], list[tuple[int, str]]] = defaultdict(list)
    if args.png:
        if not shutil.which("pdftoppm"):
            print("pdftoppm not found (Debian: apt-get install poppler-utils)", file=sys.stderr)
            return 2
        args.png.mkdir(parents=True, exist_ok=True)
    for case, fam, kind, paper, large, pdf in render_all(cases):
        count = len(PdfReader(io.BytesIO(pdf)).pages)
        pages[(fam, kind, variant_name(paper, large))].append((count, case))
        if args.png and (args.variants == "all" or paper == "A4"):
            stem = f"{case}-{kind}-{paper.lower()}-{'large' if large else 'standard'}"
            with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
                tmp.write(pdf)
                tmp.flush()
                command = ["pdftoppm", "-png", "-r", str(args.dpi), tmp.name, str(args.png / stem)]
                subprocess.run(command, check=True)  # noqa: S603, S607 (poppler on PATH)
    print("| Case family | Document | " + " | ".join(variant_name(*v) for v in VARIANTS) + " |")
    print("|---|---|" + "---|" * len(VARIANTS))
    order = {name: i for i, (name, _test) in enumerate(FAMILIES)}
    for fam, kind in sorted({(f, k) for f, k, _v in pages}, key=lambda fk: (order[fk[0]], fk[1])):
        cells = []
        for paper, large in VARIANTS:
            counts = pages.get((fam, kind, variant_name(paper, large)), [])
            low, high = min(counts)[0], max(counts)[0]
            worst = sorted(c for n, c in counts if n == high)
            cells.append(f"{low}" if low == high else f"{low}–{high} ({', '.join(worst)})")
        cases_in = sorted({c for _n, c in pages[(fam, kind, variant_name(*VARIANTS[0]))]})
        print(f"| {fam} ({', '.join(cases_in)}) | {kind} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
