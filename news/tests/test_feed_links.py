"""Feeds are found from the page they belong to, and reading one writes nothing."""

import re

import pytest

from wards.models import WardSettings

pytestmark = pytest.mark.django_db


def head_feed_links(html):
    head = html[: html.index("</head>")]
    return re.findall(r'<link rel="alternate" type="application/rss\+xml" title="[^"]*" href="([^"]+)"', head)


@pytest.mark.parametrize("url", ["/rss/", "/chinh-quyen/rss/"])
def test_reading_a_feed_writes_no_settings_row(client, ward_site, make_article, url):
    # A site added in Wagtail's admin before anyone filled in its ward details.
    make_article(ward_site, "Tin chính quyền", category="chinh-quyen")
    WardSettings.objects.filter(site=ward_site).delete()
    before = WardSettings.objects.count()
    response = client.get(url, HTTP_HOST="localhost")
    assert response.status_code == 200
    assert b"<item>" in response.content
    assert WardSettings.objects.count() == before


def test_category_page_head_names_the_category_feed_first(client, ward_site):
    html = client.get("/chinh-quyen/", HTTP_HOST="localhost").content.decode()
    assert head_feed_links(html) == ["/chinh-quyen/rss/", "/rss/"]
    assert 'title="Chính quyền – ' in html


def test_home_page_head_names_the_site_feed(client, ward_site):
    assert head_feed_links(client.get("/", HTTP_HOST="localhost").content.decode()) == ["/rss/"]
