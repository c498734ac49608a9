"""The leaders' weekly schedule in the public API (api.registry): /api/schedule-entries/."""

import datetime

from ninja import Schema

from api.registry import Filter, Resource
from core.public_urls import absolute_url
from schedule.models import ScheduleEntry, ScheduleWeekPage
from schedule.models.entries import EntryStatus


class ScheduleEntryItem(Schema):
    id: int
    uid: str
    date: datetime.date
    start_time: datetime.time
    end_time: datetime.time | None
    content: str
    chair: str
    participants: str
    location: str
    preparing_unit: str
    notes: str
    status: str
    changed_at: datetime.datetime | None
    week_url: str


def _queryset(site):
    weeks = ScheduleWeekPage.objects.live().public().descendant_of(site.root_page)
    return (
        ScheduleEntry.objects.filter(week__in=weeks.values("pk"))
        .select_related("week", "chair_leader")
        .order_by("date", "start_time", "sort_order", "pk")
    )


def _entry(entry, request):
    return {
        "id": entry.pk,
        "uid": str(entry.uid),
        "date": entry.date,
        "start_time": entry.start_time,
        "end_time": entry.end_time,
        "content": entry.content,
        "chair": entry.chair_name,
        "participants": entry.participants,
        "location": entry.location,
        "preparing_unit": entry.preparing_unit,
        "notes": entry.notes,
        "status": entry.status,
        "changed_at": entry.changed_at,
        "week_url": absolute_url(request, entry.week.get_url(request)),
    }


RESOURCES = [
    Resource(
        name="schedule-entries",
        description="Entries of the published weeks of the leaders' schedule, in the order of the day "
        "(`since`/`until` pick the days); `status` cancelled: postponed.",
        schema=ScheduleEntryItem,
        queryset=_queryset,
        item=_entry,
        date_field="date",
        modified_field="updated_at",
        filters=(
            Filter(
                "status",
                "scheduled or cancelled.",
                lambda q, v, s: q.filter(status=v),
                choices=tuple(EntryStatus.values),
            ),
        ),
        tags=("schedule",),
    ),
]
