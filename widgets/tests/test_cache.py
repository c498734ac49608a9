"""The snapshot cache on a real Redis, and pages that survive a Redis outage."""

import logging
import socket
import uuid

import pytest
from django.core.cache import cache
from django.test import override_settings

from conftest import ci_requires
from widgets.reading import FX_KEY
from widgets.refresh import FX_MIN_INTERVAL, refresh_fx
from widgets.tests.fake import good_fx
from widgets.tests.helpers import fx_row, render_sidebar

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/0"


def redis_cache(location, prefix):
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"pages-{prefix}"},
        # Per process in every configuration (portal/settings/base.py): rendered widgets live here.
        "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"fragments-{prefix}"},
    }


@pytest.fixture
def real_redis(settings):
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        ci_requires(f"Redis at {REDIS_URL}")
    # The server is shared: our own prefix, and only our keys are removed afterwards.
    prefix = f"test-widgets-{uuid.uuid4().hex}"
    settings.CACHES = redis_cache(REDIS_URL, prefix)
    yield prefix
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_snapshot_is_cached_in_redis_and_replaced_on_a_new_one(real_redis, plain_site, fake, widget_settings):
    from django.utils import timezone

    now = timezone.now()
    fake.fx(good_fx())
    refresh_fx(now=now)
    assert fx_row(render_sidebar(plain_site), "USD")[2] == "26.385"
    assert cache.get(FX_KEY).usd_sell is not None

    fake.fx(good_fx(when="11/26/2026 3:00:00 PM", rates={"USD": ("US DOLLAR ", "26,100.00", "26,130.00", "26,395.00")}))
    refresh_fx(now=now + timezone.timedelta(seconds=FX_MIN_INTERVAL))
    assert fx_row(render_sidebar(plain_site), "USD")[2] == "26.395"


def test_pages_survive_a_cache_outage(plain_site, fake, widget_settings, caplog):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    fake.fx(good_fx())
    refresh_fx()
    with (
        override_settings(CACHES=redis_cache(f"redis://127.0.0.1:{port}/0", "down")),
        caplog.at_level(logging.WARNING, logger="widgets"),
    ):
        html = render_sidebar(plain_site)
    assert fx_row(html, "USD")[2] == "26.385"
    assert any("cache read failed" in record.getMessage() for record in caplog.records)
