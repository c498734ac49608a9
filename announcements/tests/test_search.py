"""Announcements in the portal's Vietnamese search, beside articles, with their own kind."""

import datetime

import pytest

from announcements.tests.conftest import TODAY

pytestmark = pytest.mark.django_db


def _api(client, q, host="localhost"):
    response = client.get("/api/search/", {"q": q}, HTTP_HOST=host)
    assert response.status_code == 200
    return response.json()["results"]


def test_an_announcement_is_found_without_accents_with_its_kind(ward_site, make_announcement, client):
    make_announcement(
        ward_site,
        "Tạm ngừng cấp nước khu phố 3",
        lead="Thay đoạn ống chính bị rò rỉ.",
        body="<p>Các hộ dân chủ động trữ nước trước 8 giờ sáng.</p>",
    )
    [result] = _api(client, "ngung cap nuoc")
    assert result["kind"] == "announcement"
    assert result["title"] == "Tạm ngừng cấp nước khu phố 3"
    assert result["category"] == "Thông báo"
    assert result["url"].endswith("/thong-bao/tam-ngung-cap-nuoc-khu-pho-3/")
    assert [r["kind"] for r in _api(client, "tru nuoc truoc 8 gio")] == ["announcement"]  # words of the body


def test_a_past_announcement_is_still_found_and_articles_stay_beside_it(
    ward_site, make_announcement, make_article, client
):
    make_announcement(
        ward_site,
        "Tiêm phòng dại cho chó mèo",
        published_on=TODAY - datetime.timedelta(days=40),
        shown_until=TODAY - datetime.timedelta(days=30),
    )
    make_article(ward_site, "Phường tổ chức tiêm phòng dại", lead="Tiêm phòng cho vật nuôi.")
    kinds = sorted(result["kind"] for result in _api(client, "tiem phong dai"))
    assert kinds == ["announcement", "article"]


def test_unpublished_and_other_wards_announcements_are_not_found(ward_site, other_site, make_announcement, client):
    page = make_announcement(ward_site, "Họp dân khu phố 7")
    make_announcement(other_site, "Họp dân bến tàu")
    assert [r["title"] for r in _api(client, "hop dan")] == ["Họp dân khu phố 7"]
    page.unpublish()
    assert _api(client, "hop dan") == []
