"""What the schedule's page and the home page's block show: reads only."""

import datetime
from dataclasses import dataclass, field

from core import freshness
from core.text import vn_slugify
from schedule.chairs import chairs_for_key, leader_key, leader_label
from schedule.weeks import Week, today, weekday_name

WEEK_PARAM = "tuan"
LEADER_PARAM = "lanh-dao"
# The leaders offered in the filter are those chairing entries this far around the week shown.
LEADERS_WINDOW = datetime.timedelta(days=92)


@dataclass
class Day:
    date: datetime.date
    is_today: bool
    entries: list = field(default_factory=list)

    @property
    def name(self):
        return weekday_name(self.date)


@dataclass(frozen=True)
class Leader:
    slug: str  # the key of the filter and of the feed's address (schedule.chairs)
    name: str
    leader_id: int | None = None


def leaders(entries):
    """The distinct chairs of `entries`: each linked leader once under its id, then the unlinked chairs by
    name, each once under its slug."""
    found = {}
    rows = entries.values_list("chair", "chair_leader_id", "chair_leader__title", "chair_leader__position")
    for chair, leader_id, title, position in rows.order_by().distinct():
        if leader_id is not None:
            key = leader_key(leader_id, title)
            found.setdefault(key, Leader(key, leader_label(title, position), leader_id))
        elif slug := vn_slugify(chair):
            found.setdefault(slug, Leader(slug, chair))
    return sorted(found.values(), key=lambda leader: leader.name)


def find_leader(leader_list, entries, key):
    """The filter's choice for `key`: by its key, else the leader the key still names (an id with the slug
    of a former name, or the slug of a name since linked to a leader)."""
    if not key:
        return None
    for item in leader_list:
        if item.slug == key:
            return item
    leader_ids = chairs_for_key(entries, key).leader_ids
    return next((item for item in leader_list if item.leader_id in leader_ids), None)


def week_context(schedule, request, week=None, entries=None):
    """The context of the week page: the week asked for (this one by default), its days, the leader filter."""
    from schedule.models import ScheduleEntry

    asked = request.GET.get(WEEK_PARAM, "")
    unknown_week = False
    if week is None:
        week = Week.parse(asked) if asked else Week.current()
        if week is None:
            unknown_week, week = True, Week.current()
    published = ScheduleEntry.objects.published(schedule)
    around = published.between(week.monday - LEADERS_WINDOW, week.sunday + LEADERS_WINDOW)
    leader_list = leaders(around)
    leader = find_leader(leader_list, around, request.GET.get(LEADER_PARAM, ""))
    if entries is None:
        shown = published.between(week.monday, week.sunday).select_related("chair_leader")
        if leader is not None:
            shown = shown.chaired_by(leader.slug)
        entries = list(shown)
    current = today()
    days = {day: Day(day, day == current) for day in week.days}
    if not asked or current in days:
        # "This week" by default and today's mark change at midnight, with no publish to refresh the cached page.
        freshness.until_tomorrow(request)
    for entry in sorted(entries, key=lambda e: (e.date, e.start_time)):
        if entry.date in days:
            days[entry.date].entries.append(entry)
    return {
        "week": week,
        "days": list(days.values()),
        "entry_count": sum(len(day.entries) for day in days.values()),
        "is_current_week": week == Week.current(),
        "current_week": Week.current(),
        "leaders": leader_list,
        "leader": leader,
        "unknown_week": unknown_week,
        "week_param": WEEK_PARAM,
        "leader_param": LEADER_PARAM,
    }


def today_block(schedule):
    """Today's entries for the home page."""
    from schedule.models import ScheduleEntry

    current = today()
    return {
        "schedule": schedule,
        "date": current,
        "day_name": weekday_name(current),
        "entries": list(ScheduleEntry.objects.published(schedule).filter(date=current).select_related("chair_leader")),
    }
