"""python manage.py export_fhir CLIENT_ID -o FILE

Writes one client's record as a FHIR R4 Bundle (type `collection`, JSON; docs/fhir.md), validated
with fhir.resources before it is written. `-o -` writes to standard output.

Exit status: 0 written; 2 an unknown or archived client id (nothing written); 1 the bundle did
not validate (a defect; nothing written). The run is audited as an export by the client's
clinician, with no request (the command runs on the server).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from planner import selectors
from planner.fhir import FhirExportError, bundle_for_record
from planner.models import AuditEvent, Client
from planner.services.audit import audit_record


class Command(BaseCommand):
    help = "Write one client's record as a FHIR R4 Bundle (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("client_id", help="the client's id (as in its page address)")
        parser.add_argument("-o", "--output", required=True, help="file to write (- for stdout)")

    def handle(self, *args, client_id: str, output: str, **options):
        client = None
        if client_id.isdigit():
            client = Client.objects.select_related("plan", "owner").filter(pk=client_id).first()
        if client is None:
            raise CommandError(f"No client with id {client_id!r}.", returncode=2)
        if client.archived:
            raise CommandError(f"Client {client.pk} is archived: archived clients are not "
                               "exported. Restore it first.", returncode=2)
        now = timezone.now()
        try:
            bundle = bundle_for_record(selectors.client_fhir_record(client.owner, client), now=now)
        except FhirExportError as error:
            raise CommandError(f"The bundle is not valid FHIR R4: {error}", returncode=1) from error
        text = json.dumps(bundle, ensure_ascii=False, indent=2) + "\n"
        if output == "-":
            sys.stdout.write(text)
        else:
            Path(output).write_text(text, encoding="utf-8")
        audit_record(actor=client.owner, action=AuditEvent.Action.EXPORT, object_type="client",
                     object_id=client.pk, detail=f"format=fhir-r4 command "
                                                 f"resources={len(bundle['entry'])}")
        if output != "-":
            self.stderr.write(f"Wrote {len(bundle['entry'])} resources to {output}")
