"""Letters and one-page documents: interim clearance letter, clearance request to the doctor,
crisis-resources sheet and the clinician's stop notice; and which documents a plan has, and
which one the client may get (`plan_documents`, the one place this is decided).

The wording of each document is the engine's (``Plan.documents``, blocks keyed as below);
this module adds only the letterhead, the date, a signature line, and the page footer.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from reportlab.platypus import Flowable, Paragraph, Spacer

from planner.engine.enums import Gate, HardStop
from planner.engine.model import Plan, TextBlock
from planner.engine.texts.documents import SAFETY_PLAN_PROMPTS

from .blocks import BULLET, WritingLines, block_flowables, boxed, title_block
from .header import HandoutHeader
from .layout import (
    CLINICIAN_ONLY,
    PAGE_SIZES,
    build_pdf,
    crisis_line_text,
    find_block,
    required_crisis_line,
)
from .styles import Styles, get_styles
from .text import WRITE_IN, esc, field, long_date, para, printable

HANDOUT = "handout"
LOG_SHEET = "log_sheet"
INTERIM_CLEARANCE_LETTER = "interim_clearance_letter"
CLEARANCE_REQUEST_LETTER = "clearance_request_letter"
CRISIS_SHEET = "crisis_sheet"
STOP_NOTICE = "stop_notice"

DOCUMENT_KEYS = (INTERIM_CLEARANCE_LETTER, CLEARANCE_REQUEST_LETTER, CRISIS_SHEET, STOP_NOTICE)

#: Default titles, used only when the engine's block has an empty title.
_DEFAULT_TITLES = {
    INTERIM_CLEARANCE_LETTER: "Before you start",
    CLEARANCE_REQUEST_LETTER: "Request for medical clearance for physical activity",
    CRISIS_SHEET: "Help in a crisis",
    STOP_NOTICE: "No activity plan was produced",
}

_STOP_EXPLANATION = {  # clinician-facing fallback when the plan has no stop_notice block
    "OUT_OF_SCOPE_MINOR": "This tool is for adults; guidance for children and adolescents "
                          "differs (R-SAFE-HS1).",
    "CRISIS": "Crisis: follow local risk procedures; give the client the crisis-resources sheet "
              "(R-SAFE-HS2).",
    "BIPOLAR_ELEVATED_HOLD": "Review with the treating team; re-run when euthymic or in a "
                             "depressive episode (R-SAFE-HS3).",
    "PSYCHOSIS_ACUTE_HOLD": "No community handout; re-run when stable in the community "
                            "(R-SAFE-HS4).",
}


@dataclass(frozen=True)
class PlanDocuments:
    """Which documents a plan has: ``client``, the one the client may get, and ``kinds``, every
    document that can be printed from it, in the order the revision page offers them."""

    client: str
    kinds: tuple[str, ...]


def plan_documents(plan: Plan) -> PlanDocuments:
    """The documents a plan allows (the one place this is decided; the web pages, the release
    and the CLI all ask here).

    - hard stop CRISIS: the client gets ``"crisis_sheet"`` (no exercise content at all); the
      clinician's stop notice is printable too;
    - any other hard stop: ``"stop_notice"`` only (for the clinician; the client gets nothing);
    - gate CLEARANCE_PENDING open: the client gets ``"interim_clearance_letter"`` (R-SAFE-CLR);
      the handout and log sheet are printable (as drafts), and so are the two clearance letters
      the engine wrote;
    - otherwise: ``"handout"``, with the log sheet. Other open gates still mean the handout may
      only be printed as a draft until the clinician clears them; that is the caller's release
      check, because gate attestations live outside the plan.
    The crisis-resources sheet is printable for every client with crisis content, not only
    under the CRISIS stop.
    """
    stop = plan.hard_stop
    if stop == HardStop.CRISIS:
        return PlanDocuments(CRISIS_SHEET, (CRISIS_SHEET, STOP_NOTICE))
    if stop:
        return PlanDocuments(STOP_NOTICE, (STOP_NOTICE,))
    written = {block.key for block in plan.documents}
    pending = Gate.CLEARANCE_PENDING in plan.gates
    kinds = [HANDOUT, LOG_SHEET]
    if pending:
        kinds += [k for k in (INTERIM_CLEARANCE_LETTER, CLEARANCE_REQUEST_LETTER) if k in written]
    if CRISIS_SHEET in written or plan.crisis_resources:
        kinds.append(CRISIS_SHEET)
    return PlanDocuments(INTERIM_CLEARANCE_LETTER if pending else HANDOUT, tuple(kinds))


def choose_client_document(plan: Plan) -> str:
    """Which document this plan allows the client to get (``plan_documents(plan).client``):
    ``"handout"`` | ``"interim_clearance_letter"`` | ``"crisis_sheet"`` | ``"stop_notice"``."""
    return plan_documents(plan).client


def _document_block(plan: Plan, key: str) -> TextBlock | None:
    return find_block(plan, key, "documents")


def _letterhead(header: HandoutHeader, st: Styles) -> list[Flowable]:
    out: list[Flowable] = []
    if header.clinic and printable(header.clinic):
        out.append(Paragraph(f"<b>{field(header.clinic)}</b>", st.body))
    who = [field(v) for v in (header.clinician_name, header.clinician_profession,
                              header.clinician_contact) if v]
    if who:
        out.append(Paragraph(" · ".join(who), st.small))
    out.append(Paragraph(esc(long_date(header.revision_date)), st.small))
    out.append(Spacer(1, st.space * 1.5))
    return out


def _signature(header: HandoutHeader, st: Styles) -> list[Flowable]:
    name = ", ".join(field(v) for v in (header.clinician_name, header.clinician_profession) if v)
    lines = [Spacer(1, st.space * 2), Paragraph("Signed: ______________________________", st.body)]
    if name:
        lines.append(Paragraph(name, st.body))
    return lines


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _crisis_resources_box(plan: Plan, st: Styles, width: float) -> list[Flowable]:
    res = plan.crisis_resources
    if not res:
        return []
    contact = _sentence_case(res.crisis_line_contact)
    if res.crisis_line_note:
        contact += f" ({res.crisis_line_note})"
    items = [
        Paragraph(para(res.crisis_line_name), st.big),
        Paragraph(para(contact), st.big),
    ]
    if res.other_line:
        items.append(Paragraph(para(f"Or {res.other_line}"), st.big))
    items += [
        Spacer(1, st.space),
        Paragraph(f"Emergency: {para(res.emergency_number)}", st.big),
    ]
    hint = res.emergency_department_hint
    if hint:
        items.append(Paragraph(para(_sentence_case(hint)), st.body))
    return [boxed(items, st, width, alert=True), Spacer(1, st.space)]


#: Rules 8.19: the safety-plan prompts, found in the crisis sheet's bullets by their labels.
_PROMPT_LABELS = tuple(f"{label}:" for label, _hint in SAFETY_PLAN_PROMPTS)
#: Lines to write on under each prompt.
WRITING_LINES = 3


def _is_prompt(text: str) -> bool:
    return text.strip().startswith(_PROMPT_LABELS)


def crisis_sheet_flowables(block: TextBlock, st: Styles, width: float) -> list[Flowable]:
    """The crisis sheet's text, with its safety-plan prompts (rules 8.19) at the end in a box,
    each as its label in bold, the engine's hint, and lines to write on."""
    bullets = [b for b in block.bullets if b and b.strip()]
    prompts = [b for b in bullets if _is_prompt(b)]
    numbers = dataclasses.replace(block, bullets=tuple(b for b in bullets if not _is_prompt(b)))
    out = block_flowables(numbers, st, show_title=False)
    if not prompts:
        return out
    items: list[Flowable] = []
    for prompt in prompts:
        label, _sep, hint = prompt.partition(":")
        items += [Paragraph(f"<b>{para(label)}:</b> {para(hint.strip())}", st.body),
                  WritingLines(WRITING_LINES, st.write_line), Spacer(1, st.space * 0.4)]
    return [*out, Spacer(1, st.space * 0.5), boxed(items[:-1], st, width)]


