"""Signal receivers that write the audit trail for sign-in events (connected in apps.ready)."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from planner.middleware import SessionIdleRefreshMiddleware
from planner.models import AuditEvent
from planner.services.audit import audit_record


def _user_id_for(username: str | None) -> int | None:
    """Return the id of the account a username names, so the trail never stores typed text."""
    if not username:
        return None
    User = get_user_model()  # noqa: N806
    return (
        User._default_manager.filter(**{User.USERNAME_FIELD: username})
        .values_list("pk", flat=True)
        .first()
    )


@receiver(user_logged_in, dispatch_uid="planner.session.login_refresh")
def start_idle_clock(sender, request, user, **kwargs):
    # A sign-in saves a new session anyway: stamping it now means the first pages after it
    # write nothing more to the session (SessionIdleRefreshMiddleware).
    if request is not None and hasattr(request, "session"):
        SessionIdleRefreshMiddleware.stamp(request.session)


@receiver(user_logged_in, dispatch_uid="planner.audit.login")
def audit_login(sender, request, user, **kwargs):
    audit_record(actor=user, action=AuditEvent.Action.LOGIN, object_type="user", object_id=user.pk,
                 request=request)


@receiver(user_logged_out, dispatch_uid="planner.audit.logout")
def audit_logout(sender, request, user, **kwargs):
    if user is None:  # Logging out without a session: nothing happened.
        return
    audit_record(actor=user, action=AuditEvent.Action.LOGOUT, object_type="user", object_id=user.pk,
                 request=request)


@receiver(user_login_failed, dispatch_uid="planner.audit.login_failed")
def audit_login_failed(sender, credentials, request=None, **kwargs):
    audit_record(actor=None, action=AuditEvent.Action.LOGIN_FAILED, object_type="user",
                 object_id=_user_id_for(credentials.get("username")), request=request)


@receiver(user_locked_out, dispatch_uid="planner.audit.lockout")
def audit_lockout(sender, request, username, ip_address, **kwargs):
    audit_record(actor=None, action=AuditEvent.Action.LOCKOUT, object_type="user",
                 object_id=_user_id_for(username), request=request)
