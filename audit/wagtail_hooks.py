from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from audit.views import AuditLogView, export_csv, visible_entries


class AuditMenuItem(MenuItem):
    def is_shown(self, request):
        return visible_entries(request.user) is not None


@hooks.register("register_admin_urls")
def register_audit_urls():
    return [
        path("nhat-ky-he-thong/", AuditLogView.as_view(), name="audit_log"),
        path("nhat-ky-he-thong/csv/", export_csv, name="audit_csv"),
    ]


@hooks.register("register_admin_menu_item")
def register_audit_menu_item():
    return AuditMenuItem(_("Nhật ký hệ thống"), reverse("audit_log"), icon_name="history", order=910)
