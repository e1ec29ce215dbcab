"""
The physical-health measures a clinician records (issue 26), defined once: what each is called,
its metric unit, the range a real reading falls in, how many decimals it keeps, and how it is
shown in US units. The model, the form, the charts and the FHIR export all read this list.

Values are stored in metric units (kg, cm, mmHg, beats a minute, a count, seconds, metres). A
clinician whose profile says "US units" types and reads weight in lb and waist in in; nothing
else changes. Blood pressure is one measure with two numbers: `value` is the systolic pressure,
`diastolic` the diastolic one.

These are clinician-only facts. No client document ever prints them (rules N05, N17): the
handout and letters are rendered from the stored plan, which never holds a measure.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

LB_PER_KG = Decimal("2.2046226218")
CM_PER_IN = Decimal("2.54")


class MeasureKind(StrEnum):
    WEIGHT = "weight"
    WAIST = "waist"
    BLOOD_PRESSURE = "blood_pressure"
    RESTING_HEART_RATE = "resting_heart_rate"
    CHAIR_STAND_30S = "chair_stand_30s"
    TIMED_UP_AND_GO = "timed_up_and_go"
    WALK_6_MIN = "walk_6_min"
    WALK_2_MIN = "walk_2_min"


class Units(StrEnum):
    """A clinician's display units (ClinicianProfile.measurement_units)."""

    METRIC = "metric"
    US = "us"


@dataclass(frozen=True)
class MeasureSpec:
    kind: MeasureKind
    label: str  # as the clinician reads it: "Weight"
    unit: str  # the metric unit as shown: "kg"
    low: Decimal  # the lowest plausible reading, metric
    high: Decimal  # the highest plausible reading, metric
    decimals: int = 0
    us_unit: str = ""  # "lb" or "in" when US units show it differently
    us_factor: Decimal = Decimal(1)  # metric value x factor = US value
    # The second number of blood pressure (diastolic), with its own range.
    second_label: str = ""
    second_low: int = 0
    second_high: int = 0

    def display_unit(self, units: str) -> str:
        return self.us_unit if units == Units.US and self.us_unit else self.unit

    def to_display(self, value: Decimal | float | int, units: str) -> Decimal:
        """A stored (metric) value in the clinician's units, rounded as the measure is shown."""
        value = Decimal(str(value))
        if units == Units.US and self.us_unit:
            value = value * self.us_factor
        return _round(value, self.decimals if not self.us_unit else 1)

    def from_display(self, value: Decimal, units: str) -> Decimal:
        """A value typed in the clinician's units, as stored (metric, two decimals)."""
        if units == Units.US and self.us_unit:
            value = value / self.us_factor
        return _round(value, 2)

    def display_range(self, units: str) -> tuple[Decimal, Decimal]:
        """The valid range in the clinician's units, rounded inwards so both ends are valid."""
        if units == Units.US and self.us_unit:
            step = Decimal("0.1")
            low = (self.low * self.us_factor / step).to_integral_value(rounding="ROUND_CEILING")
            high = (self.high * self.us_factor / step).to_integral_value(rounding="ROUND_FLOOR")
            return low * step, high * step
        return self.low, self.high


def _round(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


MEASURES: dict[MeasureKind, MeasureSpec] = {
    spec.kind: spec
    for spec in (
        MeasureSpec(MeasureKind.WEIGHT, "Weight", "kg", Decimal(20), Decimal(300), 1,
                    us_unit="lb", us_factor=LB_PER_KG),
        MeasureSpec(MeasureKind.WAIST, "Waist circumference", "cm", Decimal(40), Decimal(200), 1,
                    us_unit="in", us_factor=1 / CM_PER_IN),
        MeasureSpec(MeasureKind.BLOOD_PRESSURE, "Blood pressure", "mmHg", Decimal(60),
                    Decimal(260), second_label="diastolic", second_low=30, second_high=160),
        MeasureSpec(MeasureKind.RESTING_HEART_RATE, "Resting heart rate", "bpm", Decimal(30),
                    Decimal(200)),
        MeasureSpec(MeasureKind.CHAIR_STAND_30S, "30-second chair stand", "stands", Decimal(0),
                    Decimal(50)),
        MeasureSpec(MeasureKind.TIMED_UP_AND_GO, "Timed up-and-go", "s", Decimal(3),
                    Decimal(120), 1),
        MeasureSpec(MeasureKind.WALK_6_MIN, "6-minute walk distance", "m", Decimal(10),
                    Decimal(1000)),
        MeasureSpec(MeasureKind.WALK_2_MIN, "2-minute walk distance", "m", Decimal(5),
                    Decimal(400)),
    )
}

# The metabolic monitoring panel for a client on an antipsychotic (issue 26 item 2).
METABOLIC_PANEL = (MeasureKind.WEIGHT, MeasureKind.WAIST, MeasureKind.BLOOD_PRESSURE)
# Suggested with a falls risk or from age 65.
FALLS_TESTS = (MeasureKind.CHAIR_STAND_30S, MeasureKind.TIMED_UP_AND_GO)
FALLS_TEST_AGE = 65
