"""The ward's schedule (/lich-cong-tac/) and its weeks, each week a page that goes through the site's approval
workflow before its entries are shown."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponsePermanentRedirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import path
from wagtail.search import index

from core import freshness
from core.content import INVALIDATES_SITE, ContentKind
from core.models import BasePage, RoutableBasePage
from core.sections import ensure_section
from schedule import listing
from schedule.chairs import site_leaders
from schedule.forms import ScheduleWeekForm
from schedule.panels import ChangeHistoryPanel
from schedule.weeks import Week, today

SCHEDULE_SLUG = "lich-cong-tac"
SCHEDULE_TITLE = "Lịch công tác"


def _add_schedule_page(home):
    ensure_section(home, SchedulePage, SCHEDULE_TITLE, SCHEDULE_SLUG)


def _home_today(home, request):
    schedule = SchedulePage.objects.child_of(home).live().public().first()
    if schedule is None:
        return {}
    freshness.until_tomorrow(request)  # the block shows today's entries
    return {"schedule_today": listing.today_block(schedule)}


class SchedulePage(RoutableBasePage):
    """Lịch công tác tuần: the leaders' weekly schedule of a ward, its calendar feeds."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    normalised_fields = BasePage.normalised_fields + ("intro",)
    multiline_fields = BasePage.multiline_fields + ("intro",)

    parent_page_types = ["wards.HomePage"]
    subpage_types = ["schedule.ScheduleWeekPage"]
    max_count_per_parent = 1
    content_kind = ContentKind(name="schedule", section=True, home_context=_home_today, home_setup=_add_schedule_page)

    class Meta:
        verbose_name = _("lịch công tác")
        verbose_name_plural = _("lịch công tác")

    def get_meta_description(self):
        return (
            self.search_description
            or self.intro
            or _("Lịch công tác tuần của lãnh đạo %(site)s") % {"site": self.get_site().site_name}
        )

    @path("")
    def week_view(self, request):
        return self.render(request, context_overrides=listing.week_context(self, request))

    @path("ical/", name="ical")
    def ical(self, request):
        from schedule.feeds import calendar_response

        return calendar_response(self, request)

    @path("ical/<slug:leader>/", name="ical_leader")
    def ical_leader(self, request, leader):
        from schedule.feeds import calendar_response

        return calendar_response(self, request, leader)


def _next_monday():
    return Week.of(today()).next().monday


class ScheduleWeekPage(BasePage):
    """One week of the schedule, entered as a table; published (after approval) as a whole."""

    base_form_class = ScheduleWeekForm

    week_start = models.DateField(
        _("tuần bắt đầu từ thứ Hai"),
        default=_next_monday,
        help_text=_("Chọn một ngày bất kỳ trong tuần: ngày được đổi về thứ Hai của tuần đó."),
    )

    content_panels = [
        FieldPanel("week_start"),
        InlinePanel("entries", heading=_("Các buổi công tác trong tuần"), label=_("buổi công tác")),
        ChangeHistoryPanel(heading=_("Lịch sử điều chỉnh sau khi xuất bản")),
    ]
    promote_panels = []
    search_fields = BasePage.search_fields

    parent_page_types = ["schedule.SchedulePage"]
    subpage_types = []
    # Its entries show on the home page ("Lịch công tác hôm nay"): a publication refreshes the whole site.
    content_kind = ContentKind(name="schedule_week", invalidates=INVALIDATES_SITE)

    class Meta:
        verbose_name = _("lịch công tác tuần")
        verbose_name_plural = _("lịch công tác tuần")

    @property
    def week(self):
        return Week.of(self.week_start)

    def save(self, *args, **kwargs):
        # A revision written before its rows had ids (an import, a week built in code) holds them without one;
        # publishing it would delete the rows and insert them again, and the history would take that for a
        # removal. The event's uid says which stored row each one is.
        if self.pk and "entries" in getattr(self, "_cluster_related_objects", {}):
            from schedule.models import ScheduleEntry

            stored = dict(ScheduleEntry.objects.filter(week_id=self.pk).values_list("uid", "pk"))
            for entry in self.entries.all():
                if entry.pk is None and entry.uid in stored:
                    entry.pk = entry.id = stored.pop(entry.uid)
        return super().save(*args, **kwargs)

    def full_clean(self, *args, **kwargs):
        # The title and slug follow the week, so the editor only picks a date.
        if self.week_start:
            self.week_start = self.week.monday
            self.title = self.week.label()
            self.slug = self.week.iso.lower()
        super().full_clean(*args, **kwargs)

    def clean(self):
        super().clean()
        parent = self.get_parent() if self.path else getattr(self, "_cached_parent_obj", None)
        if parent is None or not self.week_start:
            return
        others = ScheduleWeekPage.objects.child_of(parent).filter(week_start=self.week_start).exclude(pk=self.pk)
        if others.exists():
            raise ValidationError({"week_start": _("Tuần này đã có lịch công tác; hãy sửa lịch đã có.")})
        site = parent.get_site()
        linked = {entry.chair_leader_id for entry in self.entries.all()} - {None}
        if linked and (site is None or site_leaders(site.root_page).filter(pk__in=linked).count() != len(linked)):
            raise ValidationError(_("Lãnh đạo chủ trì phải là lãnh đạo của chính phường, xã này."))
        for entry in self.entries.all():
            if not self.week.monday <= entry.date <= self.week.sunday:
                raise ValidationError(
                    {
                        "week_start": _("Ngày %(date)s nằm ngoài %(week)s.")
                        % {"date": f"{entry.date:%d/%m/%Y}", "week": self.week.label()}
                    }
                )

    def get_sitemap_urls(self, request=None):
        return []  # its address only leads to the schedule's page (serve)

    def serve(self, request, *args, **kwargs):
        # Readers see weeks on the schedule's page; this address leads there.
        parent = self.get_parent()
        return HttpResponsePermanentRedirect(f"{parent.get_url(request)}?tuan={self.week.iso}")

    def serve_preview(self, request, mode_name):
        parent = self.get_parent().specific
        context = listing.week_context(parent, request, week=self.week, entries=list(self.entries.all()))
        return parent.render(request, context_overrides=context)
