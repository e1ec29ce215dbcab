"""The signed-in clinician's own audit trail, for the activity page."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.paginator import Page, Paginator
from django.db.models import Q

from planner.models import AuditEvent

AUDIT_EVENTS_PER_PAGE = 50


def audit_event_page(
    user: AbstractBaseUser, *, page: int | str | None = 1, per_page: int = AUDIT_EVENTS_PER_PAGE
) -> Page:
    """
    Return one page of the user's own audit trail, newest first.

    That is what the user did, plus failed logins and lockouts aimed at the user's account
    (stored without an actor), so a clinician notices someone trying their password. Never
    another clinician's rows.
    """
    events = AuditEvent.objects.filter(
        Q(actor_id=user.pk)
        | Q(actor_id__isnull=True, object_type="user", object_id=str(user.pk))
    ).order_by("-created", "-id")
    return Paginator(events, per_page).get_page(page)
