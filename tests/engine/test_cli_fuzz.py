"""
Fuzz the engine's command line (plan-json.md): no input crashes it (R6).

Whatever arrives on stdin, `python -m planner.engine -` answers with a plan (exit 0) or with
one line per bad field (exit 2) and never a traceback. Exit 1 means the engine failed or
blocked its own plan: for an input that parsed, that is a bug this test reports. The CLI's
main() is called in-process (hundreds of examples in seconds); one subprocess run checks that
the real command behaves the same.
"""

import datetime as dt
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.engine.__main__ import main

ROOT = Path(__file__).resolve().parents[2]
CASES = sorted((ROOT.parent / "shared" / "spec" / "cases").glob("*.json"))
TODAY = dt.date(2026, 1, 5)
FALLBACK_INTAKE = {"age": 40, "primary_condition": "depression", "depression_severity": "mild",
                   "base_total_min": 0}


def _seed_intakes() -> list[dict]:
    """The spec's example intakes (valid starting points), or one minimal intake."""
    intakes = []
    for path in CASES:
        data = json.loads(path.read_text(encoding="utf-8"))
        intakes.append(data.get("intake", data))
    return intakes or [FALLBACK_INTAKE]


SEEDS = _seed_intakes()
KEYS = sorted({key for intake in SEEDS for key in intake} | set(FALLBACK_INTAKE))
# Every string value the spec's cases use (enum members, dates, times): valid-looking values.
KNOWN_STRINGS = sorted({
    item for intake in SEEDS for value in intake.values()
    for item in (value if isinstance(value, list) else [value]) if isinstance(item, str)
}) or ["depression"]

junk_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", " ", "\x00", "a\x00b", "😀", "مريم", "\u202e", "<script>", "NaN",
                     "1e309", "9" * 400, "2026-02-30", "25:61", "-1", "true", "null"]),
)
scalar = st.one_of(
    st.none(), st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.integers(),  # huge ones too
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(KNOWN_STRINGS),
    junk_text,
)
json_value = st.recursive(
    scalar,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=10)), children,
                        max_size=5),
    ),
    max_leaves=20,
)
field_value = st.one_of(
    scalar,
    st.lists(st.one_of(st.sampled_from(KNOWN_STRINGS), junk_text), max_size=6),
    json_value,
)


plausible_value = st.one_of(
    st.sampled_from(KNOWN_STRINGS), st.booleans(), st.integers(min_value=-5, max_value=400),
    st.lists(st.sampled_from(KNOWN_STRINGS), max_size=4, unique=True), st.none(),
)


@st.composite
def mutated_intakes(draw, max_changes=6, values=field_value):
    """A spec intake with fields replaced, removed or added: mostly almost-valid input."""
    intake = dict(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(min_value=0, max_value=max_changes))):
        action = draw(st.sampled_from(["replace", "replace", "remove", "add"]))
        if action == "remove" and intake:
            intake.pop(draw(st.sampled_from(sorted(intake))))
        elif action == "add":
            intake[draw(st.text(max_size=12))] = draw(values)
        else:
            intake[draw(st.sampled_from(KEYS))] = draw(values)
    return intake


stdin_text = st.one_of(
    # Near-valid intakes reach the rules, the texts and the validator, not just the parser.
    mutated_intakes(max_changes=2, values=plausible_value).map(json.dumps),
    mutated_intakes(max_changes=2, values=plausible_value).map(json.dumps),
    mutated_intakes().map(json.dumps),
    mutated_intakes().map(lambda d: json.dumps({"intake": d})),
    json_value.map(json.dumps),
    st.text(max_size=200),
    st.sampled_from(['{"age": 1, "age": 2}', "[]", "{}", "null", '{"age": NaN}', "{" * 5000,
                     '{"intake": {"intake": {}}}', "\ufeff{}", "1" * 5000]),
)


def run_cli(text: str) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(["-"], stdin=io.StringIO(text), stdout=stdout, stderr=stderr, today=TODAY)
    return code, stdout.getvalue(), stderr.getvalue()


def check(code: int, out: str, err: str) -> None:
    assert code in (0, 2), f"exit {code}: {err[:500]}"
    assert "Traceback" not in out + err
    if code == 0:
        assert isinstance(json.loads(out), dict)
        assert err == ""
    else:
        assert out == ""
        assert err.strip(), "a refused intake names at least one problem"


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stdin_text)
def test_no_stdin_input_crashes_the_engine_cli(text):
    check(*run_cli(text))


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_no_bytes_in_a_file_crash_the_engine_cli(data):
    with tempfile.NamedTemporaryFile(suffix=".json") as handle:
        handle.write(data)
        handle.flush()
        stdout, stderr = io.StringIO(), io.StringIO()
        code = main([handle.name], stdout=stdout, stderr=stderr, today=TODAY)
    check(code, stdout.getvalue(), stderr.getvalue())


def test_the_seed_intakes_are_accepted():
    # The fuzz starts from valid intakes; if these stopped parsing it would test much less.
    for intake in SEEDS:
        code, _out, err = run_cli(json.dumps(intake))
        assert code == 0, err


def test_the_real_command_answers_garbage_without_a_traceback():
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(ROOT)}
    for garbage in (b"\xff\xfe\x00garbage", b'{"age": "\x00", "primary_condition": 7}'):
        result = subprocess.run(
            [sys.executable, "-m", "planner.engine", "-"], input=garbage, cwd=ROOT, env=env,
            capture_output=True, timeout=60, check=False,
        )
        assert result.returncode == 2, result.stderr
        assert b"Traceback" not in result.stderr and result.stdout == b""
