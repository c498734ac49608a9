"""The /thu-tuc-hanh-chinh/ section: grouped by field, filtered by `linh-vuc` and `q`, one page per procedure."""

import pytest
from django.core.exceptions import ValidationError

from procedures.models import ProcedureIndexPage, ProcedurePage, validate_service_url

pytestmark = pytest.mark.django_db

SERVICE = "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html"


@pytest.fixture
def catalogue(ward_site, make_procedure):
    return {
        "birth": make_procedure(
            ward_site,
            "1.000001",
            "Đăng ký khai sinh",
            summary="Đăng ký khai sinh cho trẻ.",
            processing_time="Ngay trong ngày làm việc",
            fees="Miễn lệ phí",
            papers="Tờ khai theo mẫu\nGiấy chứng sinh",
            steps="Nộp hồ sơ\nNhận giấy khai sinh",
            service_url=SERVICE,
            level="toan-trinh",
        ),
        "death": make_procedure(ward_site, "1.000002", "Đăng ký khai tử"),
        "copy": make_procedure(ward_site, "2.000001", "Chứng thực bản sao từ bản chính", field="Chứng thực"),
        "draft": make_procedure(ward_site, "2.000002", "Chứng thực chữ ký", field="Chứng thực", publish=False),
    }


def _names(response):
    import re

    assert response.status_code == 200
    return re.findall(r'<td><a href="[^"]+">([^<]+)</a></td>', response.content.decode())


def _groups(response):
    import re

    return re.findall(r'<h2 id="field-\d+" class="section-title">([^<]+)</h2>', response.content.decode())


def test_every_new_ward_site_gets_the_section_in_its_menu(ward_site, other_site):
    for site in (ward_site, other_site):
        section = ProcedureIndexPage.objects.child_of(site.root_page).get()
        assert section.live and section.show_in_menus and section.url_path.endswith("/thu-tuc-hanh-chinh/")


def test_listing_groups_published_procedures_by_field(catalogue, client):
    response = client.get("/thu-tuc-hanh-chinh/")
    assert _groups(response) == ["Chứng thực", "Hộ tịch"]
    assert _names(response) == ["Chứng thực bản sao từ bản chính", "Đăng ký khai sinh", "Đăng ký khai tử"]
    assert 'href="/thu-tuc-hanh-chinh/"' in client.get("/").content.decode()  # in the header menu


def test_field_filter_and_accentless_query_combine(catalogue, client):
    assert _names(client.get("/thu-tuc-hanh-chinh/", {"linh-vuc": "ho-tich"})) == [
        "Đăng ký khai sinh",
        "Đăng ký khai tử",
    ]
    assert _names(client.get("/thu-tuc-hanh-chinh/", {"linh-vuc": "ho-tich", "q": "dang ky KHAI SINH"})) == [
        "Đăng ký khai sinh"
    ]
    assert _names(client.get("/thu-tuc-hanh-chinh/", {"linh-vuc": "chung-thuc", "q": "khai sinh"})) == []
    assert _names(client.get("/thu-tuc-hanh-chinh/", {"q": "2.000001"})) == ["Chứng thực bản sao từ bản chính"]


def test_an_unknown_field_is_dropped_and_said(catalogue, client):
    response = client.get("/thu-tuc-hanh-chinh/", {"linh-vuc": "khong-co"})
    assert len(_names(response)) == 3
    assert "Không có lĩnh vực “khong-co”; đã bỏ qua bộ lọc này." in response.content.decode()


def test_hostile_strings_in_every_parameter_give_an_inert_page(catalogue, client):
    from core.tests.hostile_corpus import HOSTILE_STRINGS, assert_inert_html

    for value in [*HOSTILE_STRINGS, "\x00", "%ff", "a" * 5000]:
        response = client.get("/thu-tuc-hanh-chinh/", {"q": value, "linh-vuc": value})
        assert response.status_code == 200, value
        assert_inert_html(response.content.decode())


def test_procedure_page_shows_its_facts_and_links_out_to_the_service(catalogue, client):
    response = client.get(catalogue["birth"].url)
    body = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="article-title">Đăng ký khai sinh</h1>' in body
    for fact in ("1.000001", "Hộ tịch", "Ngay trong ngày làm việc", "Miễn lệ phí", "toàn trình"):
        assert fact in body
    assert "<li>Tờ khai theo mẫu</li><li>Giấy chứng sinh</li>" in body
    assert "<ol><li>Nộp hồ sơ</li><li>Nhận giấy khai sinh</li></ol>" in body
    assert f'<a href="{SERVICE}" rel="noopener noreferrer external">Nộp hồ sơ trực tuyến' in body
    assert "ra ngoài cổng thông tin này" in body
    assert 'href="/thu-tuc-hanh-chinh/?linh-vuc=ho-tich"' in body


def test_a_procedure_without_a_service_says_so_and_has_no_outbound_link(catalogue, client):
    body = client.get(catalogue["death"].url).content.decode()
    assert "Chưa có; nộp hồ sơ tại Bộ phận một cửa" in body
    assert "dichvucong.gov.vn" not in body


def test_an_unpublished_procedure_is_not_served(catalogue, client):
    assert client.get("/thu-tuc-hanh-chinh/chung-thuc-chu-ky/").status_code == 404


def test_pages_of_another_site_are_not_listed_and_codes_are_unique_per_site(
    catalogue, other_site, make_procedure, client
):
    make_procedure(other_site, "1.000001", "Đăng ký khai sinh ở Bãi Cháy")
    assert "Đăng ký khai sinh ở Bãi Cháy" not in _names(client.get("/thu-tuc-hanh-chinh/"))
    assert _names(client.get("/thu-tuc-hanh-chinh/", HTTP_HOST="baichay.localhost")) == ["Đăng ký khai sinh ở Bãi Cháy"]
    section = catalogue["birth"].get_parent()
    clash = ProcedurePage(code=" 1.000001 ", title="Trùng mã", field="Hộ tịch")
    clash._cached_parent_obj = section
    with pytest.raises(ValidationError) as caught:
        clash.full_clean(exclude=["path", "depth", "content_type", "slug", "url_path"])
    assert "Mã thủ tục “1.000001” đã dùng cho thủ tục “Đăng ký khai sinh” của phường." in caught.value.messages


@pytest.mark.parametrize(
    "url",
    [
        "http://dichvucong.gov.vn/",
        "javascript:alert(1)",
        "https://dichvucong.gov.vn.example.com/",
        "https://evil.example/?dichvucong.gov.vn",
        "https://user:pass@dichvucong.gov.vn/",
        "https://gov.vn.evil/",
        "//dichvucong.gov.vn/",
    ],
)
def test_only_https_links_to_government_hosts_are_accepted(url):
    with pytest.raises(ValidationError):
        validate_service_url(url)


@pytest.mark.parametrize("url", [SERVICE, "https://dichvucong.quangninh.gov.vn/dich-vu-cong/1"])
def test_the_national_and_provincial_portals_are_accepted(url):
    validate_service_url(url)


def test_the_sitemap_lists_published_procedures(catalogue, client):
    body = client.get("/sitemap.xml").content.decode()
    assert "/thu-tuc-hanh-chinh/dang-ky-khai-sinh/" in body
    assert "/thu-tuc-hanh-chinh/chung-thuc-chu-ky/" not in body  # not published
