import datetime

from core.templatetags.vn import vn_date, vn_datetime, vn_number


def test_datetime_is_shown_in_vietnam_time_with_weekday():
    # 01:30 UTC on Tuesday 28 March 2023 is 08:30 in Hà Nội.
    moment = datetime.datetime(2023, 3, 28, 1, 30, tzinfo=datetime.UTC)
    assert vn_datetime(moment) == "Thứ Ba, 28/03/2023 08:30"
    assert vn_date(moment) == "28/03/2023"


def test_day_changes_at_vietnamese_midnight():
    moment = datetime.datetime(2023, 4, 1, 17, 5, tzinfo=datetime.UTC)
    assert vn_datetime(moment) == "Chủ Nhật, 02/04/2023 00:05"


def test_numbers_use_dot_thousands():
    assert vn_number(1182) == "1.182"
    assert vn_number(1234567) == "1.234.567"
    assert vn_number(23550.5, 2) == "23.550,50"
    assert vn_number(None) == "–"
