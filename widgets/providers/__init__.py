"""Outside data sources behind small interfaces; settings choose which class serves each widget."""

from django.conf import settings
from django.utils.module_loading import import_string

from .base import FetchError, FxProvider, FxReport, InvalidData, ProviderError, Rate, WeatherProvider, WeatherReport

__all__ = [
    "FetchError",
    "FxProvider",
    "FxReport",
    "InvalidData",
    "ProviderError",
    "Rate",
    "WeatherProvider",
    "WeatherReport",
    "fx_provider",
    "weather_provider",
]


def weather_provider() -> WeatherProvider:
    return import_string(settings.PORTAL_WEATHER_PROVIDER)()


def fx_provider() -> FxProvider:
    return import_string(settings.PORTAL_FX_PROVIDER)()
