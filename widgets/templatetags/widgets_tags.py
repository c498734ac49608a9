"""The sidebar widgets: one cached read each, and nothing but stored data."""

import datetime
import hashlib

from django import template
from django.conf import settings
from django.core.cache import caches
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import mark_safe

from core.templatetags.vn import WEEKDAYS, vn_number
from wards.context_processors import FRAGMENT_SECONDS
from widgets import wmo
from widgets.icons import weather_svg
from widgets.models import WidgetSettings
from widgets.providers.openmeteo import OpenMeteoProvider
from widgets.reading import fx_status, is_stale, latest_fx, weather_at, weather_status
from widgets.refresh import location_of

register = template.Library()

# Licence credits by provider name, for the sources that ask for one.
CREDITS = {OpenMeteoProvider.name: OpenMeteoProvider.credit}


def widget_settings(context):
    request = context.get("request")
    if request is None:
        return None
    bundle = getattr(request, "ward_bundle", None)
    if bundle is not None:
        return bundle.setting(WidgetSettings)
    try:
        return WidgetSettings.for_request(request)
    except WidgetSettings.DoesNotExist:  # a host that matches no site
        return None


@register.filter
def vn_rate(value):
    """Decimal('23550.00') -> '23.550'; Decimal('172.35') -> '172,35'; None -> '–'."""
    if value is None:
        return "–"
    return vn_number(value, 0 if value == value.to_integral_value() else 2)


@register.simple_tag
def weather_icon(code, size=48):
    return weather_svg(wmo.icon_name(code), size)


def _day_label(day, today):
    if day == today + datetime.timedelta(days=1):
        return "Ngày mai"
    return f"{WEEKDAYS[day.weekday()]} {day:%d/%m}"


def _rendered(template_name, values, snapshot_fields, shown):
    """The widget's HTML, rendered once per process for each state of what it shows (whether it is on, the
    snapshot's identity and times, staleness, what an empty one says, the days or currencies listed): every
    page of every site shows the same few widgets."""
    snapshot = values.get("snapshot")
    state = (
        values["enabled"],
        snapshot and tuple(getattr(snapshot, name) for name in snapshot_fields),
        values.get("stale"),
        values.get("empty"),
        tuple(shown),
    )
    key = f"widget:{template_name}:" + hashlib.sha256(repr(state).encode()).hexdigest()
    html = caches["fragments"].get_or_set(key, lambda: get_template(template_name).render(values), FRAGMENT_SECONDS)
    return mark_safe(html)  # noqa: S308 - our template's output, escaped there


@register.simple_tag(takes_context=True)
def weather_widget(context):
    values = weather_values(context)
    days = [day["label"] for day in values.get("days", ())]
    return _rendered("widgets/weather.html", values, ("pk", "fetched_at", "observed_at"), days)


@register.simple_tag(takes_context=True)
def fx_widget(context):
    values = fx_values(context)
    codes = [row["code"] for row in values.get("rows", ())]
    return _rendered("widgets/fx.html", values, ("pk", "checked_at", "source_updated_at"), codes)


def empty_note(subject, status):
    """Why a widget has nothing to show. "Not answering" only when the job recorded failed attempts."""
    if status is None or not status.failures:
        return f"Chưa có dữ liệu {subject}: chưa lấy được lần nào từ nguồn."
    since = timezone.localtime(status.failing_since or status.attempted_at)
    problem = "nguồn trả về dữ liệu không dùng được" if status.answered else "nguồn không trả lời"
    return f"Chưa lấy được dữ liệu {subject}: {problem} từ {since:%H:%M} ngày {since:%d/%m/%Y}."


def weather_values(context):
    config = widget_settings(context)
    if config is None or not config.show_weather:
        return {"enabled": False}
    location = location_of(context.get("ward"))
    if location is None:
        return {"enabled": True, "snapshot": None, "empty": "Chưa có dữ liệu thời tiết: trang chưa khai báo toạ độ."}
    snapshot = weather_at(location)
    if snapshot is None:
        return {"enabled": True, "snapshot": None, "empty": empty_note("thời tiết", weather_status(location))}
    today = timezone.localtime(snapshot.observed_at).date()
    days = []
    for entry in snapshot.daily:
        day = datetime.date.fromisoformat(entry["date"])
        if day > today and len(days) < 3:
            days.append(
                {
                    "label": _day_label(day, today),
                    "date": day,
                    "code": entry["code"],
                    "description": wmo.describe(entry["code"]),
                    "min": entry["min"],
                    "max": entry["max"],
                }
            )
    return {
        "enabled": True,
        "snapshot": snapshot,
        "description": wmo.describe(snapshot.weather_code),
        "days": days,
        "stale": is_stale(snapshot.fetched_at, settings.WIDGETS_WEATHER_STALE_AFTER),
        "credit": CREDITS.get(snapshot.provider),
    }


def fx_rows(snapshot, codes):
    rows = []
    for code in codes:
        rate = snapshot.rates.get(code) or {}
        rows.append(
            {
                "code": code,
                "name": rate.get("name", ""),
                "buy": snapshot.rate(code, "buy"),
                "transfer": snapshot.rate(code, "transfer"),
                "sell": snapshot.rate(code, "sell"),
            }
        )
    return rows


def fx_values(context):
    config = widget_settings(context)
    if config is None or not config.show_fx:
        return {"enabled": False}
    snapshot = latest_fx()
    if snapshot is None:
        return {"enabled": True, "snapshot": None, "empty": empty_note("tỷ giá", fx_status())}
    return {
        "enabled": True,
        "snapshot": snapshot,
        "rows": fx_rows(snapshot, config.currency_list),
        "stale": is_stale(snapshot.checked_at, settings.WIDGETS_FX_STALE_AFTER),
    }
