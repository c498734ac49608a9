import re

from wardinfo.models import ContactsPage


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
    assert "hreflang" not in html and "/en/" not in html


def test_english_pages_live_under_en_with_hreflang_both_ways(section, ward_site, make_unit, make_leader, client):
    section.summary_en = "The ward lies on the shore of the bay."
    section.save_revision().publish()
    committee = make_unit(ward_site, "Uỷ ban nhân dân phường", name_en="Ward People's Committee", phone="0203 3800 000")
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
        switch = original.split('<nav class="site-nav language-switch" aria-label="Ngôn ngữ">')[1].split("</nav>")[0]
        assert f'<a href="/en{vietnamese}" hreflang="en" lang="en">English</a>' in switch
        assert original.index("language-switch") < original.index("<main")
    organisation = client.get("/en/gioi-thieu/co-cau-to-chuc/").content.decode()
    assert re.search(r"<strong>Ward People&#x27;s Committee</strong>", organisation)
    assert "Chairperson" in client.get("/en/gioi-thieu/lanh-dao/").content.decode()


def test_english_urls_that_are_not_such_pages_are_not_found(section, client):
    for path in ("/en/", "/en/gioi-thieu/lich-su-van-hoa/", "/en/khong-co/", "/en/gioi-thieu", "/en/%00/"):
        assert client.get(path).status_code == 404, path
    assert client.post("/en/gioi-thieu/").status_code == 405
    assert ContactsPage.objects.count() == 1
