"""Adjustments (rules.md 2J, N22), clearance (R-SAFE-CLR, rules 7.1, 7.8) and restore."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from planner import engine
from planner.models import AuditEvent, Intake, PlanRevision
from planner.services.adjustments import (
    ALREADY_CURRENT,
    CLEARANCE_NOT_PENDING,
    HARD_STOP,
    NO_CHANGES,
    NOT_REPLAYABLE,
    clearance_record,
    revision_adjust,
    revision_restore,
)
from planner.services.plans import REASON_REQUIRED, PlanConflict
from planner.services.releases import revision_open_gates
from tests.support.revisions import CRISIS_ANSWERS, GATE_ANSWERS, TODAY, make_revision

pytestmark = pytest.mark.django_db


def adjust(revision, *changes, reason="agreed with the client", base=None, user=None):
    return revision_adjust(
        user=user or revision.author,
        client=revision.plan.client,
        base_revision=revision.number if base is None else base,
        changes=list(changes),
        reason=reason,
    )


# --- each kind of adjustment --------------------------------------------------------------------


def test_lower_target_makes_a_new_revision_that_follows_it(clinician):
    base = make_revision(clinician)
    assert base.snapshot["target_minutes"] == 150
    new = adjust(base, ("lower_target_minutes", 100))
    assert new.number == 2 and new.based_on_number == 1
    assert new.snapshot["target_minutes"] == 100
    assert max(s["weekly_minutes"] for s in new.snapshot["steps"]) == 100
    assert new.intake_id == base.intake_id and new.intake_data == base.intake_data
    assert new.reason == "agreed with the client"
    # The base revision is untouched (R3).
    base.refresh_from_db()
    assert base.snapshot["target_minutes"] == 150


def test_lower_start_and_delay_a_step(clinician):
    base = make_revision(clinician)
    new = adjust(base, ("lower_start_minutes", 20), ("delay_step", 1))
    weekly = [s["weekly_minutes"] for s in new.snapshot["steps"]]
    assert new.snapshot["start_minutes"] == 20
    assert weekly[0] == weekly[1] == 20
    assert new.snapshot["steps"][1]["repeat"] is True


def test_lower_intensity_and_strength_and_swap_activity(clinician):
    base = make_revision(clinician, preferred_activities=["walking", "cycling"])
    new = adjust(
        base,
        ("lower_max_intensity", "light"),
        ("lower_strength_sessions", 1),
        ("swap_main_activity", "cycling"),
    )
    assert {s["intensity"] for s in new.snapshot["steps"]} == {"light"}
    assert max(s["strength_sessions"] for s in new.snapshot["steps"]) <= 1
    assert new.snapshot["main_activity"] == "cycling"


def test_every_override_is_logged_with_user_time_and_reason(clinician):
    base = make_revision(clinician)
    first = adjust(base, ("lower_target_minutes", 120), reason="first reason")
    second = adjust(first, ("lower_start_minutes", 20), reason="second reason")
    kinds = [(o["kind"], o["value"], o["reason"]) for o in second.overrides]
    assert kinds == [
        ("lower_target_minutes", 120, "first reason"),
        ("lower_start_minutes", 20, "second reason"),
    ]
    for override in second.overrides:
        assert override["user_id"] == clinician.pk
        assert dt.datetime.fromisoformat(override["at"]) <= timezone.now()
    # The earlier override still applies in the newer revision (the engine re-applied it).
    assert second.snapshot["target_minutes"] == 120
    assert [o["kind"] for o in second.snapshot["overrides"]] == [
        "lower_target_minutes",
        "lower_start_minutes",
    ]
    event = AuditEvent.objects.filter(object_type="plan_revision").latest("id")
    assert event.action == AuditEvent.Action.CHANGE and event.object_id == str(second.pk)


def test_an_adjustment_keeps_week_one_where_it_was(clinician):
    base = make_revision(clinician)
    new = adjust(base, ("lower_target_minutes", 120))
    assert new.snapshot["start_date"] == base.snapshot["start_date"]


# --- refusals: the engine's caps and messages ----------------------------------------------------


@pytest.mark.parametrize(
    "change, fragment",
    [
        (("lower_target_minutes", 200), "can only lower it"),
        (("lower_target_minutes", 400), "R-CAP-1"),
        (("lower_target_minutes", 33), "multiple of 5"),
        (("lower_start_minutes", 60), "can only lower it"),
        (("lower_strength_sessions", 4), "R-CAP-4"),
        (("delay_step", 99), "one of the plan's steps"),
        (("swap_main_activity", "mind_body"), "aerobic activity"),
        (("lower_max_intensity", "moderate_vigorous_optional"), "R-SAFE-VIG"),
        (("raise_target_minutes", 200), "cannot raise the target"),
        (("bypass_gate", "RISK_ATTESTATION"), "gate"),
    ],
)
def test_overrides_beyond_the_caps_are_refused_with_the_engines_message(
    clinician, change, fragment
):
    base = make_revision(clinician)
    with pytest.raises(engine.OverrideRefused) as refusal:
        adjust(base, change)
    assert refusal.value.kind == change[0]
    assert fragment in refusal.value.message
    assert PlanRevision.objects.count() == 1
    assert base.plan.__class__.objects.get(pk=base.plan_id).current_revision_number == 1


def test_the_ed_cap_is_enforced(clinician):
    base = make_revision(clinician, **GATE_ANSWERS["ED_INFORMED_SIGNOFF"])
    with pytest.raises(engine.OverrideRefused) as refusal:
        adjust(base, ("lower_target_minutes", 200))
    assert refusal.value.message == (
        "with the eating-disorder/compulsive-exercise flag the cap is 150 minutes a week "
        "(R-CAP-3)")
    assert base.plan.__class__.objects.get(pk=base.plan_id).current_revision_number == 1


def test_an_adjustment_needs_a_reason_and_a_change(clinician):
    base = make_revision(clinician)
    with pytest.raises(ValidationError) as error:
        adjust(base, ("lower_target_minutes", 100), reason="  ")
    assert error.value.message_dict["reason"] == [str(REASON_REQUIRED)]
    with pytest.raises(ValidationError) as error:
        adjust(base)
    assert error.value.messages == [str(NO_CHANGES)]


def test_a_hard_stop_cannot_be_adjusted(clinician):
    base = make_revision(clinician, **CRISIS_ANSWERS)
    with pytest.raises(ValidationError) as error:
        adjust(base, ("lower_target_minutes", 100))
    assert error.value.messages == [str(HARD_STOP)]


def test_an_adjustment_from_an_old_base_is_a_conflict(clinician):
    base = make_revision(clinician)
    adjust(base, ("lower_target_minutes", 120))
    with pytest.raises(PlanConflict) as conflict:
        adjust(base, ("lower_target_minutes", 100), base=1)
    assert conflict.value.current_revision == 2
    assert PlanRevision.objects.count() == 2


# --- clearance ---------------------------------------------------------------------------------


def record_clearance(revision, **limits):
    return clearance_record(
        user=revision.author,
        client=revision.plan.client,
        base_revision=revision.number,
        clearance_date=timezone.localdate(),
        clearance_by="Dr Ortiz, GP",
        **limits,
    )


def test_clearance_makes_a_new_assessment_and_revision_that_follow_the_limits(clinician):
    base = make_revision(clinician, **GATE_ANSWERS["CLEARANCE_PENDING"])
    assert "CLEARANCE_PENDING" in base.snapshot["gates"]
    result = record_clearance(
        base, clearance_max_minutes=100, clearance_max_intensity="light"
    )
    new = result.revision
    assert new.number == 2 and new.reason.startswith("Clearance recorded")
    assert new.snapshot["gates"] == []
    assert new.snapshot["target_minutes"] <= 100
    assert all(s["weekly_minutes"] <= 100 for s in new.snapshot["steps"])
    assert {s["intensity"] for s in new.snapshot["steps"]} == {"light"}
    assert new.intake_id != base.intake_id
    intake = Intake.objects.get(pk=new.intake_id)
    assert intake.clearance_status == "obtained"
    assert intake.clearance_by == "Dr Ortiz, GP" and intake.clearance_max_minutes == 100
    assert intake.q2_chest_pain is True  # everything else copied
    assert new.intake_data["clearance_max_minutes"] == 100
    assert revision_open_gates(new) == ()


def test_clearance_without_limits_keeps_the_plan_and_closes_the_gate(clinician):
    base = make_revision(clinician, **GATE_ANSWERS["CLEARANCE_PENDING"])
    new = record_clearance(base).revision
    assert new.snapshot["gates"] == []
    assert new.snapshot["target_minutes"] == base.snapshot["target_minutes"]


def test_clearance_limits_are_checked_by_the_engine(clinician):
    base = make_revision(clinician, **GATE_ANSWERS["CLEARANCE_PENDING"])
    with pytest.raises(ValidationError) as error:
        record_clearance(base, clearance_max_minutes=103)
    assert "clearance_max_minutes" in error.value.message_dict
    # Nothing saved: no new assessment, no revision (R4).
    assert Intake.objects.count() == 1 and PlanRevision.objects.count() == 1


def test_clearance_keeps_overrides_that_still_apply_and_drops_moot_ones(clinician):
    base = make_revision(clinician, **GATE_ANSWERS["CLEARANCE_PENDING"])
    adjusted = adjust(
        base, ("lower_target_minutes", 120), ("swap_main_activity", "walking")
    )
    result = record_clearance(adjusted, clearance_max_minutes=100)
    new = result.revision
    assert [d.kind for d in result.dropped] == ["lower_target_minutes"]
    assert [o["kind"] for o in new.overrides] == ["swap_main_activity"]
    assert new.snapshot["target_minutes"] == 100
    assert "lower target minutes 120" in new.reason and "_" not in new.reason


def test_clearance_needs_a_pending_gate_and_who_cleared(clinician):
    base = make_revision(clinician)
    with pytest.raises(ValidationError) as error:
        record_clearance(base)
    assert error.value.messages == [str(CLEARANCE_NOT_PENDING)]
    pending = make_revision(clinician, **GATE_ANSWERS["CLEARANCE_PENDING"])
    with pytest.raises(ValidationError) as error:
        clearance_record(
            user=clinician,
            client=pending.plan.client,
            base_revision=1,
            clearance_date=timezone.localdate() + dt.timedelta(days=1),
            clearance_by=" ",
        )
    assert set(error.value.message_dict) == {"clearance_by", "clearance_date"}


def test_clearance_from_an_old_base_is_a_conflict_and_leaves_no_assessment(clinician):
    base = make_revision(clinician, **GATE_ANSWERS["CLEARANCE_PENDING"])
    adjust(base, ("lower_target_minutes", 120))
    with pytest.raises(PlanConflict):
        record_clearance(base)
    assert Intake.objects.count() == 1


# --- restore -----------------------------------------------------------------------------------


def test_restore_makes_a_new_revision_with_the_old_content(clinician):
    first = make_revision(clinician)
    second = adjust(first, ("lower_target_minutes", 100))
    restored = revision_restore(
        user=clinician, revision=first, base_revision=2, note="the client felt fine"
    )
    assert restored.number == 3 and restored.based_on_number == 2
    assert restored.snapshot == first.snapshot
    assert restored.intake_id == first.intake_id
    assert restored.overrides == first.overrides == []
    assert restored.reason == "Restored from revision 1: the client felt fine"
    second.refresh_from_db()
    assert second.snapshot["target_minutes"] == 100
    event = AuditEvent.objects.filter(object_type="plan_revision").latest("id")
    assert event.action == AuditEvent.Action.RESTORE and event.object_id == str(restored.pk)


def test_restore_keeps_the_overrides_and_their_reasons(clinician):
    first = make_revision(clinician)
    second = adjust(first, ("lower_target_minutes", 100), reason="tired")
    adjust(second, ("lower_start_minutes", 20))
    restored = revision_restore(user=clinician, revision=second, base_revision=3)
    assert restored.overrides == second.overrides
    assert restored.reason == "Restored from revision 2"


def test_restore_of_the_current_revision_and_from_an_old_base(clinician):
    first = make_revision(clinician)
    with pytest.raises(ValidationError) as error:
        revision_restore(user=clinician, revision=first, base_revision=1)
    assert error.value.messages == [str(ALREADY_CURRENT)]
    adjust(first, ("lower_target_minutes", 100))
    with pytest.raises(PlanConflict):
        revision_restore(user=clinician, revision=first, base_revision=1)
    assert PlanRevision.objects.count() == 2


def test_a_restored_revision_must_be_attested_again(clinician):
    from planner.services.releases import gate_attest

    first = make_revision(clinician, **GATE_ANSWERS["RISK_ATTESTATION"])
    gate_attest(user=clinician, revision=first, gate="RISK_ATTESTATION")
    adjust(first, ("lower_target_minutes", 100))
    restored = revision_restore(user=clinician, revision=first, base_revision=2)
    assert revision_open_gates(restored) == ("RISK_ATTESTATION",)


# --- revisions an adjustment cannot rebuild ---------------------------------------------------


def store_held(base):
    """A revision like a review's accepted hold: the engine's hold helper."""
    from planner.services.plans import plan_revision_store

    intake = engine.parse_intake(base.intake_data)
    plan = engine.build_plan(intake, today=TODAY)
    held = engine.hold(plan, at_step=2, intake=intake)
    return plan_revision_store(
        intake=base.intake,
        snapshot=held.to_dict(),
        intake_data=base.intake_data,
        author=base.author,
        base_revision=base.number,
        reason="Week 4 review: hold step 2",
        overrides=base.overrides,
        today=TODAY,
    )


def test_a_review_made_revision_is_not_silently_rebuilt(clinician):
    base = make_revision(clinician)
    held = store_held(base)
    with pytest.raises(ValidationError) as error:
        adjust(held, ("lower_target_minutes", 100))
    assert error.value.messages == [str(NOT_REPLAYABLE)]
    assert PlanRevision.objects.count() == 2


def test_clearance_on_a_review_made_revision_asks_for_a_new_assessment(clinician):
    base = make_revision(clinician, **GATE_ANSWERS["CLEARANCE_PENDING"])
    held = store_held(base)
    with pytest.raises(ValidationError) as error:
        record_clearance(held)
    assert error.value.messages == [str(NOT_REPLAYABLE)]
    assert Intake.objects.count() == 1


def test_a_revision_of_an_older_engine_is_not_rebuilt(clinician):
    from planner.services.plans import plan_revision_store

    base = make_revision(clinician)
    old = plan_revision_store(
        intake=base.intake,
        snapshot={**base.snapshot, "engine_version": "0.9.0"},
        intake_data=base.intake_data,
        author=clinician,
        base_revision=1,
        reason="imported",
        engine_version="0.9.0",
        today=TODAY,
    )
    with pytest.raises(ValidationError) as error:
        adjust(old, ("lower_target_minutes", 100))
    assert error.value.code == "older_engine"
    assert "0.9.0" in error.value.messages[0]
