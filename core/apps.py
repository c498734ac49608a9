from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Lõi cổng thông tin")

    def ready(self):
        from . import restrictions  # noqa: F401 - connects the handlers that keep its memory current
