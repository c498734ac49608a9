"""Private pages stay private although each process remembers which pages are (core.restrictions)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


def _restrict(page, kind=PageViewRestriction.LOGIN, password=""):
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, password=password)


def test_a_public_article_is_served_without_asking_for_restrictions(client, ward_site, make_article, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    article = make_article(ward_site, "Lịch tiếp công dân tháng này")
    client.get(article.url)
    with CaptureQueriesContext(connection) as capture:
        response = client.get(article.url)
    assert response.status_code == 200
    tables = " ".join(query["sql"] for query in capture.captured_queries)
    assert "wagtailcore_pageviewrestriction" not in tables


def test_restricting_a_cached_article_hides_it_at_once_and_lifting_it_shows_it(client, ward_site, make_article):
    article = make_article(ward_site, "Kế hoạch nội bộ của tổ dân phố")
    assert client.get(article.url).status_code == 200  # now in the page cache and in the process's memory
    assert client.get(article.url).status_code == 200
    restriction = _restrict(article)
    response = client.get(article.url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert "Kế hoạch nội bộ" not in response.content.decode()
    restriction.delete()
    assert client.get(article.url).status_code == 200


def test_a_restricted_category_hides_its_articles_and_keeps_them_out_of_listings(client, ward_site, make_article):
    hidden = make_article(ward_site, "Biên bản họp chi bộ", category="chinh-quyen")
    shown = make_article(ward_site, "Thông báo lịch cắt điện", category="tin-tuc-su-kien")
    assert hidden.title in client.get("/").content.decode()
    _restrict(hidden.get_parent(), PageViewRestriction.PASSWORD, password="mat-khau-chi-bo")
    response = client.get(hidden.url)
    assert response.status_code == 200  # Wagtail's password form, not the article
    assert "Biên bản họp chi bộ" not in response.content.decode()
    assert 'name="password"' in response.content.decode()
    home = client.get("/").content.decode()
    assert hidden.title not in home
    assert shown.title in home


def test_related_cards_leave_out_a_restricted_sibling(client, ward_site, make_article):
    reader = make_article(ward_site, "Tin công khai về trường học", category="van-hoa-xa-hoi")
    sibling = make_article(ward_site, "Danh sách học sinh được hỗ trợ", category="van-hoa-xa-hoi")
    assert sibling.title in client.get(reader.url).content.decode()
    _restrict(sibling)
    assert sibling.title not in client.get(reader.url).content.decode()


def test_an_alias_of_a_restricted_article_is_restricted(client, ward_site, make_article):
    from news.models import CategoryPage

    original = make_article(ward_site, "Hồ sơ đất đai chờ xử lý", category="chinh-quyen")
    _restrict(original)
    other_category = CategoryPage.objects.child_of(ward_site.root_page).get(slug="tin-tuc-su-kien")
    alias = original.create_alias(parent=other_category, update_slug="ho-so-dat-dai-ban-sao")
    response = client.get(alias.url)
    assert response.status_code == 302
    assert "Hồ sơ đất đai" not in response.content.decode()


def test_another_process_learns_of_a_new_restriction_from_the_shared_generation(
    client, ward_site, make_article, settings
):
    from core import memory, restrictions

    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    article = make_article(ward_site, "Báo cáo tài chính quý")
    assert restrictions.is_known_public(article)
    # As another process would: the restriction is stored without this process's memory being told.
    before = restrictions.restricted_roots()
    PageViewRestriction.objects.bulk_create(  # bulk_create sends no signals
        [PageViewRestriction(page=article, restriction_type=PageViewRestriction.LOGIN)]
    )
    assert restrictions.restricted_roots() == before  # the process still trusts its copy...
    restrictions.changed()  # ...until the generation moves (the other process's signal handler)
    memory.forget_all()
    assert not restrictions.is_known_public(article)
    assert client.get(article.url).status_code == 302
