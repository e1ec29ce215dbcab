"""
The client's age from the client record, so the assessment asks it only when it must.

The engine reads an age in years (rules.md 2B). The client record may hold a date of birth or a
year of birth; either gives the age on the assessment date, and the form then shows it read-only
with where it came from, so the clinician sees the number the plan uses.

A year of birth alone gives two possible ages on a date: the age the client turns that year, or
one less if the birthday is still to come. The form uses the lower one, the age the client has
certainly reached. That choice can never change the plan, because when the two possible ages lie
on different sides of an age the engine reads (18: the minor hard stop; 65: the older-adult dose
and advice; 75: falls advice for everyone) the age is asked instead (AGES_THAT_CHANGE_THE_PLAN).

The ACSM age risk factor (men 45 and over, women 55 and over, rules.md 2F `cv_risk_factors`)
is only suggested from the sex at birth and this age: the clinician's ticks are what the engine
reads (engine.screening.age_risk_factor_suggested).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from planner.engine import constants as K
from planner.engine.activities import OLDEST_WITHOUT_FALLS_CARE

# The ages at which the engine's plan changes (the first age of the new rule).
AGES_THAT_CHANGE_THE_PLAN = (K.ADULT_AGE, K.OLDER_ADULT_AGE, OLDEST_WITHOUT_FALLS_CARE + 1)



class AgeOnRecord(NamedTuple):
    """What the client record says about the age on a date.

    `age` is the age the form uses (None: ask it); `note` is the sentence shown with it, or why
    it is asked although a year of birth is recorded; `error` means the record and the date do
    not fit together (the assessment is before the birth)."""

    age: int | None
    note: str
    error: bool = False


def _years_between(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def age_on_record(client, on: dt.date) -> AgeOnRecord | None:
    """Return the age the client record gives on `on`, or None when no birth date or year is
    recorded (the form then asks the age)."""
    born, year = client.date_of_birth, client.birth_year
    if born is not None:
        if born > on:
            return AgeOnRecord(None, _("The assessment date is before the date of birth on the "
                                       "client record. Check both dates."), error=True)
        age = _years_between(born, on)
        return AgeOnRecord(age, _("Age %(age)s, from the date of birth on record (%(born)s).")
                           % {"age": age, "born": date_format(born)})
    if year is None:
        return None
    if year > on.year:
        return AgeOnRecord(None, _("The assessment date is before the year of birth on the "
                                   "client record. Check both."), error=True)
    turns = on.year - year
    # On 31 December everyone born that year has had their birthday.
    lower = turns if (on.month, on.day) == (12, 31) else max(turns - 1, 0)
    if any(lower < threshold <= turns for threshold in AGES_THAT_CHANGE_THE_PLAN):
        return AgeOnRecord(None, _(
            "Born in %(year)s: %(lower)s or %(turns)s on the assessment date, and the plan "
            "differs between the two. Enter the age, or record the date of birth on the client "
            "record.") % {"year": year, "lower": lower, "turns": turns})
    if lower == turns:
        note = _("Age %(age)s, from the year of birth on record (%(year)s).")
    else:
        note = _("Age %(age)s, from the year of birth on record (%(year)s): %(age)s or "
                 "%(turns)s on the assessment date; the lower is used, and either gives the same "
                 "plan.")
    return AgeOnRecord(lower, note % {"age": lower, "year": year, "turns": turns})
