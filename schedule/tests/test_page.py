import datetime

import pytest
from django.core.cache import caches

from schedule.tests.conftest import THIS_MONDAY, entry_values
from schedule.weeks import Week

pytestmark = pytest.mark.django_db
NEXT_MONDAY = THIS_MONDAY + datetime.timedelta(days=7)
WEDNESDAY = THIS_MONDAY + datetime.timedelta(days=2)
THURSDAY = THIS_MONDAY + datetime.timedelta(days=3)


def get(client, url="/lich-cong-tac/", **params):
    response = client.get(url, params, HTTP_HOST="localhost")
    return response, response.content.decode()


def test_this_week_is_shown_by_default_with_today_marked(client, publish_week):
    publish_week(THIS_MONDAY, [entry_values(WEDNESDAY, content="Tiếp công dân định kỳ"), entry_values(THIS_MONDAY)])
    publish_week(NEXT_MONDAY, [entry_values(NEXT_MONDAY, content="Họp tuần sau")])
    response, html = get(client)
    assert response.status_code == 200
    assert "Tuần 50 (07/12 – 13/12/2026)" in html
    assert "Tiếp công dân định kỳ" in html and "Họp tuần sau" not in html
    assert html.index("Thứ Hai, 07/12/2026") < html.index("Thứ Tư, 09/12/2026")
    assert 'aria-current="date">Thứ Tư, 09/12/2026' in html
    assert html.count("schedule-badge-today") == 1


def test_another_week_by_its_iso_name_with_links_to_its_neighbours(client, publish_week):
    publish_week(NEXT_MONDAY, [entry_values(NEXT_MONDAY, content="Họp tuần sau")])
    response, html = get(client, tuan="2026-W51")
    assert "Họp tuần sau" in html and "schedule-badge-today" not in html
    assert 'href="?tuan=2026-W50" rel="prev"' in html
    assert 'href="?tuan=2026-W52" rel="next"' in html
    assert '<link rel="canonical" href="http://localhost/lich-cong-tac/?tuan=2026-W51">' in html


@pytest.mark.parametrize(
    "value",
    ["2026-W99", "9999-W01", "-1", "2026-W1" + "0" * 150, "<script>", "２０２６-W49", "2026-W49\x00", "%"],
)
def test_absurd_weeks_show_this_week_and_say_so(client, publish_week, value):
    publish_week(THIS_MONDAY, [entry_values(THIS_MONDAY, content="Giao ban đầu tuần")])
    response, html = get(client, tuan=value)
    assert response.status_code == 200
    assert "Giao ban đầu tuần" in html and "Không tìm thấy tuần" in html
    assert '<meta name="robots" content="noindex">' in html
    assert "<script>" not in html.split("</header>", 1)[1].split("<script src", 1)[0]


def test_filter_by_leader_shows_only_what_they_chair(client, publish_week):
    publish_week(
        THIS_MONDAY,
        [
            entry_values(THIS_MONDAY, content="Họp Đảng uỷ", chair="Trần Thị Bình"),
            entry_values(THIS_MONDAY, "09:00", content="Giao ban UBND", chair="Nguyễn Văn An"),
        ],
    )
    response, html = get(client, **{"lanh-dao": "tran-thi-binh"})
    assert "Họp Đảng uỷ" in html and "Giao ban UBND" not in html
    assert '<option value="tran-thi-binh" selected>Trần Thị Bình</option>' in html
    _, html = get(client, **{"lanh-dao": "khong-co-ai"})
    assert "Họp Đảng uỷ" in html and "Giao ban UBND" in html


def test_feeds_are_announced_for_the_ward_and_each_leader(client, publish_week):
    publish_week(THIS_MONDAY, [entry_values(THIS_MONDAY, chair="Trần Thị Bình")])
    _, html = get(client)
    ward_title = "Lịch công tác – Cổng thông tin điện tử phường Hồng Gai"
    assert f'<link rel="alternate" type="text/calendar" title="{ward_title}" href="/lich-cong-tac/ical/">' in html
    assert (
        'type="text/calendar" title="Lịch công tác – Trần Thị Bình" href="/lich-cong-tac/ical/tran-thi-binh/">' in html
    )


def test_adjusted_and_cancelled_entries_say_so_with_when(client, publish_week, clock):
    week = publish_week(
        THIS_MONDAY, [entry_values(WEDNESDAY, "14:00", "Họp dân"), entry_values(WEDNESDAY, "16:00", "Kiểm tra")]
    )
    moved, cancelled = sorted(week.entries.all(), key=lambda e: e.start_time)
    clock.advance(minutes=30)
    moved.location = "Nhà văn hoá khu 3"
    cancelled.status = "cancelled"
    publish_week(THIS_MONDAY, [moved, cancelled])
    caches["pages"].clear()
    _, html = get(client)
    when = '<time datetime="2026-12-09T10:30:00+07:00">10:30 09/12/2026</time>'
    assert f'schedule-badge-changed">Điều chỉnh</span> <span class="schedule-changed-at">(cập nhật lúc {when})' in html
    assert 'schedule-badge-cancelled">Hoãn</span>' in html


