"""python manage.py handout INTAKE.json -o OUT.pdf [--large-print] [--letter] ...

Renders the client's document for an intake in the canonical JSON of ../shared/spec/plan-json.md
(a case file {"intake": ..., "expected": ...} works too), with no database rows needed:

- hard stop CRISIS: the crisis-resources sheet (no exercise content);
- another hard stop: a one-page stop notice for the clinician (why, what next), exit 0;
- CLEARANCE_PENDING open: the interim clearance letter;
- otherwise the handout, with the DRAFT watermark (and a note on stderr) while another gate is
  open, because only the clinician can clear a gate.

Exit status: 0 written; 2 a bad intake or bad options (each bad field on stderr); 1 the engine
refused its own output (a never-do rule) or the document could not be rendered.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from planner.handout import (
    HANDOUT,
    KINDS,
    LOG_SHEET,
    STOP_NOTICE,
    HandoutHeader,
    choose_client_document,
    header_problems,
    render,
)

AUTO = "auto"
CLEARANCE_PENDING = "CLEARANCE_PENDING"


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--date: not a YYYY-MM-DD date: {value!r}", returncode=2) from exc


class Command(BaseCommand):
    help = ("Render the client's PDF (handout, interim clearance letter, crisis sheet or stop "
            "notice) for an intake JSON file, without the database.")

    def add_arguments(self, parser):
        parser.add_argument("intake", help="intake JSON file (plan-json.md), or - for stdin")
        parser.add_argument("-o", "--output", required=True,
                            help="where to write the PDF (- for stdout)")
        parser.add_argument("--large-print", action="store_true",
                            help="large print (body text 14 pt)")
        parser.add_argument("--letter", action="store_true", help="US Letter paper (default A4)")
        parser.add_argument("--clinic", default="", help="clinic name printed on the document")
        parser.add_argument("--clinician", default="", help="clinician's name")
        parser.add_argument("--profession", default="", help="clinician's profession")
        parser.add_argument("--contact", default="", help="how the client reaches the clinician")
        parser.add_argument("--client-name", default="", help="client's name as printed")
        parser.add_argument("--date", type=_date, default=None,
                            help="date printed on the document and, when the intake has no "
                                 "plan_start_date, the start of week 1 (default: today)")
        parser.add_argument("--document", default=AUTO, choices=(AUTO, *KINDS),
                            help="which document (default: the one the client may get)")

    def handle(self, *args, **options):
        from planner.engine import IntakeError, NeverDoViolation, build_plan, parse_intake

        data = self._read(options["intake"])
        try:
            intake = parse_intake(data)
        except IntakeError as exc:
            for line in exc.lines():
                self.stderr.write(line)
            raise CommandError("invalid intake: nothing written", returncode=2) from exc

        today = options["date"] or dt.date.today()
        try:
            plan = build_plan(intake, today=today)
        except NeverDoViolation as exc:
            raise CommandError(f"the engine blocked this plan (never-do rule {exc})",
                               returncode=1) from exc
        chosen = choose_client_document(plan)
        kind = chosen if options["document"] == AUTO else options["document"]
        gates = [g for g in plan.gates if g != CLEARANCE_PENDING]
        draft = kind in (HANDOUT, LOG_SHEET) and bool(gates or chosen != HANDOUT)
        header = HandoutHeader(
            clinic=options["clinic"],
            clinician_name=options["clinician"],
            clinician_profession=options["profession"],
            clinician_contact=options["contact"],
            client_display_name=options["client_name"],
            revision_number=None,
            revision_date=today,
            plan_start_date=plan.start_date,  # week 1 as the engine dated it
            paper="LETTER" if options["letter"] else "A4",
            large_print=options["large_print"],
            draft=draft,
        )
        try:
            pdf = render(plan, header, kind)
        except ValueError as exc:
            raise CommandError(f"cannot render {kind}: {exc}", returncode=1) from exc

        self._write(options["output"], pdf)
        for name in header_problems(header):
            self.stderr.write(f"note: {name} uses characters the PDF font cannot print; "
                              "it is printed as a blank line to write in by hand")
        if plan.hard_stop and kind == STOP_NOTICE:
            self.stderr.write(f"note: hard stop {plan.hard_stop}: no plan; wrote a stop "
                              "notice for the clinician (not for the client)")
        if draft:
            why = ", ".join(gates) or f"the client gets the {chosen}"
            self.stderr.write(f"note: printed as a DRAFT ({why}): not for the client until the "
                              "clinician clears it")
        if options["output"] != "-":
            self.stdout.write(f"wrote {kind} to {options['output']}")

    def _read(self, source: str):
        try:
            text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"intake: cannot read {source}: {exc}", returncode=2) from exc
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise CommandError(f"intake: malformed JSON: {exc}", returncode=2) from exc
        if isinstance(data, dict) and "intake" in data and set(data) <= {"intake", "expected"}:
            data = data["intake"]  # a case file of ../shared/spec/cases
        return data

    def _write(self, target: str, pdf: bytes) -> None:
        if target == "-":
            sys.stdout.buffer.write(pdf)
            sys.stdout.buffer.flush()
            return
        try:
            Path(target).write_bytes(pdf)
        except OSError as exc:
            raise CommandError(f"cannot write {target}: {exc}", returncode=1) from exc
