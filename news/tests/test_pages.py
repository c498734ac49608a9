import json
import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

ARTICLE_BODY = "<p>Sáng nay, phường tổ chức ra quân dọn vệ sinh bãi biển.</p><p>Có 300 người tham gia.</p>"


@pytest.fixture
def article(ward_site, make_article):
    import datetime

    return make_article(
        ward_site,
        "Ra quân làm sạch bãi biển đầu mùa du lịch",
        category="van-hoa-xa-hoi",
        published=datetime.datetime(2023, 3, 28, 1, 30, tzinfo=datetime.UTC),
        lead="Hàng trăm đoàn viên, thanh niên cùng người dân tham gia làm sạch bờ biển.",
        body=ARTICLE_BODY,
        source="Hồng Gai ngày mới",
        author="Trần Thị Lan",
    )


def test_article_page_shows_what_a_reader_expects(client, article):
    response = client.get(article.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert '<h1 class="article-title">Ra quân làm sạch bãi biển đầu mùa du lịch</h1>' in html
    assert "Thứ Ba, 28/03/2023 08:30" in html
    assert "Hàng trăm đoàn viên" in html
    assert "Có 300 người tham gia." in html
    assert "Nguồn: Hồng Gai ngày mới" in html
    assert '<meta name="description" content="Hàng trăm đoàn viên' in html
    assert f'<link rel="canonical" href="http://testserver{article.url}">' in html
    assert '<meta property="og:type" content="article">' in html


def test_article_json_ld_is_valid_news_article(client, article):
    html = client.get(article.url).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.title
    assert data["datePublished"].startswith("2023-03-28T08:30:00+07:00")
    assert data["author"]["name"] == "Trần Thị Lan"


def test_json_ld_cannot_close_its_script(client, ward_site, make_article):
    page = make_article(ward_site, "Bài có </script><script>alert(1)</script> trong tiêu đề")
    html = client.get(page.url).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;/script&gt;" in html  # the visible title, escaped


def test_related_articles_come_from_the_same_category(client, ward_site, make_article, article):
    sibling = make_article(ward_site, "Tin cùng chuyên mục văn hoá", category="van-hoa-xa-hoi")
    stranger = make_article(ward_site, "Tin chuyên mục khác", category="chinh-quyen")
    html = client.get(article.url).content.decode()
    related = html.split("Tin cùng chuyên mục", 1)[1]
    assert sibling.title in related
    assert stranger.title not in related


def test_article_shows_its_tags_once_read(client, ward_site, make_article, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    page = make_article(ward_site, "Khắc phục ngập úng trên tuyến phố", category="chinh-quyen")
    page.tags.add("ngập úng", "giao thông")
    page.save_revision().publish()
    for _ in range(2):  # rendered afresh, then from the article's cached HTML
        html = client.get(page.url).content.decode()
        tags = html.split('aria-label="Từ khoá">', 1)[1].split("</ul>", 1)[0]
        assert "<li>ngập úng</li>" in tags and "<li>giao thông</li>" in tags


def test_related_cards_follow_publishing_in_the_category(client, ward_site, make_article, article, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0  # the cards' own memory is what is tested
    assert "Tin cùng chuyên mục" not in client.get(article.url).content.decode()
    newcomer = make_article(ward_site, "Liên hoan văn nghệ quần chúng", category="van-hoa-xa-hoi")
    related = client.get(article.url).content.decode().split("Tin cùng chuyên mục", 1)[1]
    assert newcomer.title in related and f'href="{newcomer.url}"' in related
    newcomer.title = "Liên hoan văn nghệ quần chúng mở rộng"
    newcomer.save_revision().publish()
    assert newcomer.title in client.get(article.url).content.decode()
    newcomer.unpublish()
    assert "Liên hoan văn nghệ" not in client.get(article.url).content.decode()


def test_article_render_query_count_does_not_grow_with_related_items(
    client, ward_site, make_article, article, settings
):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0  # measure rendering, not the page cache
    client.get(article.url)  # warm caches of site lookup

    def queries(cold):
        if cold:  # the article's parts and the category's cards rendered afresh, as after a publish
            caches["fragments"].clear()
        with CaptureQueriesContext(connection) as capture:
            client.get(article.url)
        # Copy at once: the capture reads a query log that the next request resets.
        return len(capture.captured_queries)

    few, few_warm = queries(cold=True), queries(cold=False)
    for index in range(8):
        make_article(ward_site, f"Tin thêm số {index}", category="van-hoa-xa-hoi")
    many, many_warm = queries(cold=True), queries(cold=False)
    assert 0 < few <= 8
    assert many == few
    assert 0 < many_warm == few_warm < few


def test_home_shows_featured_latest_and_categories(client, ward_site, make_article):
    make_article(ward_site, "Tin nổi bật của tuần", featured=True)
    make_article(ward_site, "Tin về quốc phòng", category="an-ninh-quoc-phong")
    html = client.get("/").content.decode()
    assert "Tin nổi bật của tuần" in html
    assert "An ninh – Quốc phòng" in html
    assert "Tin về quốc phòng" in html
    assert "Phường Hồng Gai" in html


def test_category_listing_paginates_and_tolerates_bad_page_numbers(client, ward_site, make_article):
    for index in range(14):
        make_article(ward_site, f"Bài số {index:02d}")
    first = client.get("/tin-tuc-su-kien/").content.decode()
    assert "Trang 1/2" in first
    second = client.get("/tin-tuc-su-kien/?page=2")
    assert "Trang 2/2" in second.content.decode()
    for bad in ("abc", "-1", "999", "1e9"):
        response = client.get(f"/tin-tuc-su-kien/?page={bad}")
        assert response.status_code == 200


def test_sites_see_only_their_own_articles(client, ward_site, other_site, make_article):
    ours = make_article(ward_site, "Tin của Hồng Gai")
    theirs = make_article(other_site, "Tin của Bãi Cháy")
    home_here = client.get("/", HTTP_HOST="localhost").content.decode()
    home_there = client.get("/", HTTP_HOST="baichay.localhost").content.decode()
    assert ours.title in home_here and theirs.title not in home_here
    assert theirs.title in home_there and ours.title not in home_there
    assert "Phường Bãi Cháy" in home_there
    assert client.get(theirs.url, HTTP_HOST="localhost").status_code == 404


def test_not_found_page_is_vietnamese(client, ward_site):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_server_error_page_is_vietnamese_and_leaks_nothing(rf):
    from core.views import server_error

    response = server_error(rf.get("/"))
    body = response.content.decode()
    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in body
    assert "Traceback" not in body


def test_sitemap_and_robots(client, ward_site, article):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert article.url in sitemap
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots


def test_anonymous_pages_are_publicly_cacheable(client, article):
    response = client.get(article.url)
    assert "public" in response["Cache-Control"]


def test_cached_parts_of_an_article_follow_its_next_revision_and_its_category(client, article, settings):
    # The page cache is off: what is left are the article's and the header's cached fragments.
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    assert (
        '<h1 class="article-title">Ra quân làm sạch bãi biển đầu mùa du lịch</h1>'
        in client.get(article.url).content.decode()
    )

    article.title = "Ra quân làm sạch bãi biển lần thứ hai"
    article.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert '<h1 class="article-title">Ra quân làm sạch bãi biển lần thứ hai</h1>' in html

    category = article.get_parent().specific
    category.title = "Đời sống văn hoá"
    category.save_revision().publish()
    html = client.get(article.url).content.decode()
    breadcrumb = re.search(r'<nav class="breadcrumb".*?</nav>', html, re.S).group()
    menu = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group()
    assert "Đời sống văn hoá" in breadcrumb
    assert "Đời sống văn hoá" in menu


def test_a_preview_neither_reads_nor_leaves_cached_parts(client, article, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    published = '<h1 class="article-title">Ra quân làm sạch bãi biển đầu mùa du lịch</h1>'
    assert published in client.get(article.url).content.decode()  # the published parts are now cached

    article.title = "Bản nháp chưa duyệt"  # an edit shown in the editor's preview, not saved
    preview = article.make_preview_request().content.decode()
    assert '<h1 class="article-title">Bản nháp chưa duyệt</h1>' in preview

    public = client.get(article.url).content.decode()
    assert published in public
    assert "Bản nháp chưa duyệt" not in public

    # The other way round: a preview rendered first leaves nothing for readers.
    caches["fragments"].clear()
    assert "Bản nháp chưa duyệt" in article.make_preview_request().content.decode()
    assert "Bản nháp chưa duyệt" not in client.get(article.url).content.decode()
