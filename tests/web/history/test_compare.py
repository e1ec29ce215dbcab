"""Comparison of two revisions in clinical terms (planner.presenters.comparison, and its page)."""

import copy

import pytest
from django.urls import reverse

from planner.choices import label
from planner.engine.enums import (
    Activity,
    ClearanceReason,
    Flag,
    Gate,
    HardStop,
    Intensity,
    Mode,
    Wording,
)
from planner.engine.model import Plan
from planner.models import AuditEvent
from planner.presenters.comparison import compare_plans
from planner.services.adjustments import revision_adjust
from tests.support.revisions import GATE_ANSWERS, SNAPSHOT, make_revision


def compare_snapshots(a, b, **overrides):
    return compare_plans(Plan.from_dict(a), Plan.from_dict(b), **overrides)


def changed(comparison):
    rows = (*comparison.summary, *comparison.safety, *comparison.overrides)
    return {row.key for row in rows if row.changed}


def test_identical_snapshots_have_no_change():
    comparison = compare_snapshots(SNAPSHOT, copy.deepcopy(SNAPSHOT))
    assert comparison.identical
    assert changed(comparison) == set()
    assert not any(row.changed for row in comparison.steps)
    assert not any(row.changed for row in comparison.texts)


@pytest.mark.parametrize(
    "key, value, a_text, b_text",
    [
        ("mode", "MAINTAIN", label(Mode, "BUILD"), label(Mode, "MAINTAIN")),
        ("baseline_minutes", 60, "0", "60"),
        ("target_minutes", 120, "150", "120"),
        ("phase2_target_minutes", 150, "—", "150"),
        ("start_minutes", 20, "30", "20"),
        ("target_reached_step", 5, "2", "5"),
        ("gentle_start", True, "no", "yes"),
        ("vigorous_allowed", True, "no", "yes"),
        ("wording", "ADJUNCT", label(Wording, "STANDALONE_FOR_SOME"), label(Wording, "ADJUNCT")),
        ("strength_sessions_target", 1, "2", "1"),
        ("main_activity", "cycling", "—", label(Activity, "cycling")),
        ("intensity_limit", "light", "—", label(Intensity, "light")),
        ("clearance_max_minutes", 100, "—", "100"),
        ("start_date", "2026-02-02", "5 Jan 2026", "2 Feb 2026"),
    ],
)
def test_each_changed_summary_field_is_shown_in_clinical_terms(key, value, a_text, b_text):
    b = {**copy.deepcopy(SNAPSHOT), key: value}
    comparison = compare_snapshots(SNAPSHOT, b)
    assert changed(comparison) == {key}
    row = next(r for r in comparison.summary if r.key == key)
    assert (row.a, row.b, row.changed) == (a_text, b_text, True)
    assert row.label in comparison.changed_labels


def test_a_hard_stop_shows_the_stop_and_no_plan_numbers():
    comparison = compare_snapshots(SNAPSHOT, {**SNAPSHOT, "hard_stop": "CRISIS"})
    row = next(r for r in comparison.summary if r.key == "hard_stop")
    assert (row.a, row.b, row.changed) == ("none", label(HardStop, "CRISIS"), True)
    gentle = next(r for r in comparison.summary if r.key == "gentle_start")
    assert (gentle.a, gentle.b) == ("no", "—")  # a hard stop has no plan to say "no" about


@pytest.mark.parametrize(
    "key, value, b_text",
    [
        ("gates", ["RISK_ATTESTATION"], label(Gate, "RISK_ATTESTATION")),
        (
            "flags",
            ["FALLS_RISK", "ADVISORY_GP"],
            f"{label(Flag, 'FALLS_RISK')}; {label(Flag, 'ADVISORY_GP')}",
        ),
        ("clearance_reasons", ["PARQ_CHEST_PAIN"], label(ClearanceReason, "PARQ_CHEST_PAIN")),
    ],
)
def test_gates_flags_and_clearance_reasons_are_labelled(key, value, b_text):
    comparison = compare_snapshots(SNAPSHOT, {**SNAPSHOT, key: value})
    row = next(r for r in comparison.safety if r.key == key)
    assert row.changed and row.a == "none" and row.b == b_text
    assert changed(comparison) == {key}


