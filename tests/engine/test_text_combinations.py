"""Every client text under combinations of conditions, gates, flags, medications, preferences
and barriers (rules 8.11): a pairwise covering set, so each value meets each value of every other
factor in at least one intake. Each plan passes the never-do validator (with the section-8
consistency checks) and every client sentence passes a grammar sanity check.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest

from planner.engine import build_plan, parse_intake
from planner.engine.enums import Activity, Barrier, MedicationFlag

TODAY = dt.date(2026, 1, 5)

# One factor per row: its name and the intake fields each of its values adds.
CONDITIONS = [
    {"primary_condition": "depression", "depression_severity": "mild", "phq9_total": 7,
     "phq9_item9": 0},
    {"primary_condition": "depression", "depression_severity": "severe"},
    {"primary_condition": "anxiety", "anxiety_severity": "moderate"},
    {"primary_condition": "ptsd", "ptsd_in_trauma_focused_therapy": True},
    {"primary_condition": "adhd"},
    {"primary_condition": "bipolar", "bipolar_state": "euthymic"},
    {"primary_condition": "psychotic_disorder", "psychosis_state": "stable_community"},
    {"primary_condition": "healthy_ageing"},
    {"primary_condition": "stroke_rehab", "stroke_rehab_team_involved": True},
    {"primary_condition": "sarcopenia_risk"},
]
FACTORS: list[tuple[str, list[dict]]] = [
    ("condition", CONDITIONS),
    ("age", [{"age": 30}, {"age": 68}, {"age": 80}]),
    ("baseline", [{"base_total_min": 0}, {"base_total_min": 120},
                  {"base_total_min": 200, "regular_exerciser": True}]),
    ("gate", [{}, {"suicide_risk": "passive_ideation"}, {"known_cvd": True},
              {"symptoms": ["chest_discomfort"]}, {"ed_history": "current"},
              {"compulsive_exercise_history": True}]),
    ("clearance", [{}, {"known_metabolic": True, "clearance_status": "obtained",
                        "clearance_max_intensity": "light"},
                   {"known_metabolic": True, "clearance_status": "obtained",
                    "clearance_max_minutes": 100},
                   {"pregnant_or_postpartum_6m": True}]),
    ("medication", [{}] + [{"medication_flags": [m.value]} for m in MedicationFlag]),
    ("falls", [{}, {"falls_12m": 1}, {"fear_of_falling": True}, {"walking_ability": "with_aid"}]),
    ("barrier", [{}] + [{"barriers": [b.value]} for b in Barrier]),
    ("activity", [{}] + [{"preferred_activities": [a.value]} for a in Activity]),
    ("social", [{}, {"social_preference": "alone"}, {"social_preference": "group"},
                {"social_preference": "one_person"}]),
    ("time", [{}, {"time_of_day": "morning"}, {"time_of_day": "evening",
                                                "usual_bedtime": "22:30"}]),
    ("days", [{"available_days": 1}, {"available_days": 2}, {"available_days": 5}]),
    ("show", [{"show_conditions_on_handout": False}, {"show_conditions_on_handout": True}]),
]


def pairwise(factors) -> list[tuple[int, ...]]:
    """A greedy covering set: rows of value indexes until every pair of values of every two
    factors appears in some row (deterministic: ties go to the lowest index)."""
    sizes = [len(values) for _, values in factors]

    def pair(p, vp, q, vq):
        return (p, vp, q, vq) if p < q else (q, vq, p, vp)

    uncovered = {(i, a, j, b) for i, j in itertools.combinations(range(len(sizes)), 2)
                 for a in range(sizes[i]) for b in range(sizes[j])}
    rows = []
    while uncovered:
        i, a, j, b = min(uncovered)
        row = [None] * len(sizes)
        row[i], row[j] = a, b
        for k in range(len(sizes)):
            if row[k] is None:
                row[k] = max(range(sizes[k]), key=lambda v, k=k: (sum(
                    pair(k, v, m, row[m]) in uncovered
                    for m in range(len(sizes)) if row[m] is not None and m != k), -v))
        rows.append(tuple(row))
        uncovered -= {(p, row[p], q, row[q])
                      for p, q in itertools.combinations(range(len(sizes)), 2)}
    return rows


def intake_of(row) -> dict:
    data: dict = {}
    for (_name, values), index in zip(FACTORS, row, strict=True):
        for key, value in values[index].items():
            if isinstance(value, list):
                data[key] = [*data.get(key, []), *value]
            else:
                data[key] = value
    return data


ROWS = pairwise(FACTORS)

DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
PLACEHOLDER = re.compile(r"\{[^}]*\}|\bNone\b|\bnan\b|%\(|%s|\[\[|\]\]")
WRITE_IN = re.compile(r"(_{3,}|\[ \])\s*$")  # lines the client fills in by hand


def sentences_problems(block) -> list[str]:
    problems = []
    for line in (*block.paragraphs, *block.bullets):
        if not line.strip():
            problems.append(f"{block.key}: empty line")
            continue
        if DOUBLED.search(line):
            problems.append(f"{block.key}: doubled word in {line!r}")
        if PLACEHOLDER.search(line):
            problems.append(f"{block.key}: placeholder in {line!r}")
        salutation = line.startswith("Dear ") and line.endswith(",")
        if not (WRITE_IN.search(line) or salutation) and line.rstrip()[-1] not in ".!?:)":
            problems.append(f"{block.key}: no end punctuation in {line!r}")
    return problems


def test_the_covering_set_covers_every_pair():
    sizes = [len(v) for _, v in FACTORS]
    seen = {(i, r[i], j, r[j]) for r in ROWS
            for i, j in itertools.combinations(range(len(sizes)), 2)}
    assert len(seen) == sum(sizes[i] * sizes[j]
                            for i, j in itertools.combinations(range(len(sizes)), 2))
    assert len(ROWS) < 400  # pairwise, not the full product


def test_the_grammar_check_finds_what_it_should():
    from planner.engine.model import TextBlock

    bad = TextBlock("x", "", ("Walk walk slowly.", "About {n} minutes.", "No full stop"),
                    ("", "Session 1: day ________", "Done [ ]"))
    found = sentences_problems(bad)
    assert len(found) == 4, found


@pytest.mark.slow
@pytest.mark.parametrize("row", ROWS, ids=[f"row{n}" for n in range(len(ROWS))])
def test_every_combination_plans_validates_and_reads_cleanly(row):
    data = intake_of(row)
    plan = build_plan(parse_intake(data), today=TODAY)  # raises on any never-do violation
    blocks = [*plan.texts, *(d for d in plan.documents if d.key != "stop_notice")]
    problems = [p for b in blocks for p in sentences_problems(b)]
    assert problems == [], data
