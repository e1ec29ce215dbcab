"""Plan history page and restore in the browser (quality.md P4, R3)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from planner.models import AuditEvent, GateAttestation, PlanRevision, Release
from planner.services.adjustments import revision_adjust
from planner.services.releases import gate_attest, revision_release
from tests.support.revisions import GATE_ANSWERS, SNAPSHOT, add_revisions, make_revision

pytestmark = pytest.mark.django_db


def history(client, client_pk, **params):
    return client.get(reverse("planner:plan_history", args=[client_pk]), params)


def test_history_lists_number_date_author_reason_gates_and_release(client_logged_in, clinician):
    first = make_revision(clinician, **GATE_ANSWERS["RISK_ATTESTATION"])
    gate_attest(user=clinician, revision=first, gate="RISK_ATTESTATION")
    revision_release(user=clinician, revision=first)
    revision_adjust(
        user=clinician,
        client=first.plan.client,
        base_revision=1,
        changes=[("lower_target_minutes", 120)],
        reason="shorter week <b>bold</b>",
    )
    response = history(client_logged_in, first.plan.client_id)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Revision 1" in page and "Revision 2" in page
    assert "shorter week &lt;b&gt;bold&lt;/b&gt;" in page
    assert clinician.get_username() in page
    rows = {r.number: r for r in response.context["page"].object_list}
    assert rows[1].release.released_by == clinician
    assert [g.is_open for g in rows[1].gate_states] == [False]
    assert [g.is_open for g in rows[2].gate_states] == [True]
    assert "released" in page
    assert "?a=1&amp;b=2" in page  # compare with the previous revision
    assert reverse("planner:revision_restore", args=[first.plan.client_id, 1]) in page
    event = AuditEvent.objects.get(action=AuditEvent.Action.VIEW, detail="history")
    assert event.object_id == str(first.plan_id)


def _query_count(client, client_pk):
    with CaptureQueriesContext(connection) as queries:
        response = history(client, client_pk)
    assert response.status_code == 200
    return len(queries)


def test_history_queries_do_not_grow_with_the_number_of_revisions(client_logged_in, clinician):
    counts = []
    for n in (1, 10, 60):
        revision = make_revision(clinician)
        if n > 1:
            gated = {**SNAPSHOT, "gates": ["RISK_ATTESTATION"]}
            add_revisions(revision.intake, n - 1, snapshot=gated)
        for r in PlanRevision.objects.filter(plan=revision.plan)[:5]:
            if "RISK_ATTESTATION" in (r.snapshot.get("gates") or ()):
                GateAttestation.objects.create(revision=r, gate="RISK_ATTESTATION",
                                               attested_by=clinician)
            Release.objects.create(revision=r, released_by=clinician)
        counts.append(_query_count(client_logged_in, revision.plan.client_id))
    assert counts[0] == counts[1] == counts[2], counts


def test_history_reads_no_assessment_rows(client_logged_in, clinician):
    # The list shows none of the assessment's answers; reading 25 of them (JSON lists and all)
    # was most of the page's database-to-Python time.
    revision = make_revision(clinician)
    add_revisions(revision.intake, 5)
    with CaptureQueriesContext(connection) as queries:
        assert history(client_logged_in, revision.plan.client_id).status_code == 200
    assert not [q["sql"] for q in queries if '"planner_intake"' in q["sql"]]


def test_history_paginates(client_logged_in, clinician):
    revision = make_revision(clinician)
    add_revisions(revision.intake, 30)
    first_page = history(client_logged_in, revision.plan.client_id)
    numbers = [r.number for r in first_page.context["page"].object_list]
    assert numbers[0] == 31 and len(numbers) == 25
    second = history(client_logged_in, revision.plan.client_id, page=2)
    assert [r.number for r in second.context["page"].object_list] == list(range(6, 0, -1))


def test_restore_in_the_browser(client_logged_in, clinician):
    first = make_revision(clinician)
    revision_adjust(
        user=clinician,
        client=first.plan.client,
        base_revision=1,
        changes=[("lower_target_minutes", 100)],
        reason="smaller",
    )
    url = reverse("planner:revision_restore", args=[first.plan.client_id, 1])
    page = client_logged_in.get(url)
    assert page.status_code == 200
    assert page.context["form"]["base_revision"].value() == 2
    assert page.context["comparison"].summary  # what changes, in clinical terms
    response = client_logged_in.post(url, {"base_revision": 2, "note": "back to the first"})
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "planner:plan_revision_detail", args=[first.plan.client_id, 3]
    )
    restored = PlanRevision.objects.get(plan=first.plan, number=3)
    assert restored.snapshot == first.snapshot
    assert restored.reason == "Restored from revision 1: back to the first"
    assert AuditEvent.objects.filter(action=AuditEvent.Action.RESTORE).count() == 1


def test_restoring_the_current_revision_is_refused(client_logged_in, clinician):
    first = make_revision(clinician)
    url = reverse("planner:revision_restore", args=[first.plan.client_id, 1])
    assert "nothing to restore" in client_logged_in.get(url).content.decode()
    response = client_logged_in.post(url, {"base_revision": 1})
    assert response.status_code == 400
    assert PlanRevision.objects.count() == 1


def test_revision_and_client_pages_link_to_the_workflow(client_logged_in, clinician):
    first = make_revision(clinician)
    client_pk = first.plan.client_id
    revision_release(user=clinician, revision=first)
    revision_adjust(
        user=clinician,
        client=first.plan.client,
        base_revision=1,
        changes=[("lower_target_minutes", 120)],
        reason="smaller",
    )
    old = client_logged_in.get(reverse("planner:plan_revision_detail", args=[client_pk, 1]))
    old_page = old.content.decode()
    assert "Released " in old_page
    assert reverse("planner:revision_release", args=[client_pk, 1]) in old_page
    assert reverse("planner:revision_restore", args=[client_pk, 1]) in old_page
    assert reverse("planner:plan_adjust", args=[client_pk]) not in old_page
    current = client_logged_in.get(reverse("planner:plan_revision_detail", args=[client_pk, 2]))
    page = current.content.decode()
    assert "not released" in page
    assert reverse("planner:plan_adjust", args=[client_pk]) in page
    assert f"{reverse('planner:revision_compare', args=[client_pk])}?a=1&amp;b=2" in page
    assert reverse("planner:plan_history", args=[client_pk]) in page
    detail = client_logged_in.get(reverse("planner:client_detail", args=[client_pk]))
    assert reverse("planner:plan_history", args=[client_pk]) in detail.content.decode()
