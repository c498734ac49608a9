"""Vietnamese input formats: day before month.

Django's own Vietnamese formats define no *_INPUT_FORMATS, so forms fall back to the US "%m/%d/%Y": the
admin's date-time picker writes "27/11/2026 08:21" (WAGTAIL_DATETIME_FORMAT) and the form rejected it, or,
worse, read "01/12/2026" as 12 January. The display formats stay Django's.
"""

from django.conf.locale.vi.formats import *  # noqa: F403

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S", "%H:%M:%S.%f"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y",
    "%d-%m-%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]
