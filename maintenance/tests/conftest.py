"""A frozen clock, Monday 7 December 2026 at 09:00 in Vietnam, and notices saved as the admin saves them."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from portal.tests.clock import freeze

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime.datetime(2026, 12, 7, 9, 0, tzinfo=VIETNAM)


@pytest.fixture
def clock(monkeypatch):
    return freeze(monkeypatch, NOW)


@pytest.fixture
def make_notice(clock):
    from maintenance.models import MaintenanceNotice

    def make(site, starts_at, ends_at, reason="Nâng cấp máy chủ của tỉnh", emergency=False):
        notice = MaintenanceNotice(site=site, starts_at=starts_at, ends_at=ends_at, reason=reason, emergency=emergency)
        notice.full_clean()
        notice.save()
        return notice

    return make
