"""
The activity page's "Record" column in the clinician's words: "your account (name)", the
client's name, "Plan revision" ..., never "user #1" or "plan_revision #12".

Audit rows hold ids, not foreign keys (they outlive an erased client), so names are looked up
for one page at a time: one query for the clinician's own clients on the page, none otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planner.models import AuditEvent, Client
from planner.permissions import client_scope

RECORD_KINDS = {
    "client": gettext_lazy("Client"),
    "intake": gettext_lazy("Assessment"),
    "plan": gettext_lazy("Plan"),
    "plan_revision": gettext_lazy("Plan revision"),
    "checkin": gettext_lazy("Check-in"),
    "review": gettext_lazy("Review"),
    "clinician_profile": gettext_lazy("Your profile"),
    "totp_device": gettext_lazy("Two-factor sign-in"),
    "static_device": gettext_lazy("Recovery codes"),
    "user": gettext_lazy("Account"),
}


@dataclass(frozen=True)
class ActivityRow:
    event: AuditEvent
    record: str


def activity_rows(user: AbstractBaseUser, events: Iterable[AuditEvent]) -> list[ActivityRow]:
    events = list(events)
    client_ids = {e.object_id for e in events if e.object_type == "client" and e.object_id}
    names = dict(
        Client.objects.filter(client_scope(user), pk__in=[i for i in client_ids if i.isdigit()])
        .values_list("pk", "display_name")
    ) if client_ids else {}
    rows = []
    for event in events:
        rows.append(ActivityRow(event=event, record=_record(user, event, names)))
    return rows


def _record(user, event: AuditEvent, client_names: dict[int, str]) -> str:
    kind, object_id = event.object_type, event.object_id
    if kind == "user":
        if object_id == str(user.pk):
            return _("Your account (%(name)s)") % {"name": user.get_username()}
        return str(RECORD_KINDS["user"])
    if kind == "client" and object_id.isdigit() and int(object_id) in client_names:
        return _("Client: %(name)s") % {"name": client_names[int(object_id)]}
    title = RECORD_KINDS.get(kind)
    if title is None:
        title = kind.replace("_", " ").capitalize()
    # Other records keep their number: the reference to quote to an administrator.
    return f"{title} {object_id}" if object_id else str(title)
