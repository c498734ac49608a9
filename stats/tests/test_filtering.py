"""Robots, prefetches and malformed beacons count nothing and never cause a 500."""

import json

import pytest

from stats.models import DailyVisitor, PageDay, RecentView, SiteDay

pytestmark = pytest.mark.django_db

PERSON = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36"
)


def nothing_counted():
    return not (
        SiteDay.objects.exists()
        or PageDay.objects.exists()
        or DailyVisitor.objects.exists()
        or RecentView.objects.exists()
    )


@pytest.mark.parametrize(
    "ua",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0 Safari/537.36",
        "python-requests/2.32.3",
        "curl/8.5.0",
        "",
    ],
)
def test_crawlers_are_not_counted(beacon, ward_site, ua):
    assert beacon("/", ua=ua).status_code == 204
    assert nothing_counted()


@pytest.mark.parametrize(
    "header",
    [{"HTTP_SEC_PURPOSE": "prefetch"}, {"HTTP_SEC_PURPOSE": "prefetch;prerender"}, {"HTTP_PURPOSE": "prefetch"}],
)
def test_prefetches_are_not_counted(beacon, ward_site, header):
    assert beacon("/", ua=PERSON, **header).status_code == 204
    assert nothing_counted()


def test_a_person_is_counted_where_a_robot_is_not(beacon, ward_site):
    # The same request minus the robot marks counts, so the tests above can fail.
    assert beacon("/", ua=PERSON).status_code == 204
    assert SiteDay.objects.get().pageviews == 1


def post(client, body, content_type="text/plain", host="localhost"):
    return client.post("/api/hit/", data=body, content_type=content_type, HTTP_HOST=host, HTTP_USER_AGENT=PERSON)


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        ("not json at all", "text/plain", 400),
        (b"\xff\xfe\x00", "text/plain", 400),
        ("[1, 2, 3]", "text/plain", 400),
        ('{"ref": ""}', "text/plain", 400),
        ('{"path": 42}', "application/json", 400),
        ('{"path": null}', "application/json", 400),
        ('{"path": "khong-co-gach-cheo"}', "text/plain", 400),
        ('{"path": "//evil.example/"}', "text/plain", 400),
        ('{"path": "/' + "a" * 300 + '/"}', "text/plain", 400),
        ('{"path": "/khong-co-trang-nay/"}', "text/plain", 404),
        ('{"path": "/"}', "application/x-www-form-urlencoded", 415),
        (json.dumps({"path": "/", "ref": "x" * 5000}), "text/plain", 413),
        # Nested deeper than Python's recursion limit, yet under the size limit.
        ("[" * 1020 + "]" * 1020, "text/plain", 400),
        ('{"path": "/", "ref": ' + "[" * 1010 + "]" * 1010 + "}", "application/json", 400),
        # A lone surrogate cannot be encoded; a NUL cannot be stored by PostgreSQL. Browsers send neither.
        ('{"path": "/\\ud800/"}', "text/plain", 400),
        ('{"path": "/tin-tuc-su-kien/\\udfff"}', "text/plain", 400),
        ('{"path": "/\\u0000/"}', "text/plain", 400),
        ('{"path": "/tin-tuc-su-kien/\\u0007"}', "text/plain", 400),
        ('{"path": "/", "ref": "https://zalo.me/\\ud800\\u0000"}', "text/plain", 204),
    ],
)
def test_malformed_beacons_get_a_4xx_and_count_nothing(client, ward_site, body, content_type, status):
    response = post(client, body, content_type)
    assert response.status_code == status
    if status == 204:
        return
    assert "error" in json.loads(response.content)
    assert nothing_counted()


@pytest.mark.parametrize("path", ["/%00/", "/%ED%A0%80/", "/tin-tuc-su-kien/%00"])
def test_the_noscript_image_refuses_control_characters_and_broken_utf8(client, ward_site, path):
    response = client.get(f"/api/hit.gif?p={path}", HTTP_HOST="localhost", HTTP_USER_AGENT=PERSON)
    assert response.status_code in (400, 404)
    assert nothing_counted()


def test_a_path_of_another_site_is_refused(client, ward_site, other_site, make_article):
    article = make_article(other_site, "Tin của phường Bãi Cháy")
    path = article.url_path[len(other_site.root_page.url_path) - 1 :]
    assert post(client, json.dumps({"path": path}), host="baichay.localhost").status_code == 204
    SiteDay.objects.all().delete()
    PageDay.objects.all().delete()
    DailyVisitor.objects.all().delete()
    RecentView.objects.all().delete()
    assert post(client, json.dumps({"path": path}), host="localhost").status_code == 404
    assert nothing_counted()


def test_other_methods_are_refused(client, ward_site):
    assert client.get("/api/hit/").status_code == 405
    assert client.post("/api/stats/").status_code == 405
    assert client.get("/api/hit.gif").status_code == 400


def test_a_beacon_loop_counts_once(beacon, ward_site):
    statuses = {beacon("/", ua=PERSON).status_code for _ in range(50)}
    assert statuses == {204}
    assert SiteDay.objects.get().pageviews == 1
