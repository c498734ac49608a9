"""Procedures in the portal's Vietnamese search (`"kind": "procedure"`), per site, and in the page cache."""

import pytest

from procedures.importing import ProcedureLoader

pytestmark = pytest.mark.django_db


def _api(client, q, **headers):
    response = client.get("/api/search/", {"q": q}, **headers)
    assert response.status_code == 200
    return response.json()["results"]


@pytest.fixture
def procedures(ward_site, other_site, make_procedure, make_article):
    make_article(ward_site, "Phường tiếp nhận hồ sơ trực tuyến", lead="Người dân nộp hồ sơ qua mạng.")
    return {
        "birth": make_procedure(
            ward_site,
            "1.000001",
            "Đăng ký khai sinh",
            summary="Cha mẹ đăng ký khai sinh cho trẻ mới sinh.",
            papers="Giấy chứng sinh",
        ),
        "copy": make_procedure(ward_site, "2.000001", "Chứng thực bản sao từ bản chính", field="Chứng thực"),
        "other": make_procedure(other_site, "1.000001", "Đăng ký khai sinh tại Bãi Cháy"),
    }


@pytest.mark.parametrize("q", ["đăng ký khai sinh", "dang ky khai sinh", "DANG KY KHAI SINH"])
def test_a_procedure_is_found_with_or_without_accents_with_its_kind(procedures, client, q):
    results = _api(client, q)
    assert results[0]["title"] == "Đăng ký khai sinh"
    assert results[0]["kind"] == "procedure"
    assert results[0]["url"].endswith("/thu-tuc-hanh-chinh/dang-ky-khai-sinh/")


def test_papers_and_code_are_searchable_and_articles_stay_beside(procedures, client):
    assert [r["title"] for r in _api(client, "giay chung sinh")] == ["Đăng ký khai sinh"]
    assert _api(client, "2.000001")[0]["title"] == "Chứng thực bản sao từ bản chính"
    kinds = {r["kind"] for r in _api(client, "ho so")}
    assert "article" in kinds


def test_each_site_finds_only_its_own_procedures(procedures, client):
    assert "Đăng ký khai sinh tại Bãi Cháy" not in [r["title"] for r in _api(client, "khai sinh")]
    titles = [r["title"] for r in _api(client, "khai sinh", HTTP_HOST="baichay.localhost")]
    assert titles == ["Đăng ký khai sinh tại Bãi Cháy"]


def test_unpublishing_takes_a_procedure_out_of_search(procedures, client):
    procedures["copy"].unpublish()
    assert _api(client, "chung thuc ban sao") == []


def test_the_site_search_page_lists_procedures(procedures, client):
    response = client.get("/tim-kiem/", {"q": "khai sinh"})
    assert response.status_code == 200
    assert 'href="/thu-tuc-hanh-chinh/dang-ky-khai-sinh/"' in response.content.decode()


def test_an_import_refreshes_the_cached_listing(procedures, ward_site, client):
    assert "Đăng ký kết hôn" not in client.get("/thu-tuc-hanh-chinh/").content.decode()
    record = {"code": "1.000003", "name": "Đăng ký kết hôn", "field": "Hộ tịch"}
    assert ProcedureLoader(ward_site).load([record]).created == 1
    assert "Đăng ký kết hôn" in client.get("/thu-tuc-hanh-chinh/").content.decode()
    assert _api(client, "ket hon")[0]["kind"] == "procedure"
