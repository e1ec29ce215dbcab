"""Issue 22 item 6: the clinician's profession is printed on every document (pypdf read-back)."""

import dataclasses

import pytest

from planner.handout import (
    CLEARANCE_REQUEST_LETTER,
    CRISIS_SHEET,
    HANDOUT,
    INTERIM_CLEARANCE_LETTER,
    LOG_SHEET,
    STOP_NOTICE,
)
from tests.handout import snapshots
from tests.handout.pdfutil import all_text, flat

DOCUMENTS = [
    (snapshots.plan_snapshot, HANDOUT),
    (snapshots.plan_snapshot, LOG_SHEET),
    (snapshots.clearance_snapshot, INTERIM_CLEARANCE_LETTER),
    (snapshots.clearance_snapshot, CLEARANCE_REQUEST_LETTER),
    (snapshots.crisis_snapshot, CRISIS_SHEET),
    (snapshots.crisis_snapshot, STOP_NOTICE),
]


@pytest.mark.parametrize(("make", "kind"), DOCUMENTS, ids=[k for _m, k in DOCUMENTS])
def test_every_document_prints_the_profession_beside_the_name(header, make, kind):
    with_profession = dataclasses.replace(header, clinician_profession="Occupational therapist")
    text = flat(all_text(snapshots.render(make(), with_profession, kind)))
    assert "Dr Sam Lee" in text, kind
    assert "Occupational therapist" in text, kind
    without = flat(all_text(snapshots.render(make(), header, kind)))
    assert "Occupational therapist" not in without


@pytest.mark.django_db
def test_the_web_download_prints_the_profile_profession(client_logged_in, clinician):
    from django.urls import reverse

    from planner.services.accounts import clinician_profile_get_or_create
    from tests.support.revisions import make_revision

    profile = clinician_profile_get_or_create(user=clinician)
    profile.display_name, profile.profession = "Jo Park", "Clinical psychologist"
    profile.save()
    revision = make_revision(clinician)
    url = reverse("planner:revision_document", args=[revision.plan.client_id, 1, "handout"])
    response = client_logged_in.get(url)
    assert response.status_code == 200
    assert "Jo Park, Clinical psychologist" in flat(all_text(response.content))
