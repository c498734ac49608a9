import datetime

import defusedxml.ElementTree as ET
import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def items(client, url, host="localhost"):
    response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    return root, [(item.findtext("title"), item.findtext("link")) for item in root.iter("item")]


def test_site_feed_lists_newest_articles_of_that_site_only(client, ward_site, other_site, make_article):
    now = timezone.now()
    older = make_article(ward_site, "Tin cũ hơn", published=now - datetime.timedelta(days=2))
    newer = make_article(ward_site, "Tin mới hơn", category="chinh-quyen", published=now - datetime.timedelta(days=1))
    make_article(other_site, "Tin phường khác")
    root, entries = items(client, "/rss/")
    assert [title for title, _ in entries] == [newer.title, older.title]
    assert entries[0][1] == newer.full_url
    assert root.find("channel").findtext("title") == "Cổng thông tin điện tử phường Hồng Gai"


def test_category_feed_lists_only_that_category(client, ward_site, make_article):
    make_article(ward_site, "Tin chính quyền", category="chinh-quyen")
    make_article(ward_site, "Tin văn hoá", category="van-hoa-xa-hoi")
    root, entries = items(client, "/chinh-quyen/rss/")
    assert [title for title, _ in entries] == ["Tin chính quyền"]
    assert "Chính quyền" in root.find("channel").findtext("title")


def test_unpublished_articles_leave_the_feed(client, ward_site, make_article):
    page = make_article(ward_site, "Tin sẽ bị gỡ")
    page.unpublish()
    _, entries = items(client, "/rss/")
    assert entries == []
