"""
Dates as the clinician pages print them (the named formats of planner/formats: "5 Dec 2026",
"5 Dec 2026, 14:30"), memoised.

A list page prints up to a hundred dates, and Django's formatter parses the format string and
builds a formatter object for every one (about 25 µs each, a fifth of the client list's time).
The text depends only on the value as shown (a date, or a wall-clock time and its zone), the
format and the language, so each distinct one is formatted once per process.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django.utils import formats, timezone
from django.utils.translation import get_language

SHORT_DATE = "SHORT_DATE_FORMAT"
SHORT_DATETIME = "SHORT_DATETIME_FORMAT"


@lru_cache(maxsize=8192)
def _formatted(value: dt.date, zone: tuple | None, format_name: str, language: str) -> str:
    # Aware datetimes are equal when they are the same instant, whatever their zone: `zone`
    # (the zone's name and offset) keeps one instant read in two zones apart.
    return formats.date_format(value, format_name)


def format_date(value, format_name: str = SHORT_DATE) -> str:
    """Return `value` (a date, or a datetime shown in the current time zone) in the named
    format, or "" for anything else, as Django's |date filter does."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
        return _formatted(value, (str(value.tzinfo), value.utcoffset()), format_name,
                          get_language())
    if isinstance(value, dt.date):  # a date, or a naive datetime
        return _formatted(value, None, format_name, get_language())
    return ""
