"""Cache invalidation: a new snapshot is on the next page, not after the cache times out."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from widgets.models import FxSnapshot, WeatherSnapshot
from widgets.reading import FX_KEY, forget, weather_key


@receiver([post_save, post_delete], sender=WeatherSnapshot)
def forget_weather(sender, instance, **kwargs):
    forget(weather_key(instance.latitude, instance.longitude))


@receiver([post_save, post_delete], sender=FxSnapshot)
def forget_fx(sender, instance, **kwargs):
    forget(FX_KEY)
