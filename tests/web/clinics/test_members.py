"""The members page (issue 24): who is in the clinic, one-time invitations, deactivation, the
clinic's visibility setting, the clinic's list of clients and the lead's audit trail."""

import hashlib
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.test import Client as Browser
from django.urls import reverse

from planner.models import AuditEvent, Client, Invitation, Membership, Role
from tests.support.auth import browser_for, clock_shifted, log_in
from tests.support.factories import ClientFactory
from tests.support.teams import build_team

pytestmark = pytest.mark.django_db
MEMBERS = reverse("planner:clinic_members")
GOOD_PASSWORD = "a-long-walk-by-the-river-7"


@pytest.fixture
def team():
    return build_team()


def invite(team, role="clinician", supervisor=""):
    response = browser_for(team.lead).post(reverse("planner:member_invite"), {
        "name": "Jo Bloggs", "role": role, "supervisor": supervisor})
    assert response.status_code == 200
    link = response.context["invitation_link"]
    assert link
    return link.split("/invite/")[1], response


@pytest.mark.parametrize("role,status", [("lead", 200), ("administrator", 200),
                                         ("responsible", 403), ("trainee", 403),
                                         ("outsider", 403)])
def test_only_leads_and_administrators_open_the_members_page(team, role, status):
    response = browser_for(team.user(role)).get(MEMBERS)
    assert response.status_code == status
    if status == 200:
        body = response.content.decode()
        assert team.care_team.get_username() in body and team.outsider.get_username() not in body


