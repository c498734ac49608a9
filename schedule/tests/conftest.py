"""Schedule fixtures: a frozen clock (Wednesday 9 December 2026, 10:00 in Vietnam) and weeks published as an
editor would publish them."""

import datetime

import pytest

from portal.tests.clock import freeze
from schedule.weeks import VIETNAM

NOW = datetime.datetime(2026, 12, 9, 10, 0, tzinfo=VIETNAM)  # ISO week 2026-W50, a Wednesday
THIS_MONDAY = datetime.date(2026, 12, 7)


@pytest.fixture
def clock(monkeypatch):
    return freeze(monkeypatch, NOW)


@pytest.fixture
def schedule_page(ward_site, clock):
    from schedule.models import SchedulePage

    return SchedulePage.objects.child_of(ward_site.root_page).get()


def entry_values(day, time="08:00", content="Giao ban UBND phường", chair="Nguyễn Văn An", **extra):
    return {
        "date": day,
        "start_time": datetime.time.fromisoformat(time),
        "content": content,
        "chair": chair,
        **extra,
    }


@pytest.fixture
def publish_week(schedule_page):
    """Create (or replace the entries of) the week starting `monday` and publish it."""
    from schedule.models import ScheduleEntry, ScheduleWeekPage

    def publish(monday, rows, parent=None):
        parent = parent or schedule_page
        week = ScheduleWeekPage.objects.child_of(parent).filter(week_start=monday).first()
        if week is None:
            week = ScheduleWeekPage(week_start=monday)
            week.title, week.slug = "tuan", f"w-{monday:%Y%m%d}"
            parent.add_child(instance=week)
        week.entries = [row if isinstance(row, ScheduleEntry) else ScheduleEntry(**row) for row in rows]
        week.save_revision().publish()
        return ScheduleWeekPage.objects.get(pk=week.pk)  # as the admin reads it: rows from the database

    return publish


@pytest.fixture
def make_leader():
    """A leader of a site's "Giới thiệu" section, published (wardinfo.LeaderPage)."""
    from wardinfo.models import LeaderPage, LeadersPage

    def make(site, title, position="Chủ tịch Uỷ ban nhân dân phường", **fields):
        fields.setdefault("term_start", datetime.date(2025, 7, 1))
        leaders = LeadersPage.objects.descendant_of(site.root_page).get()
        page = LeaderPage(title=title, position=position, **fields)
        leaders.add_child(instance=page)
        page.save_revision().publish()
        return LeaderPage.objects.get(pk=page.pk)

    return make
