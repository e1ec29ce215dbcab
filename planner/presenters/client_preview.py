"""
The clinician's preview of what the client will read (rules 8.15).

While a gate is open the preview is headed "Not for the client yet: <every open gate, in plain
words>". Under CLEARANCE_PENDING the client gets the interim letter instead of a plan
(R-SAFE-CLR), so the preview shows the letters (the interim letter first, then the letter for the
client's doctor and the crisis sheet), not the handout. Nothing clinical is decided here: the
blocks are the engine's; the open gates are the snapshot's less those attested for the revision.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from planner.engine.enums import Gate
from planner.engine.model import TextBlock
from planner.presenters.plan import Coded, PlanView

INTERIM_LETTER = "interim_clearance_letter"
REQUEST_LETTER = "clearance_request_letter"
_LETTERS_FIRST = (INTERIM_LETTER, REQUEST_LETTER)


@dataclass(frozen=True)
class ClientPreview:
    """What the "What the client will read" section prints."""

    heading: str
    open_gates: tuple[Coded, ...]
    blocks: tuple[TextBlock, ...]
    note: str = ""

    @property
    def gated(self) -> bool:
        return bool(self.open_gates)


def _plain(label: str) -> str:
    return label[:1].lower() + label[1:]


def client_preview(view: PlanView, open_gates: Iterable[str] | None = None
                   ) -> ClientPreview | None:
    """The preview of `view`'s client texts; None under a hard stop (the stop screen instead).

    `open_gates` are the gate codes still open for a saved revision (those not attested;
    services.releases.revision_open_gates); None for an unsaved preview, where every gate of
    the snapshot is open."""
    if view.hard_stop:
        return None
    still_open = None if open_gates is None else {str(g) for g in open_gates}
    gates = tuple(g for g in view.gates if still_open is None or g.code in still_open)
    if not gates:
        return ClientPreview(heading=_("What the client will read"), open_gates=(),
                             blocks=(*view.texts, *view.documents))
    heading = _("Not for the client yet: %(gates)s") % {
        "gates": "; ".join(_plain(str(g.label)) for g in gates)
    }
    if any(g.code == Gate.CLEARANCE_PENDING for g in gates):
        letters = sorted(
            (d for d in view.documents if d.key in _LETTERS_FIRST),
            key=lambda d: _LETTERS_FIRST.index(d.key),
        )
        others = [d for d in view.documents if d.key not in _LETTERS_FIRST]
        return ClientPreview(
            heading=heading,
            open_gates=gates,
            blocks=(*letters, *others),
            note=_("Until clearance is recorded the client gets the letter below instead of a "
                   "plan, and takes the letter for their doctor. The plan's numbers above are "
                   "for you: the handout is released only after clearance."),
        )
    return ClientPreview(
        heading=heading,
        open_gates=gates,
        blocks=(*view.texts, *view.documents),
        note=_("A preview: the client gets this only once every gate named here is closed and "
               "the plan is released."),
    )