def document_story(plan: Plan, header: HandoutHeader, key: str, width: float
                   ) -> tuple[list[Flowable], str, str | None]:
    """(flowables, title, audience) of one document."""
    st = get_styles(header.large_print)
    block = _document_block(plan, key)
    stop = plan.hard_stop

    if key == CRISIS_SHEET:
        title = (block.title if block else "") or _DEFAULT_TITLES[key]
        story = title_block(header, st, title, show_start=False)
        story += _crisis_resources_box(plan, st, width)
        if block:
            story += crisis_sheet_flowables(block, st, width)
        if not block and not plan.crisis_resources:
            raise ValueError("snapshot has no crisis resources to print")
        return story, title, None

    if key == STOP_NOTICE:
        if not stop:
            raise ValueError("a stop notice needs a hard-stop snapshot")
        title = (block.title if block else "") or _DEFAULT_TITLES[key]
        story = _letterhead(header, st)
        story.append(boxed([Paragraph(f"<b>{esc(CLINICIAN_ONLY)}</b>", st.body)], st, width,
                           alert=True))
        story.append(Spacer(1, st.space))
        story.append(Paragraph(para(title), st.title))
        if printable(header.client_display_name):
            story.append(Paragraph(f"<b>Client:</b> {field(header.client_display_name)}",
                                   st.body))
        story.append(Paragraph(f"<b>Stop:</b> {esc(stop)}", st.body))
        if block:
            story += block_flowables(block, st, show_title=False)
        else:
            story.append(Paragraph(esc(_STOP_EXPLANATION.get(stop, "")), st.body))
        for note in plan.clinician_notes:
            story += block_flowables(note, st)
        return story, title, CLINICIAN_ONLY

    # letters about clearance
    if stop:
        raise ValueError(f"no {key} under hard stop {stop}")
    if block is None:
        raise ValueError(f"the snapshot has no {key!r} document")
    title = block.title or _DEFAULT_TITLES[key]
    story = _letterhead(header, st)
    # No name, or one the font cannot print: a line to write it in by hand (text.py).
    client = field(header.client_display_name) if printable(header.client_display_name) else (
        esc(WRITE_IN))
    label = "Re" if key == CLEARANCE_REQUEST_LETTER else "For"
    story.append(Paragraph(f"<b>{label}:</b> {client}", st.body))
    story.append(Spacer(1, st.space))
    story.append(Paragraph(para(title), st.title))
    if key == CLEARANCE_REQUEST_LETTER:
        story += [Paragraph(para(text), st.bullet, bulletText=BULLET) if is_reason
                  else Paragraph(para(text), st.body)
                  for text, is_reason in request_letter_in_reading_order(block)]
    else:
        story += block_flowables(block, st, show_title=False)
    story += _signature(header, st)
    return story, title, None


