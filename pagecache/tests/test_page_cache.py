import pytest
from django.test import Client

from news.models import ArticlePage
from wards.models import WardSettings

pytestmark = pytest.mark.django_db


def hit(response):
    return response.get("X-Page-Cache") == "HIT"


@pytest.fixture
def articles(ward_site, make_article):
    return {
        "gov": make_article(ward_site, "Tin chính quyền đầu tiên", category="chinh-quyen"),
        "culture": make_article(ward_site, "Tin văn hoá đầu tiên", category="van-hoa-xa-hoi"),
    }


def test_second_anonymous_view_is_a_hit_with_the_same_bytes(client, articles):
    url = articles["gov"].url
    first = client.get(url)
    second = client.get(url)
    assert not hit(first) and hit(second)
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_gzip_is_served_to_clients_that_accept_it(client, articles):
    import gzip

    url = articles["gov"].url
    plain = client.get(url).content
    zipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert hit(zipped) and zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain


def test_publishing_an_article_refreshes_its_category_home_and_feeds_only(client, ward_site, make_article, articles):
    urls = {
        "home": "/",
        "category": "/chinh-quyen/",
        "feed": "/rss/",
        "sibling": articles["gov"].url,
        "other_category": "/van-hoa-xa-hoi/",
        "other_article": articles["culture"].url,
    }
    for url in urls.values():
        client.get(url)
    assert all(hit(client.get(url)) for url in urls.values())

    new = make_article(ward_site, "Thông báo mới của phường", category="chinh-quyen")

    for name in ("home", "category", "feed", "sibling"):
        response = client.get(urls[name])
        assert not hit(response), name
        assert new.title in response.content.decode(), name
    assert hit(client.get(urls["other_category"]))
    assert hit(client.get(urls["other_article"]))


def test_unpublishing_and_editing_are_seen_at_once(client, articles):
    page = articles["gov"]
    client.get(page.url)
    page = ArticlePage.objects.get(pk=page.pk)
    page.title = "Tiêu đề đã sửa"
    page.save_revision().publish()
    assert "Tiêu đề đã sửa" in client.get(page.url).content.decode()
    page.unpublish()
    assert client.get(page.url).status_code == 404
    assert "Tiêu đề đã sửa" not in client.get("/chinh-quyen/").content.decode()


def test_moving_an_article_refreshes_both_categories(client, ward_site, articles):
    from news.models import CategoryPage

    page = articles["gov"]
    client.get("/chinh-quyen/")
    client.get("/van-hoa-xa-hoi/")
    target = CategoryPage.objects.child_of(ward_site.root_page).get(slug="van-hoa-xa-hoi")
    page.move(target, pos="last-child")
    assert page.title not in client.get("/chinh-quyen/").content.decode()
    assert page.title in client.get("/van-hoa-xa-hoi/").content.decode()


def test_renaming_a_section_refreshes_every_page_of_its_site_only(client, ward_site, other_site, articles):
    # A category is a section (core.content): the header menu of every page lists it.
    from news.models import CategoryPage

    client.get(articles["culture"].url)
    client.get("/", HTTP_HOST="baichay.localhost")
    category = CategoryPage.objects.child_of(ward_site.root_page).get(slug="chinh-quyen")
    category.title = "Chính quyền cơ sở"
    category.save_revision().publish()
    assert "Chính quyền cơ sở" in client.get(articles["culture"].url).content.decode()
    assert hit(client.get("/", HTTP_HOST="baichay.localhost"))


def test_changing_site_settings_refreshes_every_page_of_that_site_only(client, ward_site, other_site, articles):
    client.get(articles["culture"].url)
    client.get("/", HTTP_HOST="baichay.localhost")
    settings = WardSettings.for_site(ward_site)
    settings.phone = "0203 9999 999"
    settings.save()
    assert "0203 9999 999" in client.get(articles["culture"].url).content.decode()
    assert hit(client.get("/", HTTP_HOST="baichay.localhost"))


def test_hosts_and_queries_are_cached_apart_and_tracking_params_ignored(client, ward_site, other_site, articles):
    here = client.get("/", HTTP_HOST="localhost")
    there = client.get("/", HTTP_HOST="baichay.localhost")
    assert "Phường Bãi Cháy" in there.content.decode()
    assert "Phường Bãi Cháy" not in here.content.decode()
    client.get("/chinh-quyen/?page=1")
    assert not hit(client.get("/chinh-quyen/?page=2"))
    assert hit(client.get("/chinh-quyen/?page=1&fbclid=abc&utm_source=zalo"))


def test_logged_in_editors_are_never_served_or_stored(client, articles, django_user_model):
    url = articles["gov"].url
    client.get(url)
    editor = django_user_model.objects.create_user("bientap", password="mat-khau-dai-12345")
    editor_client = Client()
    editor_client.force_login(editor)
    response = editor_client.get(url)
    assert not hit(response)
    assert "private" in response["Cache-Control"]
    assert not hit(editor_client.get(url))


def test_wagtail_made_up_requests_are_neither_answered_nor_stored(articles):
    # make_preview_request (previews, the archive's renders of a revision) shows a version that need not be live.
    article = articles["gov"]
    client = Client(HTTP_HOST="localhost")
    client.get(article.url)
    assert hit(client.get(article.url))
    article.title = "Bản nháp chưa đăng"
    preview = article.save_revision().as_object().make_preview_request()
    assert not hit(preview) and "Bản nháp chưa đăng" in preview.content.decode()
    again = client.get(article.url)
    assert hit(again) and "Bản nháp chưa đăng" not in again.content.decode()


def test_pages_that_set_cookies_or_errors_are_not_stored(client, ward_site):
    client.get("/khong-co/")
    assert not hit(client.get("/khong-co/"))


def test_cache_outage_falls_back_to_rendering(client, articles, settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"},
    }
    # Nothing listens on port 1: every cache call fails, as when Redis is down.
    response = client.get(articles["gov"].url)
    assert response.status_code == 200
    assert articles["gov"].title in response.content.decode()
