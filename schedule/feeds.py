"""The schedule as RFC 5545 calendars: the whole ward, or one leader's entries, three months back and ahead."""

import datetime
import hashlib
from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from icalendar import Calendar, Event

from core.text import remove_controls
from schedule.chairs import chairs_for_key
from schedule.listing import WEEK_PARAM
from schedule.models import ScheduleChange, ScheduleEntry
from schedule.weeks import VIETNAM, Week, today

WINDOW = datetime.timedelta(days=92)
CONTENT_TYPE = "text/calendar; charset=utf-8"
SUMMARY_CHARS = 120


def _window():
    current = today()
    return current - WINDOW, current + WINDOW


def _removed(schedule, first, last, live_uids):
    """Snapshots of published entries since removed from their week: still in the feed, as cancelled."""
    latest = {}
    for change in ScheduleChange.objects.filter(schedule=schedule, kind=ScheduleChange.Kind.REMOVED):
        if change.uid not in live_uids and first.isoformat() <= change.after.get("date", "") <= last.isoformat():
            latest[change.uid] = change
    return list(latest.values())


def _text(*parts):
    return remove_controls("\n".join(part for part in parts if part))


class _Snapshot:
    """A removed entry, read back from the history, with the attributes an event needs."""

    def __init__(self, change):
        values = change.after
        self.uid, self.sequence, self.cancelled = change.uid, change.sequence, True
        self.date = datetime.date.fromisoformat(values["date"])
        self.start_time = datetime.time.fromisoformat(values["start_time"])
        end = values.get("end_time")
        self.end_time = datetime.time.fromisoformat(end) if end else None
        for name in ("content", "chair", "participants", "location", "preparing_unit", "notes"):
            setattr(self, name, values.get(name) or "")
        self.chair_name = self.chair
        self.changed_at = self.first_published_at = self.updated_at = change.at

    starts_at = ScheduleEntry.starts_at
    ends_at = ScheduleEntry.ends_at


def _event(entry, page_url, host):
    event = Event()
    event.add("uid", f"{entry.uid}@{host}")
    # Rows written outside a publication (a bulk load) have no publication time: their last save stands in.
    stamp = entry.changed_at or entry.first_published_at or entry.updated_at
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("sequence", entry.sequence)
    event.add("dtstart", entry.starts_at)
    event.add("dtend", entry.ends_at)
    first_line = entry.content.split("\n", 1)[0]
    event.add("summary", remove_controls(first_line[:SUMMARY_CHARS]))
    event.add(
        "description",
        _text(
            entry.content,
            entry.chair_name and f"Chủ trì: {entry.chair_name}",
            entry.participants and f"Thành phần: {entry.participants}",
            entry.preparing_unit and f"Đơn vị chuẩn bị: {entry.preparing_unit}",
            entry.notes and f"Ghi chú: {entry.notes}",
        ),
    )
    if entry.location:
        event.add("location", remove_controls(entry.location))
    event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    event.add("url", f"{page_url}?{urlencode({WEEK_PARAM: Week.of(entry.date).iso})}")
    return event


def _validators(entries, removed, first, leader):
    """ETag and Last-Modified from what the feed is made of, read before building it."""
    rows = list(entries.values_list("uid", "updated_at"))
    removals = [(change.uid, change.at) for change in removed]
    stamps = [stamp for _, stamp in rows + removals]
    digest = hashlib.sha256(repr((first, leader, sorted(map(str, rows + removals)))).encode()).hexdigest()[:32]
    return f'"{digest}"', max(stamps) if stamps else None


def calendar_response(schedule, request, leader=None):
    first, last = _window()
    entries = ScheduleEntry.objects.published(schedule).between(first, last).select_related("chair_leader")
    name = schedule.get_site().site_name or schedule.title
    removed = _removed(schedule, first, last, set(entries.values_list("uid", flat=True)))
    if leader is not None:
        # A leader whose entries were all removed keeps a feed (of cancellations) under the same address.
        chairs = chairs_for_key(entries, leader, [change.after for change in removed])
        if not chairs:
            raise Http404
        entries = entries.filter(chairs.q())
        removed = [change for change in removed if chairs.holds(change.after)]
        first_entry = entries.first()
        chair = first_entry.chair_name if first_entry else removed[-1].after.get("chair", "")
        name = f"{chair} – {name}"
    etag, last_modified = _validators(entries, removed, first, leader)
    modified_ts = int(last_modified.timestamp()) if last_modified else None
    not_modified = get_conditional_response(request, etag=etag, last_modified=modified_ts)
    if not_modified is None:
        body = build_calendar(schedule, request, list(entries) + [_Snapshot(c) for c in removed], name, (first, last))
        response = HttpResponse(body, content_type=CONTENT_TYPE)
    else:
        response = not_modified
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(modified_ts)
    response["Content-Disposition"] = 'inline; filename="lich-cong-tac.ics"'
    return response


def build_calendar(schedule, request, entries, name, window):
    page_url = schedule.get_full_url(request)
    host = schedule.get_site().hostname
    calendar = Calendar()
    calendar.add("prodid", "-//Cổng thông tin phường, xã//Lịch công tác//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", remove_controls(f"Lịch công tác – {name}"))
    calendar.add("x-wr-timezone", str(VIETNAM))
    calendar.add("refresh-interval", datetime.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    for entry in sorted(entries, key=lambda e: (e.date, e.start_time, str(e.uid))):
        calendar.add_component(_event(entry, page_url, host))
    # Only the zone's rules for the feed's months: Vietnam's offsets before 1975 concern no entry.
    calendar.add_missing_timezones(first_date=window[0], last_date=window[1] + datetime.timedelta(days=1))
    return calendar.to_ical()
