from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    label = "audit"
    verbose_name = "Nhật ký hệ thống"

    def ready(self):
        from audit import signals  # noqa: F401
