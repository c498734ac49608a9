"""Publication dates as Vietnamese portals write them: the day before the month, Vietnam's time.

"Thứ Ba, 28/03/2023 - 15:20", "Cập nhật lúc 08:15 ngày 7/1/2023", "ngày 12 tháng 3 năm 2024", "05-04-2025 09:00".
A date is never read month-first: 05/04/2025 is 5 April. htmldate (in `legacy.extract`) is the fallback for pages
that write none of these.
"""

import datetime
import re
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
EARLIEST_YEAR = 1990
_TIME = (
    r"(?P<hour>[01]?\d|2[0-3])\s*(?:[:hg]|giờ)\s*(?P<minute>[0-5]\d)?(?:\s*(?:phút|p|'))?(?::[0-5]\d)?"
    r"\s*(?P<ampm>[ap]\.?m\.?|sa|ch)?"
)
_NUMERIC = r"(?P<day>[0-3]?\d)\s*[/.-]\s*(?P<month>[01]?\d)\s*[/.-]\s*(?P<year>(?:19|20)\d\d)"
_WORDS = r"ngày\s+(?P<day>[0-3]?\d)\s+tháng\s+(?P<month>[01]?\d)\s*(?:,\s*|\s+)năm\s+(?P<year>(?:19|20)\d\d)"
_ISO = r"(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?:[T ](?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d))?"
_DATES = (re.compile(rf"(?<!\d){_NUMERIC}(?!\d)", re.I), re.compile(rf"(?<!\d){_WORDS}(?!\d)", re.I))
_ISO_DATE = re.compile(rf"(?<!\d){_ISO}(?!\d)")
_TIME_NEAR = re.compile(rf"[\s,\-–|(]*(?:lúc\s*)?{_TIME}", re.I)
_TIME_BEFORE = re.compile(rf"{_TIME}[\s,\-–|]*(?:ngày)?[\s,]*$", re.I)


def _make(year, month, day, hour=0, minute=0):
    try:
        moment = datetime.datetime(int(year), int(month), int(day), int(hour), int(minute or 0))
    except ValueError:
        return None
    if moment.year < EARLIEST_YEAR:
        return None
    return moment.replace(tzinfo=VIETNAM)


def _time_of(match):
    if not match:
        return 0, 0
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    ampm = (match["ampm"] or "").lower().replace(".", "")
    if ampm in ("pm", "ch") and hour < 12:
        hour += 12
    elif ampm in ("am", "sa") and hour == 12:
        hour = 0
    return hour, minute


def parse_vietnamese_date(text, latest=None):
    """The first date (with its time when written next to it) in `text`, aware in Vietnam time, or None.

    `latest`: a date after it is not a publication date (a typo, or a date inside the story's text)."""
    text = " ".join((text or "")[:5000].split())
    matches = sorted((m for pattern in _DATES for m in pattern.finditer(text)), key=lambda m: m.start())
    for match in matches:
        hour, minute = _time_of(_TIME_NEAR.match(text, match.end()))
        if (hour, minute) == (0, 0):
            hour, minute = _time_of(_TIME_BEFORE.search(text[max(0, match.start() - 40) : match.start()]))
        moment = _make(match["year"], match["month"], match["day"], hour, minute)
        if moment and (latest is None or moment <= latest):
            return moment
    for match in _ISO_DATE.finditer(text):
        moment = _make(match["year"], match["month"], match["day"], match["hour"] or 0, match["minute"] or 0)
        if moment and (latest is None or moment <= latest):
            return moment
    return None


def count_dates(text):
    text = " ".join((text or "")[:20000].split())
    return sum(len(pattern.findall(text)) for pattern in _DATES)
