"""Clearance dates and the clinician's preview of what the client will read (rules v1.2,
section 8 items 14 and 15), through the real engine, services and pages."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from planner.models import Intake, PlanRevision
from planner.services.adjustments import clearance_record
from planner.services.releases import gate_attest
from tests.support.factories import ClientFactory, IntakeFactory
from tests.support.revisions import GATE_ANSWERS, make_revision

pytestmark = pytest.mark.django_db

# Case G2 (rules.md section 4): mild anxiety, chest discomfort on stairs, clearance pending.
G2 = {
    "age": 55,
    "primary_condition": "anxiety",
    "anxiety_severity": "mild",
    "gad7_total": None,
    "depression_severity": "",
    "phq9_total": None,
    "phq9_item9": None,
    "symptoms": ["chest_discomfort"],
    "q2_chest_pain": True,
    "base_total_min": 90,
    "regular_exerciser": False,
    "clearance_status": "pending",
    "available_days": 7,
}
BEFORE_SCREENING = "earlier than this assessment's screening"


def client_texts_section(html: str) -> str:
    """The "what the client will read" section of a plan page."""
    start = html.index('id="texts-title"')
    return html[start:html.index('<section aria-labelledby="why-title"', start)]


def heading_of(section: str) -> str:
    return re.sub(r"\s+", " ", section.split(">", 1)[1].split("</h2>", 1)[0]).strip()


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
    assert response.status_code == 200  # issue 22: errors answer 200
    form = response.context["form"]
    assert BEFORE_SCREENING in " ".join(form.errors["clearance_date"])
    html = response.content.decode()
    assert BEFORE_SCREENING in html.replace("&#x27;", "'")
    assert "Dr Typed Name" in html and 'value="90"' in html
    assert PlanRevision.objects.filter(plan=base.plan).count() == 1


# --- item 15: the clinician's preview while a gate is open -------------------------------------

def test_preview_under_clearance_pending_shows_the_interim_letter_not_the_plan(
    client_logged_in, clinician
):
    intake = IntakeFactory(client=ClientFactory(owner=clinician), **G2)
    response = client_logged_in.get(reverse("planner:intake_preview", args=[intake.pk]))
    assert response.status_code == 200
    view = response.context["view"]
    assert [g.code for g in view.gates] == ["CLEARANCE_PENDING"]
    html = response.content.decode()
    section = client_texts_section(html)
    assert heading_of(section) == "Not for the client yet: medical clearance pending"
    assert "What the client will read" not in html
    letter = section.index("Please see your doctor soon, before you start your activity plan")
    assert section.index("Chest pain at rest, or chest pain that lasts more than a few minutes: "
                         "call 911 now.") > letter
    assert section.index("Please see soon: symptoms reported") > letter  # then the doctor letter
    # none of the handout blocks a client could be given
    for block in view.texts:
        if block.title:
            assert f">{block.title}<" not in section, block.key
    assert "Your plan at a glance" not in section
    # headings in order: the section's h2, then each letter's h3
    levels = [int(n) for n in re.findall(r"<h([1-6])", section[section.index("</h2>"):])]
    assert levels and set(levels) == {3}


def test_revision_page_names_every_open_gate_and_drops_attested_ones(
    client_logged_in, clinician
):
    revision = make_revision(clinician, suicide_risk="passive_ideation", q2_chest_pain=True,
                             clearance_status="pending")
    assert set(revision.snapshot["gates"]) == {"RISK_ATTESTATION", "CLEARANCE_PENDING"}
    url = reverse("planner:plan_revision_detail", args=[revision.plan.client_id, 1])
    section = client_texts_section(client_logged_in.get(url).content.decode())
    assert heading_of(section) == ("Not for the client yet: risk attestation needed; medical "
                                   "clearance pending")
    assert "Please see your doctor soon" in section
    gate_attest(user=clinician, revision=revision, gate="RISK_ATTESTATION")
    section = client_texts_section(client_logged_in.get(url).content.decode())
    assert heading_of(section) == "Not for the client yet: medical clearance pending"


def test_a_gate_other_than_clearance_previews_the_handout_under_the_gate_heading(
    client_logged_in, clinician
):
    revision = make_revision(clinician, **GATE_ANSWERS["RISK_ATTESTATION"])
    url = reverse("planner:plan_revision_detail", args=[revision.plan.client_id, 1])
    section = client_texts_section(client_logged_in.get(url).content.decode())
    assert heading_of(section) == "Not for the client yet: risk attestation needed"
    assert "Crisis support: keep this somewhere easy to find" in section
    assert "If things feel very hard" in section  # the handout's crisis box, first
    gate_attest(user=clinician, revision=revision, gate="RISK_ATTESTATION")
    section = client_texts_section(client_logged_in.get(url).content.decode())
    assert heading_of(section) == "What the client will read"
