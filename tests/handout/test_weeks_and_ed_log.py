"""The printed week table and log sheet count calendar weeks, as the texts do (rules 8.9), and
an eating-disorder-flag plan's log sheet records days, feelings and rest, never minutes (8.17).
Real plans from the engine, real PDFs read back with pypdf."""

from __future__ import annotations

import datetime as dt
import re

from planner import handout
from planner.engine import Override, build_plan, parse_intake
from planner.handout import HandoutHeader
from tests.handout.pdfutil import all_text

START = dt.date(2026, 1, 5)


def header(**changes) -> HandoutHeader:
    values = dict(clinic="Clinic", clinician_name="Dr A", clinician_contact="555-0100",
                  client_display_name="Client", revision_number=1, revision_date=START,
                  plan_start_date=START, paper="A4", large_print=False, draft=False)
    values.update(changes)
    return HandoutHeader(**values)


def plan(overrides=(), **fields):
    data = {"age": 40, "primary_condition": "adhd", "base_total_min": 0,
            "plan_start_date": START.isoformat(), **fields}
    return build_plan(parse_intake(data), today=None, overrides=overrides)


def test_a_delayed_step_moves_the_later_weeks_and_the_print_counts_weeks():
    delayed = plan(overrides=[Override("delay_step", 2, "holiday in week 2")])
    assert [(s.step, s.week) for s in delayed.steps[:4]] == [(1, 1), (2, 2), (2, 3), (3, 4)]
    text = all_text(handout.render_handout(delayed, header()))
    # the log sheet heads each row with its calendar week and that week's start date
    log = all_text(handout.render_log_sheet(delayed, header()))
    assert "Week 3 · starting 19 Jan" in log
    assert "Week 4 · starting 26 Jan" in log
    assert re.search(r"\bsteps? \d", text + log, re.IGNORECASE) is None


def test_an_ed_flag_log_sheet_has_days_feelings_and_rest_and_no_minutes():
    ed = plan(primary_condition="depression", depression_severity="mild", phq9_total=7,
              phq9_item9=0, ed_history="past", base_total_min=60)
    assert "ED_COMPULSIVE_CAP" in ed.flags
    text = all_text(handout.render_log_sheet(ed, header()))
    assert "Minutes" not in text and "write down the minutes" not in text
    assert "How I felt before" in text and "How I felt after" in text
    assert "Rest day (part of the plan)" in text
    assert "tick your rest days too: rest is part of the plan" in text
    first = ed.steps[0]
    # a row a day: the sessions and the rest days of the week
    assert text.count("☐") == sum(s.sessions + s.strength_sessions + max(2, 7 - s.sessions)
                                  for s in ed.steps)
    assert first.sessions == 3
    other = all_text(handout.render_log_sheet(plan(), header()))
    assert "Minutes" in other and "Rest day" not in other
