"""
Baselines that the app's pages are measured against, through the whole middleware stack.

- bare: a Django view that returns a word; no session, no database (quality.md P3's "bare
  Django view").
- signed_in: the same for a signed-in clinician: the session is read (and, as on every app
  page, its idle expiry written back at most once a minute); the user is loaded. Its gap to
  `bare` is the cost of a session.
- signed_in_audited: signed_in plus the one audit row every app page of client data writes.
  Its gap to `signed_in` is the cost of the audit trail.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from planner.models import AuditEvent
from planner.services.audit import audit_record


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


@login_required
def signed_in(request):
    return HttpResponse(b"ok", content_type="text/plain")


@login_required
def signed_in_audited(request):
    audit_record(
        actor=request.user,
        action=AuditEvent.Action.VIEW,
        object_type="benchmark",
        object_id=None,
        request=request,
    )
    return HttpResponse(b"ok", content_type="text/plain")
