from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Tài khoản và bảo mật"


class PortalUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, narrowed to the users of the sites a ward's Quản trị administers."""

    user_viewset = "accounts.users.SiteUserViewSet"
