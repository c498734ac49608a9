"""The admin's form for a week: every row must fall in the week chosen, and a row's chair can only be a leader
of the week's own site."""

from django.utils.translation import gettext as _

from core.forms import PortalPageForm
from schedule.chairs import leader_label, site_leaders
from schedule.weeks import Week


def _leader_choice_label(leader):
    label = leader_label(leader.title, leader.position)
    return label if leader.live else _("%(leader)s (chưa xuất bản)") % {"leader": label}


class ScheduleWeekForm(PortalPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        schedule = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
        site = schedule.get_site() if schedule is not None else None
        leaders = site_leaders(site.root_page) if site is not None else None
        formset = self.formsets["entries"]

        class RowForm(formset.form):
            # The choices, and what the server accepts, are this site's leaders only: an editor of one ward
            # never sees another's people. Set per form, as the form class is shared between requests.
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                field = self.fields["chair_leader"]
                field.queryset = leaders if leaders is not None else field.queryset.none()
                field.label_from_instance = _leader_choice_label

        formset.form = RowForm

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
