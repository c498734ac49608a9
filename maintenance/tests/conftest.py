"""A frozen clock, Monday 7 December 2026 at 09:00 in Vietnam, and notices saved as the admin saves them."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from core import memory

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime.datetime(2026, 12, 7, 9, 0, tzinfo=VIETNAM)


class Clock:
    def __init__(self, moment):
        self.moment = moment

    def __call__(self):
        return self.moment.astimezone(datetime.UTC)

    def set(self, moment):
        self.moment = moment
        memory.forget_all()  # a worker's half-second memory of the shared cache (core.memory); the clock jumps


@pytest.fixture
def clock(monkeypatch):
    frozen = Clock(NOW)
    monkeypatch.setattr(timezone, "now", frozen)
    return frozen


@pytest.fixture
def make_notice(clock):
    from maintenance.models import MaintenanceNotice

    def make(site, starts_at, ends_at, reason="Nâng cấp máy chủ của tỉnh", emergency=False):
        notice = MaintenanceNotice(site=site, starts_at=starts_at, ends_at=ends_at, reason=reason, emergency=emergency)
        notice.full_clean()
        notice.save()
        return notice

    return make
