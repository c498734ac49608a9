"""Staff write announcements in Wagtail's admin, in Vietnamese, with the site's roles and approval workflow."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from announcements.models import AnnouncementIndexPage, AnnouncementPage
from editorial.models import Role
from editorial.tests.fixtures import login_verified

pytestmark = pytest.mark.django_db


def _form(published_on="09/12/2026", shown_until="15/12/2026", action="action-publish", attachments=()):
    data = nested_form_data(
        {
            "title": "Thông báo lịch tiếp công dân tháng 12",
            "published_on": published_on,
            "shown_until": shown_until,
            "lead": "Lãnh đạo phường tiếp công dân sáng thứ Năm.",
            "body": rich_text("<p>Tại Bộ phận một cửa, từ 7 giờ 30.</p>"),
            "slug": "thong-bao-lich-tiep-cong-dan-thang-12",  # filled from the title by the admin
            "seo_title": "",
            "search_description": "",
            "attachments": inline_formset(list(attachments)),
        }
    )
    data[action] = "1"
    return data


def _add(client, site, **kw):
    section = AnnouncementIndexPage.objects.child_of(site.root_page).get()
    url = reverse("wagtailadmin_pages:add", args=["announcements", "announcementpage", section.pk])
    return client.post(url, _form(**kw))


def test_a_chief_publishes_an_announcement(client, ward_site, make_staff, clock):
    login_verified(client, make_staff(ward_site, Role.CHIEF))
    response = _add(client, ward_site)
    assert response.status_code == 302
    page = AnnouncementPage.objects.get()
    assert page.live and page.slug == "thong-bao-lich-tiep-cong-dan-thang-12"
    assert str(page.shown_until) == "2026-12-15"
    assert page.body == "<p>Tại Bộ phận một cửa, từ 7 giờ 30.</p>"
    assert "Thông báo lịch tiếp công dân tháng 12" in client.get("/", HTTP_HOST="localhost").content.decode()


def test_a_file_attached_in_the_admin_is_listed_on_the_page(client, ward_site, make_staff, clock):
    login_verified(client, make_staff(ward_site, Role.CHIEF))
    stored = Document(title="Mẫu đơn đăng ký")
    stored.file.save("mau-don.docx", ContentFile(b"x" * 3000), save=False)
    stored.save()
    response = _add(client, ward_site, attachments=[{"document": stored.pk, "label": ""}])
    assert response.status_code == 302
    page = AnnouncementPage.objects.get()
    html = client.get(page.url, HTTP_HOST="localhost").content.decode()
    assert f'<a href="{stored.url}">Mẫu đơn đăng ký</a> (DOCX, 2,9' in html


def test_a_reporter_submits_for_approval_instead_of_publishing(client, ward_site, make_staff, clock):
    login_verified(client, make_staff(ward_site, Role.REPORTER))
    assert _add(client, ward_site, action="action-submit").status_code == 302
    page = AnnouncementPage.objects.get()
    assert not page.live
    assert page.current_workflow_state is not None


def test_shown_until_before_the_announcement_is_refused_in_vietnamese(client, ward_site, make_staff, clock):
    login_verified(client, make_staff(ward_site, Role.CHIEF))
    response = _add(client, ward_site, shown_until="01/12/2026")
    assert response.status_code == 200
    assert "Ngày hiển thị đến không thể trước ngày thông báo." in response.content.decode()
    missing = _add(client, ward_site, shown_until="")
    assert missing.status_code == 200 and not AnnouncementPage.objects.exists()


def test_staff_of_another_ward_cannot_add_here(client, ward_site, other_site, make_staff, clock):
    login_verified(client, make_staff(other_site, Role.CHIEF))
    response = _add(client, ward_site)
    assert response.status_code in (302, 403)
    assert not AnnouncementPage.objects.exists()


def test_demo_content_loads_once(ward_site, other_site, clock):
    from announcements import demo_content

    sites = {"honggai": ward_site, "baichay": other_site}
    assert demo_content.load(sites) == "Thông báo mẫu: 5 thông báo mới."
    assert demo_content.load(sites) == "Thông báo mẫu: 0 thông báo mới."
    current = AnnouncementPage.objects.current().descendant_of(ward_site.root_page).count()
    assert 0 < current < AnnouncementPage.objects.descendant_of(ward_site.root_page).count()
