"""
Usability and accessibility fixes found by the browser tests (issue 10): what clinicians read
on the pages, checked in the HTML the Django test client gets.
"""

import pytest
from django.urls import reverse

from tests.revision_helpers import GATE_ANSWERS, make_revision

pytestmark = pytest.mark.django_db


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_client_page_lists_the_open_gates_of_the_current_plan(client_logged_in, clinician):
    revision = make_revision(clinician, **GATE_ANSWERS["RISK_ATTESTATION"])
    html = page(client_logged_in, reverse("planner:client_detail", args=[revision.plan.client_id]))
    assert "Risk attestation" in html
