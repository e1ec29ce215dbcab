"""Issue 22 item 4 in the browser: sessions a week set on the adjust form, recorded with its
reason like any override; one beyond the free days is refused on its field, nothing lost."""

import pytest
from django.urls import reverse

from planner.models import PlanRevision
from tests.support.revisions import make_revision

pytestmark = pytest.mark.django_db


def test_sessions_a_week_accepted_and_recorded(client_logged_in, clinician):
    revision = make_revision(clinician, available_days=4)
    url = reverse("planner:plan_adjust", args=[revision.plan.client_id])
    page = client_logged_in.get(url).content.decode()
    assert 'name="sessions_per_week"' in page and "Sessions a week" in page
    response = client_logged_in.post(
        url, {"base_revision": 1, "sessions_per_week": 4, "reason": "four free evenings"})
    assert response.status_code == 302
    new = PlanRevision.objects.get(number=2)
    assert {s.sessions for s in new.saved_plan.steps} == {4}
    stored = [(o["kind"], o["value"], o["reason"]) for o in new.overrides]
    assert stored == [("sessions_per_week", 4, "four free evenings")]


def test_sessions_beyond_the_free_days_refused_with_the_reason_on_its_field(
        client_logged_in, clinician):
    revision = make_revision(clinician, available_days=4)
    url = reverse("planner:plan_adjust", args=[revision.plan.client_id])
    response = client_logged_in.post(
        url, {"base_revision": 1, "sessions_per_week": 5, "reason": "more often"})
    assert response.context["form"].errors["sessions_per_week"] == [
        "5 sessions need 5 days; the client has 4 available (R-CAP-6)."]
    assert 'value="more often"' in response.content.decode() or (
        "more often" in response.content.decode())
    assert PlanRevision.objects.count() == 1
