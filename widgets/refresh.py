"""Fetch, check and store snapshots. Only the periodic job and `refresh_widgets` call this; pages never do."""

import datetime
import logging
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from wards.models import WardSettings
from widgets.models import (
    DEFAULT_CURRENCIES,
    FetchStatus,
    FxSnapshot,
    WeatherSnapshot,
    WidgetSettings,
    fx_status_key,
    weather_status_key,
)
from widgets.models import parse_currency_list as currencies_of
from widgets.providers import InvalidData, ProviderError, fx_provider, weather_provider

logger = logging.getLogger("widgets")

# Vietcombank asks for at most one request every five minutes; no setting can go below this. Only requests
# that reached it count (an HTTP answer came back): an attempt with no network never asked it anything.
FX_MIN_INTERVAL = 300
# A rate that moves more than this between two fetches is a broken feed, not a market.
MAX_JUMP = Decimal("0.5")
# Sites within about a kilometre share one weather fetch (the model grid is coarser than that).
COORDINATE_STEP = Decimal("0.01")


STATUS_WORDS = {"stored": "đã lưu", "unchanged": "không đổi", "skipped": "bỏ qua", "failed": "lỗi"}
RATE_KINDS = {"buy": "mua tiền mặt", "transfer": "mua chuyển khoản", "sell": "bán"}


@dataclass
class Outcome:
    key: str
    status: str  # "stored", "unchanged", "skipped", "failed"
    detail: str = ""  # Vietnamese: the commands print it

    @property
    def failed(self):
        return self.status == "failed"

    def __str__(self):
        return f"{self.key}: {STATUS_WORDS[self.status]}" + (f" ({self.detail})" if self.detail else "")


def location_of(ward):
    if ward is None or ward.latitude is None or ward.longitude is None:
        return None
    return (
        Decimal(ward.latitude).quantize(COORDINATE_STEP, rounding=ROUND_HALF_UP),
        Decimal(ward.longitude).quantize(COORDINATE_STEP, rounding=ROUND_HALF_UP),
    )


def _widget_settings(sites):
    found = {item.site_id: item for item in WidgetSettings.objects.filter(site__in=sites)}
    # A site nobody configured yet shows both widgets with the default currencies.
    return {site.pk: found.get(site.pk) or WidgetSettings(site=site) for site in sites}


def weather_locations(site=None):
    """{(lat, lon): [hostnames]} for sites that show weather and have coordinates."""
    sites = [site] if site else list(Site.objects.all())
    configs = _widget_settings(sites)
    wards = {ward.site_id: ward for ward in WardSettings.objects.filter(site__in=sites)}
    locations = {}
    for each in sites:
        location = location_of(wards.get(each.pk))
        if configs[each.pk].show_weather and location:
            locations.setdefault(location, []).append(each.hostname)
    return locations


def fx_currencies():
    """Currencies shown by at least one site; empty when no site shows rates."""
    codes = []
    for config in _widget_settings(list(Site.objects.all())).values():
        if config.show_fx:
            codes += [code for code in currencies_of(config.currencies or DEFAULT_CURRENCIES) if code not in codes]
    return codes


def _within(moment, seconds, now):
    return moment is not None and now - moment < datetime.timedelta(seconds=seconds)


def _claim(key, now, *, min_interval=0, courtesy=0):
    """(FetchStatus to record this attempt in, None), or (None, why not) when it is not due.

    `min_interval` is the schedule and counts every attempt; `courtesy` is the source's own limit and counts
    only requests that reached it. The claim itself counts until the attempt turns out unanswered, so
    several processes asking at once still send one request.
    """
    with transaction.atomic():
        status, _ = FetchStatus.objects.select_for_update().get_or_create(key=key)
        if _within(status.attempted_at, min_interval, now):
            return None, "vừa lấy gần đây"
        if _within(status.counted_at, courtesy, now):
            return None, (
                f"nguồn chỉ cho phép một yêu cầu mỗi {courtesy // 60} phút; "
                f"yêu cầu gần nhất tới nguồn lúc {timezone.localtime(status.counted_at):%H:%M:%S}"
            )
        status.previous_counted_at = status.counted_at
        status.attempted_at = status.counted_at = now
        status.save(update_fields=["attempted_at", "counted_at"])
    return status, None


def _failed(status, key, exc, now):
    status.failures += 1
    status.failing_since = status.failing_since or now
    status.answered = exc.answered
    status.error = exc.reason[:2000]
    if not exc.answered:
        status.counted_at = status.previous_counted_at  # the source never saw it: its interval is not spent
    status.save(update_fields=["failures", "failing_since", "answered", "error", "counted_at"])
    logger.warning("widgets: lấy %s lỗi, giữ bản tốt gần nhất: %s", key, exc.reason)
    return Outcome(key, "failed", exc.reason)


