"""PDF downloads of a revision (issue 7, web half).

- revision_document: any document the revision's plan allows, rendered now: the handout
  (a watermarked draft until released), the log sheet (draft until released), the clearance
  letters, the crisis-resources sheet, the stop notice (services.documents says which are
  watermarked and why). ?large_print=1 for large print.
- release_download: the handout the client was given, served from its stored bytes after
  checking their SHA-256: byte-identical on every download. Bytes that fail the check are never
  served: the clinician is sent back to the release page with an error.

Every download is an attachment with a file name that holds no health data, is never cached
(Cache-Control: no-store) and writes an audit event (pdf_download).
"""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect

from planner import selectors
from planner.services.documents import DocumentUnavailable, render_revision_document
from planner.services.releases import (
    DOCUMENT_CORRUPTED,
    DocumentCorrupted,
    released_document_get,
)
from planner.views.common import Action, audit, download, method_not_allowed

logger = logging.getLogger(__name__)

TRUE_VALUES = ("1", "true", "on", "yes")


@login_required
def revision_document(request, pk, number, kind):
    """Download one document of a saved revision, rendered from its saved plan."""
    revision = selectors.revision_with_release(request.user, pk, number)
    if not_allowed := method_not_allowed(request, "GET"):
        return not_allowed
    large_print = request.GET.get("large_print", "").lower() in TRUE_VALUES
    try:
        rendered = render_revision_document(
            user=request.user,
            revision=revision,
            kind=kind,
            large_print=large_print,
            released=revision.release_or_none is not None,
        )
    except DocumentUnavailable:
        raise Http404("no such document for this revision") from None
    audit(request, Action.PDF_DOWNLOAD, "plan_revision", revision.pk,
          f"kind={kind} draft={int(rendered.draft)} large_print={int(large_print)}")
    return download(
        rendered.content, filename=rendered.filename, content_type=rendered.content_type
    )


@login_required
def release_download(request, pk, number):
    """Download the handout stored when the revision was released (byte-identical)."""
    revision = selectors.revision_with_release(request.user, pk, number)
    if not_allowed := method_not_allowed(request, "GET"):
        return not_allowed
    large_print = request.GET.get("large_print")
    choice = None if large_print is None else large_print.lower() in TRUE_VALUES
    try:
        document = released_document_get(revision, large_print=choice)
    except DocumentCorrupted:
        # Never served as what the client received; the clinician is told on the release page
        # (a page, not a bare error) and the operator by the log.
        logger.error("Released document of revision %s fails its SHA-256 check", revision.pk)
        messages.error(request, DOCUMENT_CORRUPTED)
        return redirect("planner:revision_release", pk=pk, number=number)
    if document is None:
        raise Http404("this revision has not been released")
    audit(request, Action.PDF_DOWNLOAD, "plan_revision", revision.pk,
          f"released document={document.pk} sha256={document.sha256[:16]}")
    return download(
        document.content, filename=document.filename, content_type=document.content_type
    )
