"""Satisfaction rating ("Thông tin này có hữu ích không?", Decree 224/2026 Art. 10): counts per page and day,
the short-lived keys that allow one rating per visitor, page and day, and the comments a moderator reads.

Nothing here holds an IP address or a User-Agent: a rater is the statistics' visitor key (stats.visitors), a
keyed hash under a secret that exists for one day only; DailyRater rows are deleted the day after. A comment
carries no key at all, so it cannot be tied to a rater or to another comment.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SCORES = range(1, 6)


class Score(models.IntegerChoices):
    ONE = 1, _("1 – Không hữu ích")
    TWO = 2, _("2 – Ít hữu ích")
    THREE = 3, _("3 – Tạm được")
    FOUR = 4, _("4 – Hữu ích")
    FIVE = 5, _("5 – Rất hữu ích")


class DailyRater(models.Model):
    """One row per visitor, page and day: the unique constraint is the one-rating-a-day rule."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("ngày"))
    path = models.CharField(_("đường dẫn"), max_length=255)
    visitor = models.CharField(_("mã khách"), max_length=32)
    # The keyed hash of the rater's network (stats.visitors.address_key): ratings per address and page are capped.
    address = models.CharField(_("mã địa chỉ"), max_length=32)

    class Meta:
        verbose_name = _("người đánh giá trong ngày")
        verbose_name_plural = _("người đánh giá trong ngày")
        constraints = [
            models.UniqueConstraint(fields=["site", "day", "path", "visitor"], name="ratings_rater_once_a_day")
        ]
        indexes = [models.Index(fields=["site", "day", "path", "address"], name="ratings_rater_address")]

    def __str__(self):
        return f"{self.site_id} {self.day} {self.path}"


class PageRatingDay(models.Model):
    """How many ratings of each score a page received on a day (what stays for good)."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("ngày"))
    path = models.CharField(_("đường dẫn"), max_length=255)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_constraint=False
    )
    score = models.PositiveSmallIntegerField(_("điểm"), choices=Score.choices)
    count = models.PositiveIntegerField(_("số lượt"), default=0)

    class Meta:
        verbose_name = _("đánh giá trang trong ngày")
        verbose_name_plural = _("đánh giá trang trong ngày")
        constraints = [
            models.UniqueConstraint(fields=["site", "day", "path", "score"], name="ratings_page_day_score_once")
        ]
        indexes = [models.Index(fields=["site", "day"], name="ratings_page_day_site")]

    def __str__(self):
        return f"{self.site_id} {self.day} {self.path} {self.score}: {self.count}"


class CommentQuerySet(models.QuerySet):
    def in_queue(self):
        """Waiting for a moderator: flagged first, oldest first."""
        return self.filter(status=Comment.Status.PENDING).order_by("-flagged", "created_at", "pk")


class Comment(models.Model):
    """A rater's optional comment: read by the site's moderators, never public."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ xem")
        DONE = "done", _("Đã xử lý")
        DISMISSED = "dismissed", _("Bỏ qua")

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+", verbose_name=_("trang"))
    path = models.CharField(_("đường dẫn"), max_length=255)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_constraint=False
    )
    score = models.PositiveSmallIntegerField(_("điểm"), choices=Score.choices)
    text = models.TextField(_("góp ý"))
    created_at = models.DateTimeField(_("gửi lúc"), default=timezone.now, db_index=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.PENDING)
    flagged = models.BooleanField(_("bị sàng lọc"), default=False)
    flags = models.TextField(_("lý do sàng lọc"), blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("góp ý kèm đánh giá")
        verbose_name_plural = _("góp ý kèm đánh giá")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["site", "status"], name="ratings_comment_queue")]

    def __str__(self):
        return f"{self.site_id} {self.path} {self.created_at:%Y-%m-%d}"
