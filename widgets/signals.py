"""Cache invalidation: a new snapshot is on the next page, not after the cache times out."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from widgets.models import FetchStatus, FxSnapshot, WeatherSnapshot
from widgets.reading import FX_KEY, forget, status_cache_key, weather_key


@receiver([post_save, post_delete], sender=WeatherSnapshot)
def forget_weather(sender, instance, **kwargs):
    forget(weather_key(instance.latitude, instance.longitude))


@receiver([post_save, post_delete], sender=FetchStatus)
def forget_status(sender, instance, **kwargs):
    forget(status_cache_key(instance.key))


@receiver([post_save, post_delete], sender=FxSnapshot)
def forget_fx(sender, instance, **kwargs):
    forget(FX_KEY)
