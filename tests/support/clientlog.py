"""Released plans with a client log link, made through the real services (issue 23)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from planner.models import ClientLogLink
from planner.services import clientlog
from planner.services.releases import gate_attest, revision_open_gates, revision_release
from tests.support.progress import plan_started

ED_ANSWERS = {"ed_history": "past", "base_total_min": 60}


def released(*, owner=None, start: dt.date | None = None, **answers):
    """A client whose plan (C01 unless `answers` say otherwise) starts `start` (default today)
    and is released; every gate the engine opened is attested first. Returns (client,
    revision, link, token)."""
    client, revision = plan_started(owner=owner, start=start or timezone.localdate(), **answers)
    for gate in revision_open_gates(revision):
        gate_attest(user=client.owner, revision=revision, gate=gate, details="team lead")
    revision_release(user=client.owner, revision=revision)
    link = ClientLogLink.objects.get(client=client, revoked_at__isnull=True)
    token = clientlog.link_token(link)
    client.refresh_from_db()
    return client, revision, link, token


def page_url(token: str) -> str:
    return clientlog.URL_PATH + token


def world_client_log_entry(world):
    """A day the World's client logged with the link of its released revision (access tests)."""
    if getattr(world, "_client_log_entry", None) is None:
        link = ClientLogLink.objects.get(client=world.client, revoked_at__isnull=True)
        world._client_log_entry = clientlog.entry_log(
            link=link, day=timezone.localdate(), active=True, minutes=20)
    return world._client_log_entry
