from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from core.snippets import PerSiteSnippetViewSet
from documents.models import DocumentField, DocumentType
from documents.permissions import SiteListForm, SiteListPermissionPolicy


class SiteListViewSet(PerSiteSnippetViewSet):
    """A per-site list: each site's chief editors and administrators see and edit their own site's entries."""

    list_display = ["name", "site", "sort_order"]
    list_filter = ["site"]
    # The form offers only the sites the editor holds a role on.
    edit_handler = ObjectList(
        [FieldPanel("site"), FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")],
        base_form_class=SiteListForm,
    )

    def get_queryset(self, request):
        return self.permission_policy.instances_user_has_any_permission_for(request.user, {"change"})


class DocumentTypeViewSet(SiteListViewSet):
    model = DocumentType
    icon = "doc-full"


class DocumentFieldViewSet(SiteListViewSet):
    model = DocumentField
    icon = "tag"


for model, viewset in ((DocumentType, DocumentTypeViewSet), (DocumentField, DocumentFieldViewSet)):
    register_permission_policy(model, SiteListPermissionPolicy(model))
    register_snippet(viewset)
