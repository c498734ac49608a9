"""Per-site widget settings and the snapshots the periodic job stores for pages to read."""

import hashlib
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

DEFAULT_CURRENCIES = "USD,EUR,JPY,GBP,CNY,AUD,SGD,KRW"
# The currencies Vietcombank's feed carries.
KNOWN_CURRENCIES = (
    "AUD CAD CHF CNY DKK EUR GBP HKD INR JPY KRW KWD MYR NOK RUB SAR SEK SGD THB USD".split()  # noqa: SIM905
)


def parse_currency_list(value):
    """'usd, eur  jpy' -> ['USD', 'EUR', 'JPY'] (order kept, duplicates dropped)."""
    codes = []
    for code in re.split(r"[\s,;]+", (value or "").upper()):
        if code and code not in codes:
            codes.append(code)
    return codes


def validate_currency_list(value):
    codes = parse_currency_list(value)
    if not codes:
        raise ValidationError(_("Cần chọn ít nhất một loại ngoại tệ."))
    unknown = [code for code in codes if code not in KNOWN_CURRENCIES]
    if unknown:
        raise ValidationError(
            _("Mã ngoại tệ không có trong bảng tỷ giá: %(codes)s. Các mã có: %(known)s.")
            % {"codes": ", ".join(unknown), "known": ", ".join(KNOWN_CURRENCIES)}
        )


@register_setting(icon="globe")
class WidgetSettings(BaseSiteSetting):
    """Which widgets a ward's sidebar shows; the weather location comes from the ward's coordinates."""

    show_weather = models.BooleanField(_("hiện thời tiết"), default=True)
    show_fx = models.BooleanField(_("hiện tỷ giá ngoại tệ"), default=True)
    currencies = models.CharField(
        _("ngoại tệ hiển thị"),
        max_length=200,
        default=DEFAULT_CURRENCIES,
        validators=[validate_currency_list],
        help_text=_("Mã ngoại tệ, cách nhau bằng dấu phẩy, theo thứ tự hiển thị. Các mã có: %(known)s.")
        % {"known": ", ".join(KNOWN_CURRENCIES)},
    )

    panels = [
        MultiFieldPanel(
            [
                HelpPanel(
                    _(
                        "Thời tiết lấy theo toạ độ (vĩ độ, kinh độ) khai báo trong mục "
                        "“Thông tin phường, xã” của trang này. Chưa có toạ độ thì khung thời tiết "
                        "báo “trang chưa khai báo toạ độ”."
                    )
                ),
                FieldPanel("show_weather"),
            ],
            _("Thời tiết"),
        ),
        MultiFieldPanel([FieldPanel("show_fx"), FieldPanel("currencies")], _("Tỷ giá ngoại tệ")),
    ]

    class Meta:
        verbose_name = _("tiện ích thời tiết, tỷ giá")
        verbose_name_plural = _("tiện ích thời tiết, tỷ giá")

    def clean(self):
        super().clean()
        self.currencies = ",".join(parse_currency_list(self.currencies))

    @property
    def currency_list(self):
        return parse_currency_list(self.currencies)


class WeatherSnapshot(models.Model):
    """The latest good weather report for one location, shared by every site at those coordinates."""

    latitude = models.DecimalField(max_digits=5, decimal_places=2)
    longitude = models.DecimalField(max_digits=5, decimal_places=2)
    provider = models.CharField(max_length=40)
    observed_at = models.DateTimeField(help_text="The provider's time of the current conditions.")
    fetched_at = models.DateTimeField()
    temperature = models.FloatField()
    humidity = models.FloatField(null=True)
    wind_speed = models.FloatField(null=True, help_text="km/h")
    weather_code = models.PositiveSmallIntegerField()
    # [{"date": "2026-11-27", "code": 61, "min": 18.5, "max": 23.0}, …]
    daily = models.JSONField(default=list)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["latitude", "longitude"], name="weather_one_per_location")]

    def __str__(self):
        return f"{self.latitude},{self.longitude} @ {self.fetched_at:%Y-%m-%d %H:%M}"


class FxSnapshot(models.Model):
    """One row per fetch of the rate feed that changed something; the newest is what pages show."""

    provider = models.CharField(max_length=40)
    source_updated_at = models.DateTimeField(help_text="The feed's own update time.")
    fetched_at = models.DateTimeField(db_index=True, help_text="First fetch that saw these rates.")
    checked_at = models.DateTimeField(help_text="Latest fetch that confirmed these rates.")
    # {"USD": {"name": "US DOLLAR", "buy": "26100.00", "transfer": "26130.00", "sell": null}, …}
    rates = models.JSONField()
    # Kept apart so the 30-day chart reads one column.
    usd_sell = models.DecimalField(max_digits=14, decimal_places=4, null=True)

    class Meta:
        ordering = ["-fetched_at", "-pk"]

    def __str__(self):
        return f"{self.provider} {self.source_updated_at:%Y-%m-%d %H:%M}"

    def rate(self, code, kind):
        value = (self.rates.get(code) or {}).get(kind)
        return Decimal(value) if value is not None else None


class FetchStatus(models.Model):
    """When a source was last asked and how it went: the schedule, the rate limit and the empty widgets read this."""

    key = models.CharField(max_length=255, unique=True, help_text='"fx:<feed URL>" or "weather:<lat>,<lon>"')
    attempted_at = models.DateTimeField(null=True, help_text="Latest attempt, answered or not: the job's schedule.")
    counted_at = models.DateTimeField(
        null=True,
        help_text="Latest request that reached the source (or one under way): the courtesy interval counts from here.",
    )
    succeeded_at = models.DateTimeField(null=True)
    failures = models.PositiveIntegerField(default=0, help_text="Failed fetches since the last success.")
    failing_since = models.DateTimeField(null=True, help_text="First failed attempt since the last success.")
    answered = models.BooleanField(default=False, help_text="Whether the latest attempt got an HTTP answer.")
    error = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "fetch statuses"

    def __str__(self):
        return self.key


def weather_status_key(location):
    latitude, longitude = location
    return f"weather:{latitude},{longitude}"


def fx_status_key(url):
    """One status row per feed URL: a corrected URL is not held back by the attempts on the old one."""
    key = f"fx:{url}"
    return key if len(key) <= 255 else "fx:sha256:" + hashlib.sha256(url.encode()).hexdigest()
