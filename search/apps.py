from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = "Tìm kiếm"

    def ready(self):
        from search import signals

        signals.connect_searchable_models()
