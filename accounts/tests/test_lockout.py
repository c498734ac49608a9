"""django-axes: repeated failures lock one username from one address, with a Vietnamese page."""

import pytest
from django.conf import settings
from django.urls import reverse

from editorial.models import Role
from editorial.tests.fixtures import PASSWORD


def _login(client, username, password, address):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.fixture
def reporter(ward_site, make_staff):
    return make_staff(ward_site, Role.REPORTER, username="phong-vien")


def test_lockout_after_repeated_failures_is_per_username_and_address(client, reporter, make_staff, ward_site):
    other = make_staff(ward_site, Role.REPORTER, username="cong-tac-vien")
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _login(client, "phong-vien", "sai-mat-khau", "10.0.0.1")
        assert response.status_code == 200  # the login form again, with its error

    locked = _login(client, "phong-vien", "sai-mat-khau", "10.0.0.1")
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Tạm khoá đăng nhập" in text
    assert f"{settings.AXES_COOLOFF_TIME.seconds // 60} phút" in text

    # Even the right password is refused from that address for that username …
    assert _login(client, "phong-vien", PASSWORD, "10.0.0.1").status_code == 429
    # … but the same person from another address, and another user from that address, still get in.
    assert _login(client, "phong-vien", PASSWORD, "10.0.0.2").status_code == 302
    client.logout()
    assert _login(client, other.username, PASSWORD, "10.0.0.1").status_code == 302


def test_successful_login_resets_the_failure_count(client, reporter):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "phong-vien", "sai-mat-khau", "10.0.0.3")
    assert _login(client, "phong-vien", PASSWORD, "10.0.0.3").status_code == 302
    client.logout()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "phong-vien", "sai-mat-khau", "10.0.0.3").status_code == 200


@pytest.fixture
def axes_on_an_unreachable_redis(settings):
    """The production set-up with REDIS_URL (axes' cache handler, the "axes" cache) while Redis is away."""
    from axes.handlers.proxy import AxesProxyHandler

    from portal import cache as portal_cache
    from stats.tests.conftest import free_port

    settings.CACHES = {
        **settings.CACHES,
        "axes": {
            "BACKEND": "portal.cache.FaultTolerantRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port(6500, 6599)}/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2, "LOCAL_FALLBACK": True},
        },
    }
    settings.AXES_CACHE = "axes"
    settings.AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
    AxesProxyHandler.get_implementation(force=True)
    portal_cache.forget_failures()
    yield
    settings.AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
    AxesProxyHandler.get_implementation(force=True)
    portal_cache.forget_failures()


def test_lockout_holds_while_redis_is_away(client, reporter, axes_on_an_unreachable_redis):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "phong-vien", "sai-mat-khau", "10.0.0.7").status_code == 200
    assert _login(client, "phong-vien", "sai-mat-khau", "10.0.0.7").status_code == 429
    assert _login(client, "phong-vien", PASSWORD, "10.0.0.7").status_code == 429
    assert _login(client, "phong-vien", PASSWORD, "10.0.0.8").status_code == 302
