"""Reads of the client's own log for the clinician (issue 23), scoped like every selector: the
signed-in clinician's clients only, 404 for anyone else. The client's page reads through its
link instead (services.clientlog.link_for_token)."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from planner.models import Client, ClientLogAmendment, ClientLogEntry, ClientLogLink
from planner.permissions import client_scope

CLIENT_LOG_ROWS = 60


def client_log_link_live(user: AbstractBaseUser, client: Client) -> ClientLogLink | None:
    """The client's live link (not revoked; it may have expired), or None."""
    return (ClientLogLink.objects.filter(client_scope(user, "client__"), client=client,
                                         revoked_at__isnull=True)
            .select_related("revision").first())


def client_log_entries(user: AbstractBaseUser, client: Client, *, limit: int = CLIENT_LOG_ROWS
                       ) -> list[ClientLogEntry]:
    """The client's current entries (a day's latest), newest day first, with their amendments
    (newest first) and the entry each one corrected."""
    entries = list(
        ClientLogEntry.objects.filter(client_scope(user, "client__"), client=client,
                                      replaced_by__isnull=True)
        .select_related("replaces", "revision")
        .prefetch_related(Prefetch(
            "amendments",
            queryset=ClientLogAmendment.objects.select_related("author")
            .order_by("-created", "-id")))
        .order_by("-day", "-id")[:limit]
    )
    for entry in entries:
        entry._amendments = list(entry.amendments.all())
    return entries


def client_log_entry_get(user: AbstractBaseUser, client_pk: int, pk: int) -> ClientLogEntry:
    """Entry `pk` of the user's client `client_pk`, or Http404."""
    entry = get_object_or_404(
        ClientLogEntry.objects.select_related("client", "client__plan", "link", "revision",
                                              "replaces"),
        client_scope(user, "client__"), client_id=client_pk, pk=pk,
    )
    entry._amendments = list(entry.amendments.select_related("author")
                             .order_by("-created", "-id"))
    return entry
