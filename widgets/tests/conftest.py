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
        "read_timeout": 1.0,  # generous: a loaded machine must not turn good answers into retries
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
    from wagtail.models import Page, Site

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:  # a transactional test before this one flushed what the migrations created
        from conftest import _ensure_page_tree

        _ensure_page_tree()
        root = Page.get_first_root_node()
        site = Site.objects.create(hostname="localhost", port=80, root_page=root, is_default_site=True)
    return site


@pytest.fixture
def located_site(plain_site):
    from wards.models import WardSettings

    ward = WardSettings.for_site(plain_site)
    ward.ward_name = "Phường Hồng Gai"
    ward.latitude, ward.longitude = Decimal("20.95000"), Decimal("107.07000")
    ward.save()
    return plain_site
