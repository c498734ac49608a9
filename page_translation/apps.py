from django.apps import AppConfig


class PageTranslationConfig(AppConfig):
    name = "page_translation"
    verbose_name = "Bản dịch trang"
