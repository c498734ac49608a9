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
