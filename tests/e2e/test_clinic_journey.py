"""
Issue 24 in the browser: a lead hands a client over, the new clinician opens it and the old one
no longer can; a trainee's draft is co-signed and released by the supervising lead. Every clinic
page on the way (care team, clinic home, members, the clinic's caseload and trail, the release
page with its co-sign) passes axe and is photographed at desktop and phone widths.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from planner.models import Client, CoSign, Release
from tests.e2e import helpers
from tests.support.revisions import make_revision
from tests.support.teams import build_team

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state("load")


def test_the_lead_hands_a_client_over_and_cosigns_a_trainees_draft(
        page: Page, live_server, transactional_db):
    team = build_team(name="Jordan Handover")
    draft = make_revision(team.trainee)
    base = live_server.url
    colleague_name = team.colleague.clinician_profile.display_name
    lead_name = team.lead.clinician_profile.display_name

    # The lead hands the client over from its responsible clinician to a colleague.
    helpers.log_in(page, base, team.lead.username)
    page.goto(base + reverse("planner:care_team", args=[team.client.pk]))
    expect(page.get_by_role("heading", name="Care team of Jordan Handover")).to_be_visible()
    helpers.check_page(page, "care team", shots=True)
    page.get_by_label("Hand over to").select_option(str(team.colleague.pk))
    page.get_by_label("Reason for the handover").fill("Sam is on leave for three months")
    page.get_by_role("button", name="Hand over").click()
    expect(page.locator(".alert-success")).to_contain_text(f"handed over to {colleague_name}")
    expect(page.locator("#responsible-clinician")).to_have_text(colleague_name)

    # The clinic's pages a lead has.
    page.goto(base + reverse("planner:clinic"))
    helpers.check_page(page, "clinic home", shots=True)
    page.get_by_role("link", name="The clinic's caseload").click()
    expect(page.get_by_role("cell", name=colleague_name).first).to_be_visible()
    helpers.check_page(page, "clinic caseload", shots=True)
    page.goto(base + reverse("planner:clinic_members"))
    helpers.check_page(page, "clinic members", shots=True)
    page.goto(base + reverse("planner:clinic_audit"))
    helpers.check_page(page, "clinic audit trail", shots=True)

    # The trainee's draft waits for the lead (their supervisor): co-sign and release it.
    page.goto(base + reverse("planner:clinic"))
    page.get_by_role("link", name="revision 1, by").click()
    expect(page.locator(".cosign-note")).to_contain_text("A trainee wrote this revision")
    helpers.check_page(page, "release page awaiting co-sign", shots=True)
    page.get_by_role("button", name="Co-sign and release revision 1").click()
    expect(page.locator(".alert-success")).to_contain_text("Co-signed and released revision 1")
    expect(page.locator(".cosign-record")).to_contain_text(f"Co-signed by {lead_name}")
    helpers.check_page(page, "co-signed release", shots=True)
    assert CoSign.objects.get(revision=draft).cosigned_by == team.lead
    assert Release.objects.get(revision=draft).released_by == team.lead
    log_out(page)

    # The new clinician finds the client on their list, with who handed it over.
    helpers.log_in(page, base, team.colleague.username)
    expect(page.get_by_text(f"Handed over by {lead_name} on")).to_be_visible()
    helpers.check_page(page, "client list with a handover", shots=True)
    page.get_by_role("link", name="Jordan Handover").click()
    expect(page.get_by_role("heading", name="Jordan Handover")).to_be_visible()
    log_out(page)

    # The old clinician no longer can.
    helpers.log_in(page, base, team.responsible.username)
    expect(page.get_by_role("link", name="Jordan Handover")).to_have_count(0)
    response = page.goto(base + reverse("planner:client_detail", args=[team.client.pk]))
    assert response.status == 404
    assert Client.objects.get(pk=team.client.pk).owner == team.colleague


def test_a_trainee_sees_why_they_cannot_release(page: Page, live_server, transactional_db):
    team = build_team()
    draft = make_revision(team.trainee)
    helpers.log_in(page, live_server.url, team.trainee.username)
    page.goto(live_server.url + reverse("planner:revision_release",
                                        args=[draft.plan.client_id, draft.number]))
    expect(page.locator(".cosign-note")).to_contain_text("your supervisor, co-signs")
    expect(page.get_by_role("button", name="Release revision 1")).to_have_count(0)
    helpers.check_page(page, "trainee release page", shots=True)
