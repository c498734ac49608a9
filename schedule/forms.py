"""The admin's form for a week: every row must fall in the week chosen."""

from django.utils.translation import gettext as _

from core.forms import PortalPageForm
from schedule.weeks import Week


class ScheduleWeekForm(PortalPageForm):
    def clean(self):
        cleaned = super().clean()
        day = cleaned.get("week_start")
        if not day:
            return cleaned
        week = Week.of(day)
        for form in self.formsets["entries"].forms:
            if not form.is_valid() or form.cleaned_data.get("DELETE"):
                continue
            date = form.cleaned_data.get("date")
            if date and not week.monday <= date <= week.sunday:
                form.add_error(
                    "date",
                    _("Ngày %(date)s nằm ngoài %(week)s.") % {"date": f"{date:%d/%m/%Y}", "week": week.label()},
                )
                self.add_error(None, _("Có buổi công tác không thuộc tuần đã chọn."))
        return cleaned
