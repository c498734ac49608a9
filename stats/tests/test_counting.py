"""Exact counts for scripted visitors, through the real beacon endpoint."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from stats.models import PageDay, SiteDay, SourceDay
from stats.reading import site_numbers
from stats.visitors import local_day

pytestmark = pytest.mark.django_db

PHONE = (
    "Mozilla/5.0 (Linux; Android 14; SM-A556E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36"
)
DESKTOP = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Mobile/15E148 Safari/604.1"
)
ZALO = (
    "Mozilla/5.0 (Linux; Android 13; Redmi Note 12) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 "
    "Mobile Safari/537.36 Zalo android/12100665"
)


def site_path(site, page):
    return page.url_path[len(site.root_page.url_path) - 1 :]


@pytest.fixture
def articles(ward_site, make_article):
    first = make_article(ward_site, "Phường ra quân tổng vệ sinh môi trường")
    second = make_article(ward_site, "Lịch tiếp công dân tháng 12", category="chinh-quyen")
    return first, second


def test_scripted_visitors_are_counted_exactly(beacon, client, ward_site, articles):
    first, second = articles
    home = "/"
    a1, a2 = site_path(ward_site, first), site_path(ward_site, second)
    # (user agent, ip, path, referrer); everything inside one repeat window.
    script = [
        (PHONE, "192.0.2.1", home, ""),
        (PHONE, "192.0.2.1", a1, "http://localhost/"),
        (PHONE, "192.0.2.1", a1, "http://localhost/"),  # reload within the window: one view
        (DESKTOP, "192.0.2.2", a1, "https://www.google.com/"),
        (DESKTOP, "192.0.2.2", a2, "http://localhost" + a1),
        (IPHONE, "192.0.2.3", a2, "https://m.facebook.com/"),
        (ZALO, "192.0.2.4", a1, "https://zalo.me/"),
        (ZALO, "192.0.2.4", a1, "https://zalo.me/"),
        (ZALO, "192.0.2.4", a1, "https://zalo.me/"),
        # Same device, different network: a different visitor for the day.
        (PHONE, "192.0.2.99", home, "https://example.org/tin"),
    ]
    for ua, ip, path, ref in script:
        assert beacon(path, ua=ua, ip=ip, ref=ref).status_code == 204

    visitors = {(ua, ip) for ua, ip, _, _ in script}
    views = {(ua, ip, path) for ua, ip, path, _ in script}
    per_path = {path: len({v for v in views if v[2] == path}) for path in (home, a1, a2)}

    today = local_day()
    day = SiteDay.objects.get(site=ward_site, day=today)
    assert (day.visitors, day.pageviews) == (len(visitors), len(views))
    assert dict(PageDay.objects.filter(site=ward_site).values_list("path", "views")) == per_path
    assert PageDay.objects.get(path=a1).page_id == first.pk

    # The first referrer of each counted view decides its source.
    first_ref = {}
    for ua, ip, path, ref in script:
        first_ref.setdefault((ua, ip, path), ref)
    expected_sources = {}
    for ref in first_ref.values():
        source = (
            "direct"
            if not ref
            else "internal"
            if "localhost" in ref
            else "google"
            if "google" in ref
            else "facebook"
            if "facebook" in ref
            else "zalo"
            if "zalo" in ref
            else "other"
        )
        expected_sources[source] = expected_sources.get(source, 0) + 1
    assert dict(SourceDay.objects.filter(site=ward_site).values_list("source", "views")) == expected_sources

    numbers = json.loads(client.get("/api/stats/", HTTP_HOST="localhost").content)
    assert numbers == {
        "online": len(visitors),
        "today": len(visitors),
        "yesterday": 0,
        "this_week": len(visitors),
        "this_month": len(visitors),
        "total": len(visitors),
        "pageviews_today": len(views),
        "pageviews_total": len(views),
    }


def test_widget_shows_the_numbers_the_vietnamese_way(client, ward_site):
    today = local_day()
    SiteDay.objects.create(site=ward_site, day=today, visitors=1182, pageviews=4000)
    SiteDay.objects.create(site=ward_site, day=today - datetime.timedelta(days=1), visitors=25, pageviews=30)
    SiteDay.objects.create(site=ward_site, day=today - datetime.timedelta(days=400), visitors=1000000, pageviews=1)
    html = client.get("/", HTTP_HOST="localhost").content.decode()
    assert "Thống kê truy cập" in html
    assert '<dd data-stat="today">1.182</dd>' in html
    assert '<dd data-stat="yesterday">25</dd>' in html
    assert '<dd data-stat="total">1.001.207</dd>' in html
    for label in ("Đang online", "Hôm nay", "Hôm qua", "Tuần này", "Tháng này", "Tổng lượt truy cập"):
        assert label in html


def test_reading_the_numbers_costs_one_query_or_none_when_cached(settings, ward_site):
    with CaptureQueriesContext(connection) as queries:
        site_numbers(ward_site.pk)
    assert len(queries) == 1
    settings.PORTAL_STATS_CACHE_SECONDS = 30
    site_numbers(ward_site.pk)
    with CaptureQueriesContext(connection) as queries:
        site_numbers(ward_site.pk)
    assert len(queries) == 0


def test_week_and_month_follow_the_vietnamese_calendar(ward_site):
    # Wednesday 2026-12-02, Vietnam time; the week began on Monday 2026-11-30, the month on the 1st.
    now = datetime.datetime(2026, 12, 2, 3, 0, tzinfo=datetime.UTC)
    counts = {
        datetime.date(2026, 11, 29): 7,  # Sunday: last week, last month
        datetime.date(2026, 11, 30): 11,  # Monday: this week, last month
        datetime.date(2026, 12, 1): 13,
        datetime.date(2026, 12, 2): 17,
    }
    for day, visitors in counts.items():
        SiteDay.objects.create(site=ward_site, day=day, visitors=visitors, pageviews=visitors)
    numbers = site_numbers(ward_site.pk, now=now)
    assert numbers["today"] == counts[datetime.date(2026, 12, 2)]
    assert numbers["yesterday"] == counts[datetime.date(2026, 12, 1)]
    assert numbers["this_week"] == sum(v for d, v in counts.items() if d >= datetime.date(2026, 11, 30))
    assert numbers["this_month"] == sum(v for d, v in counts.items() if d >= datetime.date(2026, 12, 1))
    assert numbers["total"] == sum(counts.values())


def test_a_view_repeated_after_the_window_counts_again(settings, ward_site):
    from stats.recording import count_view

    settings.PORTAL_STATS_REPEAT_SECONDS = 30
    start = timezone.now().replace(hour=3, minute=0, second=0, microsecond=0)
    offsets = [0, 10, 29, 30, 45, 61, 200]
    counted = [
        count_view(
            ward_site.pk,
            "/",
            ward_site.root_page_id,
            "192.0.2.5",
            PHONE,
            "direct",
            at=start + datetime.timedelta(seconds=s),
        )
        for s in offsets
    ]
    # Derive the rule independently: a view counts when 30 s have passed since the last counted one.
    expected, last = [], None
    for s in offsets:
        ok = last is None or s - last >= 30
        expected.append(ok)
        last = s if ok else last
    assert counted == expected
    day = SiteDay.objects.get(site=ward_site, day=local_day(start))
    assert (day.visitors, day.pageviews) == (1, sum(expected))


def test_sites_are_counted_apart(beacon, client, ward_site, other_site):
    assert beacon("/", host="localhost").status_code == 204
    assert beacon("/", host="baichay.localhost").status_code == 204
    assert beacon("/", host="baichay.localhost", ua=DESKTOP).status_code == 204
    assert json.loads(client.get("/api/stats/", HTTP_HOST="localhost").content)["today"] == 1
    assert json.loads(client.get("/api/stats/", HTTP_HOST="baichay.localhost").content)["today"] == 2


def test_forwarded_for_is_believed_only_from_listed_proxies(settings, beacon, ward_site):
    settings.PORTAL_TRUSTED_PROXIES = ["10.0.0.0/8"]
    # Through the trusted proxy: three different clients.
    for client_address in ("198.51.100.1", "198.51.100.2", "198.51.100.3"):
        beacon("/", ip="10.1.2.3", HTTP_X_FORWARDED_FOR=f"{client_address}, 10.9.9.9")
    # Straight from an untrusted address: its X-Forwarded-For is ignored, one visitor.
    for forged in ("203.0.113.1", "203.0.113.2", "203.0.113.3"):
        beacon("/", ip="192.0.2.50", HTTP_X_FORWARDED_FOR=forged)
    assert SiteDay.objects.get(site=ward_site).visitors == 3 + 1


def test_noscript_image_counts_once(client, ward_site):
    response = client.get("/api/hit.gif?p=/", HTTP_HOST="localhost", HTTP_USER_AGENT=DESKTOP)
    assert response.status_code == 200 and response["Content-Type"] == "image/gif"
    client.get("/api/hit.gif?p=/", HTTP_HOST="localhost", HTTP_USER_AGENT=DESKTOP)
    day = SiteDay.objects.get(site=ward_site)
    assert (day.visitors, day.pageviews) == (1, 1)
    assert list(SourceDay.objects.values_list("source", flat=True)) == ["unknown"]


def test_the_widget_adds_one_query_to_a_page_or_none_when_cached(settings, client, ward_site):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0  # count rendering, not a cached page
    client.get("/", HTTP_HOST="localhost")  # warm the process caches a first visit fills
    settings.PORTAL_STATS_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as with_widget:
        client.get("/", HTTP_HOST="localhost")
    stats_queries = [q["sql"] for q in with_widget.captured_queries if "stats_" in q["sql"]]
    assert len(stats_queries) == 1
    settings.PORTAL_STATS_CACHE_SECONDS = 30
    client.get("/", HTTP_HOST="localhost")
    with CaptureQueriesContext(connection) as cached:
        client.get("/", HTTP_HOST="localhost")
    assert [q["sql"] for q in cached.captured_queries if "stats_" in q["sql"]] == []


def test_resolving_a_path_costs_the_site_and_one_lookup_whatever_the_page_type(ward_site, articles):
    """The beacon's path -> page is core.routing's, for any page type: the site's root, then one query by
    url_path (and the page's type only for a routable page's sub-route); then remembered."""
    from stats import pages

    article = articles[0]
    category = article.get_parent()
    cases = [
        (site_path(ward_site, article), article.pk, 2),
        (site_path(ward_site, category), category.pk, 2),
        ("/", ward_site.root_page.pk, 2),
        (site_path(ward_site, category) + "rss/", category.pk, 3),
        (site_path(ward_site, category) + "khong-co/", None, 3),
    ]
    for path, expected, cost in cases:
        with CaptureQueriesContext(connection) as queries:
            assert pages.resolve(ward_site.pk, path) == expected, path
        assert len(queries) == cost, (path, [q["sql"] for q in queries])
        with CaptureQueriesContext(connection) as queries:
            pages.resolve(ward_site.pk, path)
        assert len(queries) == 0
