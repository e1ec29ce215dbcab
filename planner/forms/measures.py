"""
The form for recording physical-health measures (issue 26): the day, the occasion they were
taken at (an assessment, a check-in or a review of the client, or none) and any of the measures
in the clinician's display units. Every number is checked against its range in those units, with
the range in the message; what was typed stays on the form.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from crispy_forms.layout import Fieldset, Submit
from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from planner.forms.helper import page_form_helper
from planner.forms.summary import ErrorSummaryMixin
from planner.measure_kinds import MEASURES, MeasureKind, Units
from planner.models.measures import (
    DIASTOLIC_ABOVE_SYSTOLIC,
    DIASTOLIC_REQUIRED,
    MEASURE_IN_FUTURE,
    MEASURE_OUT_OF_RANGE,
)
from planner.selectors.measures import Occasion
from planner.services.measures import NOTHING_TO_RECORD

SYSTOLIC_REQUIRED = _("Enter the systolic pressure together with the diastolic one.")
OCCASION_LABELS = {
    "intake": _("Assessment of %(date)s"),
    "checkin": _("Check-in for the week from %(date)s"),
    "review": _("Review of %(date)s"),
}
# Form field -> the measure it records (blood pressure takes two fields).
FIELD_KINDS = {
    "weight": MeasureKind.WEIGHT,
    "waist": MeasureKind.WAIST,
    "systolic": MeasureKind.BLOOD_PRESSURE,
    "resting_heart_rate": MeasureKind.RESTING_HEART_RATE,
    "chair_stand_30s": MeasureKind.CHAIR_STAND_30S,
    "timed_up_and_go": MeasureKind.TIMED_UP_AND_GO,
    "walk_6_min": MeasureKind.WALK_6_MIN,
    "walk_2_min": MeasureKind.WALK_2_MIN,
}


def _number(label, *, decimals: int) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, required=False, decimal_places=decimals, max_digits=7,
        widget=forms.NumberInput(attrs={"inputmode": "decimal" if decimals else "numeric",
                                        "step": "0.1" if decimals else "1"}),
        error_messages={"invalid": _("Enter a number."),
                        "max_decimal_places": (_("Use at most one decimal place.") if decimals
                                               else _("Enter a whole number."))},
    )


def occasion_label(occasion: Occasion) -> str:
    return OCCASION_LABELS[occasion.kind] % {"date": date_format(occasion.day)}


class MeasuresForm(ErrorSummaryMixin, forms.Form):
    measured_on = forms.DateField(
        label=_("Date measured"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Enter the date the measures were taken."),
                        "invalid": _("Enter a date such as 2026-03-14.")},
    )
    occasion = forms.ChoiceField(
        label=_("Taken at"), required=False,
        help_text=_("The assessment, check-in or review they were taken at, if any."),
    )

    def __init__(self, *args, units: str = Units.METRIC, occasions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units
        self.occasions = {o.key: o for o in occasions}
        self.fields["occasion"].choices = [("", _("None (on their own)"))] + [
            (o.key, occasion_label(o)) for o in occasions
        ]
        self.initial.setdefault("measured_on", timezone.localdate())
        for name, kind in FIELD_KINDS.items():
            spec = MEASURES[kind]
            unit = spec.display_unit(units)
            label = _("Systolic pressure") if name == "systolic" else spec.label
            decimals = 1 if spec.decimals or spec.display_unit(units) != spec.unit else 0
            self.fields[name] = _number(f"{label} ({unit})", decimals=decimals)
            if name == "systolic":
                self.fields["diastolic"] = _number(_("Diastolic pressure (mmHg)"), decimals=0)
        self.fields["walk_2_min"].help_text = _("For those who cannot walk for 6 minutes.")
        self.helper = page_form_helper(
            Submit("save", _("Save measures")),
            Fieldset(_("When"), "measured_on", "occasion"),
            Fieldset(_("Body and heart"), "weight", "waist", "systolic", "diastolic",
                     "resting_heart_rate"),
            Fieldset(_("Physical tests"), "chair_stand_30s", "timed_up_and_go", "walk_6_min",
                     "walk_2_min"),
            form_id="measures-form",
        )

    def clean_measured_on(self):
        day = self.cleaned_data["measured_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(MEASURE_IN_FUTURE)
        return day

    def clean_occasion(self):
        key = self.cleaned_data.get("occasion") or ""
        return self.occasions.get(key)

    def _check_range(self, name: str, low, high, label: str, unit: str) -> None:
        value = self.cleaned_data.get(name)
        if value is not None and not low <= value <= high:
            self.add_error(name, MEASURE_OUT_OF_RANGE % {
                "label": label, "low": _plain(low), "high": _plain(high), "unit": unit})

    def clean(self):
        cleaned = super().clean()
        for name, kind in FIELD_KINDS.items():
            spec = MEASURES[kind]
            low, high = spec.display_range(self.units)
            label = _("systolic pressure") if name == "systolic" else spec.label.lower()
            self._check_range(name, low, high, label, spec.display_unit(self.units))
        bp = MEASURES[MeasureKind.BLOOD_PRESSURE]
        self._check_range("diastolic", bp.second_low, bp.second_high, _("diastolic pressure"),
                          bp.unit)
        systolic, diastolic = cleaned.get("systolic"), cleaned.get("diastolic")
        if systolic is not None and diastolic is None and "diastolic" not in self.errors:
            self.add_error("diastolic", DIASTOLIC_REQUIRED)
        if diastolic is not None and systolic is None and "systolic" not in self.errors:
            self.add_error("systolic", SYSTOLIC_REQUIRED)
        if (systolic is not None and diastolic is not None and diastolic >= systolic
                and not self.errors.get("diastolic")):
            self.add_error("diastolic", DIASTOLIC_ABOVE_SYSTOLIC)
        typed = [n for n in (*FIELD_KINDS, "diastolic") if cleaned.get(n) is not None]
        if not typed and not self.errors:
            raise forms.ValidationError(NOTHING_TO_RECORD)
        return cleaned

    def metric_values(self) -> dict[MeasureKind, Decimal | tuple[Decimal, int]]:
        """The valid form's measures in metric units, as services.measures_record takes them."""
        values: dict = {}
        for name, kind in FIELD_KINDS.items():
            value = self.cleaned_data.get(name)
            if value is None:
                continue
            metric = MEASURES[kind].from_display(value, self.units)
            if kind == MeasureKind.BLOOD_PRESSURE:
                values[kind] = (metric, int(self.cleaned_data["diastolic"]))
            else:
                values[kind] = metric
        return values


def _plain(number) -> str:
    text = f"{Decimal(number):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def occasion_initial(occasions, key: str | None, today: dt.date) -> str:
    """The occasion to preselect: the one asked for (?at=), else one held today, else none."""
    keys = {o.key for o in occasions}
    if key in keys:
        return key
    return next((o.key for o in occasions if o.day == today), "")
