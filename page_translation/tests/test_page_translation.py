"""Per-language page fields: which editors get English inputs, what the Vietnamese admin writes, and migrate."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

from editorial.tests.fixtures import login_verified
from news.models import ArticlePage, CategoryPage
from wardinfo.models import OrganisationPage, UnitPage


def _form(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return querydict_from_html(response.content.decode(), form_id="page-edit-form")


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("sieu-quan-tri", "sq@example.org", "Tre-Xanh-Ven-Bien-9")


@pytest.fixture
def admin_client(client, ward_site, admin_user):
    return login_verified(client, admin_user)


def _english_editor(user):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()


@pytest.mark.django_db
def test_a_news_article_keeps_one_title_field_which_writes_vietnamese_even_from_the_english_admin(
    admin_client, admin_user, ward_site
):
    _english_editor(admin_user)
    category = CategoryPage.objects.child_of(ward_site.root_page).get(slug="tin-tuc-su-kien")
    url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", category.pk])
    data = _form(admin_client, url)
    assert "title" in data and "title_en" not in data and "title_vi" not in data
    data["title"] = "Phường ra quân dọn vệ sinh"
    data["slug"] = "ra-quan"
    data["published_at"] = "2026-03-01 08:00"
    for key, value in nested_form_data(
        {"body": streamfield([("paragraph", rich_text("<p>Sáng chủ nhật, các tổ dân phố ra quân.</p>"))])}
    ).items():
        data[key] = value
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = ArticlePage.objects.get(slug="ra-quan")
    assert article.title_vi == "Phường ra quân dọn vệ sinh"
    assert article.title_en in (None, "")


@pytest.mark.django_db
def test_a_unit_has_vietnamese_and_english_inputs_and_its_english_page_shows_what_the_editor_typed(
    admin_client, ward_site, client
):
    organisation = OrganisationPage.objects.descendant_of(ward_site.root_page).get()
    url = reverse("wagtailadmin_pages:add", args=["wardinfo", "unitpage", organisation.pk])
    data = _form(admin_client, url)
    for name in ("title_vi", "title_en", "functions_vi", "functions_en"):
        assert name in data
    assert "name_en" not in data
    data["title_vi"] = "Uỷ ban nhân dân phường"
    data["title_en"] = "Ward People\u2019s Committee"
    data["slug"] = "ubnd"
    data["action-publish"] = "action-publish"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    unit = UnitPage.objects.get(slug="ubnd")
    assert (unit.title, unit.title_en) == ("Uỷ ban nhân dân phường", "Ward People\u2019s Committee")
    if not unit.live:  # held by the approval workflow: published as its last step would
        unit.get_latest_revision().publish()
    english = client.get("/en" + organisation.url, HTTP_HOST=ward_site.hostname)
    assert english.status_code == 200
    assert "Ward People\u2019s Committee" in english.content.decode()


@pytest.mark.django_db
def test_migrate_fills_the_vietnamese_title_of_pages_that_predate_the_translation_columns(ward_site):
    page = Page.objects.get(pk=ward_site.root_page.pk)
    title = page.title
    # As after wagtail-modeltranslation's columns were added to an existing database.
    Page.objects.filter(pk=page.pk).update(title_vi=None, seo_title_vi=None)
    assert Page.objects.get(pk=page.pk).title == ""
    call_command("migrate", verbosity=0, interactive=False)
    assert Page.objects.get(pk=page.pk).title == title
