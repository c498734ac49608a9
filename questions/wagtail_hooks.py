from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from core.snippets import PerSiteSnippetViewSet
from intake.moderation import moderated_sites
from questions import admin_views
from questions.models import Topic


class QuestionsMenuItem(MenuItem):
    def is_shown(self, request):
        return moderated_sites(request.user).exists()


@hooks.register("register_admin_urls")
def register_question_urls():
    return [
        path("hoi-dap/", admin_views.queue, name="questions_queue"),
        path("hoi-dap/<int:pk>/", admin_views.moderate, name="questions_moderate"),
    ]


@hooks.register("register_admin_menu_item")
def register_questions_menu_item():
    return QuestionsMenuItem(_("Hỏi đáp"), reverse("questions_queue"), icon_name="help", order=850)


class TopicPermissionPolicy(BasePermissionPolicy):
    """A site's topics belong to its moderators."""

    def user_has_permission(self, user, action):
        return moderated_sites(user).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return moderated_sites(user).filter(pk=instance.site_id).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        return Topic.objects.filter(site__in=moderated_sites(user))


class TopicForm(WagtailAdminModelForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and "site" in self.fields:
            self.fields["site"].queryset = moderated_sites(for_user)


class TopicViewSet(PerSiteSnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "site", "sort_order"]
    edit_handler = ObjectList(
        [FieldPanel("site"), FieldPanel("name"), FieldPanel("sort_order")], base_form_class=TopicForm
    )

    def get_queryset(self, request):
        return Topic.objects.filter(site__in=moderated_sites(request.user))


register_permission_policy(Topic, TopicPermissionPolicy(Topic))
register_snippet(TopicViewSet)
