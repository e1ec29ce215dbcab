"""The care team page: add and remove a colleague with a reason; hand a client over (issue 24)."""

import pytest
from django.urls import reverse

from planner.models import AuditEvent, CareTeamMember, Handover
from planner.permissions import can_see_client
from tests.support.auth import browser_for
from tests.support.teams import build_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return build_team()


def handover_data(to_user, reason: str) -> dict:
    return {"handover-to_user": to_user, "handover-reason": reason}


def team_url(team):
    return reverse("planner:care_team", kwargs={"pk": team.client.pk})


def test_the_responsible_clinician_adds_a_colleague_by_name_with_a_reason(team):
    browser = browser_for(team.responsible)
    page = browser.get(team_url(team)).content.decode()
    assert "Add to the care team" in page
    response = browser.post(team_url(team), {"colleague": team.colleague.pk,
                                             "reason": "Runs the walking group"}, follow=True)
    assert response.status_code == 200
    assert "is in the care team now" in response.content.decode()
    row = CareTeamMember.objects.get(client=team.client, user=team.colleague)
    assert row.reason == "Runs the walking group" and row.added_by == team.responsible
    assert can_see_client(team.colleague, team.client)
    event = AuditEvent.objects.filter(actor_id=team.responsible.pk, action="change").latest("id")
    assert event.detail == f"care team add user={team.colleague.pk}"
    assert "walking" not in event.detail  # ids only


def test_a_missing_reason_is_asked_for_and_the_choice_is_kept(team):
    browser = browser_for(team.responsible)
    response = browser.post(team_url(team), {"colleague": team.colleague.pk, "reason": ""})
    body = response.content.decode()
    assert response.status_code == 200 and "error-summary" in body
    assert f'value="{team.colleague.pk}" selected' in body
    assert not CareTeamMember.objects.filter(user=team.colleague).exists()


def test_a_colleague_of_another_clinic_cannot_be_added(team):
    browser = browser_for(team.responsible)
    response = browser.post(team_url(team), {"colleague": team.outsider.pk, "reason": "x"})
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    assert not CareTeamMember.objects.filter(user=team.outsider).exists()


def test_a_care_team_member_sees_the_team_but_cannot_change_it(team):
    browser = browser_for(team.care_team)
    page = browser.get(team_url(team))
    assert page.status_code == 200 and "Add to the care team" not in page.content.decode()
    response = browser.post(team_url(team), {"colleague": team.colleague.pk, "reason": "x"})
    assert response.status_code == 403
    handover = reverse("planner:client_handover", kwargs={"pk": team.client.pk})
    assert browser.post(handover, handover_data(team.care_team.pk, "x")
                        ).status_code == 403
    assert team.client.owner == team.responsible


def test_handover_moves_responsibility_and_the_new_list_says_who_and_when(team):
    browser = browser_for(team.responsible)
    url = reverse("planner:client_handover", kwargs={"pk": team.client.pk})
    response = browser.post(url, handover_data(team.colleague.pk, "Going on leave"))
    assert response.status_code == 302
    team.client.refresh_from_db()
    assert team.client.owner == team.colleague
    handover = Handover.objects.get(client=team.client)
    assert (handover.from_user, handover.to_user, handover.by_user) == (
        team.responsible, team.colleague, team.responsible)
    # The old clinician no longer opens the client; the new one does, with the line.
    detail = reverse("planner:client_detail", kwargs={"pk": team.client.pk})
    assert browser_for(team.responsible).get(detail).status_code == 404
    new = browser_for(team.colleague)
    assert new.get(detail).status_code == 200
    listing = new.get(reverse("planner:client_list")).content.decode()
    name = team.responsible.clinician_profile.display_name
    assert f"Handed over by {name} on" in listing
    assert AuditEvent.objects.filter(
        actor_id=team.responsible.pk, object_id=str(team.client.pk),
        detail=f"handover from={team.responsible.pk} to={team.colleague.pk}").exists()


def test_a_lead_hands_over_a_client_they_are_not_responsible_for(team):
    browser = browser_for(team.lead)
    url = reverse("planner:client_handover", kwargs={"pk": team.client.pk})
    assert browser.post(url, handover_data(team.care_team.pk, "Rebalancing")
                        ).status_code == 302
    team.client.refresh_from_db()
    assert team.client.owner == team.care_team
    # The new responsible clinician's care-team row would only repeat it.
    assert not CareTeamMember.objects.filter(client=team.client, user=team.care_team).exists()


def test_handover_to_an_administrator_or_outsider_is_refused(team):
    browser = browser_for(team.responsible)
    url = reverse("planner:client_handover", kwargs={"pk": team.client.pk})
    for target in (team.administrator, team.outsider):
        response = browser.post(url, handover_data(target.pk, "x"))
        assert response.status_code == 200 and "error-summary" in response.content.decode()
    team.client.refresh_from_db()
    assert team.client.owner == team.responsible


def test_handovers_are_append_only(team):
    from planner.models import AppendOnlyError
    from planner.services.teams import client_handover

    handover = client_handover(actor=team.responsible, client=team.client,
                               to_user_id=team.colleague.pk, reason="Leave")
    with pytest.raises(AppendOnlyError):
        handover.delete()


def test_only_the_responsible_clinician_or_a_lead_erases_the_record(team):
    from planner.models import Client

    url = reverse("planner:client_erase", kwargs={"pk": team.client.pk})
    answer = browser_for(team.care_team).post(url, {"confirm_name": team.client.display_name})
    assert answer.status_code == 403
    assert Client.objects.filter(pk=team.client.pk).exists()
    # A record with a care team and a handover is erased whole by a lead.
    from planner.services.teams import client_handover

    client_handover(actor=team.responsible, client=team.client, to_user_id=team.colleague.pk,
                    reason="Leave")
    answer = browser_for(team.lead).post(url, {"confirm_name": team.client.display_name})
    assert answer.status_code == 302
    assert not Client.objects.filter(pk=team.client.pk).exists()
    assert not Handover.objects.exists() and not CareTeamMember.objects.exists()