def _succeeded(status, now):
    status.succeeded_at = now
    status.failures = 0
    status.failing_since = None
    status.answered = True
    status.error = ""
    status.save(update_fields=["succeeded_at", "failures", "failing_since", "answered", "error"])


def refresh_weather(site=None, *, min_interval=0, now=None):
    now = now or timezone.now()
    outcomes = []
    provider = None
    for (latitude, longitude), hostnames in weather_locations(site).items():
        key = weather_status_key((latitude, longitude))
        status, why_not = _claim(key, now, min_interval=min_interval)
        if status is None:
            outcomes.append(Outcome(key, "skipped", why_not))
            continue
        provider = provider or weather_provider()
        try:
            report = provider.fetch(latitude, longitude)
        except ProviderError as exc:
            outcomes.append(_failed(status, key, exc, now))
            continue
        WeatherSnapshot.objects.update_or_create(
            latitude=latitude,
            longitude=longitude,
            defaults={
                "provider": report.provider,
                "observed_at": report.observed_at,
                "fetched_at": now,
                "temperature": report.temperature,
                "humidity": report.humidity,
                "wind_speed": report.wind_speed,
                "weather_code": report.weather_code,
                "daily": [
                    {"date": day.date.isoformat(), "code": day.weather_code, "min": day.temp_min, "max": day.temp_max}
                    for day in report.daily
                ],
            },
        )
        _succeeded(status, now)
        outcomes.append(Outcome(key, "stored", ", ".join(hostnames)))
    return outcomes


def check_fx(report, last, required, accept_jump=False):
    """Refuse a table that lacks a shown currency, goes back in time, or jumps by more than half."""
    missing = [code for code in required if code not in report.rates]
    if missing:
        raise InvalidData(f"bảng tỷ giá thiếu ngoại tệ: {', '.join(missing)}")
    if last is None:
        return
    if report.updated_at < last.source_updated_at:
        raise InvalidData(f"thời điểm của bảng ({report.updated_at:%d/%m/%Y %H:%M}) cũ hơn bản đã lưu")
    if accept_jump:
        return
    for code, rate in report.rates.items():
        for kind in ("buy", "transfer", "sell"):
            new, old = getattr(rate, kind), last.rate(code, kind)
            if new is not None and old and abs(new - old) / old > MAX_JUMP:
                raise InvalidData(
                    f"{code} {RATE_KINDS[kind]} đổi từ {old} thành {new} (quá {MAX_JUMP:.0%}); "
                    "đã kiểm tra thì chạy lại với --accept-jump"
                )


def _stored_rates(report):
    return {
        code: {
            "name": rate.name,
            **{
                kind: (str(value) if (value := getattr(rate, kind)) is not None else None)
                for kind in ("buy", "transfer", "sell")
            },
        }
        for code, rate in sorted(report.rates.items())
    }


def refresh_fx(*, min_interval=0, now=None, accept_jump=False):
    """`min_interval`: the caller's schedule; the feed's courtesy interval applies whatever it says."""
    now = now or timezone.now()
    provider = fx_provider()
    key = fx_status_key(provider.source)
    required = fx_currencies()
    if not required:
        return [Outcome("fx", "skipped", "không trang nào hiện tỷ giá")]
    status, why_not = _claim(key, now, min_interval=min_interval, courtesy=FX_MIN_INTERVAL)
    if status is None:
        return [Outcome("fx", "skipped", why_not)]
    last = FxSnapshot.objects.first()
    try:
        report = provider.fetch()
        check_fx(report, last, required, accept_jump)
    except ProviderError as exc:
        return [_failed(status, "fx", exc, now)]
    rates = _stored_rates(report)
    if last and last.rates == rates and last.source_updated_at == report.updated_at:
        last.checked_at = now
        last.save(update_fields=["checked_at"])
        outcome = Outcome("fx", "unchanged", f"tỷ giá lúc {report.updated_at:%H:%M %d/%m/%Y}")
    else:
        usd = report.rates.get("USD")
        FxSnapshot.objects.create(
            provider=report.provider,
            source_updated_at=report.updated_at,
            fetched_at=now,
            checked_at=now,
            rates=rates,
            usd_sell=usd.sell if usd else None,
        )
        outcome = Outcome("fx", "stored", f"{len(rates)} ngoại tệ, tỷ giá lúc {report.updated_at:%H:%M %d/%m/%Y}")
    _succeeded(status, now)
    return [outcome]
