from django.apps import AppConfig


class AnnouncementsConfig(AppConfig):
    name = "announcements"
    verbose_name = "Thông báo"
    default_auto_field = "django.db.models.BigAutoField"
