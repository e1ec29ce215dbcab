"""Making text safe and printable for reportlab.

Two separate problems are handled here.

1. **Markup injection (quality.md S7).** reportlab's ``Paragraph`` parses a small XML dialect, so
   a client named ``<a href="javascript:alert(1)">x</a>`` would otherwise become a live link.
   Every string that reaches a Paragraph goes through :func:`para` (or :func:`esc`), which escapes
   ``&``, ``<`` and ``>``; the renderer never builds markup from user or engine text, and never
   emits ``<a>``/``<link>`` tags, so the file holds no /URI, /Launch or /JavaScript actions.
   Web addresses in text print as plain text.

2. **Characters the font cannot draw.** The bundled DejaVu Sans draws Latin (with accents),
   Greek and Cyrillic, and many symbols. reportlab cannot *shape* text: right-to-left scripts
   (Hebrew, Arabic, ...) would print with their letters in the wrong order and unjoined, and
   characters outside the font (emoji, CJK, Indic scripts, ...) would print as empty boxes.
   Characters beyond U+FFFF (most emoji, mathematical letters) that the font does have still
   print, but reportlab writes an invalid ToUnicode entry for them, so copy-paste, search and
   screen readers get wrong text. All of these are "wrong text", which is worse than none on a
   clinical document. The documented fallback is therefore **all or nothing per field**:

   * :func:`printable` returns the text (NFC-normalised, whitespace collapsed) when every
     character is drawable and none is right-to-left, else ``None``.
   * The renderer prints a field that is ``None`` as a blank write-in line
     (:data:`WRITE_IN`) so the clinician can write the name by hand; the footer then omits it.
     :func:`header_problems` lists such fields so a caller can tell the clinician.
   * Engine text (the texts engineer's blocks) is English and expected to be fully printable;
     :func:`clean` replaces any undrawable character with ``?`` rather than a box, and a test
     asserts that no public case triggers it. Crisis resources must be printable: the renderer
     refuses to print a crisis line it cannot draw (see ``layout.crisis_line_text``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from xml.sax.saxutils import escape as _xml_escape

from .fonts import covered_codepoints

#: What an unprintable name becomes on paper: a line to write it in by hand.
WRITE_IN = "____________________"

#: Bidirectional classes that need right-to-left layout reportlab cannot do.
_RTL_BIDI = frozenset({"R", "AL", "AN", "RLE", "RLO", "RLI"})

_WS = re.compile(r"\s+")

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def normalise(text: str) -> str:
    """NFC-normalise, drop control characters, collapse runs of whitespace."""
    text = unicodedata.normalize("NFC", str(text))
    text = "".join(" " if ch.isspace() else ch for ch in text
                   if ch.isspace() or unicodedata.category(ch) != "Cc")
    return _WS.sub(" ", text).strip()


def unprintable_chars(text: str) -> list[str]:
    """Characters of ``text`` the bundled font cannot draw correctly (missing or right-to-left)."""
    if text.isascii() and text.isprintable():
        return []  # the font covers printable ASCII, all left-to-right
    covered = covered_codepoints()
    bad = []
    for ch in text:
        if ch.isspace():
            continue
        if (ord(ch) > 0xFFFF or ord(ch) not in covered
                or unicodedata.bidirectional(ch) in _RTL_BIDI):
            bad.append(ch)
    return bad


def printable(text: str | None) -> str | None:
    """The field as it can be printed, or ``None`` when it cannot be printed faithfully.

    ``""`` stays ``""`` (nothing to print). See the module docstring for the policy.
    """
    if text is None:
        return None
    text = normalise(text)
    if unprintable_chars(text):
        return None
    return text


@lru_cache(maxsize=8192)  # engine sentences repeat across renders; this check is per character
def clean(text: str) -> str:
    """Engine text, normalised, with any undrawable character replaced by ``?``."""
    text = normalise(text)
    bad = set(unprintable_chars(text))
    if bad:
        text = "".join("?" if ch in bad else ch for ch in text)
    return text


def esc(text: str) -> str:
    """Escape text for reportlab's Paragraph markup (``&``, ``<``, ``>``)."""
    return _xml_escape(text)


def para(text: str) -> str:
    """Engine or user text ready to put inside a Paragraph: cleaned, then escaped."""
    return esc(clean(text))


def field(text: str | None, *, write_in: str = WRITE_IN) -> str:
    """A header field (name, clinic, ...) escaped for a Paragraph, or the write-in line."""
    value = printable(text)
    if value is None:
        return esc(write_in)
    return esc(value)


def shorten(text: str, limit: int) -> str:
    """Cut ``text`` to ``limit`` characters with an ellipsis (running footers stay one line)."""
    return text if len(text) <= limit else text[: max(0, limit - 1)].rstrip() + "…"


def long_date(d) -> str:
    """``3 March 2026``: month in words, so 3/4 versus 4/3 can never be misread."""
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def short_date(d) -> str:
    """``3 Mar`` (table cells)."""
    return f"{d.day} {_MONTHS[d.month - 1][:3]}"
