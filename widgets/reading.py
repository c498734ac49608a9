"""What pages read: stored snapshots through the cache. Never a network call."""

import datetime
import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from core import memory
from widgets.models import FetchStatus, FxSnapshot, WeatherSnapshot, fx_status_key, weather_status_key
from widgets.providers import fx_provider

logger = logging.getLogger("widgets")

FX_KEY = "widgets:v1:fx"
_NOTHING = "nothing"  # cached too, so a site without data does not query on every page


def weather_key(latitude, longitude):
    return f"widgets:v1:weather:{latitude}:{longitude}"


def status_cache_key(status_key):
    return "widgets:v1:status:" + hashlib.sha256(status_key.encode()).hexdigest()


def _shared(key):
    try:
        return cache.get(key)
    except Exception:  # a cache outage costs a query, never the page
        logger.warning("widgets: cache read failed for %s", key, exc_info=True)
        return None


def _cached(key, load):
    value = memory.remembered(key, lambda: _shared(key))
    if value is None:
        value = load()
        try:
            cache.set(key, _NOTHING if value is None else value, settings.WIDGETS_CACHE_SECONDS)
        except Exception:
            logger.warning("widgets: cache write failed for %s", key, exc_info=True)
        return value
    return None if value == _NOTHING else value


def forget(key):
    memory.forget_all()
    try:
        cache.delete(key)
    except Exception:
        logger.warning("widgets: cache delete failed for %s", key, exc_info=True)


def weather_at(location):
    if location is None:
        return None
    latitude, longitude = location
    return _cached(
        weather_key(latitude, longitude),
        lambda: WeatherSnapshot.objects.filter(latitude=latitude, longitude=longitude).first(),
    )


def latest_fx():
    return _cached(FX_KEY, lambda: FxSnapshot.objects.first())


def _status(key):
    return _cached(status_cache_key(key), lambda: FetchStatus.objects.filter(key=key).first())


def weather_status(location):
    """How fetching for this location went: read only by a widget with nothing stored to show."""
    return _status(weather_status_key(location))


def fx_status():
    return _status(fx_status_key(fx_provider().source))


def is_stale(moment, seconds, now=None):
    return (now or timezone.now()) - moment > datetime.timedelta(seconds=seconds)
