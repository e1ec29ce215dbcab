"""planner.presenters.dates: the named formats of planner/formats, memoised without mixing zones."""

import datetime as dt
import zoneinfo

from django.utils import timezone

from planner.presenters.dates import SHORT_DATE, SHORT_DATETIME, format_date


def test_dates_and_datetimes_read_as_the_named_formats():
    assert format_date(dt.date(2026, 12, 5)) == "5 Dec 2026"
    assert format_date(dt.datetime(2026, 12, 5, 14, 30), SHORT_DATETIME) == "5 Dec 2026, 14:30"


def test_one_instant_reads_in_the_current_zone_each_time():
    instant = dt.datetime(2026, 12, 5, 23, 30, tzinfo=dt.UTC)
    with timezone.override(zoneinfo.ZoneInfo("UTC")):
        assert format_date(instant, SHORT_DATETIME) == "5 Dec 2026, 23:30"
    # The same instant (an equal datetime) after the first answer was cached.
    with timezone.override(zoneinfo.ZoneInfo("Australia/Sydney")):
        assert format_date(instant, SHORT_DATETIME) == "6 Dec 2026, 10:30"
        assert format_date(instant, SHORT_DATE) == "6 Dec 2026"


def test_anything_else_reads_as_nothing():
    for value in (None, "", "2026-12-05", 5):
        assert format_date(value) == ""
