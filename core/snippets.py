"""Snippet views for per-site lists (documents' types and fields, Q&A topics): an entry of a site the user may
not act on is not found, whatever its id (the listing is narrowed by the viewset's get_queryset)."""

from django.http import Http404
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet


class _OwnSiteOnly:
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


class PerSiteSnippetViewSet(SnippetViewSet):
    """A snippet viewset whose single-entry views refuse entries the permission policy denies."""

    edit_view_class = EditView
    delete_view_class = DeleteView
    copy_view_class = CopyView
    usage_view_class = UsageView
