from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from wagtail import hooks

from integrity.gate import describe_scan, is_confirmed, needs_confirmation, revision_scan
from integrity.views import IntegrityPanel, confirm_finding


@hooks.register("register_admin_urls")
def register_integrity_urls():
    return [path("kiem-tra-toan-ven/<int:finding_id>/xac-nhan/", confirm_finding, name="integrity_confirm")]


@hooks.register("construct_homepage_panels")
def add_integrity_panel(request, panels):
    panels.append(IntegrityPanel())


@hooks.register("before_publish_page")
def refuse_unconfirmed_links(request, page):
    """Publishing from the editor skips the workflow: content needing an administrator's confirmation of its
    links goes through the approval step instead (its draft is saved)."""
    revision = page.get_latest_revision()
    scan = revision_scan(revision) if revision else None
    if not needs_confirmation(scan) or is_confirmed(page, scan):
        return None
    messages.error(
        request,
        _(
            "Chưa xuất bản: nội dung có liên kết ra ngoài danh sách tên miền được phép hoặc khối ẩn, cần Quản trị "
            "xác nhận ở bước duyệt. Hãy gửi duyệt. %(items)s"
        )
        % {"items": "; ".join(describe_scan(scan))},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)
