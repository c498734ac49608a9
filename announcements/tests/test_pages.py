"""/thong-bao/ on every ward site: the listing, an announcement's page, the RSS feed, bad input, other wards."""

import datetime
import re
from email.utils import parsedate_to_datetime

import defusedxml.ElementTree as ET
import pytest

from announcements import listing
from announcements.tests.conftest import TODAY, VIETNAM

pytestmark = pytest.mark.django_db


def get(client, url, host="localhost", **params):
    return client.get(url, params, HTTP_HOST=host)


def _titles(response):
    return re.findall(r'<h2 class="announcement-title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def _days(days):
    return TODAY + datetime.timedelta(days=days)


@pytest.fixture
def notices(ward_site, make_announcement):
    return [
        make_announcement(ward_site, "Thông báo cũ nhất", published_on=_days(-40), shown_until=_days(-30)),
        make_announcement(
            ward_site, "Lịch tiếp công dân", published_on=_days(-2), shown_until=_days(10), lead="Sáng thứ Năm."
        ),
        make_announcement(ward_site, "Ngừng cấp nước khu 3", published_on=_days(-1), shown_until=TODAY),
    ]


def test_every_ward_site_has_the_section_in_its_menu(ward_site, other_site, client):
    from announcements.models import AnnouncementIndexPage

    for site in (ward_site, other_site):
        section = AnnouncementIndexPage.objects.child_of(site.root_page).get()
        assert section.live and section.show_in_menus and section.slug == "thong-bao"
        assert get(client, "/thong-bao/", host=site.hostname).status_code == 200
    assert 'href="/thong-bao/"' in get(client, "/").content.decode()


def test_setting_up_a_site_twice_adds_no_second_section(ward_site):
    from announcements.models import AnnouncementIndexPage
    from wards.sites import ensure_ward_site

    ensure_ward_site("localhost", "Phường Hồng Gai", is_default=True)
    assert AnnouncementIndexPage.objects.child_of(ward_site.root_page).count() == 1


def test_listing_is_newest_first_current_and_past_alike(notices, client):
    response = get(client, "/thong-bao/")
    assert response.status_code == 200
    assert _titles(response) == ["Ngừng cấp nước khu 3", "Lịch tiếp công dân", "Thông báo cũ nhất"]
    html = response.content.decode()
    assert 'hiển thị đến hết ngày <time datetime="2026-12-19">19/12/2026</time>' in html
    assert "đã hết thời gian hiển thị" in html
    assert "Sáng thứ Năm." in html


def test_listing_pages_by_twenty_and_bad_page_numbers_give_the_first_page(ward_site, make_announcement, client):
    for number in range(listing.PER_PAGE + 1):
        make_announcement(ward_site, f"Thông báo số {number}", published_on=_days(-number - 1), shown_until=TODAY)
    first = get(client, "/thong-bao/")
    assert len(_titles(first)) == listing.PER_PAGE
    second = get(client, "/thong-bao/", page="2")
    assert _titles(second) == [f"Thông báo số {listing.PER_PAGE}"]
    assert "Trang 2/2" in second.content.decode()
    # As sent on the wire: NUL, a lone surrogate in (invalid) UTF-8, a full-width digit, a huge number …
    for bad in ("0", "-1", "abc", "3", "9" * 40, "1e9", "%00", "%ED%A0%80", "%EF%BC%92", "%20%202", "2&page=x"):
        response = client.get(f"/thong-bao/?page={bad}", HTTP_HOST="localhost")
        assert response.status_code == 200, bad
    assert _titles(get(client, "/thong-bao/", page="99999999999999999999999")) == _titles(first)
    assert _titles(get(client, "/thong-bao/", page="3")) == _titles(second)  # past the end: the last page


def test_announcement_page_shows_its_dates_and_body(notices, client):
    response = get(client, notices[1].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="article-title">Lịch tiếp công dân</h1>' in html
    assert "<p>Nội dung thông báo.</p>" in html
    assert 'hiển thị trên trang chủ đến hết ngày <time datetime="2026-12-19">19/12/2026</time>' in html
    assert '<a href="/thong-bao/">Thông báo</a>' in html  # breadcrumb back to the section


def test_the_body_is_sanitised_and_text_kept_clean_on_every_way_in(ward_site, make_announcement, client):
    from core.tests.hostile_corpus import HOSTILE_STRINGS, assert_inert_html

    page = make_announcement(
        ward_site,
        "Thông báo\x00 có ký tự lạ\ud800",
        lead="Tóm tắt\x07 thử",
        body='<p onclick="x()">Hoà giải <a href="https://example.org/">ở đây</a></p>' + "".join(HOSTILE_STRINGS),
    )
    assert page.title == "Thông báo có ký tự lạ" and page.lead == "Tóm tắt thử"
    assert "<script" not in page.body and "onclick" not in page.body and "javascript:" not in page.body
    assert '<a href="https://example.org/" rel="noopener noreferrer">ở đây</a>' in page.body
    response = get(client, page.url)
    assert response.status_code == 200
    assert_inert_html(response.content.decode())


def test_a_shown_until_day_before_the_announcement_is_refused_in_vietnamese(ward_site, clock):
    from django.core.exceptions import ValidationError

    from announcements.models import AnnouncementIndexPage, AnnouncementPage

    section = AnnouncementIndexPage.objects.child_of(ward_site.root_page).get()
    page = AnnouncementPage(title="Sai ngày", published_on=TODAY, shown_until=_days(-1), body="<p>x</p>")
    page._cached_parent_obj = section
    with pytest.raises(ValidationError) as refused:
        page.full_clean(exclude=["path", "depth", "content_type", "slug"])
    assert "không thể trước ngày thông báo" in str(refused.value)


def test_rss_parses_and_lists_newest_first(notices, client):
    response = get(client, "/thong-bao/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("link") == "http://localhost/thong-bao/"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [
        "Ngừng cấp nước khu 3",
        "Lịch tiếp công dân",
        "Thông báo cũ nhất",
    ]
    assert items[1].findtext("link") == "http://localhost" + notices[1].url
    assert items[1].findtext("description").startswith("Sáng thứ Năm.")
    # Noon of the announcement's day in Vietnam, the moment search dates it by too.
    published = parsedate_to_datetime(items[0].findtext("pubDate"))
    assert published == datetime.datetime.combine(_days(-1), datetime.time(12), tzinfo=VIETNAM)
    assert ET.fromstring(response.content).get("{http://www.w3.org/XML/1998/namespace}lang") == "vi"


def test_other_wards_announcements_never_show(notices, other_site, make_announcement, client):
    make_announcement(other_site, "Việc riêng của Bãi Cháy", shown_until=_days(3))
    for url in ("/", "/thong-bao/", "/thong-bao/rss/"):
        assert "Việc riêng của Bãi Cháy" not in get(client, url).content.decode(), url
    assert "Ngừng cấp nước khu 3" not in get(client, "/", host="baichay.localhost").content.decode()
    assert _titles(get(client, "/thong-bao/", host="baichay.localhost")) == ["Việc riêng của Bãi Cháy"]


def test_an_unpublished_announcement_leaves_every_list(notices, client):
    notices[2].unpublish()
    assert get(client, notices[2].url).status_code == 404
    for url in ("/", "/thong-bao/", "/thong-bao/rss/"):
        assert "Ngừng cấp nước khu 3" not in get(client, url).content.decode(), url
