"""Printed documents (reportlab only): an engine Plan + a header -> PDF bytes.

No ORM, no request, no Django import, no clock, no network: the same plan and header always
give byte-identical bytes, so a released handout can be stored once and re-verified by hash.

Public API (see docs/handout.md):

    HandoutHeader(clinic, clinician_name, clinician_contact, client_display_name,
                  revision_number, revision_date, plan_start_date, paper, large_print, draft)
    plan_documents(plan) -> PlanDocuments(client, kinds)   which documents a plan has, and the
                                                           one the client may get
    choose_client_document(plan) -> "handout" | "interim_clearance_letter"
                                    | "crisis_sheet" | "stop_notice"
    render(plan, header, kind) -> bytes        kind: "handout", "log_sheet" or a document key
    render_handout(plan, header) -> bytes
    render_document(plan, header, key) -> bytes      key in DOCUMENT_KEYS
    render_log_sheet(plan, header, weeks=None) -> bytes
    header_problems(header) -> list[str]       fields that will print as a write-in line
    sha256_hex(pdf_bytes) -> str
    RENDERER_VERSION                           store it with released bytes

``plan`` is the engine's Plan (planner/engine/model.py): a saved revision's is
``PlanRevision.saved_plan``, its snapshot read back by ``planner.adapters.saved_plan``.
Every renderer raises ``ValueError`` for a document the plan does not allow (for example a
handout under CRISIS).
"""

from __future__ import annotations

import hashlib

from planner.engine.model import Plan

from .documents import (
    CLEARANCE_REQUEST_LETTER,
    CRISIS_SHEET,
    DOCUMENT_KEYS,
    HANDOUT,
    INTERIM_CLEARANCE_LETTER,
    LOG_SHEET,
    STOP_NOTICE,
    PlanDocuments,
    choose_client_document,
    plan_documents,
    render_document,
)
from .handout import render_handout
from .header import HandoutHeader, header_problems
from .logsheet import render_log_sheet

#: Bump when the layout changes: stored releases record it, so a re-render for verification
#: knows whether the same bytes are expected.
RENDERER_VERSION = "2"  # 2: issue 25 print sizes, effort scale

KINDS = (HANDOUT, LOG_SHEET, *DOCUMENT_KEYS)


def render(plan: Plan, header: HandoutHeader, kind: str) -> bytes:
    """Render any document kind: ``"handout"``, ``"log_sheet"`` or one of ``DOCUMENT_KEYS``."""
    if kind == HANDOUT:
        return render_handout(plan, header)
    if kind == LOG_SHEET:
        return render_log_sheet(plan, header)
    return render_document(plan, header, kind)


def sha256_hex(pdf: bytes) -> str:
    """The digest to store next to released bytes (and to compare on every re-download)."""
    return hashlib.sha256(pdf).hexdigest()


__all__ = [
    "CLEARANCE_REQUEST_LETTER", "CRISIS_SHEET", "DOCUMENT_KEYS", "HANDOUT",
    "INTERIM_CLEARANCE_LETTER", "KINDS", "LOG_SHEET", "RENDERER_VERSION", "STOP_NOTICE",
    "HandoutHeader", "PlanDocuments",
    "choose_client_document", "header_problems", "plan_documents", "render", "render_document",
    "render_handout", "render_log_sheet", "sha256_hex",
]
