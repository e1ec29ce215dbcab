"""
The audit trail: audit_record() appends a row (selectors.audit_event_page reads them).

Both live here so that one module owns AuditEvent; no code updates or deletes its rows
(tests/web/activity/test_activity.py greps the source for it).
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from planner.models import AuditEvent
from planner.permissions import clinic_id_of
from planner.security import client_ip


def audit_record(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: AuditEvent.Action | str,
    object_type: str,
    object_id: int | str | None,
    request: HttpRequest | None = None,
    detail: str = "",
) -> AuditEvent:
    """
    Append one row to the audit trail and return it.

    actor is the signed-in user (None or anonymous for failed logins); object_type names the
    kind of thing ("client", "plan_revision", "user"); object_id is its primary key. detail is
    a short technical note and must never contain health values or free text a person typed.
    The client IP comes from request, resolved as django-axes resolves it. The row carries
    the actor's clinic (issue 24), so a lead reads the clinic's trail.
    """
    signed_in = actor is not None and actor.is_authenticated
    event = AuditEvent(
        actor_id=actor.pk if signed_in else None,
        clinic_id=clinic_id_of(actor) if signed_in else None,
        action=AuditEvent.Action(action),
        object_type=object_type,
        object_id="" if object_id is None else str(object_id),
        ip=client_ip(request) if request is not None else None,
        detail=detail,
    )
    event.full_clean()
    event.save()
    return event
