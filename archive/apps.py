from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "archive"
    label = "archive"
    verbose_name = "Lưu trữ"

    def ready(self):
        from archive import signals  # noqa: F401
