"""The admin's view of a week's history: what changed in its published rows, and when."""

from wagtail.admin.panels import Panel


class ChangeHistoryPanel(Panel):
    @property
    def clean_name(self):
        return super().clean_name or "change_history"

    class BoundPanel(Panel.BoundPanel):
        template_name = "schedule/admin/change_history_panel.html"

        def is_shown(self):
            return bool(self.instance.pk)

        def get_context_data(self, parent_context=None):
            from schedule.models import ScheduleChange

            context = super().get_context_data(parent_context)
            week = self.instance.week
            first, last = week.monday.isoformat(), week.sunday.isoformat()
            changes = ScheduleChange.objects.filter(schedule_id=self.instance.get_parent().pk).order_by("-at", "-pk")
            context["changes"] = [c for c in changes if first <= c.after.get("date", "") <= last]
            return context
