"""
Summaries shown on clinician pages:

- ErrorSummaryMixin: the error summary at the top of a form (every error, linked to its field).
- assessment_context(): the answers of an assessment that are for the clinician only and that no
  plan number shows (current treatments, the screening date and when screening is due again,
  current activities). Client documents never print them (N01, N17); the engine never reads them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext as _

from planner import intake_fields
from planner.choices import label
from planner.engine import outcomes
from planner.engine.enums import Activity, CurrentTreatment
from planner.forms.text import BidiNeutralMixin, ChoiceErrorsMixin


class ErrorSummaryMixin(ChoiceErrorsMixin, BidiNeutralMixin):
    """Add error_summary(): the form's errors in field order, each with its field's anchor.
    Every form with a summary also neutralises bidirectional controls and words a refused
    choice without repeating it (forms/text.py)."""

    def error_summary(self) -> list[dict[str, Any]]:
        items = [{"anchor": "", "label": "", "message": e} for e in self.non_field_errors()]
        for name, field in self.fields.items():
            if name not in self.errors:
                continue
            bound = self[name]
            # Radio buttons and checkbox lists have no element with the field's own id: link to
            # the first option, which is where keyboard focus lands.
            grouped = isinstance(field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)
            anchor = f"{bound.auto_id}_0" if grouped else bound.auto_id
            for message in self.errors[name]:
                items.append({"anchor": anchor, "label": bound.label, "message": message})
        return items


@dataclass(frozen=True)
class ContextRow:
    key: str
    label: str
    value: str = ""
    date: dt.date | None = None
    at_assessment: bool = False
    due: outcomes.Due | None = None


def _labels(enum, values) -> str:
    return ", ".join(label(enum, value) for value in values or ())


def assessment_context(intake, *, today: dt.date) -> list[ContextRow]:
    """Return the clinician-only context of an assessment, in form order."""
    rows = [
        ContextRow(
            "current_treatments",
            _("Current treatments"),
            _labels(CurrentTreatment, intake.current_treatments) or _("not recorded"),
        ),
        ContextRow(
            "screening_date",
            _("Screening answers given"),
            date=intake.screened_on,
            at_assessment=intake.screening_date is None,
            # R-REV-6: due again 12 months after the screening (outcomes.expiry_due).
            due=outcomes.expiry_due(intake.screened_on, today),
        ),
        ContextRow(
            "current_activities",
            _("Activities the client does now"),
            _labels(Activity, intake.current_activities) or _("none recorded"),
        ),
    ]
    return sorted(rows, key=lambda row: intake_fields.FORM_FIELDS.index(row.key))
