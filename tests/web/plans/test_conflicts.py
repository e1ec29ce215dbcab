"""No lost update (quality.md R1, R2, R4): concurrent saves from the same base revision.

The threaded tests run on a real database with real transactions (transaction=True): on SQLite
the IMMEDIATE transactions and the busy timeout serialise the writers; on PostgreSQL the
SELECT ... FOR UPDATE of the Plan row does. Run them on both:

    .venv/bin/pytest tests/web/plans/test_conflicts.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/planner_p6 \
        .venv/bin/pytest tests/web/plans/test_conflicts.py
"""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from planner.models import Plan, PlanRevision
from planner.services import adjustments as adjustment_services
from planner.services.adjustments import revision_adjust, revision_restore
from planner.services.plans import PlanConflict
from tests.support.concurrency import run_concurrently
from tests.support.revisions import make_revision

THREADS = 4


@pytest.fixture
def both_reach_the_lock(monkeypatch):
    """On PostgreSQL, hold every writer after the engine ran (before the row lock) until all
    got there, so they really race for the lock with the same base. On SQLite a writer's
    IMMEDIATE transaction already holds the database lock at that point, so waiting there would
    only stall: the writers queue at BEGIN instead, which is the behaviour under test."""
    if connection.vendor != "postgresql":
        return
    gate = threading.Barrier(THREADS)
    real_build = adjustment_services._build

    def build_then_wait(*args, **kwargs):
        plan = real_build(*args, **kwargs)
        gate.wait(timeout=10)
        return plan

    monkeypatch.setattr(adjustment_services, "_build", build_then_wait)


@pytest.mark.django_db(transaction=True)
def test_concurrent_adjustments_from_the_same_base_one_wins(clinician, both_reach_the_lock):
    base = make_revision(clinician)
    client = base.plan.client

    def save(minutes):
        return lambda: revision_adjust(
            user=clinician,
            client=client,
            base_revision=1,
            changes=[("lower_target_minutes", minutes)],
            reason=f"tab {minutes}",
        )

    results = run_concurrently([save(m) for m in (100, 110, 120, 130)])
    wins = [r for r, e in results if e is None]
    errors = [e for r, e in results if e is not None]
    assert len(wins) == 1, results
    assert len(errors) == THREADS - 1
    assert all(isinstance(e, PlanConflict) for e in errors), errors
    assert all(e.current_revision == 2 for e in errors)
    assert list(
        PlanRevision.objects.filter(plan=base.plan).order_by("number").values_list(
            "number", flat=True
        )
    ) == [1, 2]
    assert Plan.objects.get(pk=base.plan_id).current_revision_number == 2
    winner = PlanRevision.objects.get(plan=base.plan, number=2)
    assert winner.reason == wins[0].reason


@pytest.mark.django_db(transaction=True)
def test_an_adjustment_and_a_restore_from_the_same_base(clinician):
    first = make_revision(clinician)
    second = revision_adjust(
        user=clinician,
        client=first.plan.client,
        base_revision=1,
        changes=[("lower_target_minutes", 120)],
        reason="smaller goal",
    )
    results = run_concurrently(
        [
            lambda: revision_adjust(
                user=clinician,
                client=second.plan.client,
                base_revision=2,
                changes=[("lower_start_minutes", 20)],
                reason="gentler start",
            ),
            lambda: revision_restore(user=clinician, revision=first, base_revision=2),
        ]
    )
    assert sorted(e is None for _r, e in results) == [False, True], results
    assert [type(e) for _r, e in results if e is not None] == [PlanConflict]
    numbers = list(
        PlanRevision.objects.filter(plan=first.plan).order_by("number").values_list(
            "number", flat=True
        )
    )
    assert numbers == [1, 2, 3]


@pytest.mark.django_db(transaction=True)
def test_writers_that_retry_on_conflict_get_contiguous_numbers(clinician):
    """Every writer retries from the newest base until it wins: no number is lost or doubled."""
    base = make_revision(clinician)
    client = base.plan.client

    def writer(minutes):
        def run():
            for _attempt in range(20):
                current = Plan.objects.get(pk=client.plan.pk).current_revision_number
                try:
                    return revision_adjust(
                        user=clinician,
                        client=client,
                        base_revision=current,
                        changes=[("lower_strength_sessions", 2)],
                        reason=f"writer {minutes}",
                    )
                except PlanConflict:
                    continue
            raise AssertionError("never won")

        return run

    results = run_concurrently([writer(m) for m in range(THREADS)])
    assert all(e is None for _r, e in results), results
    numbers = list(
        PlanRevision.objects.filter(plan=base.plan).order_by("number").values_list(
            "number", flat=True
        )
    )
    assert numbers == list(range(1, THREADS + 2))
    revisions = PlanRevision.objects.filter(plan=base.plan, number__gt=1)
    assert all(r.based_on_number == r.number - 1 for r in revisions)


