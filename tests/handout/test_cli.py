"""python manage.py handout INTAKE.json -o OUT.pdf: every kind of outcome, no database rows."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.handout.pdfutil import (
    MOVES_SECTION_MAX_PAGES,
    active_content,
    all_text,
    page_texts,
    reader,
)

CASES = Path(__file__).resolve().parents[3] / "shared" / "spec" / "cases"
ROOT = Path(__file__).resolve().parents[2]
EXERCISE_WORDS = ("minutes a week", "walk", "strength", "session", "brisk", "Week 1",
                  "activity plan")


def run(case: str, tmp_path, *extra):
    out = tmp_path / f"{case}.pdf"
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("handout", str(CASES / f"{case}.json"), "-o", str(out), "--date", "2026-03-09",
                 "--client-name", "Mo Test", "--clinician", "Dr Sam Lee", *extra,
                 stdout=stdout, stderr=stderr)
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert active_content(pdf) == []
    return pdf, stdout.getvalue(), stderr.getvalue()


def test_crisis_case_writes_only_the_crisis_sheet(tmp_path):
    pdf, stdout, _ = run("G1", tmp_path)
    assert "crisis_sheet" in stdout
    pages = page_texts(pdf)
    assert len(pages) == 1
    text = all_text(pdf)
    assert "988" in text and "911" in text
    for word in EXERCISE_WORDS:
        assert word.lower() not in text.lower(), word


def test_clearance_pending_case_writes_the_interim_letter(tmp_path):
    pdf, stdout, _ = run("G2", tmp_path)
    assert "interim_clearance_letter" in stdout
    text = all_text(pdf)
    assert "911" in text  # the emergency sentence (R-SAFE-CLR)
    assert "988" in text  # crisis footer
    assert "My days, times and places" not in text
    assert "minutes a week" not in text.lower()


def test_plain_case_writes_the_handout(tmp_path):
    pdf, stdout, stderr = run("C01", tmp_path)
    assert "handout" in stdout and stderr == ""
    text = all_text(pdf)
    assert "Your activity plan" in text and "My days, times and places" in text
    assert "Mo Test" in text and "DRAFT" not in text
    # tests/handout/test_cases.py HANDOUT_PAGE_BUDGET, plus the moves section (issue 25)
    assert len(reader(pdf).pages) <= 8 + MOVES_SECTION_MAX_PAGES
    assert reader(pdf).pages[0].mediabox.width < 600  # A4 by default


def test_other_open_gate_prints_a_draft_with_a_note(tmp_path):
    pdf, _, stderr = run("C03", tmp_path)  # RISK_ATTESTATION
    assert "RISK_ATTESTATION" in stderr and "DRAFT" in stderr
    assert all("DRAFT — not for the client" in page for page in page_texts(pdf))


def test_other_hard_stop_writes_a_stop_notice_and_exits_0(tmp_path):
    pdf, stdout, stderr = run("G3", tmp_path)
    assert "stop_notice" in stdout and "BIPOLAR_ELEVATED_HOLD" in stderr
    text = all_text(pdf)
    assert "For the clinician — not for the client" in text
    assert "minutes a week" not in text.lower()


def test_large_print_and_letter_options(tmp_path):
    standard, _, _ = run("C01", tmp_path)
    big, _, _ = run("C01", tmp_path, "--large-print", "--letter")
    assert round(float(reader(big).pages[0].mediabox.width)) == 612
    assert len(reader(big).pages) > len(reader(standard).pages)


def test_same_intake_and_date_give_identical_bytes(tmp_path):
    first, _, _ = run("C04", tmp_path)
    second, _, _ = run("C04", tmp_path)
    assert first == second


def test_bad_intake_names_every_bad_field_and_exits_2(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"age": "old", "primary_condition": "flu", "nonsense": 1}))
    stderr = io.StringIO()
    with pytest.raises(CommandError) as excinfo:
        call_command("handout", str(bad), "-o", str(tmp_path / "x.pdf"), stderr=stderr)
    assert excinfo.value.returncode == 2
    for field in ("age", "primary_condition", "nonsense", "base_total_min"):
        assert field in stderr.getvalue()
    assert not (tmp_path / "x.pdf").exists()


def test_real_exit_codes_from_manage_py(tmp_path):
    ok = subprocess.run(
        [sys.executable, "manage.py", "handout", str(CASES / "G1.json"), "-o",
         str(tmp_path / "g1.pdf")], cwd=ROOT, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    bad = subprocess.run(
        [sys.executable, "manage.py", "handout", "-", "-o", str(tmp_path / "bad.pdf")],
        cwd=ROOT, input="{not json", capture_output=True, text=True)
    assert bad.returncode == 2
    assert "malformed JSON" in bad.stderr
