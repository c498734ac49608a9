"""Fixtures: the fake outside services, settings pointing at them, a clean cache."""

from decimal import Decimal

import pytest
from django.core.cache import cache

from widgets.tests.fake import FX_PATH, WEATHER_PATH, FakeServices, start


@pytest.fixture
def fake():
    services = FakeServices()
    server = start(services)
    yield services
    server.shutdown()
    server.server_close()


@pytest.fixture
def widget_settings(settings, fake):
    """Point the providers at the fake server with short timeouts and backoff."""
    settings.PORTAL_WEATHER_URL = fake.base + WEATHER_PATH
    settings.PORTAL_FX_URL = fake.base + FX_PATH + "?b=10"
    settings.WIDGETS_HTTP = {
        "connect_timeout": 0.5,
        "read_timeout": 0.4,
        "retries": 2,
        "backoff": 0.01,
        "max_bytes": 200_000,
    }
    return settings


@pytest.fixture(autouse=True)
def _clean_cache():
    # Snapshots of a rolled-back test must not be served from the cache to the next one.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def plain_site(db):
    """Wagtail's default site from its migrations: enough for the widgets, and cheap."""
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


@pytest.fixture
def located_site(plain_site):
    from wards.models import WardSettings

    ward = WardSettings.for_site(plain_site)
    ward.ward_name = "Phường Hồng Gai"
    ward.latitude, ward.longitude = Decimal("20.95000"), Decimal("107.07000")
    ward.save()
    return plain_site
