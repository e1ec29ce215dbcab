"""The evidence catalogue: E/X/D/R/N rows as data, quotes verbatim in the seeds,
and every ID a plan cites known to the catalogue."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from planner.engine import build_plan, evidence, parse_intake

from .support import IN_CI, RULES_MD, SHARED, case_files, load_case

SEEDS = SHARED / "seeds"
SEED_FILES = ("000_64b4e5403247db2a.txt", "001_39f3a7fcbd46e8c0.txt", "002_a4aa1a0ec8eb686b.txt")


def _norm(text: str) -> str:
    """Whitespace and typographic quotes/dashes only (the table escapes inner quotes as \\")."""
    text = (text.replace("\u2019", "'").replace("\u2018", "'")
            .replace("\u201c", '"').replace("\u201d", '"'))
    return " ".join(text.split())


def _seeds() -> dict[str, str]:
    if not SEEDS.is_dir():
        if IN_CI:
            pytest.fail(f"CI=true but the seed folder {SEEDS} is missing")
        pytest.skip("../shared/seeds is not available")
    return {name: _norm((SEEDS / name).read_text(encoding="utf-8")) for name in SEED_FILES}


def test_catalogue_has_every_seed_and_external_row():
    assert evidence.ids("seed") == tuple(f"E{n:02d}" for n in range(1, 92))
    assert evidence.ids("external") == tuple(f"X{n:02d}" for n in range(1, 24))
    assert evidence.ids("design") == tuple(f"D-{n}" for n in range(1, 16))
    assert evidence.ids("never") == tuple(f"N{n:02d}" for n in range(1, 23))
    assert evidence.ids("clarification") == (tuple(f"7.{n}" for n in range(1, 31))
                                              + tuple(f"8.{n}" for n in range(1, 21)))
    for id_ in evidence.ids("seed"):
        entry = evidence.lookup(id_)
        assert entry.seed in SEED_FILES
        assert entry.text and entry.use
        assert len(entry.text.split()) < 30, id_  # rules.md: quotes under 30 words
    for id_ in evidence.ids("external"):
        assert evidence.lookup(id_).text and evidence.lookup(id_).use


@pytest.mark.parametrize("id_", [f"E{n:02d}" for n in range(1, 92)])
def test_every_seed_quote_is_verbatim_in_its_seed_file(id_):
    seeds = _seeds()
    entry = evidence.lookup(id_)
    assert _norm(entry.text) in seeds[entry.seed], f"{id_} is not verbatim in {entry.seed}"


def test_a_quote_that_is_not_in_the_seed_would_be_caught():
    seeds = _seeds()
    assert _norm("Exercise works like an antidepressant for everyone.") not in seeds[SEED_FILES[2]]


def test_catalogue_matches_the_rules_md_tables():
    """The committed data is a faithful copy of rules.md (catches drift when rules.md changes)."""
    if not RULES_MD.is_file():
        if IN_CI:
            pytest.fail(f"CI=true but {RULES_MD} is missing")
        pytest.skip("../shared/spec/rules.md is not available")
    text = RULES_MD.read_text(encoding="utf-8")
    for line in text.splitlines():
        m = re.match(r'^\| (E\d\d) \| (\S+) \| "(.*)" (?:\(.*\) )?\| (.*) \|$', line)
        if m:
            entry = evidence.lookup(m[1])
            assert entry.seed == m[2]
            assert entry.text == m[3].replace('\\"', '"'), m[1]
            assert entry.use == m[4], m[1]
        m = re.match(r"^\| (X\d\d) \| (.*) \| (.*) \|$", line)
        if m:
            assert evidence.lookup(m[1]).text == m[2]
            assert evidence.lookup(m[1]).use == m[3]
    for rule_id in set(re.findall(r"\bR-[A-Z]+-[A-Z0-9]+\b", text)):
        assert evidence.exists(rule_id), rule_id


def test_lookup_and_exists():
    assert evidence.exists("E51")
    assert "988" in evidence.lookup("E51").text
    assert evidence.lookup("X08").kind == "external"
    assert evidence.lookup("D-12").kind == "design"
    assert evidence.lookup("R-SAFE-HS2").kind == "rule"
    assert evidence.exists("R-SAFE-HS2 CRISIS")  # a labelled citation
    assert evidence.exists("R-DOSE")  # the table as a whole
    assert evidence.exists("7.28") and evidence.exists("§7.28")
    assert evidence.exists("8.2") and evidence.lookup("§8.2").kind == "clarification"
    assert evidence.lookup("N17").kind == "never"
    for missing in ("E92", "X24", "D-16", "R-FOO-1", "N23", "7.31", "8.21", ""):
        assert not evidence.exists(missing)
    with pytest.raises(KeyError, match="E99"):
        evidence.lookup("E99")


def test_unknown_ids_and_explain():
    why = {"target_minutes": ("R-DOSE-1", "E01", "X01"), "bad": ("E01", "E00")}
    assert evidence.unknown_ids(why) == {"E00"}
    explained = evidence.explain({"target_minutes": ("E01",)})
    assert explained["target_minutes"][0]["seed"] == SEED_FILES[2]


@pytest.mark.parametrize("path", case_files(), ids=lambda p: p.stem)
def test_every_id_a_built_plan_cites_exists(path):
    case = load_case(path)
    for show in (False, True):
        data = dict(case["intake"], show_conditions_on_handout=show)
        plan = build_plan(parse_intake(data), today=dt.date(2026, 1, 5))
        assert not evidence.unknown_ids(plan.why)
        cited = evidence.cited_ids(plan.why)
        assert cited, "a plan must explain itself"
        if plan.hard_stop is None:
            # every client text block says which rules and evidence it rests on
            for block in plan.texts:
                assert plan.why.get(f"texts.{block.key}"), block.key
            # the numbers lead to seed quotes or external sources
            assert any(evidence.lookup(i).kind in ("seed", "external") for i in cited)
