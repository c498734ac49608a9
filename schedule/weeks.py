"""Weeks of the schedule: Monday to Sunday in Vietnam's time, named as ISO weeks ("2026-W49")."""

import datetime
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
WEEKDAY_NAMES = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]
_ISO_WEEK = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE | re.ASCII)
# Weeks further than this from today are refused: no schedule reaches them and a crawler must not walk forever.
MAX_YEARS_AWAY = 5


def today():
    """Today's date in Vietnam, whatever the server's zone."""
    return timezone.now().astimezone(VIETNAM).date()


@dataclass(frozen=True)
class Week:
    monday: datetime.date

    @classmethod
    def of(cls, day):
        return cls(day - datetime.timedelta(days=day.weekday()))

    @classmethod
    def current(cls):
        return cls.of(today())

    @classmethod
    def parse(cls, value):
        """The week named `value` ("2026-W49"), or None when it names none or one too far from today."""
        match = _ISO_WEEK.match(value or "")
        if not match:
            return None
        try:
            monday = datetime.date.fromisocalendar(int(match[1]), int(match[2]), 1)
        except ValueError:
            return None
        if abs(monday.year - today().year) > MAX_YEARS_AWAY:
            return None
        return cls(monday)

    @property
    def sunday(self):
        return self.monday + datetime.timedelta(days=6)

    @property
    def days(self):
        return [self.monday + datetime.timedelta(days=n) for n in range(7)]

    @property
    def iso(self):
        year, number, _ = self.monday.isocalendar()
        return f"{year}-W{number:02d}"

    @property
    def number(self):
        return self.monday.isocalendar()[1]

    def previous(self):
        return Week(self.monday - datetime.timedelta(days=7))

    def next(self):
        return Week(self.monday + datetime.timedelta(days=7))

    def label(self):
        return f"Tuần {self.number} ({self.monday:%d/%m} – {self.sunday:%d/%m/%Y})"


def weekday_name(day):
    return WEEKDAY_NAMES[day.weekday()]
