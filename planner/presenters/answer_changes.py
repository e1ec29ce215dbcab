"""
Which assessment answers differ between the assessments behind two revisions (the comparison
page's "Assessment answers that changed").

Reads two loaded Intake rows (no query): every answer is named by its field's label and shown
the way the pages show it (choice labels, yes/no, dates in the pages' style), old → new.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.formats import date_format, time_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from planner import intake_fields
from planner.choices import label
from planner.engine import enums
from planner.models import Intake
from planner.models.clients import ChoiceListValidator

EMPTY = "—"
# Every answer of an assessment but its date, which the page shows above the comparison.
ANSWERS = frozenset(intake_fields.INTAKE_FIELDS) - {"assessed_date"}


@dataclass(frozen=True)
class AnswerChange:
    key: str
    label: str
    a: str
    b: str


def _list_enum(field: models.Field):
    for validator in field.validators:
        if isinstance(validator, ChoiceListValidator):
            return getattr(enums, validator.enum_path)
    return None


def _show(field: models.Field, value: Any) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        if not value:
            return _("none")
        enum = _list_enum(field)
        return "; ".join(label(enum, item) if enum else str(item) for item in value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, dt.date):
        return date_format(value)
    if isinstance(value, dt.time):
        return time_format(value)
    return str(value)


def answer_changes(a: Intake, b: Intake) -> tuple[AnswerChange, ...]:
    """
    Return the answers of `b` that differ from `a`; () for the same assessment.

    In the order of the Intake model's fields: the form's order, except that the screening date
    comes after the clearance answers, as it always has on this page.
    """
    if a.pk == b.pk:
        return ()
    changes = []
    for field in Intake._meta.concrete_fields:
        if field.name not in ANSWERS:
            continue
        old, new = field.value_from_object(a), field.value_from_object(b)
        if old == new or (old in (None, "") and new in (None, "")):
            continue
        changes.append(
            AnswerChange(
                key=field.name,
                label=capfirst(str(field.verbose_name)),
                a=_show(field, old),
                b=_show(field, new),
            )
        )
    return tuple(changes)
