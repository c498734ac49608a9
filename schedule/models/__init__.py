from .entries import ScheduleChange, ScheduleEntry
from .pages import SchedulePage, ScheduleWeekPage

__all__ = ["ScheduleChange", "ScheduleEntry", "SchedulePage", "ScheduleWeekPage"]
