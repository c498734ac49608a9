"""English the catalogues could not reach: the tag field's help, the tree roots' names, the tab title."""

import re
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.utils import translation
from wagtail.models import Collection, Page

from admin_vi.catalogues import admin_facing_apps
from editorial.tests.fixtures import login_verified
from news.models import ArticlePage
from wards.sites import tree_root

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("compiled_catalogues")]


def test_the_tag_field_explains_itself_in_vietnamese():
    assert "taggit" in admin_facing_apps()
    help_text = ArticlePage._meta.get_field("tags").help_text
    with translation.override("en"):
        english = str(help_text)
    with translation.override("vi"):
        assert str(help_text) not in ("", english)
        assert "thẻ" in str(help_text)


def test_the_tree_roots_get_vietnamese_names():
    # As Wagtail's migrations leave them (an earlier transactional test may have flushed them: made again here).
    root = tree_root()
    Page.objects.filter(pk=root.pk).update(title="Root", draft_title="Root")
    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    Collection.objects.filter(pk=collection.pk).update(name="Root")

    import_module("admin_vi.migrations.0002_vietnamese_tree_roots").to_vietnamese(django_apps, None)

    assert Page.objects.get(pk=root.pk).get_admin_display_title() == "Trang gốc"
    assert Collection.objects.get(pk=collection.pk).name == "Bộ sưu tập gốc"


def test_page_explorer_breadcrumbs_start_at_a_vietnamese_root(client, ward_site):
    admin = get_user_model().objects.create_superuser("quantri", "quantri@example.org", "mat-khau-quan-tri")
    login_verified(client, admin)
    html = client.get(f"/admin/pages/{ward_site.root_page.pk}/").content.decode()
    assert "Trang gốc" in html
    assert not re.search(r">\s*Root\s*<", html)


def test_admin_tabs_are_titled_in_vietnamese(client):
    html = client.get("/admin/login/").content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.DOTALL).group(1)
    assert title.strip().endswith("- Quản trị cổng thông tin")
    assert "Wagtail" not in title