def test_changed_step_cells_are_marked_and_others_are_not():
    b = copy.deepcopy(SNAPSHOT)
    b["steps"][1]["weekly_minutes"] = 35
    b["steps"][1]["intensity"] = "light"
    comparison = compare_snapshots(SNAPSHOT, b)
    week1, week2 = comparison.steps
    assert not week1.changed
    assert week2.changed
    columns = list(comparison.step_columns)
    marked = {columns[i] for i, cell in enumerate(week2.b) if cell.changed}
    assert marked == {"Minutes a week", "Intensity"}
    assert week2.a[columns.index("Minutes a week")].value == "40"
    assert week2.b[columns.index("Minutes a week")].value == "35"
    assert week2.b[columns.index("Intensity")].value == label(Intensity, "light")
    assert "Weekly steps" in comparison.changed_labels


def test_extra_weeks_show_on_one_side_only():
    b = copy.deepcopy(SNAPSHOT)
    b["steps"].append({**b["steps"][1], "step": 2, "repeat": True})
    comparison = compare_snapshots(SNAPSHOT, b)
    assert len(comparison.steps) == 3
    assert comparison.steps[2].a is None and comparison.steps[2].changed


def test_changed_wording_shows_both_texts():
    b = copy.deepcopy(SNAPSHOT)
    b["texts"][0]["paragraphs"] = ["Aim for about 20 minutes."]
    comparison = compare_snapshots(SNAPSHOT, b)
    (row,) = comparison.texts
    assert row.changed and row.title == "Your plan"
    assert row.a == "Aim for about 30 minutes." and row.b == "Aim for about 20 minutes."
    assert "Client wording" in comparison.changed_labels


def test_overrides_show_value_and_reason():
    overrides = [{"kind": "lower_max_intensity", "value": "light", "reason": "knee pain"}]
    comparison = compare_snapshots(SNAPSHOT, SNAPSHOT, overrides_a=[], overrides_b=overrides)
    (row,) = comparison.overrides
    assert row.label == "Lower the intensity"
    assert row.a == "—" and row.b == f"{label(Intensity, 'light')} (knee pain)" and row.changed


@pytest.mark.django_db
def test_compare_page_shows_the_changes_of_an_adjustment_and_audits(client_logged_in, clinician):
    base = make_revision(clinician, **GATE_ANSWERS["RISK_ATTESTATION"])
    revision_adjust(
        user=clinician,
        client=base.plan.client,
        base_revision=1,
        changes=[("lower_target_minutes", 100), ("lower_max_intensity", "light")],
        reason="tired after work",
    )
    client_pk = base.plan.client_id
    response = client_logged_in.get(
        reverse("planner:revision_compare", args=[client_pk]), {"a": 1, "b": 2}
    )
    assert response.status_code == 200
    comparison = response.context["comparison"]
    keys = changed(comparison)
    assert {"target_minutes", "intensity_limit", "override.lower_target_minutes"} <= keys
    assert "gates" not in keys
    page = response.content.decode()
    assert "Target (minutes a week)" in page and "<mark>100</mark>" in page
    assert "tired after work" in page
    assert "{" not in page.split("<main", 1)[1].split("</main>")[0].replace("{%", "")
    event = AuditEvent.objects.get(action=AuditEvent.Action.COMPARE)
    assert event.object_id == str(base.plan_id) and event.detail == "a=1 b=2"


@pytest.mark.django_db
def test_compare_page_defaults_and_bad_numbers(client_logged_in, clinician):
    base = make_revision(clinician)
    url = reverse("planner:revision_compare", args=[base.plan.client_id])
    assert client_logged_in.get(url).status_code == 200  # 1 with 1
    assert client_logged_in.get(url, {"a": 1, "b": 9}).status_code == 404
    assert client_logged_in.get(url, {"a": "x", "b": 1}).status_code == 404
