import datetime
import time

import icalendar
import pytest
from django.core.cache import caches
from django.utils.http import http_date

from schedule.models import ScheduleEntry
from schedule.tests import rfc5545
from schedule.tests.conftest import NOW, THIS_MONDAY, entry_values
from schedule.weeks import VIETNAM

pytestmark = pytest.mark.django_db
WEDNESDAY = THIS_MONDAY + datetime.timedelta(days=2)
WARD_FEED = "/lich-cong-tac/ical/"


def fetch(client, url=WARD_FEED, **headers):
    return client.get(url, HTTP_HOST="localhost", **headers)


def events(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_feed_events_carry_the_entry_in_vietnam_time_with_a_link_back(client, publish_week):
    publish_week(
        THIS_MONDAY,
        [
            entry_values(
                WEDNESDAY,
                "14:00",
                "Họp dân khu 5",
                end_time=datetime.time(16, 30),
                participants="Đại diện các hộ dân; Ban công tác Mặt trận",
                location="Nhà văn hoá khu 5, tổ 3",
                preparing_unit="Văn phòng HĐND-UBND",
            )
        ],
    )
    response = fetch(client)
    event = events(response)["Họp dân khu 5"]
    assert event["DTSTART"].dt == datetime.datetime(2026, 12, 9, 14, 0, tzinfo=VIETNAM)
    assert event["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert event["DTEND"].dt == datetime.datetime(2026, 12, 9, 16, 30, tzinfo=VIETNAM)
    assert str(event["LOCATION"]) == "Nhà văn hoá khu 5, tổ 3"
    assert "Thành phần: Đại diện các hộ dân; Ban công tác Mặt trận" in str(event["DESCRIPTION"])
    assert str(event["URL"]) == "http://localhost/lich-cong-tac/?tuan=2026-W50"
    assert (str(event["STATUS"]), event["SEQUENCE"]) == ("CONFIRMED", 0)
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]


def test_the_second_parser_reads_the_same_feed(client, publish_week):
    publish_week(THIS_MONDAY, [entry_values(WEDNESDAY, "07:30", "Chào cờ; họp, giao ban: tuần 50", notes="a\\b")])
    body = fetch(client).content
    (calendar,) = rfc5545.components(body)
    assert calendar["type"] == "VCALENDAR" and calendar["props"]["VERSION"][0][1] == "2.0"
    types = [child["type"] for child in calendar["children"]]
    assert types.count("VTIMEZONE") == 1 and types.count("VEVENT") == 1
    (event,) = [child for child in calendar["children"] if child["type"] == "VEVENT"]
    params, start = event["props"]["DTSTART"][0]
    assert (params, start) == ({"TZID": "Asia/Ho_Chi_Minh"}, "20261209T073000")
    assert rfc5545.text_value(event["props"]["SUMMARY"][0][1]) == "Chào cờ; họp, giao ban: tuần 50"
    assert "Ghi chú: a\\b" in rfc5545.text_value(event["props"]["DESCRIPTION"][0][1])
    timezone = next(child for child in calendar["children"] if child["type"] == "VTIMEZONE")
    assert [rule["props"]["TZOFFSETTO"][0][1] for rule in timezone["children"]] == ["+0700"]


def test_uid_stays_and_sequence_grows_with_each_change_cancelled_events_stay(client, publish_week, clock):
    week = publish_week(THIS_MONDAY, [entry_values(WEDNESDAY, "09:00", "Kiểm tra an toàn thực phẩm")])
    first = events(fetch(client))["Kiểm tra an toàn thực phẩm"]
    entry = week.entries.get()
    clock.advance(hours=1)
    entry.start_time = datetime.time(10, 0)
    week = publish_week(THIS_MONDAY, [entry])
    caches["pages"].clear()
    moved = events(fetch(client))["Kiểm tra an toàn thực phẩm"]
    entry = week.entries.get()
    clock.advance(hours=1)
    entry.status = "cancelled"
    publish_week(THIS_MONDAY, [entry])
    caches["pages"].clear()
    cancelled = events(fetch(client))["Kiểm tra an toàn thực phẩm"]
    assert str(first["UID"]) == str(moved["UID"]) == str(cancelled["UID"])
    assert [first["SEQUENCE"], moved["SEQUENCE"], cancelled["SEQUENCE"]] == [0, 1, 2]
    assert moved["DTSTART"].dt.hour == 10
    assert str(cancelled["STATUS"]) == "CANCELLED"


def test_an_entry_deleted_after_publication_stays_as_cancelled(client, publish_week, clock):
    week = publish_week(
        THIS_MONDAY, [entry_values(WEDNESDAY, content="Giữ lại"), entry_values(WEDNESDAY, content="Bị xoá")]
    )
    uid = week.entries.get(content="Bị xoá").uid
    clock.advance(hours=1)
    publish_week(THIS_MONDAY, [week.entries.get(content="Giữ lại")])
    found = events(fetch(client))
    assert str(found["Bị xoá"]["STATUS"]) == "CANCELLED" and found["Bị xoá"]["SEQUENCE"] == 1
    assert str(found["Bị xoá"]["UID"]).startswith(str(uid))
    assert str(found["Giữ lại"]["STATUS"]) == "CONFIRMED"


def test_feed_holds_three_months_back_and_ahead(client, publish_week):
    days = {
        "Quá xa trước": THIS_MONDAY - datetime.timedelta(days=100),
        "Hai tháng trước": THIS_MONDAY - datetime.timedelta(days=60),
        "Hai tháng sau": THIS_MONDAY + datetime.timedelta(days=63),
        "Quá xa sau": THIS_MONDAY + datetime.timedelta(days=105),
    }
    for content, day in days.items():
        monday = day - datetime.timedelta(days=day.weekday())
        publish_week(monday, [entry_values(day, content=content)])
    assert sorted(events(fetch(client))) == ["Hai tháng sau", "Hai tháng trước"]


def test_leader_feed_holds_only_what_they_chair(client, publish_week):
    publish_week(
        THIS_MONDAY,
        [
            entry_values(WEDNESDAY, content="Họp Đảng uỷ", chair="Trần Thị Bình"),
            entry_values(WEDNESDAY, content="Khác"),
        ],
    )
    assert sorted(events(fetch(client, "/lich-cong-tac/ical/tran-thi-binh/"))) == ["Họp Đảng uỷ"]
    assert sorted(events(fetch(client))) == ["Họp Đảng uỷ", "Khác"]
    assert fetch(client, "/lich-cong-tac/ical/khong-co-ai/").status_code == 404


@pytest.mark.parametrize("cached", [False, True])
def test_conditional_requests_answer_304_until_something_changes(client, publish_week, clock, settings, cached):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300 if cached else 0
    week = publish_week(THIS_MONDAY, [entry_values(WEDNESDAY, content="Tiếp dân")])
    first = fetch(client)
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert last_modified == http_date(NOW.timestamp())
    again = fetch(client, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again.get("X-Page-Cache") == ("HIT" if cached else None)
    assert fetch(client, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert fetch(client, HTTP_IF_NONE_MATCH='"khac"').status_code == 200

    clock.advance(hours=1)
    entry = week.entries.get()
    entry.content = "Tiếp dân (đổi giờ)"
    publish_week(THIS_MONDAY, [entry])
    changed = fetch(client, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_feed_size_and_time_for_a_busy_ward(client, publish_week, record_property):
    """The closing note's numbers: feed size and answer time, whole ward and one leader (13 weeks × 40)."""
    leaders = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"]
    for week_number in range(-6, 7):
        monday = THIS_MONDAY + datetime.timedelta(weeks=week_number)
        rows = [
            entry_values(
                monday + datetime.timedelta(days=n % 6),
                f"{7 + n % 10:02d}:30",
                f"Nội dung công tác số {n} của tuần: họp, kiểm tra, tiếp dân tại địa bàn",
                chair=leaders[n % 4],
                participants="Lãnh đạo UBND; các ban ngành, đoàn thể; bí thư chi bộ, trưởng khu",
                location="Hội trường UBND phường",
            )
            for n in range(40)
        ]
        publish_week(monday, rows)
    for name, url in [("ward", WARD_FEED), ("leader", "/lich-cong-tac/ical/tran-thi-binh/")]:
        caches["pages"].clear()
        started = time.perf_counter()
        response = fetch(client, url)
        elapsed = time.perf_counter() - started
        assert response.status_code == 200
        count = len(icalendar.Calendar.from_ical(response.content).walk("VEVENT"))
        record_property(f"{name}_feed", f"{count} events, {len(response.content)} bytes, {elapsed * 1000:.0f} ms")
        print(f"{name} feed: {count} events, {len(response.content)} bytes, {elapsed * 1000:.0f} ms")
        assert count == (13 * 40 if name == "ward" else 13 * 10)


def test_rows_written_outside_a_publication_still_make_a_valid_feed(client, publish_week):
    publish_week(THIS_MONDAY, [entry_values(WEDNESDAY, content="Nạp thẳng vào cơ sở dữ liệu")])
    ScheduleEntry.objects.update(first_published_at=None)  # as a bulk load would leave them
    event = events(fetch(client))["Nạp thẳng vào cơ sở dữ liệu"]
    assert event["DTSTAMP"].dt == ScheduleEntry.objects.get().updated_at
