from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from schedule.copying import start_next_week, week_to_start
from schedule.models import SchedulePage


def copy_week(request, schedule_id):
    """Admin: confirm (GET), then create next week's draft from the recurring entries (POST)."""
    schedule = get_object_or_404(SchedulePage, pk=schedule_id)
    if not schedule.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    target, source = week_to_start(schedule)
    if request.method == "POST":
        page = start_next_week(schedule, request.user)
        messages.success(
            request,
            _("Đã tạo bản nháp %(week)s với %(count)d buổi lặp lại.")
            % {"week": target.label(), "count": page.entries.count()},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    context = {"schedule": schedule, "target": target, "source": source, "action": request.path}
    return TemplateResponse(request, "schedule/admin/copy_week.html", context)


def copy_week_url(schedule):
    return reverse("schedule_copy_week", args=[schedule.pk])
