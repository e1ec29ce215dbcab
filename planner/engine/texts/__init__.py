"""Client texts, clinician notes and documents for a plan (issue 4; docs/texts.md).

`write_texts(intake, plan)` is the engine's seam: build_plan calls it after the numbers, overrides
and crisis resources are settled, and before validate_plan. It returns a copy of `plan` with
`texts` (the client handout, in reading order), `clinician_notes` and `documents` filled in, and
with `why` extended by "texts.<key>", "clinician_notes.<key>" and "documents.<key>" entries that
cite the rules and evidence behind each block.
"""

from __future__ import annotations

from ..crisis import resources_for
from ..model import Intake, Plan, TextBlock
from . import client, clinician, documents
from .context import build_context

__all__ = ["write_texts", "CLIENT_KEYS", "CLINICIAN_KEYS", "DOCUMENT_KEYS"]

#: Every client block key, in reading order (docs/texts.md says when each appears).
CLIENT_KEYS = tuple(w.__name__ for w in client.WRITERS)
CLINICIAN_KEYS = tuple(w.__name__ for w in clinician.WRITERS)
DOCUMENT_KEYS = ("interim_clearance_letter", "clearance_request_letter", "crisis_sheet",
                 "stop_notice")


def _collect(writers, ctx, prefix: str, why: dict) -> tuple[TextBlock, ...]:
    blocks = []
    for writer in writers:
        result = writer(ctx)
        if result is None:
            continue
        block, ids = result
        blocks.append(block)
        why[prefix + block.key] = ids
    return tuple(blocks)


def _with(plan: Plan, **changes) -> Plan:
    """dataclasses.replace without re-running __init__ over ~40 fields (hot path: 2,000
    plans a second). Plan is a plain frozen dataclass with no __post_init__, so a shallow copy
    of its __dict__ with the new values is the same object replace() would build."""
    new = object.__new__(Plan)
    state = dict(plan.__dict__)
    state.update(changes)
    new.__dict__.update(state)
    return new


def _hard_stop(intake: Intake, plan: Plan) -> Plan:
    why = dict(plan.why)
    res = plan.crisis_resources
    docs = []
    if plan.hard_stop == "CRISIS":
        res = res or resources_for(intake.crisis_region)
        sheet, ids = documents.crisis_sheet(res)
        docs.append(sheet)
        why["documents.crisis_sheet"] = ids
    notice, ids = documents.stop_notice(plan, res)
    docs.append(notice)
    why["documents.stop_notice"] = ids
    return _with(plan, texts=(), clinician_notes=(), documents=tuple(docs), why=why)


def write_texts(intake: Intake, plan: Plan) -> Plan:
    """Return `plan` with `texts`, `clinician_notes` and `documents` filled in."""
    if plan.hard_stop is not None:
        return _hard_stop(intake, plan)
    ctx = build_context(intake, plan)
    why = dict(plan.why)
    texts = _collect(client.WRITERS, ctx, "texts.", why)
    notes = _collect(clinician.WRITERS, ctx, "clinician_notes.", why)
    docs = []
    if "CLEARANCE_PENDING" in plan.gates:
        for writer in (documents.interim_clearance_letter, documents.clearance_request_letter):
            block, ids = writer(ctx)
            docs.append(block)
            why[f"documents.{block.key}"] = ids
    sheet, ids = documents.crisis_sheet(ctx.res)
    docs.append(sheet)
    why["documents.crisis_sheet"] = ids
    return _with(plan, texts=texts, clinician_notes=notes, documents=tuple(docs), why=why)
