"""The home page's "Thông báo" block: current announcements only, by Vietnam's day, on a fresh render and from
the page cache alike; past ones stay in the archive."""

import datetime

import pytest

from announcements.tests.conftest import TODAY, VIETNAM
from core import memory

pytestmark = pytest.mark.django_db
LAST_MINUTE = datetime.datetime(2026, 12, 9, 23, 59, 30, tzinfo=VIETNAM)
NEXT_DAY = datetime.datetime(2026, 12, 10, 0, 0, 1, tzinfo=VIETNAM)


def home(client):
    response = client.get("/", HTTP_HOST="localhost")
    assert response.status_code == 200
    return response, response.content.decode()


def forget_process_memory():
    # A worker keeps what it read of the shared cache for half a second (core.memory); the clock here jumps.
    memory.forget_all()


@pytest.fixture
def notices(ward_site, make_announcement):
    return {
        "today": make_announcement(ward_site, "Cắt điện khu phố 2", shown_until=TODAY),
        "later": make_announcement(
            ward_site, "Đăng ký hộ kinh doanh thứ Bảy", shown_until=TODAY + datetime.timedelta(days=5)
        ),
        "past": make_announcement(
            ward_site,
            "Tiêm phòng dại tháng trước",
            published_on=TODAY - datetime.timedelta(days=30),
            shown_until=TODAY - datetime.timedelta(days=1),
        ),
    }


def test_block_lists_current_announcements_only(notices, client):
    _, html = home(client)
    assert 'id="announcements-home-title"' in html
    assert "Cắt điện khu phố 2" in html and "Đăng ký hộ kinh doanh thứ Bảy" in html
    assert "Tiêm phòng dại tháng trước" not in html


def test_no_block_without_a_current_announcement(ward_site, make_announcement, client):
    make_announcement(
        ward_site,
        "Thông báo đã qua",
        published_on=TODAY - datetime.timedelta(days=9),
        shown_until=TODAY - datetime.timedelta(days=2),
    )
    _, html = home(client)
    assert 'id="announcements-home-title"' not in html


def test_an_announcement_leaves_the_fresh_home_page_at_midnight_vietnam_time(notices, client, clock, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    clock.set(LAST_MINUTE)
    assert "Cắt điện khu phố 2" in home(client)[1]
    clock.set(NEXT_DAY)
    _, html = home(client)
    assert "Cắt điện khu phố 2" not in html
    assert "Đăng ký hộ kinh doanh thứ Bảy" in html


def test_the_cached_home_page_is_not_served_past_midnight(notices, client, clock, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 3600  # far longer than the half minute left of the day
    clock.set(LAST_MINUTE)
    first, html = home(client)
    assert "Cắt điện khu phố 2" in html
    assert first.get("X-Page-Cache") is None
    assert "max-age=30" in first["Cache-Control"]  # browsers keep it no longer either

    clock.set(LAST_MINUTE + datetime.timedelta(seconds=20))
    forget_process_memory()
    hit, html = home(client)
    assert hit.get("X-Page-Cache") == "HIT" and "Cắt điện khu phố 2" in html
    assert "max-age=10" in hit["Cache-Control"]  # as a render at this moment would say

    clock.set(NEXT_DAY)
    forget_process_memory()
    after, html = home(client)
    assert after.get("X-Page-Cache") is None  # rendered afresh, not the copy from before midnight
    assert "Cắt điện khu phố 2" not in html
    assert "Đăng ký hộ kinh doanh thứ Bảy" in html
    # The new copy holds until the next announcement leaves, five days on: capped by the cache's own lifetime.
    forget_process_memory()
    again, _ = home(client)
    assert again.get("X-Page-Cache") == "HIT"


def test_pages_without_a_known_change_keep_the_usual_lifetimes(ward_site, client, settings, clock):
    settings.PORTAL_PAGE_CACHE_SECONDS = 120
    first, _ = home(client)
    assert "max-age=60" in first["Cache-Control"]
    assert home(client)[0].get("X-Page-Cache") == "HIT"


def test_a_past_announcement_stays_in_the_archive(notices, client, clock):
    clock.set(NEXT_DAY)
    listing = client.get("/thong-bao/", HTTP_HOST="localhost")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Cắt điện khu phố 2" in html and "Tiêm phòng dại tháng trước" in html
    detail = client.get(notices["today"].url, HTTP_HOST="localhost")
    assert detail.status_code == 200
    assert "đã hết thời gian hiển thị trên trang chủ" in detail.content.decode()


def test_publishing_an_announcement_refreshes_the_cached_home_page(ward_site, make_announcement, client, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    home(client)
    assert home(client)[0].get("X-Page-Cache") == "HIT"
    make_announcement(ward_site, "Họp tổ dân phố tối thứ Sáu", shown_until=TODAY + datetime.timedelta(days=2))
    forget_process_memory()
    assert "Họp tổ dân phố tối thứ Sáu" in home(client)[1]
