"""Reading PDFs back in tests: text per page (pypdf), fonts, font sizes, forbidden objects."""

from __future__ import annotations

import io
import re
from collections import Counter

import pypdf

#: PDF names that would mean a link, an action or script in the file.
ACTIVE_CONTENT = (b"/URI", b"/JavaScript", b"/JS", b"/Launch", b"/OpenAction", b"/AA",
                  b"/Annots", b"/Link", b"/SubmitForm", b"/EmbeddedFile")


def reader(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in reader(pdf).pages]


def flat(text: str) -> str:
    """Whitespace collapsed, so a phrase matches across line breaks."""
    return re.sub(r"\s+", " ", text).strip()


def all_text(pdf: bytes) -> str:
    return flat(" ".join(page_texts(pdf)))


def page_fonts(pdf: bytes) -> set[str]:
    """BaseFont names used by every page's resources."""
    names = set()
    for page in reader(pdf).pages:
        fonts = page["/Resources"].get_object().get("/Font") or {}
        for ref in fonts.get_object().values():
            names.add(str(ref.get_object()["/BaseFont"]))
    return names


def font_sizes(pdf: bytes) -> Counter:
    """How many characters are printed at each font size (pt), over all pages."""
    sizes: Counter = Counter()

    def visit(text, cm, tm, font_dict, font_size):
        scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
        chars = len(text.strip())
        if chars:
            sizes[round(font_size * scale, 1)] += chars

    for page in reader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def text_runs(pdf: bytes) -> list[list[tuple[str, float, float, float]]]:
    """Per page, every piece of text as it is drawn: (text, size in pt, x, y), size and
    position in page space (the text matrix times the current transformation matrix)."""
    pages = []
    for page in reader(pdf).pages:
        runs: list[tuple[str, float, float, float]] = []

        def visit(text, cm, tm, font_dict, font_size, runs=runs):
            if not text.strip():
                return
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((text, round(font_size * scale, 2), x, y))

        page.extract_text(visitor_text=visit)
        pages.append(runs)
    return pages


def active_content(pdf: bytes) -> list[bytes]:
    """Action, link and script names in the file's object dictionaries.

    Stream data (compressed page contents, fonts) is cut out first: random compressed bytes can
    spell "/JS". reportlab writes no object streams, so every dictionary stays visible.
    """
    assert b"/ObjStm" not in pdf, "object streams would hide dictionaries from this check"
    skeleton = re.sub(rb"stream\r?\n.*?endstream", b"stream endstream", pdf, flags=re.DOTALL)
    return [name for name in ACTIVE_CONTENT if re.search(re.escape(name) + rb"(?![A-Za-z])",
                                                         skeleton)]


def body_text(pages: list[str], furniture: list[str]) -> str:
    """All pages as one flat string without the page furniture (footer, running header,
    watermark, page numbers), so a sentence that runs over a page break still matches."""
    out = []
    for page in pages:
        text = flat(page)
        for item in sorted(furniture, key=len, reverse=True):
            if item:
                text = text.replace(flat(item), " ")
        text = re.sub(r"Page \d+ of \d+", " ", text)
        out.append(text)
    return flat(" ".join(out))


#: Issue 25: the strength and balance moves, each with its drawing, take their own pages after
#: the strength guide; the rest of the handout keeps its 4-page bound.
MOVES_SECTION_MAX_PAGES = 2


def without_moves(snapshot: dict) -> dict:
    """The snapshot with no moves section (the handout as it was before issue 25)."""
    return {**snapshot, "moves": [],
            "texts": [b for b in snapshot["texts"] if b["key"] != "moves_guide"]}
