"""A frozen clock (Wednesday 9 December 2026, 10:00 in Vietnam) and announcements published as an editor would."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from portal.tests.clock import freeze

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime.datetime(2026, 12, 9, 10, 0, tzinfo=VIETNAM)
TODAY = NOW.date()


@pytest.fixture
def clock(monkeypatch):
    return freeze(monkeypatch, NOW)


@pytest.fixture
def make_announcement(clock):
    from announcements.models import AnnouncementIndexPage, AnnouncementPage

    def make(site, title, *, published_on=TODAY, shown_until=TODAY, lead="", body="<p>Nội dung thông báo.</p>"):
        section = AnnouncementIndexPage.objects.child_of(site.root_page).get()
        page = AnnouncementPage(title=title, published_on=published_on, shown_until=shown_until, lead=lead, body=body)
        section.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return make
