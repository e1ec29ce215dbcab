"""Command line (plan-json.md): python -m planner.engine INTAKE.json | -

Prints the plan JSON on stdout and exits 0. A bad intake prints one `field: message` line per
problem on stderr and exits 2, with nothing on stdout. A case file of ../shared/spec/cases
({"intake": ..., "expected": ...}) is accepted too: its "intake" is read.
Exit 1 means the engine refused its own output (a never-do violation) or failed, or the
organisation's crisis-region file (PLANNER_CRISIS_REGIONS_FILE, docs/texts.md) is missing or
incomplete; the message is on stderr, never a traceback.

Run as a program, it first installs the crisis regions named by the environment, as the web app
does at start-up, so an intake for a configured region (say GB) gets that region's numbers.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Mapping

USAGE = "usage: python -m planner.engine INTAKE.json   (or - to read the intake from stdin)"


def _reject_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


def _no_duplicates(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(key)
        seen[key] = value
    return seen


class _DuplicateKey(ValueError):
    def __init__(self, key):
        super().__init__(key)
        self.key = key


def main(argv: list[str] | None = None, *, stdin=None, stdout=None, stderr=None,
         today: dt.date | None = None, environ: Mapping[str, str] | None = None) -> int:
    """Run the command. `environ`, when given, configures the crisis regions first (the
    program passes os.environ); without it the regions already configured are used."""
    argv = sys.argv[1:] if argv is None else argv
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr

    def fail(lines, code=2):
        for line in lines:
            print(line, file=stderr)
        return code

    if environ is not None:
        from .crisis import CrisisConfigError, configure_from_environ

        try:
            configure_from_environ(environ)
        except CrisisConfigError as exc:
            return fail([f"crisis regions: {exc}"], 1)

    if len(argv) != 1 or (argv[0].startswith("-") and argv[0] != "-"):
        return fail([USAGE])
    source = argv[0]
    try:
        if source == "-":
            text = stdin.read()
        else:
            with open(source, encoding="utf-8") as fh:
                text = fh.read()
    except (OSError, UnicodeDecodeError) as exc:
        return fail([f"intake: cannot read {source}: {exc}"])
    try:
        data = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicates)
    except _DuplicateKey as exc:
        return fail([f"{exc.key}: given more than once"])
    except ValueError as exc:  # json.JSONDecodeError is a ValueError
        return fail([f"intake: malformed JSON: {exc}"])
    if isinstance(data, dict) and "intake" in data and set(data) <= {"intake", "expected"}:
        data = data["intake"]

    from . import IntakeError, build_plan, parse_intake
    from .validator import NeverDoViolation

    try:
        intake = parse_intake(data)
    except IntakeError as exc:
        return fail(exc.lines())
    try:
        plan = build_plan(intake, today=today or dt.date.today())
        out = json.dumps(plan.to_dict(), indent=2, ensure_ascii=False)
    except NeverDoViolation as exc:
        return fail([f"engine: the plan was blocked by never-do rule {exc}"], 1)
    except Exception as exc:  # noqa: BLE001 - the CLI never shows a traceback
        return fail([f"engine: internal error: {type(exc).__name__}: {exc}"], 1)
    print(out, file=stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(environ=os.environ))
