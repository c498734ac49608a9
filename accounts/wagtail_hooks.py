from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from accounts import two_factor


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("xac-thuc-hai-buoc/", two_factor.verify, name=two_factor.VERIFY_URL_NAME),
        path("xac-thuc-hai-buoc/thiet-lap/", two_factor.setup, name=two_factor.SETUP_URL_NAME),
    ]


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse(two_factor.SETUP_URL_NAME),
        "label": _("Xác thực hai bước"),
        "help_text": _("Dùng ứng dụng xác thực trên điện thoại để bảo vệ tài khoản."),
    }


@hooks.register("before_bulk_action")
def refuse_bulk_user_actions(request, action_type, objects, action_class_instance):
    # Bulk actions on users would bypass the per-site restriction of accounts.users.
    if action_type == "user" and not request.user.is_superuser:
        raise PermissionDenied
