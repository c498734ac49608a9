from django.apps import AppConfig


class WidgetsConfig(AppConfig):
    name = "widgets"
    verbose_name = "Tiện ích thời tiết, tỷ giá"

    def ready(self):
        from widgets import signals  # noqa: F401 - connects cache invalidation
