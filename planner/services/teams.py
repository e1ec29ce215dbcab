"""
Shared care inside a clinic (issue 24, docs/teams.md): a client's care team, handing a client
over to another clinician, and a supervisor's co-sign of a trainee's revision.

Who may do each is decided in planner/permissions.py; these services check it again, so no view
can forget. Every change leaves an audit row (ids only: never a name or a reason).
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from planner import permissions
from planner.models import (
    AuditEvent,
    CareTeamMember,
    Client,
    CoSign,
    Handover,
    Membership,
    PlanRevision,
    Release,
    Role,
)
from planner.services.audit import audit_record

NOT_A_COLLEAGUE = _("Choose a colleague of your clinic who works with clients.")
ALREADY_ON_TEAM = _("This colleague is already in the client's care team.")
IS_RESPONSIBLE = _("This colleague is the client's responsible clinician already.")
REASON_REQUIRED = _("Say why, in a few words.")
NOT_ALLOWED_HANDOVER = _("Only the responsible clinician or a clinic lead can do this.")
NOT_COSIGNABLE = _("Only the trainee's supervisor or a clinic lead can co-sign this revision.")
NO_COSIGN_NEEDED = _("This revision was not written by a trainee: it needs no co-sign.")
ALREADY_COSIGNED = _("This revision has already been co-signed.")
TRAINEE_CANNOT_RELEASE = _(
    "A trainee cannot release a plan. Your supervisor co-signs and releases it."
)
COSIGN_MISSING = _("A trainee wrote this revision: it needs a supervisor's co-sign first.")

CLINICAL_ROLES = (Role.CLINICIAN, Role.TRAINEE, Role.LEAD)


def clinic_colleague(actor: AbstractBaseUser, user_id) -> AbstractBaseUser | None:
    """An active member of the actor's clinic who can hold clients (not an administrator)."""
    clinic_id = permissions.clinic_id_of(actor)
    membership = (
        Membership.objects.select_related("user")
        .filter(clinic_id=clinic_id, role__in=CLINICAL_ROLES, user__is_active=True,
                user_id=user_id)
        .first()
        if clinic_id and str(user_id).isdigit() else None
    )
    return membership.user if membership else None


def _colleague_for(actor: AbstractBaseUser, client: Client, user_id, field: str
                   ) -> AbstractBaseUser:
    """The colleague chosen on a client's form (care team or handover), or the form's error:
    a clinician of the client's clinic, and not the one already responsible."""
    colleague = clinic_colleague(actor, user_id)
    if colleague is None or permissions.clinic_id_of(colleague) != client.clinic_id:
        raise ValidationError({field: ValidationError(NOT_A_COLLEAGUE, code="colleague")})
    if colleague.pk == client.owner_id:
        raise ValidationError({field: ValidationError(IS_RESPONSIBLE, code="responsible")})
    return colleague


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": ValidationError(REASON_REQUIRED, code="required")})
    return reason


@transaction.atomic
def care_team_add(*, actor: AbstractBaseUser, client: Client, colleague_id, reason: str,
                  request: HttpRequest | None = None) -> CareTeamMember:
    """Add a colleague of the client's clinic to its care team, with a reason; audited."""
    if not permissions.can_manage_care_team(actor, client):
        raise PermissionDenied(NOT_ALLOWED_HANDOVER)
    colleague = _colleague_for(actor, client, colleague_id, "colleague")
    member = CareTeamMember(client=client, user=colleague, reason=_reason(reason),
                            added_by=actor)
    member.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError:
        raise ValidationError({"colleague": ValidationError(ALREADY_ON_TEAM, code="exists")}
                              ) from None
    audit_record(actor=actor, action=AuditEvent.Action.CHANGE, object_type="client",
                 object_id=client.pk, request=request,
                 detail=f"care team add user={colleague.pk}")
    return member


