"""Starting next week's schedule from the last one: its recurring entries copied to the same weekdays."""

import datetime

from schedule.models import ScheduleEntry, ScheduleWeekPage
from schedule.models.entries import TRACKED_FIELDS
from schedule.weeks import Week

# What a recurring entry carries to the new week: what a reader sees of it, except its day and status.
COPIED_FIELDS = tuple(name for name in TRACKED_FIELDS if name not in ("date", "status"))


def week_to_start(schedule):
    """(the week a new page is for, the week page to copy from or None): the week after the newest one, never
    one already past."""
    latest = ScheduleWeekPage.objects.child_of(schedule).order_by("-week_start").first()
    upcoming = Week.current().next()
    if latest is None:
        return upcoming, None
    return max(Week.of(latest.week_start).next(), upcoming, key=lambda week: week.monday), latest


def start_next_week(schedule, user=None):
    """A draft week page with the recurring entries of the newest week (its latest draft, as editors see it)."""
    target, source = week_to_start(schedule)
    page = ScheduleWeekPage(week_start=target.monday, title=target.label(), slug=target.iso.lower(), live=False)
    page.owner = user
    if source is not None:
        latest = source.get_latest_revision_as_object()
        page.entries = [
            ScheduleEntry(
                date=target.monday + datetime.timedelta(days=entry.date.weekday()),
                recurring=True,
                **{name: getattr(entry, name) for name in COPIED_FIELDS},
            )
            for entry in latest.entries.all()
            if entry.recurring and not entry.cancelled
        ]
    schedule.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    return page
