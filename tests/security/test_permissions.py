"""planner/permissions.py: who inside a clinic sees a client, and nobody outside it does."""

import pytest
from django.http import Http404
from django.urls import reverse

from planner import selectors
from planner.models import AuditEvent, Client, Role
from planner.permissions import (
    can_cosign,
    can_hand_over,
    can_release,
    can_see_client,
    client_scope,
    directory_scope,
)
from planner.services.clients import client_create
from planner.services.clinics import clinic_settings_update
from planner.services.teams import care_team_add, care_team_remove
from tests.support.auth import browser_for
from tests.support.revisions import make_revision
from tests.support.teams import ROLES, build_team, member

pytestmark = pytest.mark.django_db

# Written out by hand from issue 24: who opens the responsible clinician's client.
SEES_THE_CLIENT = {
    "responsible": True, "care_team": True, "colleague": False, "lead": True,
    "trainee": False, "administrator": False, "outsider": False,
}


@pytest.fixture
def team():
    return build_team()


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_the_client(team, role):
    user = team.user(role)
    assert can_see_client(user, team.client) is SEES_THE_CLIENT[role]
    in_scope = Client.objects.filter(client_scope(user), pk=team.client.pk).exists()
    assert in_scope is SEES_THE_CLIENT[role]


@pytest.mark.parametrize("role", ROLES)
def test_the_filter_and_the_predicate_agree_on_every_client(team, role):
    # A client of each kind of link: the trainee's own (the lead supervises), the outsider's.
    trainee_client = client_create(owner=team.trainee, display_name="Trainee's", crisis_region="US")
    user = team.user(role)
    every = Client.objects.all()
    assert every.count() == 3
    scoped = set(Client.objects.filter(client_scope(user)).values_list("pk", flat=True))
    assert scoped == {c.pk for c in every if can_see_client(user, c)}
    assert (trainee_client.pk in scoped) is (role in ("trainee", "lead"))
    assert (team.outsider_client.pk in scoped) is (role == "outsider")


def test_the_supervisor_sees_the_trainees_clients_and_nobody_elses(team):
    supervisor = member(team.clinic)
    trainee = member(team.clinic, Role.TRAINEE, supervisor=supervisor)
    theirs = client_create(owner=trainee, display_name="Supervised", crisis_region="US")
    assert can_see_client(supervisor, theirs)
    assert not can_see_client(supervisor, team.client)


def test_a_lead_of_another_clinic_sees_nothing_of_this_one(team):
    other_lead = member(team.other_clinic, Role.LEAD)
    assert can_see_client(other_lead, team.outsider_client)
    assert not can_see_client(other_lead, team.client)
    assert selectors.client_list(other_lead).paginator.count == 1


def test_removing_a_care_team_member_ends_their_access(team):
    member_row = team.client.care_team.get(user=team.care_team)
    care_team_remove(actor=team.responsible, client=team.client, member_id=member_row.pk)
    assert not can_see_client(team.care_team, team.client)
    assert AuditEvent.objects.filter(
        actor_id=team.responsible.pk, object_id=str(team.client.pk),
        detail=f"care team remove user={team.care_team.pk}").exists()


def test_the_clinic_list_needs_the_setting_which_is_off_by_default(team):
    assert team.clinic.whole_clinic_sees_clients is False
    assert directory_scope(team.colleague) is None
    clinic_settings_update(actor=team.lead, whole_clinic_sees_clients=True)
    team.colleague.__dict__.pop("_planner_membership", None)
    assert directory_scope(team.colleague) is not None
    # Existence only: the records stay closed.
    assert not can_see_client(team.colleague, team.client)
    # Administrators get no list of clients, setting or not; other clinics never.
    team.administrator.__dict__.pop("_planner_membership", None)
    assert directory_scope(team.administrator) is None
    listed = Client.objects.filter(directory_scope(team.colleague))
    assert set(listed.values_list("pk", flat=True)) == {team.client.pk}


def test_who_hands_over_and_who_releases(team):
    assert can_hand_over(team.responsible, team.client)
    assert can_hand_over(team.lead, team.client)
    for role in ("care_team", "colleague", "trainee", "administrator", "outsider"):
        assert not can_hand_over(team.user(role), team.client), role
    assert can_release(team.responsible) and not can_release(team.trainee)


def test_only_the_supervisor_or_a_lead_cosigns_a_trainees_revision(team):
    revision = make_revision(team.trainee)
    assert can_cosign(team.lead, revision)  # the trainee's supervisor, and a lead
    assert not can_cosign(team.trainee, revision)
    assert not can_cosign(team.responsible, revision)
    assert not can_cosign(team.outsider, revision)


def test_audit_rows_carry_the_actor_and_their_clinic(team):
    browser = browser_for(team.responsible)
    browser.get(reverse("planner:client_detail", kwargs={"pk": team.client.pk}))
    event = AuditEvent.objects.filter(actor_id=team.responsible.pk, action="view").latest("id")
    assert event.clinic_id == team.clinic.pk


def test_a_probe_of_another_clinics_client_is_refused_and_audited_with_ids_only(team):
    browser = browser_for(team.lead)
    url = reverse("planner:client_detail", kwargs={"pk": team.outsider_client.pk})
    assert browser.get(url).status_code == 404
    refused = AuditEvent.objects.get(actor_id=team.lead.pk, action="refused")
    assert refused.object_id == str(team.outsider_client.pk)
    assert refused.clinic_id == team.clinic.pk
    assert "Hillside" not in refused.detail


def test_a_users_scope_is_built_once_and_still_sees_later_care_team_changes():
    team = build_team()
    user = team.colleague  # the same user object all along, as within one request
    assert client_scope(user) is client_scope(user)
    with pytest.raises(Http404):
        selectors.client_get(user, team.client.pk)
    care_team_add(actor=team.responsible, client=team.client, colleague_id=user.pk,
                  reason="joins the care team")
    assert selectors.client_get(user, team.client.pk) == team.client
