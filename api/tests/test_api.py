"""The public API's shared behaviour, shown on articles: per site by hostname, one pagination and filter
style, validators and cache headers, CORS, problem details in Vietnamese or English, the rate limit, bad
input answered 4xx; then the figures and the open data."""

import csv
import datetime
import io
import json

from django.utils import timezone

from api.models import OpenDataSettings
from stats.models import SiteDay


def get(client, url, host="localhost", **headers):
    return client.get(url, HTTP_HOST=host, **headers)


def test_articles_per_site_paged_filtered_and_cacheable(ward_site, other_site, make_article, client):
    now = timezone.now()
    for number in range(3):
        make_article(ward_site, f"Tin số {number}", published=now - datetime.timedelta(days=number))
    make_article(ward_site, "Thông báo tuyển dụng", category="chinh-quyen", published=now - datetime.timedelta(days=10))
    make_article(other_site, "Tin của Bãi Cháy")

    first = get(client, "/api/articles/?page_size=2")
    assert first.status_code == 200
    page = first.json()
    assert page["count"] == 4 and page["num_pages"] == 2 and page["previous"] is None
    assert [item["title"] for item in page["results"]] == ["Tin số 0", "Tin số 1"]
    assert page["next"] == "http://localhost/api/articles/?page=2&page_size=2"
    assert page["results"][0]["category"]["slug"] == "tin-tuc-su-kien"
    assert page["results"][0]["url"].startswith("http://localhost/tin-tuc-su-kien/")
    second = get(client, page["next"].removeprefix("http://localhost")).json()
    assert [item["title"] for item in second["results"]] == ["Tin số 2", "Thông báo tuyển dụng"]
    assert second["previous"] == "http://localhost/api/articles/?page=1&page_size=2"

    # The same filters on every dated resource, days in Vietnam time.
    since = timezone.localdate(now - datetime.timedelta(days=1)).isoformat()
    assert get(client, f"/api/articles/?since={since}").json()["count"] == 2
    assert get(client, "/api/articles/?category=chinh-quyen").json()["count"] == 1
    assert get(client, "/api/articles/?category=khong-co").json()["count"] == 0
    assert [a["title"] for a in get(client, "/api/articles/", host="baichay.localhost").json()["results"]] == [
        "Tin của Bãi Cháy"
    ]

    # Validators, cache headers and CORS.
    assert first["Cache-Control"] == "public, max-age=60"
    assert first["Access-Control-Allow-Origin"] == "*"
    assert "Host" in first["Vary"]
    assert first["ETag"] and first["Last-Modified"]
    assert get(client, "/api/articles/?page_size=2", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert get(client, "/api/articles/?page_size=2", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    one = page["results"][0]
    item = get(client, f"/api/articles/{one['id']}/")
    assert item.status_code == 200 and item.json() == one
    # Wagtail's own pages API beside ours, each with its description.
    pages = get(client, f"/api/v3/pages/{one['id']}/")
    assert pages.status_code == 200 and pages.json()["title"] == one["title"]
    assert get(client, "/api/v3/openapi.json").json()["info"]["title"] == "Wagtail API"
    # Another site's article is not found through this one.
    other = get(client, "/api/articles/", host="baichay.localhost").json()["results"][0]
    assert get(client, f"/api/articles/{other['id']}/").status_code == 404


BAD_INPUT = [
    ("/api/articles/?page=0", 400),
    ("/api/articles/?page=999999999999999999999999", 400),
    ("/api/articles/?page_size=101", 400),
    ("/api/articles/?since=2025-02-30", 400),
    ("/api/articles/?since=0001-01-01&until=9999-12-31", 200),
    ("/api/articles/?category=%00", 400),
    ("/api/articles/?category=%ED%A0%80", 400),  # a lone surrogate, as UTF-8 would write one
    ("/api/articles/?category=a%E2%80%A8b", 400),  # U+2028
    ("/api/articles/?featured=perhaps", 400),
    ("/api/articles/99999999999/", 400),
    ("/api/articles/abc/", 400),
    ("/api/documents/?status=bogus", 400),
    ("/api/measurement/?days=100000", 400),
]


def test_problems_in_vietnamese_or_english_and_the_rate_limit(ward_site, client, settings):
    for url, status in BAD_INPUT:
        response = get(client, url)
        assert response.status_code == status, (url, response.content[:300])
        if status == 400:
            assert response["Content-Type"].startswith("application/problem+json")
            problem = response.json()
            assert problem["status"] == 400 and problem["type"] == "/api/problems/bad-request"
            assert problem["title"] == "Tham số không hợp lệ" and problem["errors"], url

    # Wagtail answers an unknown hostname with the default site; without one, the API says so.
    from wagtail.models import Site

    from core import sites

    Site.objects.filter(pk=ward_site.pk).update(is_default_site=False)
    sites.forget()
    unknown = get(client, "/api/articles/", host="khong-co.example")
    assert unknown.status_code == 404
    assert unknown.json()["title"] == "Không có cổng thông tin" and unknown["Content-Language"] == "vi"
    english = get(client, "/api/articles/", host="khong-co.example", HTTP_ACCEPT_LANGUAGE="en-GB,vi;q=0.5")
    assert english.json() == {
        "type": "/api/problems/unknown-site",
        "title": "Unknown site",
        "status": 404,
        "detail": "This hostname serves no ward portal.",
    }
    assert english["Content-Language"] == "en" and "Accept-Language" in english["Vary"]
    assert get(client, "/api/articles/", HTTP_ACCEPT_LANGUAGE="fr, en;q=0.1").status_code == 200

    settings.PORTAL_API_RATE_LIMIT = 3
    answers = [get(client, "/api/categories/", REMOTE_ADDR="203.0.113.9") for _ in range(4)]
    assert [r.status_code for r in answers] == [200, 200, 200, 429]
    limited = answers[-1]
    assert 1 <= int(limited["Retry-After"]) <= 61
    assert limited.json()["type"] == "/api/problems/rate-limited"
    assert limited["Access-Control-Allow-Origin"] == "*"
    # Another client is counted apart.
    assert get(client, "/api/categories/", REMOTE_ADDR="198.51.100.7").status_code == 200


def test_measurement_and_open_data(ward_site, client, monkeypatch):
    from portal.tests.clock import freeze

    freeze(monkeypatch, datetime.datetime(2026, 3, 5, 9, 0, tzinfo=datetime.UTC))
    SiteDay.objects.create(site=ward_site, day=datetime.date(2026, 3, 4), visitors=7, pageviews=20)
    SiteDay.objects.create(site=ward_site, day=datetime.date(2026, 2, 10), visitors=3, pageviews=5)
    SiteDay.objects.create(site=ward_site, day=datetime.date(2026, 2, 11), visitors=4, pageviews=6)

    figures = get(client, "/api/measurement/?days=3").json()
    assert figures["days"] == [
        {"day": "2026-03-03", "pageviews": 0, "visitors": 0},
        {"day": "2026-03-04", "pageviews": 20, "visitors": 7},
        {"day": "2026-03-05", "pageviews": 0, "visitors": 0},
    ]
    assert figures["median_response_ms"] is None
    sections = {s["kind"]: s for s in figures["sections"]}
    assert {kind for kind, s in sections.items() if s["required"]} == {
        "ward_intro",
        "document_list",
        "schedule",
        "question_list",
    }
    # A new ward has its "Giới thiệu" sub-pages but no documents yet.
    assert sections["ward_intro"]["filled"] and not sections["document_list"]["filled"]
    assert sections["document_list"]["url"] == "http://localhost/van-ban/"

    visits = get(client, "/api/visits/?since=2026-02-11").json()
    assert [(v["day"], v["visitors"]) for v in visits["results"]] == [("2026-03-04", 7), ("2026-02-11", 4)]

    settings_row = OpenDataSettings(site=ward_site, licence="Giấy phép thử: =ghi nguồn", licence_url="")
    settings_row.save()
    monthly = get(client, "/api/open-data/visits-monthly.json").json()
    assert monthly["licence"] == "Giấy phép thử: =ghi nguồn"
    assert monthly["items"] == [
        {"month": "2026-02", "visitors": 7, "pageviews": 11},
        {"month": "2026-03", "visitors": 7, "pageviews": 20},
    ]
    response = get(client, "/api/open-data/visits-monthly.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="visits-monthly.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [["month", "visitors", "pageviews"], ["2026-02", "7", "11"], ["2026-03", "7", "20"]]
    catalogue = get(client, "/api/open-data/").json()
    assert {d["name"] for d in catalogue["datasets"]} >= {"documents", "visits", "visits-monthly"}
    assert json.dumps(catalogue, ensure_ascii=False).count("Giấy phép thử") == 1
