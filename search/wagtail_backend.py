"""Wagtail's own search (the admin's page search and choosers) with Vietnamese folding.

Configured as WAGTAILSEARCH_BACKENDS["default"]. It is Wagtail's database backend for the current database
(modelsearch picks SQLite FTS5, PostgreSQL or its fallback), with one change for page models: a query typed
with accents is also searched folded ("Đảng ủy" -> "dang uy"), and pages index a folded copy of their text
and title (core.models.BasePage.folded_search_text / folded_title). Other models (images, documents, users)
are searched exactly as Wagtail does.
"""

from django.db.models import QuerySet
from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.query import Or, PlainText

from core.text import fold


class FoldingMixin:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        model = model_or_queryset.model if isinstance(model_or_queryset, QuerySet) else model_or_queryset
        if isinstance(query, str):
            text, operator = query, kwargs.pop("operator", None) or "and"
        elif type(query) is PlainText:
            text, operator = query.query_string, query.operator
        else:
            text = None
        if text is not None and hasattr(model, "folded_search_text") and fold(text).strip():
            folded = PlainText(fold(text), operator=operator)
            if query_compiler_class is self.autocomplete_query_compiler_class:
                # Autocomplete takes one plain query; the folded title field matches typed and folded forms.
                query = folded
            elif fold(text) != text.lower():
                query = Or([PlainText(text, operator=operator), folded])
            else:
                query = PlainText(text, operator=operator)
        elif isinstance(query, str):
            query = PlainText(query, operator=operator)
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)


def SearchBackend(params):  # noqa: N802 - the name modelsearch looks up in a backend module
    backend = database_backend(params)
    backend.__class__ = type(f"Folding{type(backend).__name__}", (FoldingMixin, type(backend)), {})
    return backend