def test_publishing_a_week_refreshes_the_cached_schedule_and_home(client, publish_week, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    publish_week(THIS_MONDAY, [entry_values(WEDNESDAY, content="Họp lần một")])
    get(client)
    client.get("/", HTTP_HOST="localhost")
    publish_week(THIS_MONDAY, [entry_values(WEDNESDAY, content="Họp lần hai")])
    assert "Họp lần hai" in get(client)[1]
    assert "Họp lần hai" in client.get("/", HTTP_HOST="localhost").content.decode()


def test_home_page_lists_today_only(client, publish_week):
    publish_week(
        THIS_MONDAY,
        [entry_values(WEDNESDAY, "07:30", "Chào cờ đầu tháng"), entry_values(THIS_MONDAY, content="Họp hôm thứ Hai")],
    )
    html = client.get("/", HTTP_HOST="localhost").content.decode()
    assert "Lịch công tác hôm nay" in html and "Thứ Tư, 09/12/2026" in html
    assert "Chào cờ đầu tháng" in html and "Họp hôm thứ Hai" not in html


def test_home_page_says_when_there_is_nothing_today(client, schedule_page):
    html = client.get("/", HTTP_HOST="localhost").content.decode()
    assert "Hôm nay không có lịch công tác." in html


def test_other_wards_entries_never_show(client, publish_week, other_site):
    from schedule.models import SchedulePage

    other = SchedulePage.objects.child_of(other_site.root_page).get()
    publish_week(THIS_MONDAY, [entry_values(THIS_MONDAY, content="Việc của Bãi Cháy")], parent=other)
    assert "Việc của Bãi Cháy" not in get(client)[1]
    assert "Việc của Bãi Cháy" in client.get("/lich-cong-tac/", HTTP_HOST="baichay.localhost").content.decode()


def test_a_week_page_address_leads_to_the_schedule(client, publish_week):
    week = publish_week(NEXT_MONDAY, [])
    response = client.get(week.url, HTTP_HOST="localhost")
    assert response.status_code == 301 and response["Location"] == f"/lich-cong-tac/?tuan={Week.of(NEXT_MONDAY).iso}"


def test_sitemap_lists_the_schedule_not_its_weeks(client, publish_week):
    week = publish_week(THIS_MONDAY, [entry_values(THIS_MONDAY)])
    sitemap = client.get("/sitemap.xml", HTTP_HOST="localhost").content.decode()
    assert "<loc>http://localhost/lich-cong-tac/</loc>" in sitemap
    assert week.slug not in sitemap


def test_description_names_the_ward(client, schedule_page):
    html = get(client)[1]
    assert '<meta name="description" content="Lịch công tác tuần của lãnh đạo Phường Hồng Gai">' in html


def test_todays_schedule_is_not_served_from_the_cache_past_midnight(client, publish_week, clock, settings):
    # "Today" on the home page and the marked day of this week change at midnight with nothing published.
    from core import memory

    settings.PORTAL_PAGE_CACHE_SECONDS = 3600
    publish_week(
        THIS_MONDAY, [entry_values(WEDNESDAY, content="Họp thứ Tư"), entry_values(THURSDAY, content="Họp thứ Năm")]
    )
    clock.set(clock.moment.replace(hour=23, minute=59, second=40))
    home = client.get("/", HTTP_HOST="localhost")
    week, html = get(client)
    assert "Họp thứ Tư" in home.content.decode() and "max-age=20" in home["Cache-Control"]
    assert "max-age=20" in week["Cache-Control"]
    memory.forget_all()
    assert client.get("/", HTTP_HOST="localhost").get("X-Page-Cache") == "HIT"

    clock.advance(seconds=21)
    memory.forget_all()
    home, (week, html) = client.get("/", HTTP_HOST="localhost"), get(client)
    assert home.get("X-Page-Cache") is None and week.get("X-Page-Cache") is None
    assert "Họp thứ Năm" in home.content.decode() and "Họp thứ Tư" not in home.content.decode()
    assert 'aria-current="date">Thứ Năm, 10/12/2026' in html


def test_another_week_asked_by_name_keeps_the_usual_lifetime(client, publish_week, clock, settings):
    clock.set(clock.moment.replace(hour=23, minute=59, second=40))
    response, _ = get(client, tuan=(Week.current().monday + datetime.timedelta(days=14)).strftime("%G-W%V"))
    assert "max-age=20" not in response["Cache-Control"]
