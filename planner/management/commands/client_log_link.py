"""python manage.py client_log_link CLIENT_ID

Prints the client's current private log link (issue 23), for a clinician who texts it to the
client: the link printed on the released handout and log sheet, rebuilt from its nonce and the
server's secret key (the database keeps only its hash). Nothing is changed.

Exit status: 0 printed; 2 no such client, no released plan, no live link (revoked or expired),
no public address set (PLANNER_PUBLIC_URL), or a link no key of this server rebuilds; each
with a message on stderr saying what to do.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand
from django.utils import timezone

from planner.models import AuditEvent, Client, ClientLogLink
from planner.services import clientlog
from planner.services.audit import audit_record


class Command(BaseCommand):
    help = "Print a client's current log link (the one on their released handout)."

    def add_arguments(self, parser):
        parser.add_argument("client_id", type=int, help="the client's id (as in the page URL)")

    def _fail(self, message: str) -> None:
        self.stderr.write(message)
        sys.exit(2)

    def handle(self, *args, client_id: int, **options):
        client = Client.objects.filter(pk=client_id).first()
        if client is None:
            self._fail(f"No client has id {client_id}.")
        if not clientlog.enabled():
            self._fail("PLANNER_PUBLIC_URL is not set, so the planner makes no log links. Set "
                       "it to the address clients open (e.g. https://plan.example.org).")
        if clientlog.latest_released_revision(client) is None:
            self._fail(f"Client {client_id} has no released plan, so there is no log link. "
                       "Release the plan first: the release makes the link.")
        link = ClientLogLink.objects.filter(client=client, revoked_at__isnull=True).first()
        if link is None:
            self._fail(f"Client {client_id} has no live log link (it was revoked). Make a new "
                       "one on the client's log link page.")
        if link.valid_until < timezone.localdate():
            self._fail(f"The log link of client {client_id} expired on {link.valid_until}. "
                       "Make a new one on the client's log link page.")
        token = clientlog.link_token(link)
        if token is None:
            self._fail("This server's secret key cannot rebuild the link (the key changed). "
                       "Make a new link on the client's log link page.")
        audit_record(actor=None, action=AuditEvent.Action.VIEW, object_type="client_log_link",
                     object_id=link.pk, detail=f"client={client.pk} command")
        self.stdout.write(clientlog.link_url(token))
