"""The statistics page in the Wagtail admin, and its CSV export.

Who sees which site: a superuser sees every site; anyone else sees the sites whose
hostname is a word of the name of one of their groups (e.g. group "Biên tập
honggai.quangninh.gov.vn"). Someone with no such group sees no statistics.

Other apps add a section below the figures without stats naming them: a function registered with Wagtail's
hooks under SECTIONS_HOOK, called as f(request, site, start, end, days), returns the section's HTML (the
satisfaction ratings: ratings/wagtail_hooks.py). Their own views pick the site and period with `choice`.
"""

import csv
import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Site

from stats import charts, reading
from stats.models import Source
from stats.visitors import local_day

PERIODS = (30, 90, 365)
SECTIONS_HOOK = "stats_dashboard_sections"


def allowed_sites(user):
    if not user.is_active:
        return []
    sites = list(Site.objects.order_by("hostname", "port"))
    if user.is_superuser:
        return sites
    # Whole words only: "baichay.localhost" must not grant "localhost".
    words = {word for name in user.groups.values_list("name", flat=True) for word in name.lower().split()}
    return [site for site in sites if site.hostname.lower() in words]


def choice(request):
    """The site and period asked for, limited to what the user may see."""
    sites = allowed_sites(request.user)
    if not sites:
        raise PermissionDenied
    wanted = request.GET.get("site", "")
    site = next((s for s in sites if str(s.pk) == wanted), None)
    if site is None:
        current = Site.find_for_request(request)
        site = next((s for s in sites if current and s.pk == current.pk), sites[0])
    try:
        days = int(request.GET.get("days", PERIODS[0]))
    except ValueError:
        days = PERIODS[0]
    return sites, site, days if days in PERIODS else PERIODS[0]


class DashboardView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "stats/dashboard.html"
    page_title = gettext_lazy("Thống kê truy cập")
    header_icon = "view"

    def get(self, request, *args, **kwargs):
        self.sites, self.site, self.days = choice(request)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = local_day()
        series = reading.daily_series(self.site.pk, self.days, today)
        start = series[0][0]
        labels = dict(Source.choices)
        context.update(
            sites=self.sites,
            site=self.site,
            days=self.days,
            periods=PERIODS,
            numbers=reading.site_numbers(self.site.pk),
            chart=charts.line_chart(series),
            series=list(reversed(series)),
            period_visitors=sum(v for _, v, _ in series),
            period_pageviews=sum(p for _, _, p in series),
            top_pages=reading.top_pages(self.site.pk, start, today),
            top_sources=[
                (labels.get(r["source"], r["source"]), r["views"])
                for r in reading.top_sources(self.site.pk, start, today)
            ],
            start=start,
            today=today,
            sections=[
                section(self.request, self.site, start, today, self.days) for section in hooks.get_hooks(SECTIONS_HOOK)
            ],
        )
        return context


def export_csv(request):
    sites, site, days = choice(request)
    series = reading.daily_series(site.pk, days)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"thong-ke-{site.hostname}-{days}-ngay-{datetime.date.today():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # The byte order mark makes spreadsheet programs read the Vietnamese header as UTF-8.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([_("Ngày"), _("Khách"), _("Lượt xem trang")])
    for day, visitors, pageviews in series:
        writer.writerow([day.isoformat(), visitors, pageviews])
    return response
