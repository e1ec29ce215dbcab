"""
Physical-health measures (issue 26): weight, waist, blood pressure, resting heart rate and the
physical tests, each a row with its date, recorded at an assessment, a check-in or a review (or
on its own). planner/measure_kinds.py defines the kinds, units and ranges.

Stored in metric units; the clinician's profile chooses how they are shown. A measure belongs to
one client and at most one occasion, which must be the same client's.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from planner.measure_kinds import MEASURES, MeasureKind
from planner.models.base import acting_user
from planner.models.checkins import CheckIn, Review
from planner.models.clients import Client, Intake

MEASURE_IN_FUTURE = _("The date of a measure cannot be in the future.")
MEASURE_OUT_OF_RANGE = _("Enter a %(label)s between %(low)s and %(high)s %(unit)s.")
DIASTOLIC_REQUIRED = _("Enter the diastolic pressure together with the systolic one.")
DIASTOLIC_ONLY_FOR_BP = _("Only blood pressure has a second number.")
DIASTOLIC_ABOVE_SYSTOLIC = _("The diastolic pressure must be lower than the systolic one.")
ONE_OCCASION = _("A measure belongs to one occasion at most: an assessment, a check-in or a "
                 "review.")
OTHER_CLIENTS_OCCASION = _("That occasion belongs to another client.")


class Measure(models.Model):
    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="measures", verbose_name=_("client")
    )
    kind = models.CharField(
        _("measure"), max_length=24,
        choices=[(kind.value, MEASURES[kind].label) for kind in MeasureKind],
    )
    value = models.DecimalField(_("value (metric)"), max_digits=7, decimal_places=2)
    diastolic = models.PositiveSmallIntegerField(_("diastolic (mmHg)"), null=True, blank=True)
    measured_on = models.DateField(_("date measured"))
    # The occasion it was taken at, if any (at most one). Erasure deletes measures first.
    intake = models.ForeignKey(
        Intake, on_delete=models.SET_NULL, null=True, blank=True, related_name="measures",
        verbose_name=_("assessment"),
    )
    checkin = models.ForeignKey(
        CheckIn, on_delete=models.SET_NULL, null=True, blank=True, related_name="measures",
        verbose_name=_("check-in"),
    )
    review = models.ForeignKey(
        Review, on_delete=models.SET_NULL, null=True, blank=True, related_name="measures",
        verbose_name=_("review"),
    )
    author = acting_user(_("recorded by"))
    created = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["client", "kind", "measured_on", "id"]
        indexes = [
            models.Index(fields=["client", "kind", "measured_on"], name="measure_client_kind_day"),
        ]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self):
        return f"{self.client} {self.kind} {self.measured_on:%Y-%m-%d}"

    @property
    def spec(self):
        return MEASURES[MeasureKind(self.kind)]

    def clean(self):
        super().clean()
        errors: dict[str, list] = {}
        if self.measured_on and self.measured_on > timezone.localdate():
            errors.setdefault("measured_on", []).append(
                ValidationError(MEASURE_IN_FUTURE, code="future"))
        if self.kind in MeasureKind._value2member_map_ and self.value is not None:
            spec = self.spec
            if not spec.low <= self.value <= spec.high:
                errors.setdefault("value", []).append(ValidationError(
                    MEASURE_OUT_OF_RANGE, code="out_of_range",
                    params={"label": spec.label.lower(), "low": spec.low, "high": spec.high,
                            "unit": spec.unit}))
            if spec.second_label:
                if self.diastolic is None:
                    errors.setdefault("diastolic", []).append(
                        ValidationError(DIASTOLIC_REQUIRED, code="diastolic_required"))
                elif not spec.second_low <= self.diastolic <= spec.second_high:
                    errors.setdefault("diastolic", []).append(ValidationError(
                        MEASURE_OUT_OF_RANGE, code="out_of_range",
                        params={"label": "diastolic pressure", "low": spec.second_low,
                                "high": spec.second_high, "unit": spec.unit}))
                elif self.diastolic >= self.value:
                    errors.setdefault("diastolic", []).append(
                        ValidationError(DIASTOLIC_ABOVE_SYSTOLIC, code="diastolic_above"))
            elif self.diastolic is not None:
                errors.setdefault("diastolic", []).append(
                    ValidationError(DIASTOLIC_ONLY_FOR_BP, code="diastolic_not_bp"))
        occasions = [o for o in (self.intake, self.checkin, self.review) if o is not None]
        if len(occasions) > 1:
            errors.setdefault(NON_FIELD, []).append(
                ValidationError(ONE_OCCASION, code="one_occasion"))
        if any(o.client_id != self.client_id for o in occasions):
            errors.setdefault(NON_FIELD, []).append(
                ValidationError(OTHER_CLIENTS_OCCASION, code="other_client"))
        if errors:
            raise ValidationError(errors)


NON_FIELD = "__all__"
