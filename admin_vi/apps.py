from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdminVietnameseConfig(AppConfig):
    name = "admin_vi"
    verbose_name = _("Quản trị tiếng Việt")
