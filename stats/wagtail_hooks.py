from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from stats.dashboard import DashboardView, allowed_sites, export_csv


class StatsMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(allowed_sites(request.user))


@hooks.register("register_admin_urls")
def register_stats_urls():
    return [
        path("thong-ke/", DashboardView.as_view(), name="stats_dashboard"),
        path("thong-ke/csv/", export_csv, name="stats_csv"),
    ]


@hooks.register("register_admin_menu_item")
def register_stats_menu_item():
    return StatsMenuItem(_("Thống kê truy cập"), reverse("stats_dashboard"), icon_name="view", order=900)
