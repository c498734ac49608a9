"""Wagtail's own search (used by the admin) folds Vietnamese too."""

from django.contrib.auth import get_user_model
from wagtail.search.backends import get_search_backend

from editorial.tests.fixtures import login_verified
from news.models import ArticlePage


def test_backend_is_the_folding_one():
    assert type(get_search_backend()).__name__.startswith("Folding")


def test_model_search_finds_unaccented_and_other_tone_placement(ward_site, make_article):
    page = make_article(ward_site, "Đảng uỷ phường họp phiên thường kỳ")
    other = make_article(ward_site, "Phiên chợ cuối tuần")
    for query in ["dang uy", "Đảng ủy", "ĐẢNG UỶ", "Đảng uỷ"]:
        found = list(ArticlePage.objects.live().search(query))
        assert page in found, query
        assert other not in found, query


def test_admin_page_search_finds_unaccented(ward_site, make_article, client):
    page = make_article(ward_site, "Hoà giải thành công vụ tranh chấp đất đai")
    admin = get_user_model().objects.create_superuser("bientap", "bientap@example.com", "mat-khau-dai-123")
    login_verified(client, admin)  # administrators use a second factor (editorial)
    response = client.get("/admin/pages/search/", {"q": "hoa giai tranh chap"})
    assert response.status_code == 200
    assert page.title in response.content.decode()
