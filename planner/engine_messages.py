"""
The engine's error messages in the clinician's words, for every page that shows one.

The engine (planner/engine) words its errors for its own interface, the command line: an intake
error names the JSON key ("base_vig_min: must not exceed base_total_min (60 > 30)"), a refused
override may name a value ("light_to_moderate") or a mode ("MAINTAIN_AT_ED_CAP"). Its messages
and its contract stay as they are; a page shows them through this module, which

- rewrites the intake errors a clinician can meet on the assessment form as sentences about the
  questions (INTAKE_SENTENCES), and
- replaces every remaining internal name (a field, a choice value, a mode) with the words the
  pages use for it (in_words), so no page ever shows one. Rule ids such as "R-CAP-1" stay: they
  are codes the "Why?" pages explain, not names of anything in the code.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from planner.choices import LABELS, label
from planner.engine.enums import Condition

# An internal name: two or more words joined by "_" (snake_case or UPPER_CASE).
INTERNAL_NAME = re.compile(r"\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b")


def field_words(name: str) -> str:
    """Return what the pages call an Intake answer (its model label), e.g. "activity minutes a
    week" for base_total_min."""
    from planner.models import Intake

    try:
        return str(Intake._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name.replace("_", " ").lower()


def _value_words(value: str) -> str | None:
    """The label of a choice value: an answer in running text ("light to moderate"), a code
    such as a mode, flag or gate by its name on the pages, quoted."""
    for (enum, stored), text in LABELS.items():
        if stored == value:
            if stored.isupper():
                return f"“{text}”"
            return str(text) if enum is Condition else str(text).lower()
    return None


def _name_words(name: str) -> str:
    from planner.models import Intake

    try:
        Intake._meta.get_field(name)
    except FieldDoesNotExist:
        return _value_words(name) or name.replace("_", " ").lower()
    return f"“{field_words(name)}”"


def in_words(message: str, *, sentence: bool = True) -> str:
    """Return `message` with no internal name left in it: as a sentence of its own, or, with
    sentence=False, as it stands (to go on after a colon)."""
    text = INTERNAL_NAME.sub(lambda match: _name_words(match.group(0)), str(message)).strip()
    if not text or not sentence:
        return text
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _condition(match: re.Match) -> dict[str, str]:
    return {"condition": label(Condition, match.group("condition"))}


# Intake errors the assessment form can meet (after its own checks), as sentences about the
# questions: (the engine's message, the sentence, its parameters from the engine's message).
INTAKE_SENTENCES: tuple[tuple[re.Pattern, str, Callable[[re.Match], dict]], ...] = (
    (re.compile(r"must not exceed base_total_min \((?P<vig>\d+) > (?P<total>\d+)\)"),
     _("Vigorous minutes (%(vig)s) cannot be more than the activity minutes of the whole week "
       "(%(total)s)."),
     lambda m: m.groupdict()),
    (re.compile(r"is required when phq9_total is given"),
     _("Enter the answer to PHQ-9 item 9 whenever a PHQ-9 total is entered."),
     lambda m: {}),
    (re.compile(r"is required when (?P<condition>\w+) is a condition"),
     _("Answer this question: %(condition)s is one of the conditions."),
     _condition),
    (re.compile(r"is only allowed when (?P<condition>\w+) is a condition"),
     _("This applies only when %(condition)s is one of the conditions. Add the condition, or set "
       "this answer to “not answered”."),
     _condition),
    (re.compile(r"is only allowed with clearance_status \"obtained\""),
     _("A limit set by the clearing professional can be entered only when medical clearance "
       "is obtained."),
     lambda m: {}),
    (re.compile(r"must be a multiple of (?P<step>\d+) \(got (?P<value>\d+)\)"),
     _("Enter a multiple of %(step)s (you entered %(value)s)."),
     lambda m: m.groupdict()),
    (re.compile(r"must not repeat the primary condition \((?P<condition>\w+)\)"),
     _("%(condition)s is already the primary condition: untick it here."),
     _condition),
    (re.compile(r"at most (?P<count>\d+) conditions"),
     _("Tick at most %(count)s other conditions."),
     lambda m: m.groupdict()),
    (re.compile(r"^is required$"),
     _("Answer this question."),
     lambda m: {}),
    (re.compile(r"is too far in the future.*the latest is (?P<latest>[\d-]+)"),
     _("This date is too far in the future: the plan's dates would run past the year 9999 "
       "(the latest is %(latest)s)."),
     lambda m: m.groupdict()),
    (re.compile(r"no crisis resources are configured for region '(?P<region>[^']*)'"),
     _("No crisis line is configured for the client's region (%(region)s): choose another "
       "region on the client's record."),
     lambda m: m.groupdict()),
)


def intake_error_words(message: str) -> str:
    """Return one engine intake error, shown next to its question, in the clinician's words."""
    message = str(message)
    for pattern, sentence, params in INTAKE_SENTENCES:
        match = pattern.search(message)
        if match:
            return str(sentence) % params(match)
    if message.startswith(("is ", "must ", "lists ", "at most ")):
        message = gettext("This answer %(rule)s") % {"rule": message}
    return in_words(message)


def intake_error_line(key: str, message: str) -> str:
    """Return one engine intake error shown away from its question: "Age: answer this ..."."""
    name, words = field_words(key), intake_error_words(message)
    if words[1:2].islower():
        words = words[:1].lower() + words[1:]
    return f"{name[:1].upper()}{name[1:]}: {words}"
