"""
Reads of a clinic (issue 24): a client's care team and handovers, the colleagues a form offers,
the members page, the clinic's list of clients, the lead's audit trail, and the trainees'
revisions waiting for a co-sign. Scoped like every selector: the clinic first, then
planner/permissions.py; a client the user may not see is 404.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import CharField, Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Cast

from planner import permissions
from planner.models import (
    AuditEvent,
    CareTeamMember,
    Client,
    CoSign,
    Handover,
    Invitation,
    Membership,
    PlanRevision,
    Release,
    Role,
)

CLINICAL_ROLES = (Role.CLINICIAN, Role.TRAINEE, Role.LEAD)
DIRECTORY_PER_PAGE = 50
CLINIC_AUDIT_PER_PAGE = 50


def care_team_list(user: AbstractBaseUser, client: Client) -> QuerySet[CareTeamMember]:
    """The client's care team (the client is one the user may see: selectors.client_get)."""
    return (
        CareTeamMember.objects.filter(permissions.client_scope(user, "client__"), client=client)
        .select_related("user", "user__clinician_profile", "added_by",
                        "added_by__clinician_profile")
        .order_by("added_at", "id")
    )


def handover_list(user: AbstractBaseUser, client: Client) -> QuerySet[Handover]:
    """The client's handovers, newest first."""
    return (
        Handover.objects.filter(permissions.client_scope(user, "client__"), client=client)
        .select_related("from_user__clinician_profile", "to_user__clinician_profile",
                        "by_user__clinician_profile")
        .order_by("-created", "-id")
    )


def latest_handover_to_owner(**outer) -> QuerySet[Handover]:
    """For a subquery: the handover that made the client's current owner responsible."""
    return Handover.objects.filter(
        client=OuterRef("pk"), to_user=OuterRef("owner"), **outer
    ).order_by("-created", "-id")


def clinic_colleagues(user: AbstractBaseUser) -> QuerySet[Membership]:
    """Active members of the user's clinic who can hold clients, by name."""
    clinic_id = permissions.clinic_id_of(user)
    return (
        Membership.objects.filter(clinic_id=clinic_id, role__in=CLINICAL_ROLES,
                                  user__is_active=True)
        .select_related("user", "user__clinician_profile")
        .order_by("user__last_name", "user__first_name", "user__username")
    )


def _manager_clinic_id(user: AbstractBaseUser) -> int:
    if not permissions.can_manage_members(user):
        raise PermissionDenied("members are managed by a lead or an administrator")
    return permissions.clinic_id_of(user)


def clinic_members(user: AbstractBaseUser) -> list[Membership]:
    """Everyone of the manager's clinic, active first, each with `.clients_held` counted."""
    clinic_id = _manager_clinic_id(user)
    members = list(
        Membership.objects.filter(clinic_id=clinic_id)
        .select_related("user", "user__clinician_profile", "supervisor")
        .order_by("-user__is_active", "role", "user__username")
    )
    counts = dict(Client.objects.filter(clinic_id=clinic_id).order_by().values("owner_id")
                  .annotate(n=Count("id")).values_list("owner_id", "n"))
    for membership in members:
        membership.clients_held = counts.get(membership.user_id, 0)
    return members


def invitation_list(user: AbstractBaseUser) -> QuerySet[Invitation]:
    """The clinic's invitations, newest first (never their tokens: only digests are stored)."""
    return Invitation.objects.filter(clinic_id=_manager_clinic_id(user)).select_related(
        "created_by", "used_by").order_by("-created", "-id")[:20]


def clinic_directory(user: AbstractBaseUser, *, page: int | str | None = 1) -> Page | None:
    """The clinic's clients by name and responsible clinician only (existence, no record), or
    None when the clinic's setting is off (permissions.directory_scope)."""
    scope = permissions.directory_scope(user)
    if scope is None:
        return None
    clients = (
        Client.objects.filter(scope, archived=False)
        .select_related("owner", "owner__clinician_profile")
        .only("display_name", "owner__username", "owner__first_name", "owner__last_name",
              "owner__clinician_profile__display_name")
        .order_by("display_name", "id")
    )
    return Paginator(clients, DIRECTORY_PER_PAGE).get_page(page)


def clinic_audit_page(user: AbstractBaseUser, *, page: int | str | None = 1) -> Page:
    """A lead's view of the clinic's audit trail: every row a member of the clinic wrote, and
    every refused attempt by anyone else to open one of the clinic's clients (that row carries
    the other person's clinic, and holds ids only)."""
    if not permissions.is_lead(user):
        raise PermissionDenied("the clinic's trail is for its leads")
    clinic_id = permissions.clinic_id_of(user)
    # Audit rows hold ids as text (they outlive the rows they name).
    our_clients = (Client.objects.filter(clinic_id=clinic_id)
                   .annotate(key=Cast("pk", CharField())).values("key"))
    events = AuditEvent.objects.filter(
        Q(clinic_id=clinic_id)
        | Q(action=AuditEvent.Action.REFUSED, object_type="client", object_id__in=our_clients)
    ).order_by("-created", "-id")
    return Paginator(events, CLINIC_AUDIT_PER_PAGE).get_page(page)


def cosign_waiting(user: AbstractBaseUser) -> list[PlanRevision]:
    """Trainees' current revisions the user may co-sign: not released, not co-signed."""
    mine = permissions.membership_of(user)
    if mine is None or mine.role not in (Role.CLINICIAN, Role.LEAD):
        return []
    trainees = Membership.objects.filter(clinic_id=mine.clinic_id, role=Role.TRAINEE)
    if mine.role != Role.LEAD:
        trainees = trainees.filter(supervisor=user)
    trainee_ids = list(trainees.values_list("user_id", flat=True))
    if not trainee_ids:
        return []  # most users supervise nobody: no query over every revision (make bench P5)
    current = PlanRevision.objects.filter(plan=OuterRef("plan")).order_by("-number")
    return list(
        PlanRevision.objects.filter(
            permissions.client_scope(user, "plan__client__"),
            author_id__in=trainee_ids, hard_stop="",
        )
        .annotate(current_number=Subquery(current.values("number")[:1]))
        .filter(number=F("current_number"))
        # Per-row EXISTS on the indexed revision id, not NOT IN over every co-sign and release.
        .exclude(Exists(CoSign.objects.filter(revision=OuterRef("pk"))))
        .exclude(Exists(Release.objects.filter(revision=OuterRef("pk"))))
        .select_related("plan__client", "author", "author__clinician_profile")
        .only(*("plan__client__display_name", "number", "created", "plan_id",
                "author__username", "author__first_name", "author__last_name",
                "author__clinician_profile__display_name"))
        .order_by("-created")[:20]
    )


def revision_cosign_facts(user: AbstractBaseUser, revision: PlanRevision
                          ) -> tuple[CoSign | None, Membership | None]:
    """The revision's co-sign (if given) and its author's membership if the author is a trainee
    (the revision is one the user may see: selectors.revision_with_release)."""
    record = CoSign.objects.select_related("cosigned_by__clinician_profile").filter(
        permissions.client_scope(user, "revision__plan__client__"), revision=revision).first()
    trainee = Membership.objects.select_related("supervisor__clinician_profile").filter(
        user_id=revision.author_id, role=Role.TRAINEE).first()
    return record, trainee
