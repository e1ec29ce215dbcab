"""
How dates and times read on the clinician pages: "5 Dec 2026" and "5 Dec 2026, 14:30".

Django's English defaults mix "Dec. 5, 2026" with "12/05/2026", which a reader outside the US
takes for 12 May. Every template prints dates with the named formats (|date:"SHORT_DATE_FORMAT",
django.utils.formats.date_format), so this module alone decides how they look. Input formats
are not set here: date fields keep Django's (ISO first, as <input type="date"> sends).
"""

DATE_FORMAT = "j M Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j M"
YEAR_MONTH_FORMAT = "M Y"