def test_an_invitation_is_stored_hashed_and_works_once(team):
    token, response = invite(team)
    invitation = Invitation.objects.get()
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(list(Invitation.objects.values()))
    assert token not in str(list(AuditEvent.objects.values()))
    anonymous = Browser()
    url = reverse("invitation_accept", args=[token])
    assert "Join Riverside" in anonymous.get(url).content.decode()
    response = anonymous.post(url, {"username": "jo", "password1": GOOD_PASSWORD,
                                    "password2": GOOD_PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == reverse("login")
    membership = Membership.objects.get(user__username="jo")
    assert (membership.clinic, membership.role) == (team.clinic, Role.CLINICIAN)
    assert membership.user.get_full_name() == "Jo Bloggs"
    # Spent: a second use is refused and makes nobody.
    again = anonymous.post(url, {"username": "jo2", "password1": GOOD_PASSWORD,
                                 "password2": GOOD_PASSWORD})
    assert again.status_code == 404 and "not valid" in again.content.decode()
    assert not Membership.objects.filter(user__username="jo2").exists()
    assert log_in(Browser(), "jo", GOOD_PASSWORD).status_code == 302


def test_an_invitation_expires(team):
    token, _response = invite(team)
    with clock_shifted(timedelta(days=8)):
        response = Browser().get(reverse("invitation_accept", args=[token]))
    assert response.status_code == 404
    assert Browser().get(reverse("invitation_accept", args=["made-up"])).status_code == 404


def test_the_apps_password_rules_apply_and_what_was_typed_is_kept(team):
    token, _response = invite(team)
    url = reverse("invitation_accept", args=[token])
    response = Browser().post(url, {"username": "jo", "password1": "password",
                                    "password2": "password"})
    body = response.content.decode()
    assert response.status_code == 200 and "error-summary" in body
    assert "too common" in body and 'value="jo"' in body
    assert not Membership.objects.filter(user__username="jo").exists()
    assert Invitation.objects.get().used_at is None


def test_a_trainee_invitation_needs_a_supervisor_and_keeps_it(team):
    response = browser_for(team.lead).post(reverse("planner:member_invite"), {
        "name": "Tam", "role": "trainee", "supervisor": ""})
    assert "error-summary" in response.content.decode() and not Invitation.objects.exists()
    token, _response = invite(team, role="trainee", supervisor=team.responsible.pk)
    Browser().post(reverse("invitation_accept", args=[token]), {
        "username": "tam", "password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD})
    membership = Membership.objects.get(user__username="tam")
    assert (membership.role, membership.supervisor) == (Role.TRAINEE, team.responsible)


def test_two_factor_is_asked_for_where_the_app_requires_it(team, settings):
    token, _response = invite(team)
    settings.PLANNER_REQUIRE_2FA = True
    Browser().post(reverse("invitation_accept", args=[token]), {
        "username": "jo", "password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD})
    browser = Browser()
    log_in(browser, "jo", GOOD_PASSWORD)
    response = browser.get(reverse("planner:client_list"))
    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("planner:twofactor_setup"))


def test_deactivation_waits_for_the_clients_to_be_handed_over(team):
    url = reverse("planner:member_deactivate", kwargs={"pk": team.responsible.pk})
    response = browser_for(team.administrator).post(url, {})
    assert response.status_code == 200
    assert "Hand them over first" in response.content.decode()
    team.responsible.refresh_from_db()
    assert team.responsible.is_active


def test_deactivation_ends_the_sessions_and_the_clients_go_to_the_lead(team):
    member_browser = Browser()
    log_in(member_browser, team.responsible)
    assert member_browser.get(reverse("planner:client_list")).status_code == 200
    session_key = member_browser.session.session_key
    assert Session.objects.filter(session_key=session_key).exists()
    url = reverse("planner:member_deactivate", kwargs={"pk": team.responsible.pk})
    lead = browser_for(team.lead)
    response = lead.post(url, {"clients_to_me": "on"})
    assert response.status_code == 302
    team.responsible.refresh_from_db()
    assert not team.responsible.is_active
    assert not Session.objects.filter(session_key=session_key).exists()
    assert lead.get(MEMBERS).status_code == 200  # the lead's own session goes on
    answer = member_browser.get(reverse("planner:client_list"))
    assert answer.status_code == 302 and answer.headers["Location"].startswith(reverse("login"))
    assert Client.objects.get(pk=team.client.pk).owner == team.lead
    assert AuditEvent.objects.filter(actor_id=team.lead.pk, object_type="user",
                                     object_id=str(team.responsible.pk)).exists()


def test_a_member_of_another_clinic_cannot_be_deactivated(team):
    url = reverse("planner:member_deactivate", kwargs={"pk": team.outsider.pk})
    assert browser_for(team.lead).post(url, {}).status_code == 404
    team.outsider.refresh_from_db()
    assert team.outsider.is_active


def test_the_clinic_list_follows_the_setting(team):
    url = reverse("planner:clinic_clients")
    colleague = browser_for(team.colleague)
    assert colleague.get(url).status_code == 403
    browser_for(team.administrator).post(reverse("planner:clinic_settings"),
                                         {"whole_clinic_sees_clients": "on"})
    response = browser_for(team.colleague).get(url)
    body = response.content.decode()
    assert response.status_code == 200 and team.client.display_name in body
    assert team.responsible.clinician_profile.display_name in body
    # Existence only: no link, and the record stays closed.
    assert reverse("planner:client_detail", kwargs={"pk": team.client.pk}) not in body
    assert colleague.get(reverse("planner:client_detail", kwargs={"pk": team.client.pk})
                         ).status_code == 404
    assert "Hillside client" not in body
    assert browser_for(team.administrator).get(url).status_code == 403


def test_the_administrator_sees_no_clinical_record(team):
    admin = browser_for(team.administrator)
    assert team.client.display_name not in admin.get(reverse("planner:client_list")
                                                     ).content.decode()
    assert admin.get(reverse("planner:client_detail", kwargs={"pk": team.client.pk})
                     ).status_code == 404
    assert admin.get(reverse("planner:client_create")).status_code == 403


def test_the_lead_reads_the_clinics_trail_and_nobody_else_does(team):
    browser_for(team.responsible).get(reverse("planner:client_detail",
                                              kwargs={"pk": team.client.pk}))
    browser_for(team.outsider).get(reverse("planner:client_list"))
    response = browser_for(team.lead).get(reverse("planner:clinic_audit"))
    assert response.status_code == 200
    actors = {row.event.actor_id for row, _name in response.context["rows"]}
    assert team.responsible.pk in actors and team.outsider.pk not in actors
    for role in ("responsible", "administrator", "outsider"):
        assert browser_for(team.user(role)).get(reverse("planner:clinic_audit")
                                                ).status_code == 403


def test_the_lead_sees_an_outsiders_refused_attempt_on_a_clinic_client(team):
    detail = reverse("planner:client_detail", kwargs={"pk": team.client.pk})
    assert browser_for(team.outsider).get(detail).status_code == 404
    response = browser_for(team.lead).get(reverse("planner:clinic_audit"))
    refused = [(row.event, member) for row, member in response.context["rows"]
               if row.event.action == AuditEvent.Action.REFUSED]
    assert [(event.actor_id, event.object_id) for event, _member in refused] == [
        (team.outsider.pk, str(team.client.pk))]
    assert refused[0][1] == f"Not of this clinic (user {team.outsider.pk})"
    body = response.content.decode()
    assert team.outsider.get_username() not in body  # ids only: the name is the other clinic's


def test_refusals_about_other_clinics_clients_stay_out_of_the_trail(team):
    third_clinics_client = ClientFactory()
    assert third_clinics_client.clinic != team.clinic
    assert browser_for(team.outsider).get(reverse(
        "planner:client_detail", kwargs={"pk": third_clinics_client.pk})).status_code == 404
    assert AuditEvent.objects.filter(action=AuditEvent.Action.REFUSED,
                                     actor_id=team.outsider.pk).count() == 1
    response = browser_for(team.lead).get(reverse("planner:clinic_audit"))
    assert not [row for row, _member in response.context["rows"]
                if row.event.action == AuditEvent.Action.REFUSED]
