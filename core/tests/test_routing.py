"""core.routing: the platform's one path -> page lookup, for any page type, in one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from core.routing import live_page_at


@pytest.fixture
def article(ward_site, make_article):
    return make_article(ward_site, "Thông báo lịch tiếp dân")


def _category(article):
    return article.get_parent()


def test_an_exact_path_is_one_query_whatever_the_type(ward_site, article):
    home = ward_site.root_page
    category = _category(article)
    for page in (article, category):
        components = page.url_path[len(home.url_path) :].strip("/").split("/")
        with CaptureQueriesContext(connection) as queries:
            found, rest = live_page_at(home, components)
        assert (found.pk, rest) == (page.pk, ())
        assert len(queries) == 1


def test_the_home_itself_costs_no_query(ward_site):
    home = ward_site.root_page
    with CaptureQueriesContext(connection) as queries:
        assert live_page_at(home, []) == (home, ())
    assert len(queries) == 0


def test_a_queryset_narrows_the_type(ward_site, article):
    home = ward_site.root_page
    category = _category(article)
    only_articles = Page.objects.type(type(article.specific))
    assert live_page_at(home, [category.slug], only_articles) == (None, (category.slug,))
    assert live_page_at(home, [category.slug, article.slug], only_articles)[0].pk == article.pk


def test_deepest_gives_the_page_and_what_is_left_below_it_in_one_query(ward_site, article):
    home = ward_site.root_page
    category = _category(article)
    with CaptureQueriesContext(connection) as queries:
        found, rest = live_page_at(home, [category.slug, "rss"], deepest=True)
    assert (found.pk, rest) == (category.pk, ("rss",))
    assert len(queries) == 1
    found, rest = live_page_at(home, ["khong-co-trang-nay", "rss"], deepest=True)
    assert (found.pk, rest) == (home.pk, ("khong-co-trang-nay", "rss"))


def test_a_page_not_live_is_not_found(ward_site, article):
    home = ward_site.root_page
    components = [_category(article).slug, article.slug]
    article.unpublish()
    assert live_page_at(home, components) == (None, tuple(components))
    found, rest = live_page_at(home, components, deepest=True)
    assert (found.pk, rest) == (_category(article).pk, (article.slug,))


def test_another_sites_page_is_not_found(ward_site, other_site, make_article):
    theirs = make_article(other_site, "Tin của phường khác")
    components = [_category(theirs).slug, theirs.slug]
    assert live_page_at(ward_site.root_page, components) == (None, tuple(components))
