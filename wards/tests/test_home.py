"""The ward's home page takes its children and its short-cut routes from what page types declare (core.content)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from core import content
from core.content import ContentKind
from news.models import ArticlePage, CategoryPage
from wards.models import HomePage

pytestmark = pytest.mark.django_db


def test_home_accepts_the_types_that_name_it_and_nothing_by_omission():
    allowed = HomePage.allowed_subpage_models()
    assert CategoryPage in allowed
    assert ArticlePage not in allowed  # it names categories as its parents
    assert Page not in allowed  # names no parents at all: not let in by omission
    assert all(HomePage in model.clean_parent_page_models() for model in allowed)


def _queries(client, url):
    with CaptureQueriesContext(connection) as capture:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(capture.captured_queries)


def test_only_types_that_ask_are_looked_up_by_the_short_cut(ward_site, make_article, client, settings, monkeypatch):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    article = make_article(ward_site, "Tin về phiên họp thường kỳ", category="chinh-quyen")
    client.get(article.url)  # site bundle and fragments warmed
    short_cut = _queries(client, article.url)

    monkeypatch.setattr(ArticlePage, "content_kind", ContentKind(name="article"))
    content.registered.cache_clear()
    try:
        assert content.short_routed(2) == []
        walked = _queries(client, article.url)  # still served, by Wagtail's level-by-level route
    finally:
        monkeypatch.undo()
        content.registered.cache_clear()
    assert short_cut < walked


def test_two_segment_paths_of_other_types_still_route(ward_site, make_article, client, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    make_article(ward_site, "Tin về phiên họp thường kỳ", category="chinh-quyen")
    feed = client.get("/chinh-quyen/rss/")  # two segments, a category's own route, not an article
    assert feed.status_code == 200
    assert "Tin về phiên họp thường kỳ" in feed.content.decode()
    assert client.get("/chinh-quyen/khong-co-bai-nay/").status_code == 404