@transaction.atomic
def care_team_remove(*, actor: AbstractBaseUser, client: Client, member_id,
                     request: HttpRequest | None = None) -> None:
    """Take a colleague off the client's care team; audited."""
    if not permissions.can_manage_care_team(actor, client):
        raise PermissionDenied(NOT_ALLOWED_HANDOVER)
    member = CareTeamMember.objects.filter(client=client, pk=member_id).first()
    if member is None:
        return  # already gone: nothing to do, nothing to record
    user_id = member.user_id
    member.delete()
    audit_record(actor=actor, action=AuditEvent.Action.CHANGE, object_type="client",
                 object_id=client.pk, request=request, detail=f"care team remove user={user_id}")


@transaction.atomic
def client_handover(*, actor: AbstractBaseUser, client: Client, to_user_id, reason: str,
                    request: HttpRequest | None = None, check: bool = True) -> Handover:
    """Make another clinician of the clinic responsible for the client; audited.

    The previous clinician keeps no access of their own (they can be added to the care team).
    `check=False` is for a lead closing a departing member's caseload (services.clinics).
    """
    if check and not permissions.can_hand_over(actor, client):
        raise PermissionDenied(NOT_ALLOWED_HANDOVER)
    colleague = _colleague_for(actor, client, to_user_id, "to_user")
    locked = Client.objects.select_for_update().get(pk=client.pk)
    handover = Handover(client=locked, from_user_id=locked.owner_id, to_user=colleague,
                        by_user=actor, reason=_reason(reason))
    handover.full_clean()
    handover.save()
    # The new clinician holds the client now: a care-team row of theirs would only repeat it.
    CareTeamMember.objects.filter(client=locked, user=colleague).delete()
    Client.objects.filter(pk=locked.pk).update(owner=colleague, last_activity=timezone.now())
    client.owner = colleague
    audit_record(actor=actor, action=AuditEvent.Action.CHANGE, object_type="client",
                 object_id=client.pk, request=request,
                 detail=f"handover from={handover.from_user_id} to={colleague.pk}")
    return handover


def release_allowed(*, user: AbstractBaseUser, revision: PlanRevision) -> None:
    """Raise ValidationError unless `user` may release `revision` (trainees never; a trainee's
    revision only once co-signed). services.releases calls it before anything else."""
    if not permissions.can_release(user):
        raise ValidationError(TRAINEE_CANNOT_RELEASE, code="trainee")
    if (permissions.needs_cosign(revision)
            and not CoSign.objects.filter(revision=revision).exists()):
        raise ValidationError(COSIGN_MISSING, code="cosign_missing")


@transaction.atomic
def revision_cosign(*, user: AbstractBaseUser, revision: PlanRevision,
                    request: HttpRequest | None = None) -> CoSign:
    """Record the supervisor's co-sign of a trainee's revision (append-only); audited."""
    if not permissions.needs_cosign(revision):
        raise ValidationError(NO_COSIGN_NEEDED, code="not_needed")
    if not permissions.can_cosign(user, revision):
        raise ValidationError(NOT_COSIGNABLE, code="not_supervisor")
    if (CoSign.objects.filter(revision=revision).exists()
            or Release.objects.filter(revision=revision).exists()):
        raise ValidationError(ALREADY_COSIGNED, code="already")
    cosign = CoSign(revision=revision, cosigned_by=user)
    try:
        with transaction.atomic():
            cosign.save()
    except IntegrityError:
        raise ValidationError(ALREADY_COSIGNED, code="already") from None
    audit_record(actor=user, action=AuditEvent.Action.ATTEST, object_type="plan_revision",
                 object_id=revision.pk, request=request, detail="co-sign")
    return cosign


@transaction.atomic
def revision_cosign_and_release(*, user: AbstractBaseUser, revision: PlanRevision,
                                large_print: bool = False,
                                request: HttpRequest | None = None) -> Release:
    """Co-sign a trainee's revision, then release it as the supervisor, in one step: both or
    neither (an open gate keeps the co-sign from being recorded alone)."""
    from planner.services.releases import revision_release

    revision_cosign(user=user, revision=revision, request=request)
    return revision_release(user=user, revision=revision, large_print=large_print,
                            request=request)
