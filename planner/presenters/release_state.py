"""
Which revision the client holds and which is a draft (issue 22 item 1): a revision is
*released* (the client has it) or a *draft*. Pages print one line, e.g. "Client has: revision
2, released 7 Dec 2026 · Draft: revision 3, not released", read from the plan's current number
and the latest release (annotated by the selectors, so no query per row).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from planner.presenters.dates import format_date


@dataclass(frozen=True)
class ReleaseState:
    current: int | None  # the plan's current revision number
    released: int | None  # the revision the client holds (the latest released)
    released_at: dt.datetime | None = None

    @property
    def draft(self) -> int | None:
        """The current revision when the client does not hold it, else None."""
        return self.current if self.current and self.current != self.released else None

    @property
    def client_has(self) -> str:
        if not self.released:
            return _("Client has: no plan released yet")
        return _("Client has: revision %(n)s, released %(date)s") % {
            "n": self.released, "date": format_date(self.released_at)}

    @property
    def draft_text(self) -> str:
        return _("Draft: revision %(n)s, not released") % {"n": self.draft} if self.draft else ""

    @property
    def line(self) -> str:
        """The one line a page prints ("" before the first revision)."""
        if not self.current:
            return ""
        if not self.draft:
            return self.client_has
        return f"{self.client_has} \u00b7 {self.draft_text}"

    def of_revision(self, number: int) -> str:
        """What revision `number` is: "released (the client has it)", "released earlier" or
        "draft, not released"."""
        if number == self.released:
            return _("released: the client has it")
        return _("draft, not released") if number == self.draft else ""


def release_state_of(client) -> ReleaseState:
    """The state of a client annotated by selectors.client_queryset (released_number,
    released_at)."""
    plan = getattr(client, "plan", None)
    return ReleaseState(
        current=plan.current_revision_number if plan else None,
        released=getattr(client, "released_number", None),
        released_at=getattr(client, "released_at", None),
    )
