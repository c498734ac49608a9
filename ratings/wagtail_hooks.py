from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from intake.moderation import moderated_sites
from ratings import admin_views
from stats.dashboard import SECTIONS_HOOK


class CommentsMenuItem(MenuItem):
    def is_shown(self, request):
        return moderated_sites(request.user).exists()


@hooks.register("register_admin_urls")
def register_rating_urls():
    return [
        path("danh-gia/", admin_views.queue, name="ratings_comments"),
        path("danh-gia/<int:pk>/", admin_views.decide, name="ratings_decide"),
        path("thong-ke/danh-gia.csv", admin_views.export_csv, name="ratings_csv"),
    ]


@hooks.register("register_admin_menu_item")
def register_comments_menu_item():
    return CommentsMenuItem(_("Góp ý đánh giá"), reverse("ratings_comments"), icon_name="comment", order=860)


hooks.register(SECTIONS_HOOK, admin_views.dashboard_section)
