"""One URL per page: sitemap, canonical link, Open Graph, RSS and JSON-LD name it the same way."""

import datetime
import json
import re

import defusedxml.ElementTree as ET
import pytest

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def urls_for(client, article, host):
    """The article's absolute URL as each of the five places names it, and robots.txt's sitemap line."""
    html = client.get(article.url, HTTP_HOST=host).content.decode()
    head = html.split("</head>", 1)[0]
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)[1]
    sitemap = ET.fromstring(client.get("/sitemap.xml", HTTP_HOST=host).content)
    feed = ET.fromstring(client.get("/rss/", HTTP_HOST=host).content)
    robots = client.get("/robots.txt", HTTP_HOST=host).content.decode()
    return {
        "sitemap": next(loc.text for loc in sitemap.iter(f"{SITEMAP_NS}loc") if loc.text.endswith(f"/{article.slug}/")),
        "canonical": re.search(r'<link rel="canonical" href="([^"]+)"', head)[1],
        "og:url": re.search(r'<meta property="og:url" content="([^"]+)"', head)[1],
        "rss": feed.find("channel/item/link").text,
        "json-ld": json.loads(ld)["mainEntityOfPage"],
    }, re.search(r"^Sitemap: (.+)$", robots, re.M)[1]


@pytest.fixture
def article(ward_site, make_article):
    published = datetime.datetime(2026, 11, 2, 1, 0, tzinfo=datetime.UTC)
    return make_article(ward_site, "Phường ra quân dọn vệ sinh", category="chinh-quyen", published=published)


def test_under_make_run_every_url_names_the_host_and_port_reached(client, article):
    # The site was created for port 80; the development server answers on 8000.
    assert article.get_site().port == 80
    found, sitemap = urls_for(client, article, "localhost:8000")
    assert set(found.values()) == {f"http://localhost:8000{article.url}"}, found
    assert sitemap == "http://localhost:8000/sitemap.xml"


def test_in_production_every_url_is_https_on_the_site_hostname(client, article, settings):
    settings.PORTAL_PUBLIC_HTTPS = True
    found, sitemap = urls_for(client, article, "localhost")
    assert set(found.values()) == {f"https://localhost{article.url}"}, found
    assert sitemap == "https://localhost/sitemap.xml"
    # Without a request (a command, an e-mail), the page's own URL says the same.
    assert article.full_url == f"https://localhost{article.url}"
