from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

DEFAULT_LICENCE = (
    "Dữ liệu do cổng thông tin điện tử của phường công bố, được dùng lại tự do theo giấy phép Creative Commons "
    "Ghi công 4.0 Quốc tế (CC BY 4.0), với điều kiện ghi rõ nguồn là cổng thông tin của phường."
)
DEFAULT_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.vi"


@register_setting(icon="doc-full")
class OpenDataSettings(BaseSiteSetting):
    """The licence statement the ward's open data is published under (shown with every download)."""

    licence = models.TextField(
        _("điều khoản sử dụng dữ liệu mở"),
        default=DEFAULT_LICENCE,
        help_text=_("Hiện kèm mỗi tệp dữ liệu mở (CSV, JSON) và trong /api/open-data/."),
    )
    licence_url = models.URLField(_("đường dẫn giấy phép"), blank=True, default=DEFAULT_LICENCE_URL)

    class Meta:
        verbose_name = _("dữ liệu mở")
        verbose_name_plural = _("dữ liệu mở")

    @classmethod
    def of(cls, site):
        """The site's settings, or the defaults when no editor saved any (a GET creates no row)."""
        return cls.objects.filter(site=site).first() or cls(site=site)


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A partner system's key to write to one ward site. Only a keyed hash of the token is stored; the token
    itself is shown once, when it is created (api.tokens)."""

    SCOPES = [("articles:write", _("Gửi bài viết (bản nháp chờ duyệt)"))]

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+", verbose_name=_("trang phường")
    )
    name = models.CharField(_("tên hệ thống dùng mã"), max_length=100)
    scope = models.CharField(_("quyền"), max_length=40, choices=SCOPES, default="articles:write")
    prefix = models.CharField(_("đầu mã"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"
