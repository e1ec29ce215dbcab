"""One clinic with a member of every role around one client, and a second clinic (issue 24).

The client belongs to `responsible`; `care_team` is on its care team; `colleague` is a plain
member of the same clinic; `trainee` is supervised by `lead`; `administrator` manages members;
`outsider` is a clinician of another clinic (with a client of their own)."""

from __future__ import annotations

import dataclasses

from django.contrib.auth.base_user import AbstractBaseUser

from planner.models import CareTeamMember, Client, Clinic, Membership, Role
from planner.permissions import remember_membership
from planner.services.clients import client_create
from planner.services.teams import care_team_add
from tests.support.factories import ClinicianProfileFactory

ROLES = ("responsible", "care_team", "colleague", "lead", "trainee", "administrator",
         "outsider")


def member(clinic: Clinic, role: str = Role.CLINICIAN, supervisor=None,
           username: str | None = None) -> AbstractBaseUser:
    """A new user with a profile, in `clinic` with `role`."""
    user = (ClinicianProfileFactory(user__username=username) if username
            else ClinicianProfileFactory()).user
    membership = Membership.objects.create(user=user, clinic=clinic, role=role,
                                           supervisor=supervisor)
    remember_membership(user, membership)
    return user


@dataclasses.dataclass
class Team:
    clinic: Clinic
    other_clinic: Clinic
    responsible: AbstractBaseUser
    care_team: AbstractBaseUser
    colleague: AbstractBaseUser
    lead: AbstractBaseUser
    trainee: AbstractBaseUser
    administrator: AbstractBaseUser
    outsider: AbstractBaseUser
    client: Client
    outsider_client: Client

    def user(self, role: str) -> AbstractBaseUser:
        return getattr(self, role)


def build_team(name: str = "Alex Example", responsible: AbstractBaseUser | None = None) -> Team:
    clinic = Clinic.objects.create(name="Riverside")
    other = Clinic.objects.create(name="Hillside")
    if responsible is None:
        responsible = member(clinic)
    else:
        membership = Membership.objects.create(user=responsible, clinic=clinic)
        remember_membership(responsible, membership)
    lead = member(clinic, Role.LEAD)
    team = Team(
        clinic=clinic, other_clinic=other, responsible=responsible,
        care_team=member(clinic), colleague=member(clinic), lead=lead,
        trainee=member(clinic, Role.TRAINEE, supervisor=lead),
        administrator=member(clinic, Role.ADMINISTRATOR), outsider=member(other),
        client=None, outsider_client=None,
    )
    team.client = client_create(owner=responsible, display_name=name, crisis_region="US")
    care_team_add(actor=responsible, client=team.client, colleague_id=team.care_team.pk,
                  reason="Shares the client's care")
    team.outsider_client = client_create(owner=team.outsider, display_name="Hillside client",
                                         crisis_region="US")
    return team


def world_care_team_member(world) -> CareTeamMember:
    """A colleague of the world owner's clinic on the world client's care team (made once)."""
    existing = CareTeamMember.objects.filter(client=world.client).first()
    if existing:
        return existing
    colleague = member(world.client.clinic)
    return care_team_add(actor=world.owner, client=world.client, colleague_id=colleague.pk,
                         reason="Shares the care")
