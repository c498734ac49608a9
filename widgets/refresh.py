"""Fetch, check and store snapshots. Only the periodic job and `refresh_widgets` call this; pages never do."""

import datetime
import logging
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from wards.models import WardSettings
from widgets.models import DEFAULT_CURRENCIES, FetchStatus, FxSnapshot, WeatherSnapshot, WidgetSettings
from widgets.models import parse_currency_list as currencies_of
from widgets.providers import InvalidData, ProviderError, fx_provider, weather_provider

logger = logging.getLogger("widgets")

# Vietcombank asks for at most one request every five minutes; no setting can go below this.
FX_MIN_INTERVAL = 300
# A rate that moves more than this between two fetches is a broken feed, not a market.
MAX_JUMP = Decimal("0.5")
# Sites within about a kilometre share one weather fetch (the model grid is coarser than that).
COORDINATE_STEP = Decimal("0.01")


@dataclass
class Outcome:
    key: str
    status: str  # "stored", "unchanged", "skipped", "failed"
    detail: str = ""

    @property
    def failed(self):
        return self.status == "failed"


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


def _claim(key, min_interval, now):
    """The FetchStatus to record this attempt in, or None when the last attempt is too recent."""
    with transaction.atomic():
        status, _ = FetchStatus.objects.select_for_update().get_or_create(key=key)
        if status.attempted_at and now - status.attempted_at < datetime.timedelta(seconds=min_interval):
            return None
        status.attempted_at = now
        status.save(update_fields=["attempted_at"])
    return status


def _failed(status, key, exc):
    status.failures += 1
    status.error = exc.reason[:2000]
    status.save(update_fields=["failures", "error"])
    logger.warning("widgets: %s fetch failed, last good data kept: %s", key, exc.reason)
    return Outcome(key, "failed", exc.reason)


def _succeeded(status, now):
    status.succeeded_at = now
    status.failures = 0
    status.error = ""
    status.save(update_fields=["succeeded_at", "failures", "error"])


def refresh_weather(site=None, *, min_interval=0, now=None):
    now = now or timezone.now()
    outcomes = []
    provider = None
    for (latitude, longitude), hostnames in weather_locations(site).items():
        key = f"weather:{latitude},{longitude}"
        status = _claim(key, min_interval, now)
        if status is None:
            outcomes.append(Outcome(key, "skipped", "fetched recently"))
            continue
        provider = provider or weather_provider()
        try:
            report = provider.fetch(latitude, longitude)
        except ProviderError as exc:
            outcomes.append(_failed(status, key, exc))
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
        raise InvalidData(f"currencies missing from the feed: {', '.join(missing)}")
    if last is None:
        return
    if report.updated_at < last.source_updated_at:
        raise InvalidData(f"feed time {report.updated_at:%Y-%m-%d %H:%M} is older than the stored one")
    if accept_jump:
        return
    for code, rate in report.rates.items():
        for kind in ("buy", "transfer", "sell"):
            new, old = getattr(rate, kind), last.rate(code, kind)
            if new is not None and old and abs(new - old) / old > MAX_JUMP:
                raise InvalidData(f"{code} {kind} jumped from {old} to {new} (more than {MAX_JUMP:.0%})")


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


def refresh_fx(*, min_interval=FX_MIN_INTERVAL, now=None, accept_jump=False):
    now = now or timezone.now()
    key = "fx"
    required = fx_currencies()
    if not required:
        return [Outcome(key, "skipped", "no site shows exchange rates")]
    status = _claim(key, max(min_interval, FX_MIN_INTERVAL), now)
    if status is None:
        return [Outcome(key, "skipped", f"the feed allows one request every {FX_MIN_INTERVAL // 60} minutes")]
    last = FxSnapshot.objects.first()
    try:
        report = fx_provider().fetch()
        check_fx(report, last, required, accept_jump)
    except ProviderError as exc:
        return [_failed(status, key, exc)]
    rates = _stored_rates(report)
    if last and last.rates == rates and last.source_updated_at == report.updated_at:
        last.checked_at = now
        last.save(update_fields=["checked_at"])
        outcome = Outcome(key, "unchanged", f"rates of {report.updated_at:%d/%m/%Y %H:%M}")
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
        outcome = Outcome(key, "stored", f"{len(rates)} currencies, rates of {report.updated_at:%d/%m/%Y %H:%M}")
    _succeeded(status, now)
    return [outcome]
