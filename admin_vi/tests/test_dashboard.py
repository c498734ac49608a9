"""The dashboard a ward editor lands on: their drafts, what waits for their review, in Vietnamese."""

import pytest
from wagtail.models import Workflow

from admin_vi.panels import drafts_for
from news.models import ArticlePage, CategoryPage

pytestmark = pytest.mark.usefixtures("compiled_catalogues")


def draft_article(site, user, title, *, publish_first=False):
    parent = CategoryPage.objects.child_of(site.root_page).first()
    page = ArticlePage(title=title, lead="Tóm tắt.", body=[], owner=user, live=False)
    parent.add_child(instance=page)
    revision = page.save_revision(user=user)
    if publish_first:
        revision.publish()
        page.refresh_from_db()
        page.title = title + " (sửa)"
        page.save_revision(user=user)
    return page


def test_drafts_are_the_editors_unpublished_pages(ward_site, ward_editor, make_article):
    fresh = draft_article(ward_site, ward_editor, "Bài chưa đăng")
    edited = draft_article(ward_site, ward_editor, "Bài đã đăng có sửa", publish_first=True)
    make_article(ward_site, "Bài của người khác đã đăng")
    someone_elses = draft_article(ward_site, None, "Bản nháp của người khác")

    drafts = list(drafts_for(ward_editor))
    assert {page.pk for page in drafts} == {fresh.pk, edited.pk}
    assert someone_elses.pk not in {page.pk for page in drafts}

    # Once submitted for review, a page leaves the drafts and shows as "in a workflow".
    workflow = Workflow.objects.get(name="Quy trình duyệt bài")
    workflow.start(fresh, ward_editor)
    assert {page.pk for page in drafts_for(ward_editor)} == {edited.pk}


def test_dashboard_shows_drafts_and_review_panels_in_vietnamese(client, ward_site, ward_editor):
    draft_article(ward_site, ward_editor, "Thông báo lịch tiếp dân tháng 12")
    client.force_login(ward_editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bản nháp của bạn" in html
    assert "Thông báo lịch tiếp dân tháng 12" in html
    assert "Bản nháp, chưa xuất bản" in html
    assert "<title>Trang tổng quan" in html
    for english in ("Dashboard", "Your most recent edits", "Pages", "Images", "Search"):
        assert f">{english}<" not in html


def test_review_panel_comes_before_the_drafts(rf, ward_editor):
    from wagtail.admin.views.home import HomeView

    request = rf.get("/admin/")
    request.user = ward_editor
    view = HomeView()
    view.setup(request)
    names = [panel.name for panel in sorted(view.get_panels(), key=lambda panel: panel.order)]
    assert names.index("workflow_objects_to_moderate") < names.index("admin_vi_drafts")
    assert names.index("admin_vi_drafts") < names.index("recent_edits")


def test_admin_defaults_to_vietnamese_for_every_user(client, ward_editor):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(ward_editor)
    assert profile.preferred_language == ""
    assert profile.get_preferred_language() == "vi"
    client.force_login(ward_editor)
    # Even a browser asking for English gets the Vietnamese admin.
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="vi"' in response.content.decode()


def test_login_form_labels_are_vietnamese(client, db):
    html = client.get("/admin/login/").content.decode()
    assert "Mật khẩu" in html
    assert ">Password<" not in html
