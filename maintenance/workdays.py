"""Working days for the notice period of a planned suspension (Decree 224/2026, Art. 13: at least 7 working days
ahead). A working day is Monday to Friday and not a public holiday; the holidays are data (PublicHoliday),
editable in the admin, since the Government fixes Tết and the days around 2/9 year by year.

The rule as applied: the suspension may start at the earliest on the day after the 7th working day following
the day it is announced (Vietnam time). Announced on Monday 7 December 2026, with no holiday in between, the
7 working days are 8–16 December and the earliest start is Thursday 17 December at 00:00.
"""

import datetime

NOTICE_WORKING_DAYS = 7


def is_working_day(day, holidays):
    return day.weekday() < 5 and day not in holidays


def earliest_start(announced, holidays, working_days=NOTICE_WORKING_DAYS):
    """The first day a suspension announced on `announced` (a date) may start."""
    day = announced
    counted = 0
    while counted < working_days:
        day += datetime.timedelta(days=1)
        if is_working_day(day, holidays):
            counted += 1
    return day + datetime.timedelta(days=1)
