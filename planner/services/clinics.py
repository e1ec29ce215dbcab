"""
Clinics and their members (issue 24, docs/teams.md): the clinic a user belongs to, the clinic's
settings, invitations by one-time link, and deactivating a member.

Members are managed here, not in Django's admin: a lead or an administrator of the clinic does
it from the members page (views/clinics.py). Every change is audited with ids only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from planner import permissions
from planner.models import AuditEvent, Client, Clinic, Invitation, Membership, Role
from planner.services.audit import audit_record

INVITATION_DAYS = 7
NOT_A_MANAGER = _("Only a clinic lead or administrator can manage members.")
INVITATION_INVALID = _(
    "This invitation link is not valid: it has been used, it has expired, or it was mistyped. "
    "Ask your clinic for a new one."
)
USERNAME_TAKEN = _("This username is taken. Choose another.")
SUPERVISOR_REQUIRED = _("A trainee needs a supervisor: choose a clinician of your clinic.")
CLIENTS_REMAIN = _(
    "%(name)s is still responsible for %(count)s client(s). Hand them over first, or tick "
    "“hand their clients to me”."
)
CANNOT_DEACTIVATE_SELF = _("You cannot deactivate your own account here.")


def clinic_for(user: AbstractBaseUser) -> Clinic:
    """The user's clinic; a user without one (made outside the app) gets a clinic of their own,
    as every clinician did when clinics began (migration 0013)."""
    membership = permissions.membership_of(user)
    if membership is not None:
        return membership.clinic
    name = getattr(getattr(user, "clinician_profile", None), "display_name", "") or (
        user.get_full_name() or user.get_username())
    clinic = Clinic.objects.create(name=f"{name}'s practice"[:160])
    membership, _created = Membership.objects.get_or_create(
        user=user, defaults={"clinic": clinic, "role": Role.CLINICIAN})
    permissions.remember_membership(user, membership)
    return membership.clinic


def _require_manager(actor: AbstractBaseUser) -> Membership:
    if not permissions.can_manage_members(actor):
        raise PermissionDenied(NOT_A_MANAGER)
    return permissions.membership_of(actor)


@transaction.atomic
def clinic_settings_update(*, actor: AbstractBaseUser, whole_clinic_sees_clients: bool,
                           request: HttpRequest | None = None) -> Clinic:
    """Change the clinic's visibility setting; audited."""
    clinic = _require_manager(actor).clinic
    clinic.whole_clinic_sees_clients = whole_clinic_sees_clients
    clinic.full_clean()
    clinic.save(update_fields=["whole_clinic_sees_clients"])
    audit_record(actor=actor, action=AuditEvent.Action.CHANGE, object_type="clinic",
                 object_id=clinic.pk, request=request,
                 detail=f"whole_clinic_sees_clients={whole_clinic_sees_clients}")
    return clinic


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_create(*, actor: AbstractBaseUser, name: str, role: str, supervisor_id=None,
                      request: HttpRequest | None = None) -> tuple[Invitation, str]:
    """Invite a colleague: return the invitation and its token (shown once, stored hashed)."""
    clinic = _require_manager(actor).clinic
    supervisor = None
    if role == Role.TRAINEE:
        supervisor = Membership.objects.filter(
            clinic=clinic, user_id=supervisor_id if str(supervisor_id).isdigit() else None,
            role__in=(Role.CLINICIAN, Role.LEAD), user__is_active=True,
        ).select_related("user").first()
        if supervisor is None:
            raise ValidationError({"supervisor": ValidationError(SUPERVISOR_REQUIRED,
                                                                 code="supervisor")})
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        clinic=clinic, role=role, name=(name or "").strip(),
        supervisor=supervisor.user if supervisor else None, token_hash=token_digest(token),
        created_by=actor, expires_at=timezone.now() + dt.timedelta(days=INVITATION_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    audit_record(actor=actor, action=AuditEvent.Action.CREATE, object_type="invitation",
                 object_id=invitation.pk, request=request, detail=f"role={role}")
    return invitation, token


def invitation_for_token(token: str) -> Invitation | None:
    """The unused, unexpired invitation a link's token names, or None."""
    return (
        Invitation.objects.select_related("clinic")
        .filter(token_hash=token_digest(token or ""), used_at__isnull=True,
                expires_at__gt=timezone.now())
        .first()
    )


@transaction.atomic
def invitation_accept(*, token: str, username: str, password: str,
                      request: HttpRequest | None = None) -> AbstractBaseUser:
    """Create the invited colleague's account with the app's password rules; the link is
    spent. Raises ValidationError (nothing saved) on a bad link, username or password."""
    invitation = invitation_for_token(token)
    if invitation is not None:
        invitation = Invitation.objects.select_for_update().filter(
            pk=invitation.pk, used_at__isnull=True).first()
    if invitation is None:
        raise ValidationError(INVITATION_INVALID, code="invalid")
    User = get_user_model()  # noqa: N806
    username = (username or "").strip()
    if User._default_manager.filter(username__iexact=username).exists():
        raise ValidationError({"username": ValidationError(USERNAME_TAKEN, code="taken")})
    first, _space, last = invitation.name.partition(" ")
    user = User(username=username, first_name=first[:150], last_name=last[:150])
    user.full_clean(exclude=["password"])
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save()
    membership = Membership.objects.create(user=user, clinic=invitation.clinic,
                                           role=invitation.role,
                                           supervisor=invitation.supervisor)
    permissions.remember_membership(user, membership)
    invitation.used_at = timezone.now()
    invitation.used_by = user
    invitation.save(update_fields=["used_at", "used_by"])
    audit_record(actor=user, action=AuditEvent.Action.CREATE, object_type="user",
                 object_id=user.pk, request=request, detail=f"invitation={invitation.pk}")
    return user


def end_sessions(user: AbstractBaseUser) -> int:
    """Delete every stored session of `user`; return how many."""
    ended = [s.pk for s in Session.objects.filter(expire_date__gt=timezone.now())
             if str(s.get_decoded().get("_auth_user_id")) == str(user.pk)]
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)


@transaction.atomic
def member_deactivate(*, actor: AbstractBaseUser, member_id, clients_to_me: bool = False,
                      request: HttpRequest | None = None) -> AbstractBaseUser:
    """Deactivate a member of the actor's clinic: they can no longer sign in and their sessions
    end. Their clients must be handed over first, or (`clients_to_me`, a lead only) go to the
    acting lead. Audited."""
    from planner.services.teams import client_handover

    mine = _require_manager(actor)
    member = Membership.objects.select_related("user").filter(
        clinic=mine.clinic, user_id=member_id if str(member_id).isdigit() else None).first()
    if member is None:
        raise PermissionDenied(NOT_A_MANAGER)
    user = member.user
    if user.pk == actor.pk:
        raise ValidationError(CANNOT_DEACTIVATE_SELF, code="self")
    held = list(Client.objects.filter(owner=user, clinic=mine.clinic))
    if held and not (clients_to_me and mine.role == Role.LEAD):
        raise ValidationError(CLIENTS_REMAIN, code="clients_remain",
                              params={"name": user.get_full_name() or user.get_username(),
                                      "count": len(held)})
    for client in held:
        client_handover(actor=actor, client=client, to_user_id=actor.pk,
                        reason="Member deactivated", request=request, check=False)
    user.is_active = False
    user.save(update_fields=["is_active"])
    ended = end_sessions(user)
    audit_record(actor=actor, action=AuditEvent.Action.CHANGE, object_type="user",
                 object_id=user.pk, request=request,
                 detail=f"deactivated sessions_ended={ended} clients_to_lead={len(held)}")
    return user
