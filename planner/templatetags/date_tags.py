"""
`|short_date` and `|short_datetime`: `|date:"SHORT_DATE_FORMAT"` and
`|date:"SHORT_DATETIME_FORMAT"`, memoised (planner/presenters/dates.py says why).
"""

from django import template

from planner.presenters.dates import SHORT_DATE, SHORT_DATETIME, format_date

register = template.Library()


@register.filter(is_safe=False)
def short_date(value) -> str:
    return format_date(value, SHORT_DATE)


@register.filter(is_safe=False)
def short_datetime(value) -> str:
    return format_date(value, SHORT_DATETIME)
