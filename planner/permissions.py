"""
Who may see and do what inside a clinic (issue 24, docs/teams.md): the one place the rule lives.

A plain module of predicates rather than the `rules` package: every read here must be a database
filter (a selector filters in the same query that fetches the rows, so another clinic's objects
do not exist and lists stay one query), and `rules` decides per object in Python. With it we
would still need the filter below and keep two definitions of one rule in step. Here
`client_scope()` is the filter and `can_see_client()` the same rule for one object in hand, and
a test proves they agree for every role (tests/security/test_permissions.py).

The rule (clinic first, always):
- another clinic: nothing, ever;
- a clinic administrator: no clinical record (members and settings only);
- the responsible clinician, the client's care team, the supervisor of a responsible trainee,
  and the clinic's leads: the whole record;
- anyone else in the clinic: that the client exists (name and responsible clinician, on the
  clinic's list), and only when the clinic turned on "whole clinic can see all clients".
A user without a membership (created outside the app, before their first client) works alone:
they see the clients they own, like every clinician before clinics existed.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Q

from planner.models import CareTeamMember, Client, Membership, PlanRevision, Role

_CACHE = "_planner_membership"
_SCOPES = "_planner_client_scopes"
_NONE = object()


def membership_of(user: AbstractBaseUser) -> Membership | None:
    """The user's membership with its clinic (read once per user object), or None."""
    if user is None or not user.is_authenticated:
        return None
    cached = getattr(user, _CACHE, None)
    if cached is None:
        cached = Membership.objects.select_related("clinic").filter(user=user).first() or _NONE
        setattr(user, _CACHE, cached)
    return None if cached is _NONE else cached


def remember_membership(user: AbstractBaseUser, membership: Membership | None) -> None:
    """Forget what membership_of() read for `user` and remember `membership` instead."""
    setattr(user, _CACHE, membership or _NONE)
    setattr(user, _SCOPES, {})


def role_of(user: AbstractBaseUser) -> str | None:
    membership = membership_of(user)
    return membership.role if membership else None


def clinic_id_of(user: AbstractBaseUser) -> int | None:
    membership = membership_of(user)
    return membership.clinic_id if membership else None


def is_lead(user: AbstractBaseUser) -> bool:
    return role_of(user) == Role.LEAD


def can_manage_members(user: AbstractBaseUser) -> bool:
    """Leads and administrators manage members and clinic settings."""
    return role_of(user) in (Role.LEAD, Role.ADMINISTRATOR)


def sees_clinical_records(user: AbstractBaseUser) -> bool:
    return user.is_authenticated and role_of(user) != Role.ADMINISTRATOR


def client_scope(user: AbstractBaseUser, prefix: str = "") -> Q:
    """The clients whose records `user` may open, as a filter on Client (`prefix` reaches a
    client from another model: "client__", "plan__client__").

    Built once per user object and prefix: a page calls it from a dozen selectors, and building
    the subqueries cost about 0.8 ms each time (make bench, client detail). Reusing it is safe:
    the care-team and supervisor parts are subqueries the database evaluates on every query,
    never lists read once, so a change made during the request is seen."""
    scopes = getattr(user, _SCOPES, None)
    if scopes is None:
        scopes = {}
        setattr(user, _SCOPES, scopes)
    if prefix not in scopes:
        scopes[prefix] = _client_scope(user, prefix)
    return scopes[prefix]


def _client_scope(user: AbstractBaseUser, prefix: str) -> Q:
    def q(**lookups) -> Q:
        return Q(**{prefix + key: value for key, value in lookups.items()})

    membership = membership_of(user)
    if membership is None:
        return q(owner=user) if user.is_authenticated else q(pk__in=[])
    if membership.role == Role.ADMINISTRATOR:
        return q(pk__in=[])
    in_clinic = q(clinic_id=membership.clinic_id)
    if membership.role == Role.LEAD:
        return in_clinic
    # A subquery, not a join over the care team: a join would repeat each client once per
    # member of its team.
    on_team = CareTeamMember.objects.filter(user=user).values("client_id")
    supervised = Membership.objects.filter(supervisor=user).values("user_id")
    return in_clinic & (q(owner=user) | q(pk__in=on_team) | q(owner_id__in=supervised))


def can_see_client(user: AbstractBaseUser, client: Client) -> bool:
    """client_scope() for one client in hand (tests prove the two agree)."""
    membership = membership_of(user)
    if membership is None:
        return user.is_authenticated and client.owner_id == user.pk
    if membership.role == Role.ADMINISTRATOR or client.clinic_id != membership.clinic_id:
        return False
    if membership.role == Role.LEAD or client.owner_id == user.pk:
        return True
    if CareTeamMember.objects.filter(client=client, user=user).exists():
        return True
    return Membership.objects.filter(user_id=client.owner_id, supervisor=user).exists()


def directory_scope(user: AbstractBaseUser) -> Q | None:
    """The clients `user` may see listed by name and responsible clinician only (the clinic's
    list), or None when the clinic's setting is off or the user has no such list."""
    membership = membership_of(user)
    if (membership is None or membership.role == Role.ADMINISTRATOR
            or not membership.clinic.whole_clinic_sees_clients):
        return None
    return Q(clinic_id=membership.clinic_id)


def can_hand_over(user: AbstractBaseUser, client: Client) -> bool:
    """The responsible clinician or a lead of the client's clinic (who also keep its team)."""
    if not can_see_client(user, client):
        return False
    return client.owner_id == user.pk or is_lead(user)


can_manage_care_team = can_hand_over
# Erasing a whole record cannot be undone: it stays with whoever answers for the client.
can_erase = can_hand_over


def can_release(user: AbstractBaseUser) -> bool:
    """A trainee drafts and adjusts but never releases: their supervisor co-signs."""
    return role_of(user) != Role.TRAINEE


def needs_cosign(revision: PlanRevision) -> bool:
    """A revision a trainee wrote is released only after a co-sign."""
    return Membership.objects.filter(user_id=revision.author_id, role=Role.TRAINEE).exists()


def can_cosign(user: AbstractBaseUser, revision: PlanRevision) -> bool:
    """The author's supervisor, or a lead of their clinic, co-signs a trainee's revision."""
    if user.pk == revision.author_id or not can_release(user):
        return False
    author = Membership.objects.filter(user_id=revision.author_id, role=Role.TRAINEE).first()
    mine = membership_of(user)
    if author is None or mine is None or author.clinic_id != mine.clinic_id:
        return False
    return author.supervisor_id == user.pk or mine.role == Role.LEAD
