import datetime

import pytest

from core.templatetags.vn import vn_date, vn_datetime, vn_number


def test_datetime_is_shown_in_vietnam_time_with_weekday():
    # 01:30 UTC on Tuesday 28 March 2023 is 08:30 in Hà Nội.
    moment = datetime.datetime(2023, 3, 28, 1, 30, tzinfo=datetime.UTC)
    assert vn_datetime(moment) == "Thứ Ba, 28/03/2023 08:30"
    assert vn_date(moment) == "28/03/2023"


def test_day_changes_at_vietnamese_midnight():
    moment = datetime.datetime(2023, 4, 1, 17, 5, tzinfo=datetime.UTC)
    assert vn_datetime(moment) == "Chủ nhật, 02/04/2023 00:05"


def test_numbers_use_dot_thousands():
    assert vn_number(1182) == "1.182"
    assert vn_number(1234567) == "1.234.567"
    assert vn_number(23550.5, 2) == "23.550,50"
    assert vn_number(None) == "–"


def test_machine_datetime_is_valid_for_html_time_elements():
    from core.templatetags.vn import machine_datetime

    # Saved with the default "now", so it has microseconds; HTML allows three fraction digits at most.
    moment = datetime.datetime(2026, 11, 27, 7, 7, 13, 929925, tzinfo=datetime.UTC)
    assert machine_datetime(moment) == "2026-11-27T14:07:13+07:00"
    assert machine_datetime(None) == ""


# The one spelling of the week's days, on public pages (vn_datetime, the weather widget) and in the admin
# (Django's date names, as `|date:"l"` and Wagtail's date picker take them from the catalogue).
WEEK = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


@pytest.mark.parametrize("offset", range(7))
def test_every_weekday_has_the_one_spelling(offset):
    from django.utils import translation
    from django.utils.dateformat import format as date_format

    from widgets.templatetags.widgets_tags import _day_label

    day = datetime.date(2026, 11, 30) + datetime.timedelta(days=offset)  # a Monday, then the six days after
    name = WEEK[offset]
    moment = datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
    assert vn_datetime(moment) == f"{name}, {day:%d/%m/%Y} 09:00"
    assert _day_label(day, today=day - datetime.timedelta(days=7)) == f"{name} {day:%d/%m}"
    with translation.override("vi"):
        assert date_format(day, "l") == name
