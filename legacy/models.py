"""What an import of old portals leaves behind: the old hostnames, now redirect-only hosts of a new ward site,
every old address read from the archives with what it answers now, and the archived pictures already stored."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LegacyHost(models.Model):
    """An old portal's hostname; every request for it is answered with a redirect (legacy.middleware)."""

    class Otherwise(models.TextChoices):
        HOME = "home", _("chuyển về trang chủ (301)")
        GONE = "gone", _("không còn (410)")

    hostname = models.CharField(_("tên miền cũ"), max_length=255, unique=True)
    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="legacy_hosts", verbose_name=_("trang mới")
    )
    otherwise = models.CharField(
        _("địa chỉ không có trong bản lưu"),
        max_length=8,
        choices=Otherwise.choices,
        default=Otherwise.HOME,
        help_text=_("Một địa chỉ cũ không có trong bản lưu web thì chuyển về trang chủ mới, hay báo không còn."),
    )

    class Meta:
        verbose_name = _("tên miền cũ")
        verbose_name_plural = _("tên miền cũ")

    def __str__(self):
        return self.hostname


class LegacyURL(models.Model):
    """One old address (path and query, noise parameters left out: legacy.oldurls) and what it answers now."""

    class Outcome(models.TextChoices):
        ARTICLE = "article", _("bài viết")
        CATEGORY = "category", _("chuyên mục")
        HOME = "home", _("trang chủ")
        GONE = "gone", _("không còn")

    host = models.ForeignKey(LegacyHost, on_delete=models.CASCADE, related_name="urls")
    key = models.CharField(max_length=40)  # legacy.oldurls.url_key of `path`
    path = models.TextField(_("đường dẫn cũ"))
    outcome = models.CharField(_("kết quả"), max_length=8, choices=Outcome.choices)
    # The article or category it redirects to; when that page is deleted the address answers 410.
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("địa chỉ cũ")
        verbose_name_plural = _("địa chỉ cũ")
        constraints = [models.UniqueConstraint(fields=["host", "key"], name="legacy_url_unique_per_host")]

    def __str__(self):
        return f"{self.host_id}:{self.path}"


class LegacyImage(models.Model):
    """An archived picture already stored as a Wagtail image, by the digest of its bytes: the same photo under
    two old addresses (or on two old sites) is stored once."""

    digest = models.CharField(max_length=64, unique=True)
    image = models.ForeignKey("images.PortalImage", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("ảnh từ cổng cũ")
        verbose_name_plural = _("ảnh từ cổng cũ")

    def __str__(self):
        return self.digest[:12]
