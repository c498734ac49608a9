from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from core.text import normalize_text


@register_setting(icon="site")
class WardSettings(BaseSiteSetting):
    """What differs from one ward's portal to the next."""

    ward_name = models.CharField(_("tên phường, xã"), max_length=120, help_text=_("Ví dụ: Phường Hồng Gai"))
    province = models.CharField(_("tỉnh, thành phố"), max_length=120, blank=True, help_text=_("Ví dụ: Tỉnh Quảng Ninh"))
    agency_name = models.CharField(
        _("cơ quan chủ quản"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: Uỷ ban nhân dân phường Hồng Gai"),
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    logo = models.ForeignKey(
        "images.PortalImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("biểu trưng"),
    )
    latitude = models.DecimalField(
        _("vĩ độ"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Toạ độ trụ sở, dùng cho thời tiết. Ví dụ: 20.95"),
    )
    longitude = models.DecimalField(
        _("kinh độ"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("Ví dụ: 107.07"),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("ward_name"), FieldPanel("province"), FieldPanel("agency_name"), FieldPanel("logo")],
            _("Đơn vị"),
        ),
        MultiFieldPanel([FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")], _("Liên hệ")),
        MultiFieldPanel([FieldPanel("latitude"), FieldPanel("longitude")], _("Vị trí")),
    ]

    class Meta:
        verbose_name = _("thông tin phường, xã")
        verbose_name_plural = _("thông tin phường, xã")

    def __str__(self):
        return self.ward_name or str(self.site)

    def save(self, *args, **kwargs):
        for name in ("ward_name", "province", "agency_name", "address", "phone"):
            setattr(self, name, normalize_text(getattr(self, name)))
        super().save(*args, **kwargs)

    @property
    def portal_title(self):
        if not self.ward_name:
            return gettext("Cổng thông tin điện tử")
        # "Phường Hồng Gai" reads "phường Hồng Gai" inside a sentence.
        return gettext("Cổng thông tin điện tử %(ward)s") % {"ward": self.ward_name[0].lower() + self.ward_name[1:]}