# --- in the browser: the second tab sees the conflict and keeps what it typed ------------------


@pytest.mark.django_db
def test_second_tab_adjustment_gets_the_conflict_with_what_it_typed(client_logged_in, clinician):
    base = make_revision(clinician)
    url = reverse("planner:plan_adjust", args=[base.plan.client_id])
    first = client_logged_in.post(
        url, {"base_revision": 1, "lower_target_minutes": 120, "reason": "tab one"}
    )
    assert first.status_code == 302
    second = client_logged_in.post(
        url, {"base_revision": 1, "lower_start_minutes": 20, "reason": "tab two typed this"}
    )
    assert second.status_code == 409
    page = second.content.decode()
    assert "This plan changed since you opened it" in page
    assert "Revision 2 was saved by" in page
    assert clinician.get_username() in page
    assert "tab two typed this" in page
    assert 'value="20"' in page
    form = second.context["form"]
    assert form["base_revision"].value() == "2"
    assert PlanRevision.objects.filter(plan=base.plan).count() == 2
    # Submitting again, deliberately, from the fresh base works.
    third = client_logged_in.post(
        url, {"base_revision": 2, "lower_start_minutes": 20, "reason": "tab two typed this"}
    )
    assert third.status_code == 302
    assert PlanRevision.objects.filter(plan=base.plan).count() == 3


@pytest.mark.django_db
def test_second_tab_restore_gets_the_conflict(client_logged_in, clinician):
    first = make_revision(clinician)
    client_pk = first.plan.client_id
    client_logged_in.post(
        reverse("planner:plan_adjust", args=[client_pk]),
        {"base_revision": 1, "lower_target_minutes": 120, "reason": "one"},
    )
    client_logged_in.post(
        reverse("planner:plan_adjust", args=[client_pk]),
        {"base_revision": 2, "lower_target_minutes": 110, "reason": "two"},
    )
    response = client_logged_in.post(
        reverse("planner:revision_restore", args=[client_pk, 1]),
        {"base_revision": 2, "note": "my restore note"},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Revision 3 was saved by" in page and "my restore note" in page
    assert response.context["form"]["base_revision"].value() == "3"


@pytest.mark.django_db
def test_second_tab_clearance_gets_the_conflict(client_logged_in, clinician):
    from django.utils import timezone

    from tests.support.revisions import GATE_ANSWERS

    base = make_revision(clinician, **GATE_ANSWERS["CLEARANCE_PENDING"])
    client_pk = base.plan.client_id
    client_logged_in.post(
        reverse("planner:plan_adjust", args=[client_pk]),
        {"base_revision": 1, "lower_target_minutes": 120, "reason": "one"},
    )
    response = client_logged_in.post(
        reverse("planner:clearance_record", args=[client_pk]),
        {
            "base_revision": 1,
            "clearance_date": timezone.localdate().isoformat(),
            "clearance_by": "Dr Typed Name",
        },
    )
    assert response.status_code == 409
    assert "Dr Typed Name" in response.content.decode()
    assert response.context["form"]["base_revision"].value() == "2"


@pytest.mark.django_db
def test_second_tab_save_from_the_preview_gets_the_conflict_and_a_fresh_base(
    client_logged_in, clinician
):
    from tests.support.factories import IntakeFactory

    base = make_revision(clinician)
    intake = IntakeFactory(client=base.plan.client, author=clinician)
    url = reverse("planner:plan_revision_create", args=[intake.pk])
    client_logged_in.post(
        reverse("planner:plan_adjust", args=[base.plan.client_id]),
        {"base_revision": 1, "lower_target_minutes": 120, "reason": "other tab"},
    )
    response = client_logged_in.post(url, {"base_revision": 1, "reason": "typed in tab two"})
    assert response.status_code == 409
    assert "typed in tab two" in response.content.decode()
    assert response.context["save_form"]["base_revision"].value() == "2"
    again = client_logged_in.post(url, {"base_revision": 2, "reason": "typed in tab two"})
    assert again.status_code == 302
    assert PlanRevision.objects.filter(plan=base.plan).count() == 3
