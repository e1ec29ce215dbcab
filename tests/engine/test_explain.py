"""Every number and flag carries the rule and evidence IDs behind it (the plan's `why`)."""

from __future__ import annotations

import re

import pytest

from planner.engine import evidence, parse_intake
from planner.engine.run import compute_plan

from .support import RULES_MD, TODAY, case_files, load_case

TOP_LEVEL = ("mode", "baseline_minutes", "target_minutes", "phase2_target_minutes",
             "start_minutes", "gentle_start", "vigorous_allowed", "wording",
             "strength_sessions_target", "target_reached_step", "main_activity", "review_weeks",
             "gates", "flags", "clearance_reasons", "start_date")
STEP_FIELDS = ("weekly_minutes", "sessions", "minutes_per_session", "mind_body_sessions",
               "aerobic_minutes", "intensity", "strength_sessions")
CASES = case_files()


def ids_in_rules_md() -> set[str]:
    text = RULES_MD.read_text(encoding="utf-8")
    found = set(re.findall(r"\b(?:R-[A-Z]+(?:-[A-Z0-9]+)+|[EX]\d\d|D-\d+|N\d\d)\b", text))
    found |= {f"7.{n}" for n in range(1, 31)}
    section8 = text[text.index("## 8. Rules v1.2"):]
    found |= {f"8.{n}" for n in re.findall(r"^(\d+)\. ", section8, re.MULTILINE)}
    return found


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_every_output_number_and_flag_is_explained(path):
    plan = compute_plan(parse_intake(load_case(path)["intake"]), start_date=TODAY)
    why = plan.why
    if plan.hard_stop is not None:
        assert why["hard_stop"][0].startswith("R-SAFE-HS")
        return
    for key in TOP_LEVEL:
        assert why.get(key), key
        assert why[key][0].startswith("R-"), (key, why[key])
    for code in (*plan.gates, *plan.flags):
        group = "gates" if code in plan.gates else "flags"
        assert why[f"{group}.{code}"][0].startswith("R-")
    for code in plan.clearance_reasons:
        assert why[f"clearance_reasons.{code}"][0] == "R-SAFE-CLR"
    if plan.steps:
        assert why["steps"]
        for field in STEP_FIELDS:
            assert why[f"steps.{field}"][0].startswith("R-"), field
    assert all(isinstance(ids, tuple) and len(set(ids)) == len(ids) for ids in why.values())


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_every_cited_id_exists_in_rules_md_and_the_catalogue(path):
    plan = compute_plan(parse_intake(load_case(path)["intake"]), start_date=TODAY)
    cited = evidence.cited_ids(plan.why)
    assert cited - ids_in_rules_md() == set()
    assert evidence.unknown_ids(plan.why) == set()


def test_explain_constants_cite_only_existing_ids():
    from planner.engine import dose, explain

    known = ids_in_rules_md()
    tuples = [v for v in vars(explain).values() if isinstance(v, tuple)]
    for mapping in (explain.HARD_STOP, explain.GATE, explain.FLAG, explain.CLEARANCE_REASON,
                    explain.MODE, explain.WORDING, explain.BARRIER_EVIDENCE):
        tuples.extend(mapping.values())
    tuples.extend(row.evidence for row in dose.DOSE_TABLE.values())
    for ids in tuples:
        assert set(ids) <= known, set(ids) - known


def test_target_explanation_names_the_binding_rule():
    def why_target(**fields):
        data = {"age": 40, "primary_condition": "ptsd", "base_total_min": 0, **fields}
        return compute_plan(parse_intake(data), start_date=None).why["target_minutes"]

    assert "R-DOSE-2" in why_target() and "D-3" in why_target()
    assert "8.1" in why_target(available_days=1) and "8.2" in why_target(available_days=1)
    assert "R-DOSE-5" in why_target(q2_chest_pain=True, clearance_status="obtained",
                                    clearance_max_minutes=60)
