"""The suspension notice on every public page, per site or for all sites, and the page cache showing and hiding it
at the right moments: a fresh render and a cache hit agree before, at and after the start and the end."""

import datetime

import pytest

from maintenance.tests.conftest import NOW

pytestmark = pytest.mark.django_db
TITLE = "Thông báo tạm ngừng hoạt động"
START = NOW + datetime.timedelta(days=14)
END = START + datetime.timedelta(hours=6)


def page(client, host="localhost", path="/"):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200, path
    return response, response.content.decode()


def test_a_site_notice_is_shown_on_its_pages_from_when_it_is_saved(ward_site, other_site, make_notice, client):
    assert TITLE not in page(client)[1]
    make_notice(ward_site, START, END, reason="Chuyển máy chủ sang trung tâm dữ liệu")
    _, html = page(client)
    assert TITLE in html and "Chuyển máy chủ sang trung tâm dữ liệu" in html
    assert "sẽ tạm ngừng hoạt động từ 09:00 ngày 21/12/2026 đến 15:00 ngày 21/12/2026" in html
    assert "(khẩn cấp)" not in html
    assert TITLE in page(client, path="/gioi-thieu/")[1]
    assert TITLE not in page(client, host="baichay.localhost")[1]


def test_an_all_sites_notice_is_on_every_site(ward_site, other_site, make_notice, client):
    make_notice(None, START, END)
    assert TITLE in page(client)[1]
    assert TITLE in page(client, host="baichay.localhost")[1]


def test_an_emergency_is_labelled(ward_site, make_notice, client):
    make_notice(ward_site, NOW + datetime.timedelta(hours=1), NOW + datetime.timedelta(hours=2), emergency=True)
    assert f"{TITLE} (khẩn cấp)" in page(client)[1]


@pytest.mark.parametrize("cache_seconds", [0, 3600])
def test_the_banner_changes_at_the_start_and_leaves_at_the_end(
    ward_site, make_notice, client, clock, settings, cache_seconds
):
    settings.PORTAL_PAGE_CACHE_SECONDS = cache_seconds
    make_notice(ward_site, START, END)
    moments = {
        "before the start": (START - datetime.timedelta(seconds=30), "sẽ tạm ngừng"),
        "at the start": (START, "đang tạm ngừng"),
        "during": (START + datetime.timedelta(hours=1), "đang tạm ngừng"),
        "just before the end": (END - datetime.timedelta(seconds=1), "đang tạm ngừng"),
        "at the end": (END, None),
        "after the end": (END + datetime.timedelta(days=1), None),
    }
    for name, (moment, expected) in moments.items():
        clock.set(moment)
        first, fresh = page(client)
        again, repeated = page(client)
        if cache_seconds:
            assert again.get("X-Page-Cache") == "HIT", name
        assert repeated == fresh, name
        if expected is None:
            assert TITLE not in fresh, name
        else:
            assert f"Cổng thông tin {expected} hoạt động" in fresh, name


def test_a_page_cached_before_the_notice_is_saved_shows_it_at_once(ward_site, make_notice, client, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 3600
    page(client)
    assert page(client)[0].get("X-Page-Cache") == "HIT"
    make_notice(None, START, END)
    response, html = page(client)
    assert response.get("X-Page-Cache") is None and TITLE in html


def test_a_deleted_notice_leaves_at_once(ward_site, make_notice, client, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 3600
    notice = make_notice(ward_site, START, END)
    assert TITLE in page(client)[1] and TITLE in page(client)[1]
    notice.delete()
    assert TITLE not in page(client)[1]


def test_the_cache_keeps_the_page_no_longer_than_the_next_change(ward_site, make_notice, client, settings, clock):
    settings.PORTAL_PAGE_CACHE_SECONDS = 3600
    make_notice(ward_site, START, END)
    clock.set(START - datetime.timedelta(seconds=40))
    response, _ = page(client)
    assert "max-age=40" in response["Cache-Control"]
