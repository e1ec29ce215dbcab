"""Small helpers shared by the planner's views: the method check, the audit line every read and
write leaves, one way to run a service and answer a refusal on the form, the archived-client
redirect and the file download."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from planner import adapters, engine, engine_messages, selectors
from planner.models import AuditEvent, Client
from planner.services.audit import audit_record
from planner.services.plans import PlanConflict

Action = AuditEvent.Action
CONFLICT_STATUS = 409


def method_not_allowed(request: HttpRequest, *methods: str) -> HttpResponseNotAllowed | None:
    """Return a 405 response unless the request uses one of `methods`.

    Views of one clinician's objects load the object (scoped, 404 for anyone else) before they
    check the method, so another clinician gets the same 404 for every method and learns nothing
    about which objects exist (quality.md S2).
    """
    if request.method in methods:
        return None
    return HttpResponseNotAllowed(methods)


def archived_redirect(request: HttpRequest, client: Client, message: str = ""):
    """Return a redirect to the client's page with `message` if the client is archived, else
    None: an archived client gets no new assessment, check-in or export until restored."""
    if not client.archived:
        return None
    messages.error(request, message or _("This client is archived. Restore the client first."))
    return redirect("planner:client_detail", pk=client.pk)


def download(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    """Return `content` as an attachment named `filename` (ASCII, never the client's name:
    file names end up in download folders and browser histories), never cached."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store, private"
    response["Content-Length"] = str(len(content))
    return response


def client_export_json(request: HttpRequest, client: Client, data, *, what: str, detail: str,
                       content_type: str, now) -> HttpResponse:
    """Audit the export of `client`'s record (`detail`: counts, never values) and return `data`
    as a JSON attachment (UTF-8, indented, non-ASCII letters kept) named by the client's id,
    `what` it holds and the day."""
    audit(request, Action.EXPORT, "client", client.pk, detail)
    content = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    filename = f"client-{client.pk}-{what}-{timezone.localdate(now):%Y-%m-%d}.json"
    return download(content, filename=filename, content_type=content_type)


def audit(request: HttpRequest, action: Action, object_type: str, object_id, detail: str = ""
          ) -> AuditEvent:
    """Record that the signed-in clinician did `action` to one object (ids only, never health
    values or typed text in `detail`)."""
    return audit_record(actor=request.user, action=action, object_type=object_type,
                        object_id=object_id, request=request, detail=detail)


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: next to a field the form has, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def conflict_context(user, client: Client, conflict: PlanConflict) -> dict:
    """Return the context of the conflict notice (templates/planner/conflict.html): the same
    form is shown again with what the clinician typed and a fresh base revision, under a notice
    naming the newer revision, who saved it and when, with links to open and compare it, so a
    second submit is a deliberate one (quality.md R1)."""
    newer = None
    if conflict.current_revision:
        newer = selectors.plan_revision_get(user, client.pk, conflict.current_revision)
    return {
        "conflict": conflict,
        "conflict_revision": newer,
        "conflict_base": conflict.base_revision or None,
    }


@dataclass(frozen=True)
class Attempt:
    """What became of a service call: its result, or the status to answer with and, when the
    plan moved on meanwhile, the conflict (the view then shows the newer revision)."""

    saved: bool
    result: Any = None
    status: int = 200
    conflict: PlanConflict | None = None
    invalid: bool = False  # a ValidationError: the form answers with its field errors


def attempt(form, save: Callable[[], Any], *, unavailable_on_form: bool = True) -> Attempt:
    """Run `save()` (a service call) and turn a refusal into an answer, nothing lost.

    PlanConflict: 409, the caller shows the notice and a form based on the newer revision.
    OverrideRefused: 400, the engine's reason next to its field. ValidationError: 400, next to
    the fields (`invalid`: a form page answering 200 with its errors reads it, issue 22).
    PlanUnavailable: 422, its message on top of the form (unless the page shows it itself:
    `unavailable_on_form=False`).
    """
    try:
        return Attempt(saved=True, result=save())
    except PlanConflict as conflict:
        return Attempt(saved=False, status=CONFLICT_STATUS, conflict=conflict)
    except engine.OverrideRefused as refusal:
        form.add_error(refusal.kind if refusal.kind in form.fields else None,
                       engine_messages.in_words(refusal.message))
        return Attempt(saved=False, status=400)
    except ValidationError as error:
        add_service_errors(form, error)
        return Attempt(saved=False, status=400, invalid=True)
    except adapters.PlanUnavailable as error:
        if unavailable_on_form:
            form.add_error(None, str(error))
        return Attempt(saved=False, status=422)
