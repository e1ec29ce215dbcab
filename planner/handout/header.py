"""What the renderer needs besides the plan: who prints it, for whom, when, and how."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .text import printable

PAPER_SIZES = ("A4", "LETTER")
TEXT_FIELDS = ("clinic", "clinician_name", "clinician_profession", "clinician_contact",
               "client_display_name")


@dataclass(frozen=True)
class HandoutHeader:
    """Printing details that are not part of the clinical plan.

    Everything the clinician or client typed (names, clinic, contact) is plain text: the renderer
    escapes it. ``revision_date`` is the date printed in every footer and also the PDF's creation
    date, so the same plan and header always give the same bytes.

    - ``revision_number``: the released revision's number; ``None`` for a preview (CLI, draft).
    - ``plan_start_date``: dates the week table ("week starting ..."); ``None`` prints no dates.
    - ``paper``: ``"A4"`` or ``"LETTER"`` (US Letter), from the clinician's profile.
    - ``large_print``: body text at 16 pt, nothing below 14 pt (styles.py).
    - ``draft``: a "DRAFT — not for the client" watermark on every page (previews, open gates).
    - ``log_url``: the client's private log link (issue 23), printed with its QR code on the
      handout and the log sheet; empty prints nothing, and a draft never prints it.
    """

    clinic: str = ""
    clinician_name: str = ""
    clinician_contact: str = ""
    clinician_profession: str = ""  # printed beside the name on every document (issue 22)
    client_display_name: str = ""
    revision_number: int | None = None
    revision_date: dt.date = dt.date(2000, 1, 1)
    plan_start_date: dt.date | None = None
    paper: str = "A4"
    large_print: bool = False
    draft: bool = False
    log_url: str = ""

    def __post_init__(self):
        if self.paper not in PAPER_SIZES:
            raise ValueError(f"paper must be one of {PAPER_SIZES}, not {self.paper!r}")
        if not isinstance(self.revision_date, dt.date):
            raise TypeError("revision_date must be a datetime.date")
        if self.plan_start_date is not None and not isinstance(self.plan_start_date, dt.date):
            raise TypeError("plan_start_date must be a datetime.date or None")
        if self.revision_number is not None and (
            not isinstance(self.revision_number, int) or self.revision_number < 1
        ):
            raise ValueError("revision_number must be a positive int or None")
        for name in (*TEXT_FIELDS, "log_url"):
            if not isinstance(getattr(self, name), str):
                raise TypeError(f"{name} must be a str")


def header_problems(header: HandoutHeader) -> list[str]:
    """Names of header fields that cannot be printed faithfully and will print as a write-in line.

    A caller (web view, CLI) shows these to the clinician: "the client's name uses characters the
    PDF font cannot print; write it in by hand".
    """
    return [
        name
        for name in TEXT_FIELDS
        if getattr(header, name) and printable(getattr(header, name)) is None
    ]
