from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from schedule.models import SchedulePage
from schedule.views import copy_week, copy_week_url


@hooks.register("register_admin_urls")
def register_schedule_urls():
    return [path("lich-cong-tac/<int:schedule_id>/chep-tuan/", copy_week, name="schedule_copy_week")]


@hooks.register("register_page_header_buttons")
def copy_week_button(page, user, view_name=None, next_url=None):
    if page.specific_class is SchedulePage and page.permissions_for_user(user).can_add_subpage():
        yield Button(_("Chép lịch lặp lại sang tuần mới"), url=copy_week_url(page), icon_name="copy", priority=30)
