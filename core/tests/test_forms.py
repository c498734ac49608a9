import pytest

from news.models import ArticlePage, CategoryPage

pytestmark = pytest.mark.django_db


def article_form(category, slug):
    form_class = ArticlePage.get_edit_handler().get_form_class()
    form = form_class(instance=ArticlePage(), parent_page=category, for_user=None)
    form.cleaned_data = {"slug": slug}
    return form


def test_admin_slug_with_vietnamese_letters_becomes_ascii_keeping_d(ward_site):
    category = CategoryPage.objects.child_of(ward_site.root_page).first()
    # What the admin's script proposes for "Đường phố sạch đẹp" with Vietnamese letters kept.
    assert article_form(category, "đường-phố-sạch-đẹp").clean_slug() == "duong-pho-sach-dep"
    assert article_form(category, "mua-he-xanh").clean_slug() == "mua-he-xanh"


def test_a_slug_that_clashes_once_made_ascii_is_refused_on_the_form(ward_site, make_article):
    page = make_article(ward_site, "Đường phố sạch đẹp")
    category = page.get_parent().specific
    form = article_form(category, "đường-phố-sạch-đẹp")
    form.cleaned_data["slug"] = form.clean_slug()
    form.clean()
    assert "slug" in form.errors
