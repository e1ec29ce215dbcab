"""Clearance dates (rules v1.2, section 8 item 14), through the real engine, services and
pages."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from planner.models import Intake, PlanRevision
from planner.services.adjustments import clearance_record
from tests.revision_helpers import GATE_ANSWERS, make_revision

pytestmark = pytest.mark.django_db

BEFORE_SCREENING = "earlier than this assessment's screening"


# --- item 14: a clearance date before the screening date is refused ---------------------------

def pending_revision(clinician, screened: dt.date):
    today = timezone.localdate()
    return make_revision(
        clinician, **GATE_ANSWERS["CLEARANCE_PENDING"], assessed_date=today, screening_date=screened
    )


def test_the_service_refuses_a_clearance_dated_before_the_screening(clinician):
    screened = timezone.localdate() - dt.timedelta(days=3)
    base = pending_revision(clinician, screened)
    with pytest.raises(ValidationError) as error:
        clearance_record(
            user=clinician,
            client=base.plan.client,
            base_revision=1,
            clearance_date=screened - dt.timedelta(days=1),
            clearance_by="Dr Ortiz, GP",
        )
    messages = error.value.message_dict["clearance_date"]
    assert len(messages) == 1 and BEFORE_SCREENING in messages[0]
    assert "clearance_date" not in messages[0] and "screening_date" not in messages[0]
    assert Intake.objects.count() == 1 and PlanRevision.objects.count() == 1  # nothing saved
    # the screening day itself is fine
    saved = clearance_record(
        user=clinician,
        client=base.plan.client,
        base_revision=1,
        clearance_date=screened,
        clearance_by="Dr Ortiz, GP",
    )
    assert saved.revision.number == 2


def test_the_clearance_form_shows_the_refusal_on_the_field_and_keeps_what_was_typed(
    client_logged_in, clinician
):
    screened = timezone.localdate() - dt.timedelta(days=2)
    base = pending_revision(clinician, screened)
    url = reverse("planner:clearance_record", args=[base.plan.client_id])
    page = client_logged_in.get(url)
    assert page.status_code == 200
    assert "On or after the screening date of this assessment" in page.content.decode()
    response = client_logged_in.post(
        url,
        {
            "base_revision": 1,
            "clearance_date": (screened - dt.timedelta(days=10)).isoformat(),
            "clearance_by": "Dr Typed Name",
            "clearance_max_minutes": 90,
        },
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert BEFORE_SCREENING in " ".join(form.errors["clearance_date"])
    html = response.content.decode()
    assert BEFORE_SCREENING in html.replace("&#x27;", "'")
    assert "Dr Typed Name" in html and 'value="90"' in html
    assert PlanRevision.objects.filter(plan=base.plan).count() == 1
