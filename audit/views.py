"""The read-only "Nhật ký hệ thống" admin view and its CSV export.

Superusers see every entry; a ward's Quản trị sees the entries of their own site only (least privilege); anyone
else gets 403. Nothing here writes.
"""

import csv
import datetime
import json

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Site

from audit.chain import LABELS
from audit.models import AuditEntry
from editorial.models import Role
from editorial.roles import sites_for_user

PER_PAGE = 50
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def visible_entries(user):
    """The entries `user` may read, or None when they may read none."""
    if not (user.is_authenticated and user.is_active):
        return None
    if user.is_superuser:
        return AuditEntry.objects.all()
    site_ids = list(sites_for_user(user, roles=(Role.ADMIN,)).values_list("pk", flat=True))
    return AuditEntry.objects.for_sites(site_ids) if site_ids else None


class FilterForm(forms.Form):
    action = forms.ChoiceField(label=gettext_lazy("Hành động"), required=False)
    site = forms.TypedChoiceField(label=gettext_lazy("Cổng thông tin"), required=False, coerce=int, empty_value=None)
    start = forms.DateField(
        label=gettext_lazy("Từ ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label=gettext_lazy("Đến ngày"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, data, sites):
        super().__init__(data)
        self.fields["action"].choices = [("", _("Tất cả"))] + sorted(LABELS.items(), key=lambda item: str(item[1]))
        self.fields["site"].choices = [("", _("Tất cả"))] + [(s.pk, s.site_name or s.hostname) for s in sites]
        for field in ("start", "end"):
            self.fields[field].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc."))
        return cleaned

    def apply(self, entries):
        """The entries narrowed by the valid filters (all of them when the form is invalid)."""
        if not self.is_valid():
            return entries
        data = self.cleaned_data
        if data.get("action"):
            entries = entries.filter(action=data["action"])
        if data.get("site"):
            entries = entries.filter(site_id=data["site"])
        zone = timezone.get_default_timezone()  # days are Vietnam's days
        if data.get("start"):
            entries = entries.filter(at__gte=datetime.datetime.combine(data["start"], datetime.time(), zone))
        if data.get("end"):
            next_day = data["end"] + datetime.timedelta(days=1)
            entries = entries.filter(at__lt=datetime.datetime.combine(next_day, datetime.time(), zone))
        return entries


def _filtered(request):
    entries = visible_entries(request.user)
    if entries is None:
        raise PermissionDenied
    sites = Site.objects.all() if request.user.is_superuser else sites_for_user(request.user, roles=(Role.ADMIN,))
    sites = list(sites.order_by("site_name", "hostname"))
    form = FilterForm(request.GET or None, sites)
    return form, form.apply(entries), {site.pk: site for site in sites}


class AuditLogView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "audit/log.html"
    page_title = gettext_lazy("Nhật ký hệ thống")
    header_icon = "history"

    def get(self, request, *args, **kwargs):
        self.form, self.entries, self.sites = _filtered(request)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(self.entries.order_by("-seq"), PER_PAGE).get_page(self.request.GET.get("p"))
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update(
            form=self.form,
            page=page,
            rows=[(entry, LABELS.get(entry.action, entry.action), self.sites.get(entry.site_id)) for entry in page],
            query=query.urlencode(),
        )
        return context


def safe_cell(value):
    """A cell a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value):
        return value


def export_csv(request):
    form, entries, sites = _filtered(request)
    zone = timezone.get_default_timezone()
    writer = csv.writer(_Echo())
    header = [
        _("Số thứ tự"),
        _("Thời điểm (giờ Việt Nam)"),
        _("Người thực hiện"),
        _("Mã người thực hiện"),
        _("Cổng thông tin"),
        _("Hành động"),
        _("Mã hành động"),
        _("Loại đối tượng"),
        _("Mã đối tượng"),
        _("Tên đối tượng"),
        _("Chi tiết"),
        _("Mã băm mục trước"),
        _("Mã băm"),
    ]

    def rows():
        # The byte order mark makes spreadsheet programs read the Vietnamese as UTF-8.
        yield "\ufeff" + writer.writerow(header)
        for entry in entries.order_by("seq").iterator(chunk_size=2000):
            site = sites.get(entry.site_id)
            yield writer.writerow(
                safe_cell(value)
                for value in (
                    entry.seq,
                    timezone.localtime(entry.at, zone).strftime("%d/%m/%Y %H:%M:%S"),
                    entry.actor_name,
                    entry.actor_id,
                    (site.site_name or site.hostname) if site else "",
                    LABELS.get(entry.action, entry.action),
                    entry.action,
                    entry.object_type,
                    entry.object_id,
                    entry.object_title,
                    json.dumps(entry.details, ensure_ascii=False, sort_keys=True),
                    entry.prev_hash,
                    entry.hash,
                )
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    filename = f"nhat-ky-he-thong-{timezone.localdate():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
