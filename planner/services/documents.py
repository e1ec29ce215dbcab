"""
PDF documents of a saved revision: which ones exist, their header, their bytes and file name.

The renderer (planner.handout) is pure; this module adds what it must not know: the clinician's
profile (name, organisation, contact, paper size), the client's display name, whether the
revision was released, and a file name without health data.

Which documents are watermarked "DRAFT — not for the client":
- the handout and the log sheet, until the revision is released. After release the handout the
  client got is served from its stored bytes (services.releases), never re-rendered; the log
  sheet of a released revision renders without the watermark.
- never the clearance letters (interim letter for the client, request to the doctor): their
  purpose is to be handed over while CLEARANCE_PENDING is open, which is exactly when the plan
  cannot be released (rules.md 3(f), R-SAFE-CLR).
- never the crisis-resources sheet: under the CRISIS hard stop it is the only thing the client
  may get, and it must be printable at once, without any release (R-SAFE-HS2). The same goes
  for the clinician's stop notice of the other hard stops.
These documents are deterministic (same plan, header and profile: same bytes), dated with
the revision's date.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from planner import handout
from planner.models import PlanRevision
from planner.services.accounts import clinician_profile_get_or_create
from planner.services.clientlog import revision_log_url

CONTENT_TYPE = "application/pdf"

# Renderable on demand, in the order the revision page offers them. "handout" here is rendered
# now; the handout the client was given is a stored document (services.releases).
DOCUMENT_KINDS = handout.KINDS
# Drafts until release: the plan itself.
PLAN_DOCUMENTS = (handout.HANDOUT, handout.LOG_SHEET)

DOCUMENT_LABELS = {  # a draft revision's (issue 22: "draft"); RELEASED_LABELS after release
    handout.HANDOUT: _("Client handout (draft)"),
    handout.LOG_SHEET: _("Activity log sheet (draft)"),
    handout.INTERIM_CLEARANCE_LETTER: _("Interim letter for the client (before clearance)"),
    handout.CLEARANCE_REQUEST_LETTER: _("Clearance request to the doctor"),
    handout.CRISIS_SHEET: _("Crisis-resources sheet"),
    handout.STOP_NOTICE: _("Stop notice (for you)"),
}

RELEASED_LABELS = {  # printed again now, unwatermarked; the stored copy is "as given"
    handout.HANDOUT: _("Client handout (released revision, printed again)"),
    handout.LOG_SHEET: _("Activity log sheet (released revision)"),
}


def document_label(kind: str, *, released: bool) -> str:
    """The link text of a revision's document: a plan document says "draft" until the
    revision is released (the stored handout's own link says "as given to the client")."""
    return (RELEASED_LABELS.get(kind) if released else None) or DOCUMENT_LABELS[kind]


_FILE_STEMS = {
    handout.HANDOUT: "activity-plan",
    handout.LOG_SHEET: "activity-log",
    handout.INTERIM_CLEARANCE_LETTER: "before-you-start-letter",
    handout.CLEARANCE_REQUEST_LETTER: "clearance-request-letter",
    handout.CRISIS_SHEET: "crisis-resources",
    handout.STOP_NOTICE: "stop-notice",
}

DOCUMENT_UNAVAILABLE = _("This revision has no such document.")


class DocumentUnavailable(Exception):
    """The revision's plan does not allow this document (e.g. a handout under a hard stop)."""


@dataclass(frozen=True)
class RenderedDocument:
    kind: str
    content: bytes
    filename: str
    draft: bool
    large_print: bool
    paper: str
    content_type: str = CONTENT_TYPE

    @property
    def sha256(self) -> str:
        return handout.sha256_hex(self.content)


def document_filename(
    *, kind: str, revision: PlanRevision, draft: bool = False, large_print: bool = False
) -> str:
    """
    Return a download name such as "activity-plan-client12-rev3.pdf".

    The client's id and the revision number only: no name, no condition, nothing a download
    folder, a browser history or an e-mail subject should not show.
    """
    stem = _FILE_STEMS.get(kind, "document")
    suffix = ("-draft" if draft else "") + ("-large-print" if large_print else "")
    return f"{stem}-client{revision.plan.client_id}-rev{revision.number}{suffix}.pdf"


def document_header(
    *, user: AbstractBaseUser, revision: PlanRevision, large_print: bool, draft: bool
) -> handout.HandoutHeader:
    """Return the printing header of a revision, from the clinician's profile. A client's copy
    (not a draft) prints the revision's live log link, if it has one (issue 23)."""
    profile = clinician_profile_get_or_create(user=user)
    paper = profile.paper_size if profile.paper_size in ("A4", "LETTER") else "A4"
    return handout.HandoutHeader(
        clinic=profile.organisation,
        clinician_name=profile.name,
        clinician_profession=profile.profession,
        clinician_contact=profile.handout_contact,
        client_display_name=revision.plan.client.display_name,
        revision_number=revision.number,
        revision_date=timezone.localdate(revision.created),
        plan_start_date=revision.saved_plan.start_date,
        paper=paper,
        large_print=large_print,
        draft=draft,
        log_url="" if draft else revision_log_url(revision),
    )


def revision_document_kinds(revision: PlanRevision) -> tuple[str, ...]:
    """The documents a revision's plan allows, in display order (for the page's links)."""
    return handout.plan_documents(revision.saved_plan).kinds


def render_revision_document(
    *,
    user: AbstractBaseUser,
    revision: PlanRevision,
    kind: str,
    large_print: bool = False,
    released: bool = False,
    draft: bool | None = None,
) -> RenderedDocument:
    """
    Render one document of a saved revision (raises DocumentUnavailable).

    released says whether the revision was released (plan documents are drafts until then);
    draft forces the watermark either way (the release itself renders with draft=False).
    """
    if kind not in DOCUMENT_KINDS:
        raise DocumentUnavailable(kind)
    if draft is None:
        draft = kind in PLAN_DOCUMENTS and not released
    header = document_header(
        user=user, revision=revision, large_print=large_print, draft=draft
    )
    try:
        content = handout.render(revision.saved_plan, header, kind)
    except ValueError as error:
        raise DocumentUnavailable(str(error)) from error
    return RenderedDocument(
        kind=kind,
        content=content,
        filename=document_filename(
            kind=kind, revision=revision, draft=draft, large_print=large_print
        ),
        draft=draft,
        large_print=large_print,
        paper=header.paper,
    )
