"""Search reads what each page type declares (core.content): the kind it reports, the fields it indexes."""

import pytest

from core import content
from core.content import ContentKind, SearchFields
from news.models import ArticlePage, CategoryPage
from search import index

pytestmark = pytest.mark.django_db

API_FIELDS = {"title", "url", "published", "category", "snippet"}


def test_api_results_name_their_kind_and_keep_their_other_fields(ward_site, make_article, api):
    make_article(ward_site, "Đảng uỷ phường họp phiên thường kỳ", lead="Bàn kế hoạch quý IV.")
    data = api("dang uy")
    [result] = data["results"]
    assert result.keys() == API_FIELDS | {"kind"}
    assert result["kind"] == ArticlePage.content_kind.name == "article"
    assert result["title"] == "Đảng uỷ phường họp phiên thường kỳ"
    assert result["category"] == "Tin tức – Sự kiện"
    assert "Bàn kế hoạch quý IV" in result["snippet"]


@pytest.fixture
def searchable_categories(monkeypatch):
    """Categories declared searchable, as a new content type would declare itself: no search code changes."""
    kind = ContentKind(name="section", section=True, search=SearchFields(date="first_published_at", lead="intro"))
    monkeypatch.setattr(CategoryPage, "content_kind", kind)
    content.registered.cache_clear()
    yield kind
    monkeypatch.undo()
    content.registered.cache_clear()


def test_a_newly_declared_type_is_indexed_found_and_named(ward_site, make_article, api, searchable_categories):
    make_article(ward_site, "Họp bàn an ninh trật tự khu phố", category="chinh-quyen")
    category = CategoryPage.objects.child_of(ward_site.root_page).get(slug="an-ninh-quoc-phong")
    category.intro = "Quân sự địa phương, an ninh trật tự khu dân cư."
    category.save_revision().publish()  # indexed by the publishing signal

    found = {result["title"]: result for result in api("an ninh trat tu")["results"]}
    assert found["An ninh – Quốc phòng"]["kind"] == searchable_categories.name
    assert "Quân sự địa phương" in found["An ninh – Quốc phòng"]["snippet"]
    assert found["Họp bàn an ninh trật tự khu phố"]["kind"] == "article"

    index.rebuild()  # the rebuild reads every declared type too
    assert {result["kind"] for result in api("an ninh trat tu")["results"]} == {"section", "article"}


def test_a_type_that_stops_declaring_search_is_left_out_of_results(ward_site, make_article, api, monkeypatch):
    make_article(ward_site, "Đảng uỷ phường họp phiên thường kỳ")
    assert api("dang uy")["count"] == 1
    monkeypatch.setattr(ArticlePage, "content_kind", ContentKind(name="article"))
    content.registered.cache_clear()
    try:
        # The entry stays until the next rebuild; the result is not shown half-read (and nothing fails).
        assert api("dang uy")["results"] == []
    finally:
        monkeypatch.undo()
        content.registered.cache_clear()
