from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WardinfoConfig(AppConfig):
    name = "wardinfo"
    verbose_name = _("Giới thiệu phường, xã")
