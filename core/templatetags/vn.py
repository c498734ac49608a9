"""Template filters that show dates and numbers the Vietnamese way."""

import datetime

from django import template
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

register = template.Library()

WEEKDAYS = [_("Thứ Hai"), _("Thứ Ba"), _("Thứ Tư"), _("Thứ Năm"), _("Thứ Sáu"), _("Thứ Bảy"), _("Chủ nhật")]


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def vn_datetime(value):
    """'Thứ Ba, 28/03/2023 08:30' in Vietnam's time zone."""
    if not value:
        return ""
    value = _local(value)
    return f"{WEEKDAYS[value.weekday()]}, {value:%d/%m/%Y %H:%M}"


@register.filter
def machine_datetime(value):
    """For <time datetime>: '2023-03-28T08:30:00+07:00'. Whole seconds: HTML allows at most three digits of a
    fraction, and Django's 'c' format writes microseconds (every article saved with the default "now")."""
    if not value:
        return ""
    return _local(value).replace(microsecond=0).isoformat()


@register.filter
def vn_date(value):
    """'28/03/2023'."""
    if not value:
        return ""
    return f"{_local(value):%d/%m/%Y}"


@register.filter
def vn_number(value, decimals=0):
    """1182 -> '1.182'; 23550.5 with decimals=2 -> '23.550,50'."""
    if value is None or value == "":
        return "–"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return "–"
    text = f"{number:,.{int(decimals)}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
