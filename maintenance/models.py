"""Planned suspensions of the portal ("Thông báo tạm ngừng hoạt động") and the public holidays the notice period
is counted in. A notice is for one site or, with no site, for all of them; it is shown on every public page of
the sites it covers from when it is saved until the suspension ends (banner.py)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from core.text import normalize_text

from .workdays import NOTICE_WORKING_DAYS, earliest_start

REASON_MAX_LENGTH = 500


def _now():
    return timezone.now()  # looked up at each call: tests freeze the clock by replacing timezone.now


class PublicHoliday(models.Model):
    date = models.DateField(_("Ngày"), unique=True)
    name = models.CharField(_("Tên ngày nghỉ"), max_length=120)

    class Meta:
        ordering = ["date"]
        verbose_name = _("Ngày nghỉ lễ, Tết")
        verbose_name_plural = _("Ngày nghỉ lễ, Tết")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} – {self.name}"

    def save(self, *args, **kwargs):
        self.name = normalize_text(self.name)
        super().save(*args, **kwargs)


def holidays_between(first, last):
    return set(PublicHoliday.objects.filter(date__gte=first, date__lte=last).values_list("date", flat=True))


def earliest_planned_start(announced):
    """The first day a planned suspension announced on `announced` may start, with the holidays on record."""
    # Seven working days lie within five weeks even around Tết (at most nine days off in a row).
    holidays = holidays_between(announced, announced + datetime.timedelta(days=35))
    return earliest_start(announced, holidays)


class MaintenanceNotice(models.Model):
    site = models.ForeignKey(
        Site,
        verbose_name=_("Trang thông tin"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="maintenance_notices",
        help_text=_("Để trống: thông báo cho tất cả các trang (chỉ cán bộ công nghệ thông tin của tỉnh)."),
    )
    starts_at = models.DateTimeField(_("Bắt đầu tạm ngừng"))
    ends_at = models.DateTimeField(_("Kết thúc tạm ngừng"))
    reason = models.TextField(_("Lý do"), max_length=REASON_MAX_LENGTH)
    emergency = models.BooleanField(
        _("Khẩn cấp"),
        default=False,
        help_text=_("Tạm ngừng đột xuất, không báo trước đủ 7 ngày làm việc; thông báo được ghi rõ là khẩn cấp."),
    )
    created_at = models.DateTimeField(_("Thời điểm thông báo"), default=_now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False, related_name="+"
    )

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("Thông báo tạm ngừng hoạt động")
        verbose_name_plural = _("Thông báo tạm ngừng hoạt động")
        permissions = [("notify_all_sites", _("Thông báo tạm ngừng cho tất cả các trang"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="maintenance_ends_after",
                violation_error_message=_("Thời điểm kết thúc phải sau thời điểm bắt đầu."),
            )
        ]

    def __str__(self):
        where = (self.site.site_name or self.site.hostname) if self.site_id else _("Tất cả các trang")
        start = formats.date_format(timezone.localtime(self.starts_at), "d/m/Y H:i")
        return f"{where}: {start}"

    def save(self, *args, **kwargs):
        self.reason = normalize_text(self.reason or "", multiline=True)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.reason = normalize_text(self.reason or "", multiline=True)
        if not self.reason:
            raise ValidationError({"reason": _("Hãy nêu lý do tạm ngừng.")})
        if self.starts_at is None or self.ends_at is None:
            return
        if self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Thời điểm kết thúc phải sau thời điểm bắt đầu.")})
        if self.emergency:
            return
        announced = timezone.localdate(self.created_at or timezone.now())
        earliest = earliest_planned_start(announced)
        if timezone.localdate(self.starts_at) < earliest:
            raise ValidationError(
                {
                    "starts_at": _(
                        "Tạm ngừng có kế hoạch phải được thông báo trước ít nhất %(days)d ngày làm việc (Nghị định "
                        "224/2026, Điều 13): thông báo ngày %(announced)s thì sớm nhất được tạm ngừng từ ngày "
                        "%(earliest)s. Nếu là sự cố đột xuất, hãy đánh dấu “Khẩn cấp”."
                    )
                    % {
                        "days": NOTICE_WORKING_DAYS,
                        "announced": f"{announced:%d/%m/%Y}",
                        "earliest": f"{earliest:%d/%m/%Y}",
                    }
                }
            )
