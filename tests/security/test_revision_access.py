"""Permission matrix of every history, comparison, restore, adjustment, clearance, release and
document URL (quality.md S2, S3, S6).

anonymous -> login page; another clinician -> 404 on GET and POST (nothing of the owner's
changes), whatever the method; the owner -> 200 or a redirect, and 405 for a method the page
does not take (the object is looked up first, so another clinician cannot tell which exist).
"""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from planner.models import AuditEvent, GateAttestation, PlanRevision, Release, ReleasedDocument
from planner.services.releases import revision_release
from tests.support.revisions import GATE_ANSWERS, make_revision

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(clinician):
    """A client with two revisions, the first released; and one waiting for clearance."""
    released = make_revision(clinician)
    revision_release(user=clinician, revision=released)
    client = released.plan.client
    second = make_revision(clinician, client=client, **GATE_ANSWERS["RISK_ATTESTATION"])
    pending = make_revision(clinician, **GATE_ANSWERS["CLEARANCE_PENDING"])
    return {"released": released, "second": second, "pending": pending}


def cases(objects):
    released, second, pending = objects["released"], objects["second"], objects["pending"]
    c = released.plan.client_id
    today = timezone.localdate().isoformat()
    return [
        # (url, GET status for the owner or None if POST-only, POST data or None, POST status)
        (reverse("planner:plan_history", args=[c]), 200, None, None),
        (reverse("planner:revision_compare", args=[c]) + "?a=1&b=2", 200, None, None),
        (reverse("planner:revision_restore", args=[c, 1]), 200, {"base_revision": 2}, 302),
        (
            reverse("planner:plan_adjust", args=[c]),
            200,
            {"base_revision": 2, "lower_target_minutes": 100, "reason": "r"},
            302,
        ),
        (
            reverse("planner:clearance_record", args=[pending.plan.client_id]),
            200,
            {"base_revision": 1, "clearance_date": today, "clearance_by": "GP"},
            302,
        ),
        # a refused release answers 200 with its errors (issue 22)
        (reverse("planner:revision_release", args=[c, 1]), 200, {}, 200),
        (
            reverse("planner:gate_attest", args=[c, 2]),
            None,
            {"gate": "RISK_ATTESTATION", "confirm": "on"},
            302,
        ),
        (reverse("planner:released_document_add", args=[c, 1]), None, {}, 302),
        (reverse("planner:release_download", args=[c, 1]), 200, None, None),
        (reverse("planner:revision_document", args=[c, 2, "handout"]), 200, None, None),
        (reverse("planner:revision_document", args=[c, 1, "log_sheet"]), 200, None, None),
        (reverse("planner:revision_document", args=[c, 2, "crisis_sheet"]), 200, None, None),
        (
            reverse(
                "planner:revision_document",
                args=[pending.plan.client_id, 1, "clearance_request_letter"],
            ),
            200,
            None,
            None,
        ),
        (reverse("planner:revision_document", args=[c, second.number, "stop_notice"]), 404,
         None, None),
    ]


def snapshot_of_writes():
    return (
        PlanRevision.objects.count(),
        GateAttestation.objects.count(),
        Release.objects.count(),
        ReleasedDocument.objects.count(),
    )


def test_anonymous_visitors_are_sent_to_login(objects):
    anonymous = Client()
    login = reverse("login")
    for url, get_status, data, _post_status in cases(objects):
        if get_status is not None:
            response = anonymous.get(url)
            assert response.status_code == 302 and response["Location"].startswith(login), url
        if data is not None:
            response = anonymous.post(url, data)
            assert response.status_code == 302 and response["Location"].startswith(login), url


def test_another_clinician_gets_404_and_changes_nothing(objects, other_clinician):
    other = Client()
    other.force_login(other_clinician)
    before = snapshot_of_writes()
    for url, _get_status, data, _post_status in cases(objects):
        assert other.get(url).status_code == 404, url
        if data is not None:
            assert other.post(url, data).status_code == 404, url
    assert snapshot_of_writes() == before
    # No view or change of A's records on the trail; one "refused" row per probe (issue 27).
    assert not AuditEvent.objects.filter(actor_id=other_clinician.pk).exclude(
        action__in=[AuditEvent.Action.LOGIN, AuditEvent.Action.REFUSED]
    ).exists()
    probes = sum(1 if data is None else 2 for _url, _get, data, _post in cases(objects))
    assert AuditEvent.objects.filter(
        actor_id=other_clinician.pk, action=AuditEvent.Action.REFUSED).count() == probes


def test_the_owner_gets_each_page(objects, client_logged_in):
    for url, get_status, data, _post_status in cases(objects):
        expected = get_status if get_status is not None else 405
        assert client_logged_in.get(url).status_code == expected, url
        if data is None:
            assert client_logged_in.post(url, {}).status_code == 405, url


# Indexes of cases() with a POST: restore, adjust, clearance, release, attest, large print.
POST_CASES = (2, 3, 4, 5, 6, 7)


@pytest.mark.parametrize("index", POST_CASES)
def test_the_owner_can_post(objects, client_logged_in, index):
    url, _get_status, data, post_status = cases(objects)[index]
    assert data is not None
    assert client_logged_in.post(url, data).status_code == post_status, url


def test_every_post_case_is_tested(objects):
    with_post = [i for i, case in enumerate(cases(objects)) if case[2] is not None]
    assert tuple(with_post) == POST_CASES


def test_posts_need_a_csrf_token(objects, clinician):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(clinician)
    before = snapshot_of_writes()
    for url, _get_status, data, _post_status in cases(objects):
        if data is not None:
            assert strict.post(url, data).status_code == 403, url
    assert snapshot_of_writes() == before
