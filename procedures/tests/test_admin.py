"""Staff add procedures through Wagtail's admin: the code check per site, the link check, the workflow."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data

from core.text import vn_slugify
from editorial.models import Role
from editorial.tests.fixtures import login_verified
from procedures.models import ProcedureIndexPage, ProcedurePage

pytestmark = pytest.mark.django_db


def _add(client, site, code, action="action-publish", **fields):
    section = ProcedureIndexPage.objects.child_of(site.root_page).get()
    title = fields.pop("title", "Đăng ký khai sinh")
    data = nested_form_data(
        {
            "title": title,
            "code": code,
            "field": "Hộ tịch",
            "summary": "",
            "processing_time": "Ngay trong ngày làm việc",
            "fees": "",
            "papers": "Tờ khai\r\nGiấy chứng sinh",
            "steps": "",
            "service_url": "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html",
            "level": "toan-trinh",
            "slug": vn_slugify(title),  # the admin's script proposes it from the title
            "seo_title": "",
            "search_description": "",
            **fields,
        }
    )
    data[action] = "1"
    url = reverse("wagtailadmin_pages:add", args=["procedures", "procedurepage", section.pk])
    return client.post(url, data)


def test_a_chief_publishes_a_procedure_and_a_clashing_code_is_refused_in_vietnamese(
    client, ward_site, other_site, make_staff
):
    login_verified(client, make_staff(ward_site, Role.CHIEF))
    assert _add(client, ward_site, "1.000001").status_code == 302
    page = ProcedurePage.objects.get()
    assert page.live and page.paper_list == ["Tờ khai", "Giấy chứng sinh"]
    assert page.url_path.endswith("/thu-tuc-hanh-chinh/dang-ky-khai-sinh/")

    response = _add(client, ward_site, "1.000001 ", title="Thủ tục khác")
    assert response.status_code == 200
    assert "Mã thủ tục “1.000001” đã dùng cho thủ tục “Đăng ký khai sinh” của phường." in response.content.decode()
    assert ProcedurePage.objects.count() == 1


def test_a_link_off_government_hosts_or_a_field_without_letters_is_refused(client, ward_site, make_staff):
    login_verified(client, make_staff(ward_site, Role.CHIEF))
    response = _add(client, ward_site, "1.000002", service_url="https://dichvucong.example.com/")
    assert response.status_code == 200
    assert "Chỉ liên kết đến cổng dịch vụ công của cơ quan nhà nước" in response.content.decode()
    response = _add(client, ward_site, "1.000002", field="--")
    assert response.status_code == 200
    assert "Tên lĩnh vực phải có chữ hoặc số." in response.content.decode()
    assert not ProcedurePage.objects.exists()


def test_a_reporter_submits_for_approval_instead_of_publishing(client, ward_site, make_staff):
    login_verified(client, make_staff(ward_site, Role.REPORTER))
    assert _add(client, ward_site, "1.000003", action="action-submit").status_code == 302
    page = ProcedurePage.objects.get()
    assert not page.live
    assert page.current_workflow_state is not None
