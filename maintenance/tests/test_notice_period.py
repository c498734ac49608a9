"""Seven working days' notice (Decree 224/2026, Art. 13), counted without weekends and the holidays on record."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from maintenance.models import MaintenanceNotice, PublicHoliday, earliest_planned_start
from maintenance.tests.conftest import NOW, VIETNAM
from maintenance.workdays import earliest_start

pytestmark = pytest.mark.django_db


def at(day, hour=0, minute=0):
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=VIETNAM)


def test_weekends_do_not_count():
    # Monday 7 December 2026: Tue 8 … Fri 11, Mon 14 … Wed 16 are the seven working days.
    assert earliest_start(datetime.date(2026, 12, 7), set()) == datetime.date(2026, 12, 17)
    # Announced on a Friday: Mon 14 … Fri 18, Mon 21, Tue 22.
    assert earliest_start(datetime.date(2026, 12, 11), set()) == datetime.date(2026, 12, 23)


def test_holidays_on_record_do_not_count():
    plain = earliest_start(datetime.date(2026, 12, 7), set())
    assert earliest_start(datetime.date(2026, 12, 7), {datetime.date(2026, 12, 10)}) == plain + datetime.timedelta(1)


def test_the_seeded_holidays_hold_the_fixed_days_and_tet():
    days = set(PublicHoliday.objects.values_list("date", flat=True))
    for fixed in ("2026-01-01", "2026-04-30", "2026-05-01", "2026-09-02", "2027-01-01", "2027-09-02"):
        assert datetime.date.fromisoformat(fixed) in days, fixed
    assert {datetime.date(2026, 2, 17), datetime.date(2027, 2, 6)} <= days  # mùng 1 Tết Bính Ngọ, Đinh Mùi


def test_tet_2027_pushes_the_earliest_start_back():
    # Announced Friday 29 January 2027: without holidays the 7th working day would be Tuesday 9 February.
    announced = datetime.date(2027, 1, 29)
    assert earliest_start(announced, set()) == datetime.date(2027, 2, 10)
    holidays = set(PublicHoliday.objects.values_list("date", flat=True))
    expected = earliest_start(announced, holidays)
    assert expected > datetime.date(2027, 2, 10)
    assert earliest_planned_start(announced) == expected


def test_a_notice_too_soon_is_refused_with_the_earliest_day(ward_site, clock):
    notice = MaintenanceNotice(
        site=ward_site, starts_at=at(datetime.date(2026, 12, 16), 22), ends_at=at(datetime.date(2026, 12, 17), 6)
    )
    notice.reason = "Chuyển máy chủ sang trung tâm dữ liệu của tỉnh"
    with pytest.raises(ValidationError) as refused:
        notice.full_clean()
    message = refused.value.message_dict["starts_at"][0]
    assert "7 ngày làm việc" in message and "07/12/2026" in message and "17/12/2026" in message
    assert "Khẩn cấp" in message


def test_a_notice_on_the_earliest_day_is_accepted(ward_site, make_notice):
    earliest = earliest_planned_start(NOW.date())
    notice = make_notice(ward_site, at(earliest), at(earliest, 6))
    assert notice.pk and notice.created_at == NOW


def test_an_emergency_may_start_at_once(ward_site, make_notice):
    notice = make_notice(
        ward_site, NOW + datetime.timedelta(hours=1), NOW + datetime.timedelta(hours=3), emergency=True
    )
    assert notice.emergency


def test_the_end_must_follow_the_start_and_a_reason_is_required(ward_site, clock):
    start = at(datetime.date(2027, 1, 5), 8)
    notice = MaintenanceNotice(site=ward_site, starts_at=start, ends_at=start, reason="  ")
    with pytest.raises(ValidationError) as refused:
        notice.full_clean()
    assert "reason" in refused.value.message_dict
    notice.reason = "Bảo trì"
    with pytest.raises(ValidationError) as refused:
        notice.full_clean()
    assert "reason" not in refused.value.message_dict
    assert "Thời điểm kết thúc phải sau thời điểm bắt đầu." in refused.value.message_dict["ends_at"]


def test_a_notice_names_its_site_or_all_sites(ward_site, make_notice):
    start = datetime.datetime(2027, 1, 5, 20, 0, tzinfo=VIETNAM)
    end = start + datetime.timedelta(hours=2)
    assert str(make_notice(None, start, end)) == "Tất cả các trang: 05/01/2027 20:00"
    assert str(make_notice(ward_site, start, end)).endswith(": 05/01/2027 20:00")