#: A write-in line in the engine's text ("Cleared by: ________ ...").
_REPLY_LINE = "____"


def request_letter_in_reading_order(block: TextBlock) -> list[tuple[str, bool]]:
    """The clearance request as (text, is_reason) in the order the doctor reads and answers it.

    The engine's block holds the letter as paragraphs (greeting, introduction, the planned dose,
    what we ask, the reply lines) and the clearance reasons as bullets, and a block prints its
    paragraphs before its bullets, which would put the reply lines above the reasons. Here the
    reasons follow the introduction (the paragraph that announces them: it mentions "below" or
    ends with ":"; else the first two), then the rest of the letter (the dose, the request for
    limits on minutes or effort), then the reply lines (the paragraphs with write-in lines).
    Nothing is added or dropped: only the order changes.
    """
    reasons = [b for b in block.bullets if b and b.strip()]
    paragraphs = [p for p in block.paragraphs if p and p.strip()]
    reply = [p for p in paragraphs if _REPLY_LINE in p]
    prose = [p for p in paragraphs if _REPLY_LINE not in p]
    announce = next((i for i, p in enumerate(prose)
                     if " below" in p.lower() or p.rstrip().endswith(":")), None)
    cut = announce + 1 if announce is not None else min(2, len(prose))
    return [*((p, False) for p in prose[:cut]), *((r, True) for r in reasons),
            *((p, False) for p in [*prose[cut:], *reply])]


def render_document(plan: Plan, header: HandoutHeader, key: str) -> bytes:
    """One of ``DOCUMENT_KEYS`` as PDF bytes (``ValueError`` for a key the plan cannot have).

    Under CRISIS only the crisis sheet exists; a stop notice needs a hard stop; the clearance
    letters need the plan's own letter text.
    """
    if key not in DOCUMENT_KEYS:
        raise ValueError(f"unknown document {key!r}; one of {DOCUMENT_KEYS}")
    if plan.hard_stop == HardStop.CRISIS and key not in (CRISIS_SHEET, STOP_NOTICE):
        raise ValueError("under CRISIS the client gets only the crisis sheet")
    st = get_styles(header.large_print)
    width = PAGE_SIZES[header.paper][0] - 2 * st.margin
    story, title, audience = document_story(plan, header, key, width)
    return build_pdf(
        story,
        header=header,
        title=title,
        subject=title,
        crisis_text=(crisis_line_text(plan) if key == STOP_NOTICE
                     else required_crisis_line(plan)),
        running_title=title,
        audience=audience,
    )
