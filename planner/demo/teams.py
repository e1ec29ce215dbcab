"""
The demo clinic for `manage.py seed_demo` (issue 24): the demo clinician's colleagues, made
through the real services where a service exists.

- "Demo Clinic": demo_lead (lead), demo (clinician), demo_colleague (clinician, in the care team
  of one demo client), demo_trainee (supervised by demo_lead, with a draft awaiting co-sign);
- "Other Clinic": other_clinician with a client of their own, whom nobody above can see.

Passwords derive from SECRET_KEY (like the demo clinician's): stable for one installation,
printed by the command, unguessable without the key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from planner.demo.clients import DEMO_CLIENTS, _answers
from planner.models import CareTeamMember, Client, Clinic, ClinicianProfile, Membership, Role
from planner.permissions import remember_membership
from planner.services.clients import client_create, intake_create
from planner.services.plans import plan_revision_create
from planner.services.teams import care_team_add

DEMO_CLINIC = "Demo Clinic"
OTHER_CLINIC = "Other Clinic"
# username -> (first name, last name, role, profession)
DEMO_MEMBERS = {
    "demo_lead": ("Lee", "Lead", Role.LEAD, "Clinical psychologist"),
    "demo_colleague": ("Cam", "Colleague", Role.CLINICIAN, "Exercise physiologist"),
    "demo_trainee": ("Tay", "Trainee", Role.TRAINEE, "Trainee physiotherapist"),
}
OTHER_USERNAME = "other_clinician"
SHARED_CLIENT = DEMO_CLIENTS[0]["display_name"]
TRAINEE_CLIENT = "Kit (demo, trainee's draft)"
OTHER_CLIENT = "Robin (other clinic)"


def member_password(username: str) -> str:
    """A demo member's password, derived from SECRET_KEY and the username."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"planner-demo-{username}".encode(),
                      hashlib.sha256)
    return f"{username.replace('_', '-')}-{digest.hexdigest()[:16]}"


def _user(username: str, first: str, last: str, profession: str, organisation: str):
    User = get_user_model()  # noqa: N806
    user, created = User._default_manager.get_or_create(
        username=username, defaults={"first_name": first, "last_name": last, "is_active": True})
    password = member_password(username)
    if created or not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
    ClinicianProfile.objects.get_or_create(user=user, defaults={
        "display_name": f"{first} {last}", "profession": profession,
        "organisation": organisation, "handout_contact": f"{username}@example.org",
    })
    return user, password


def _join(user, clinic: Clinic, role: str, supervisor=None) -> None:
    membership, _created = Membership.objects.update_or_create(
        user=user, defaults={"clinic": clinic, "role": role, "supervisor": supervisor})
    remember_membership(user, membership)


def seed_demo_clinic(demo_user) -> dict[str, str]:
    """Put the demo clinician in the demo clinic with a lead, a colleague and a trainee;
    return {username: password} of the members made here. Run before the demo clients."""
    membership = Membership.objects.filter(user=demo_user).select_related("clinic").first()
    if membership is not None and membership.clinic.name != DEMO_CLINIC:
        # A clinic of their own from migration 0013: it becomes the demo clinic.
        Clinic.objects.filter(pk=membership.clinic_id).update(name=DEMO_CLINIC)
    clinic = (membership.clinic if membership else
              Clinic.objects.get_or_create(name=DEMO_CLINIC)[0])
    if membership is None:
        _join(demo_user, clinic, Role.CLINICIAN)
    passwords = {}
    users = {}
    for username, (first, last, _role, profession) in DEMO_MEMBERS.items():
        users[username], passwords[username] = _user(username, first, last, profession,
                                                     DEMO_CLINIC)
    for username, (_first, _last, role, _profession) in DEMO_MEMBERS.items():
        supervisor = users["demo_lead"] if role == Role.TRAINEE else None
        _join(users[username], clinic, role, supervisor)
    return passwords


def seed_demo_teams(demo_user) -> dict[str, str]:
    """After the demo clients: demo_colleague joins one client's care team, the trainee drafts a
    plan that waits for a co-sign, and the other clinic gets its clinician and client. Returns
    {username: password} of the other clinic's clinician. Idempotent."""
    User = get_user_model()  # noqa: N806
    colleague = User._default_manager.get(username="demo_colleague")
    shared = Client.objects.filter(owner=demo_user, display_name=SHARED_CLIENT).first()
    if shared and not CareTeamMember.objects.filter(client=shared, user=colleague).exists():
        care_team_add(actor=demo_user, client=shared, colleague_id=colleague.pk,
                      reason="Runs the walking group with the client")
    trainee = User._default_manager.get(username="demo_trainee")
    _client_with_plan(trainee, TRAINEE_CLIENT, DEMO_CLIENTS[0]["answers"], days_ago=1)
    other, password = _user(OTHER_USERNAME, "Oli", "Other", "Physiotherapist", OTHER_CLINIC)
    if not Membership.objects.filter(user=other).exists():
        _join(other, Clinic.objects.create(name=OTHER_CLINIC), Role.CLINICIAN)
    _client_with_plan(other, OTHER_CLIENT, DEMO_CLIENTS[0]["answers"], days_ago=3)
    return {OTHER_USERNAME: password}


def _client_with_plan(owner, name: str, values: dict, *, days_ago: int) -> None:
    if Client.objects.filter(owner=owner, display_name=name).exists():
        return
    client = client_create(owner=owner, display_name=name)
    assessed = timezone.localdate() - dt.timedelta(days=days_ago)
    intake = intake_create(client=client, author=owner, **_answers({**values}, assessed))
    plan_revision_create(intake=intake, author=owner, base_revision=0)
