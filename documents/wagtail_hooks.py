from django.http import Http404
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from documents.models import DocumentField, DocumentType
from documents.permissions import SiteListForm, SiteListPermissionPolicy


class _OwnSiteOnly:
    """Another site's entry is not found, whatever its id."""

    def get_object(self, *args, **kwargs):
        entry = super().get_object(*args, **kwargs)
        if not self.permission_policy.user_has_permission_for_instance(self.request.user, "change", entry):
            raise Http404
        return entry


class EditView(_OwnSiteOnly, snippet_views.EditView):
    pass


class DeleteView(_OwnSiteOnly, snippet_views.DeleteView):
    pass


class CopyView(_OwnSiteOnly, snippet_views.CopyView):
    pass


class UsageView(_OwnSiteOnly, snippet_views.UsageView):
    pass


class SiteListViewSet(SnippetViewSet):
    """A per-site list: each site's chief editors and administrators see and edit their own site's entries."""

    list_display = ["name", "site", "sort_order"]
    list_filter = ["site"]
    # The form offers only the sites the editor holds a role on.
    edit_handler = ObjectList(
        [FieldPanel("site"), FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")],
        base_form_class=SiteListForm,
    )

    edit_view_class = EditView
    delete_view_class = DeleteView
    copy_view_class = CopyView
    usage_view_class = UsageView

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
