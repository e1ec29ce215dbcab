"""The embedded font: DejaVu Sans (regular and bold), bundled in ``planner/handout/fonts/``.

Why DejaVu Sans: it covers Latin with every accent, Greek and Cyrillic, so client and clinician
names in those scripts print as typed; it is free to embed (licence in
``fonts/LICENSE-DejaVu.txt``, Bitstream Vera terms; DejaVu changes are public domain).

The files ship with the code so that output never depends on the fonts installed on a server.
Registration with reportlab is lazy (first render, not import: importing the package stays cheap
and side-effect free) and happens once per process, under a lock so two threads rendering their
first PDF at the same time register the font only once.
"""

from __future__ import annotations

import threading
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fonts"

#: reportlab names of the two faces; styles refer to these names only.
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
#: The family name, so ``<b>`` inside a Paragraph picks the bold face.
FAMILY = "DejaVuSans"

_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}

_lock = threading.Lock()
_registered = False


def ensure_fonts() -> None:
    """Register the bundled faces with reportlab (idempotent, thread-safe)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        for name, filename in _FILES.items():
            path = FONT_DIR / filename
            if not path.is_file():  # a packaging mistake, not a runtime condition to paper over
                raise FileNotFoundError(f"bundled font missing: {path}")
            pdfmetrics.registerFont(TTFont(name, str(path)))
        addMapping(FAMILY, 0, 0, REGULAR)
        addMapping(FAMILY, 1, 0, BOLD)
        # No italic faces are bundled: italic markup falls back to the upright faces.
        addMapping(FAMILY, 0, 1, REGULAR)
        addMapping(FAMILY, 1, 1, BOLD)
        _registered = True


def covered_codepoints() -> frozenset[int]:
    """Code points that both bundled faces can draw (the intersection of their cmaps)."""
    global _covered
    if _covered is None:
        ensure_fonts()
        from reportlab.pdfbase import pdfmetrics

        maps = [set(pdfmetrics.getFont(name).face.charToGlyph) for name in _FILES]
        _covered = frozenset(set.intersection(*maps))
    return _covered


_covered: frozenset[int] | None = None
