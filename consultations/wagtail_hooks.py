from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from consultations import admin_views
from intake.moderation import moderated_sites


class CommentsMenuItem(MenuItem):
    def is_shown(self, request):
        return moderated_sites(request.user).exists()


@hooks.register("register_admin_urls")
def register_comment_urls():
    return [
        path("lay-y-kien/", admin_views.queue, name="consultations_queue"),
        path("lay-y-kien/<int:pk>/", admin_views.moderate, name="consultations_moderate"),
    ]


@hooks.register("register_admin_menu_item")
def register_comments_menu_item():
    return CommentsMenuItem(_("Góp ý dự thảo"), reverse("consultations_queue"), icon_name="comment", order=851)
