from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from documents.models import DocumentField, DocumentType


class DocumentTypeViewSet(SnippetViewSet):
    model = DocumentType
    icon = "doc-full"
    list_display = ["name", "site", "sort_order"]
    list_filter = ["site"]


class DocumentFieldViewSet(SnippetViewSet):
    model = DocumentField
    icon = "tag"
    list_display = ["name", "site", "sort_order"]
    list_filter = ["site"]


register_snippet(DocumentTypeViewSet)
register_snippet(DocumentFieldViewSet)
