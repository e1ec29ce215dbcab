"""Client handout blocks, in reading order (docs/texts.md lists every key and when it appears).

House style (R-WORD-5): reading age about 12, warm, no blame, no promises; "about", "aim for",
"it's OK to swap days". The wording rules are enforced by validator.py with the lists in
phrases.py: for example the word "stop" is kept for the warning and crisis blocks, so the other
blocks say "end the session"; condition names appear only with show_conditions_on_handout.

Each writer returns (TextBlock, evidence IDs) or None when the block does not apply.
"""

from .activity import (
    activities_that_count,
    barrier_tips,
    flexibility,
    hold_rules,
    mind_body,
    strength_guide,
    timing,
)
from .common import Block
from .moves import moves_guide
from .plan import (
    activity_schedule,
    advisory,
    at_a_glance,
    body_sensations,
    intensity_guide,
    maintain_note,
    review_weeks,
    wording,
)
from .safety import (
    contact_clinician,
    crisis_box,
    crisis_footer,
    disclaimer,
    falls_safety,
    medication_notes,
    warning_symptoms,
)

__all__ = ["WRITERS", "Block"]

#: Reading order. crisis_box (when present) is first and crisis_footer always last.
WRITERS = (
    crisis_box,
    wording,
    advisory,
    at_a_glance,
    maintain_note,
    activity_schedule,
    intensity_guide,
    body_sensations,
    warning_symptoms,
    falls_safety,
    strength_guide,
    moves_guide,
    mind_body,
    activities_that_count,
    barrier_tips,
    timing,
    flexibility,
    hold_rules,
    contact_clinician,
    review_weeks,
    medication_notes,
    disclaimer,
    crisis_footer,
)
