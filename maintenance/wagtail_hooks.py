from django.http import Http404
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import MaintenanceNotice, PublicHoliday
from .permissions import NoticeForm, NoticePermissionPolicy


class _PermittedOnly:
    """A notice the user may not change is not found, whatever its id."""

    def get_object(self, *args, **kwargs):
        notice = super().get_object(*args, **kwargs)
        if not self.permission_policy.user_has_permission_for_instance(self.request.user, "change", notice):
            raise Http404
        return notice


class NoticeEditView(_PermittedOnly, snippet_views.EditView):
    pass


class NoticeDeleteView(_PermittedOnly, snippet_views.DeleteView):
    pass


class NoticeUsageView(_PermittedOnly, snippet_views.UsageView):
    pass


class MaintenanceNoticeViewSet(SnippetViewSet):
    model = MaintenanceNotice
    icon = "warning"
    menu_label = "Tạm ngừng hoạt động"
    list_display = ["__str__", "ends_at", "emergency"]
    list_filter = ["emergency"]
    copy_view_enabled = False
    edit_view_class = NoticeEditView
    delete_view_class = NoticeDeleteView
    usage_view_class = NoticeUsageView
    edit_handler = ObjectList(
        [
            FieldPanel("site"),
            FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
            FieldPanel("reason"),
            FieldPanel("emergency"),
        ],
        base_form_class=NoticeForm,
    )

    def get_queryset(self, request):
        return self.permission_policy.instances_user_has_any_permission_for(request.user, {"change"})


class PublicHolidayViewSet(SnippetViewSet):
    model = PublicHoliday
    icon = "date"
    list_display = ["date", "name"]
    ordering = ["date"]


register_permission_policy(MaintenanceNotice, NoticePermissionPolicy(MaintenanceNotice))
register_snippet(MaintenanceNoticeViewSet)
register_snippet(PublicHolidayViewSet)
