import re

from wardinfo.models import ContactsPage


def language_switch(html, label):
    """The language switch's contents; it must sit inside the page's header (the banner), not below it."""
    header = html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
    assert html.count(f'<nav class="language-switch" aria-label="{label}">') == 1
    return header.split(f'<nav class="language-switch" aria-label="{label}">', 1)[1].split("</nav>", 1)[0]


def test_an_untranslated_page_has_no_english_version_and_no_link(section, make_unit, ward_site, client):
    make_unit(ward_site, "Uỷ ban nhân dân phường", phone="0203 3800 000")  # no English name
    for path in (
        "/en/gioi-thieu/",
        "/en/gioi-thieu/co-cau-to-chuc/",
        "/en/gioi-thieu/lanh-dao/",
        "/en/gioi-thieu/lien-he/",
    ):
        assert client.get(path).status_code == 404, path
    html = client.get("/gioi-thieu/co-cau-to-chuc/").content.decode()
    assert "hreflang" not in html and "/en/" not in html and "language-switch" not in html


def test_english_pages_live_under_en_with_hreflang_both_ways(section, ward_site, make_unit, make_leader, client):
    section.summary_en = "The ward lies on the shore of the bay."
    section.save_revision().publish()
    committee = make_unit(
        ward_site, "Uỷ ban nhân dân phường", title_en="Ward People's Committee", phone="0203 3800 000"
    )
    make_unit(ward_site, "Phòng chưa dịch", parent_unit=committee)
    make_leader(
        ward_site, "Trần Thị Bình", "Chủ tịch", position_en="Chairperson", unit=committee, email="b@example.org"
    )
    make_leader(ward_site, "Người Chưa Dịch", "Phó Chủ tịch", email="c@example.org")
    for vietnamese in ("/gioi-thieu/", "/gioi-thieu/co-cau-to-chuc/", "/gioi-thieu/lanh-dao/", "/gioi-thieu/lien-he/"):
        english = client.get("/en" + vietnamese, HTTP_HOST="localhost")
        assert english.status_code == 200, vietnamese
        html = english.content.decode()
        assert '<html lang="en">' in html
        assert f'<link rel="canonical" href="http://localhost/en{vietnamese}">' in html
        assert f'<link rel="alternate" hreflang="vi" href="http://localhost{vietnamese}">' in html
        assert f'<link rel="alternate" hreflang="en" href="http://localhost/en{vietnamese}">' in html
        assert f'<a href="{vietnamese}" hreflang="vi" lang="vi">Tiếng Việt</a>' in html
        assert "Người Chưa Dịch" not in html and "Phòng chưa dịch" not in html and "Phó Chủ tịch" not in html
        original = client.get(vietnamese, HTTP_HOST="localhost").content.decode()
        assert '<html lang="vi">' in original
        assert f'<link rel="alternate" hreflang="en" href="http://localhost/en{vietnamese}">' in original
        assert language_switch(original, "Ngôn ngữ") == f'<a href="/en{vietnamese}" hreflang="en" lang="en">English</a>'
        assert language_switch(html, "Language") == f'<a href="{vietnamese}" hreflang="vi" lang="vi">Tiếng Việt</a>'
    organisation = client.get("/en/gioi-thieu/co-cau-to-chuc/").content.decode()
    assert re.search(r"<strong>Ward People&#x27;s Committee</strong>", organisation)
    assert "Chairperson" in client.get("/en/gioi-thieu/lanh-dao/").content.decode()


def test_english_urls_that_are_not_such_pages_are_not_found(section, client):
    for path in ("/en/", "/en/gioi-thieu/lich-su-van-hoa/", "/en/khong-co/", "/en/gioi-thieu", "/en/%00/"):
        assert client.get(path).status_code == 404, path
    assert client.post("/en/gioi-thieu/").status_code == 405
    assert ContactsPage.objects.count() == 1


def test_the_cached_header_shows_the_switch_only_on_pages_with_an_english_version(section, client, settings):
    # The header is a cached fragment per section: a page of the same section without English (the history
    # page) must not get the switch that the overview's header carries.
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    section.summary_en = "The ward lies on the shore of the bay."
    section.save_revision().publish()
    for _ in range(2):
        overview = client.get("/gioi-thieu/").content.decode()
        history = client.get("/gioi-thieu/lich-su-van-hoa/").content.decode()
        assert language_switch(overview, "Ngôn ngữ") == '<a href="/en/gioi-thieu/" hreflang="en" lang="en">English</a>'
        assert "language-switch" not in history and "/en/" not in history


def test_an_english_page_from_the_page_cache_is_the_fresh_render(section, client):
    section.summary_en = "The ward lies on the shore of the bay."
    section.save_revision().publish()
    fresh = client.get("/en/gioi-thieu/")
    cached = client.get("/en/gioi-thieu/")
    assert fresh.get("X-Page-Cache") != "HIT" and cached.get("X-Page-Cache") == "HIT"
    assert cached.content == fresh.content and cached["Content-Type"] == fresh["Content-Type"]
    assert '<html lang="en">' in cached.content.decode()
