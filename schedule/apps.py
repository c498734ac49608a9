from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScheduleConfig(AppConfig):
    name = "schedule"
    verbose_name = _("Lịch công tác")

    def ready(self):
        from schedule import signals  # noqa: F401 - connects the receivers
