"""Visitor statistics: daily aggregates, and the short-lived keys that make them exact.

Nothing here holds an IP address or a User-Agent. A visitor is a keyed hash under a
secret that exists for one day only (DailySecret); once it is deleted the hashes of
that day can no longer be tied to anyone.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    DIRECT = "direct", _("Truy cập trực tiếp")
    INTERNAL = "internal", _("Từ trang khác của cổng")
    ZALO = "zalo", _("Zalo")
    FACEBOOK = "facebook", _("Facebook")
    GOOGLE = "google", _("Google")
    OTHER = "other", _("Trang web khác")
    UNKNOWN = "unknown", _("Không rõ (trình duyệt tắt JavaScript)")


class DailySecret(models.Model):
    """The HMAC key of one day (Asia/Ho_Chi_Minh); deleted once the day is over."""

    day = models.DateField(_("ngày"), unique=True)
    key = models.CharField(_("khoá"), max_length=64)

    class Meta:
        verbose_name = _("khoá trong ngày")
        verbose_name_plural = _("khoá trong ngày")

    def __str__(self):
        return f"{self.day}"


class DailyVisitor(models.Model):
    """One row per visitor and day: the unique constraint is what makes 'visitors' exact."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("ngày"))
    visitor = models.CharField(_("mã khách"), max_length=32)
    # The keyed hash of the visitor's network (visitors.address_key): new visitors per address are capped.
    address = models.CharField(_("mã địa chỉ"), max_length=32, blank=True, default="")

    class Meta:
        verbose_name = _("khách trong ngày")
        verbose_name_plural = _("khách trong ngày")
        constraints = [models.UniqueConstraint(fields=["site", "day", "visitor"], name="stats_visitor_once_a_day")]
        indexes = [models.Index(fields=["site", "day", "address"], name="stats_visitor_address")]

    def __str__(self):
        return f"{self.site_id} {self.day} {self.visitor}"


class RecentView(models.Model):
    """When a visitor's view of a path was last counted: the repeat limit, and 'Đang online'."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    visitor = models.CharField(_("mã khách"), max_length=32)
    path = models.CharField(_("đường dẫn"), max_length=255)
    counted_at = models.DateTimeField(_("lần tính gần nhất"))

    class Meta:
        verbose_name = _("lượt xem gần đây")
        verbose_name_plural = _("lượt xem gần đây")
        constraints = [models.UniqueConstraint(fields=["site", "visitor", "path"], name="stats_recent_view_once")]
        indexes = [models.Index(fields=["site", "counted_at"], name="stats_recent_site_time")]

    def __str__(self):
        return f"{self.site_id} {self.path} {self.counted_at}"


class SiteDay(models.Model):
    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("ngày"))
    visitors = models.PositiveIntegerField(_("khách"), default=0)
    pageviews = models.PositiveIntegerField(_("lượt xem trang"), default=0)

    class Meta:
        verbose_name = _("số liệu ngày")
        verbose_name_plural = _("số liệu ngày")
        constraints = [models.UniqueConstraint(fields=["site", "day"], name="stats_site_day_once")]

    def __str__(self):
        return f"{self.site_id} {self.day}: {self.visitors}/{self.pageviews}"


class PageDay(models.Model):
    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("ngày"))
    path = models.CharField(_("đường dẫn"), max_length=255)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_constraint=False
    )
    views = models.PositiveIntegerField(_("lượt xem"), default=0)

    class Meta:
        verbose_name = _("lượt xem trang trong ngày")
        verbose_name_plural = _("lượt xem trang trong ngày")
        constraints = [models.UniqueConstraint(fields=["site", "day", "path"], name="stats_page_day_once")]

    def __str__(self):
        return f"{self.site_id} {self.day} {self.path}: {self.views}"


class SourceDay(models.Model):
    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("ngày"))
    source = models.CharField(_("nguồn"), max_length=16, choices=Source.choices)
    views = models.PositiveIntegerField(_("lượt xem"), default=0)

    class Meta:
        verbose_name = _("nguồn truy cập trong ngày")
        verbose_name_plural = _("nguồn truy cập trong ngày")
        constraints = [models.UniqueConstraint(fields=["site", "day", "source"], name="stats_source_day_once")]

    def __str__(self):
        return f"{self.site_id} {self.day} {self.source}: {self.views}"


class PendingHit(models.Model):
    """A counted hit waiting for the fold (with Redis): written before the beacon is answered, so a Redis that
    dies loses no hit; `stats_fold` adds it to the daily tables and deletes it in one transaction."""

    site_id = models.IntegerField()
    day = models.DateField()
    visitor = models.CharField(max_length=32)
    address = models.CharField(max_length=32, blank=True, default="")
    path = models.CharField(max_length=255)
    page_id = models.IntegerField(null=True)
    source = models.CharField(max_length=16)

    def __str__(self):
        return f"{self.site_id} {self.day} {self.path}"


class ResponseTimeDay(models.Model):
    """How many page answers of a site on a day took at most `bound_ms` (and more than the bucket below):
    stats/timing.py."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("ngày"))
    bound_ms = models.PositiveIntegerField(_("tới (ms)"))
    count = models.PositiveIntegerField(_("số lượt"), default=0)

    class Meta:
        verbose_name = _("thời gian phản hồi trong ngày")
        verbose_name_plural = _("thời gian phản hồi trong ngày")
        constraints = [models.UniqueConstraint(fields=["site", "day", "bound_ms"], name="stats_response_time_day_once")]

    def __str__(self):
        return f"{self.site_id} {self.day} ≤{self.bound_ms} ms: {self.count}"
