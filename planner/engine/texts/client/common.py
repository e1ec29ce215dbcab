"""What every client block shares: the return type and two small wording helpers."""

from __future__ import annotations

from ...model import TextBlock

Block = tuple[TextBlock, tuple[str, ...]]


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def counted(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"
