"""What one address can add: a rate limit (429 + Retry-After) and a cap of new visitors per day."""

import pytest
from django.core.cache import caches

from stats import limits
from stats.models import SiteDay
from stats.recording import fold
from stats.tests.conftest import free_port

pytestmark = pytest.mark.django_db

NOW = 60.0 * 29_833_333 + 10  # 10 s into a 60-s window


def ua(n):
    return f"Mozilla/5.0 (Linux; Android 14; Thiet-bi-{n}) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"


def stored():
    day = SiteDay.objects.first()
    return (day.visitors, day.pageviews) if day else (0, 0)


@pytest.fixture
def clock(monkeypatch):
    """The limiter's wall clock, frozen: a window must not end in the middle of a test."""
    now = [NOW]
    monkeypatch.setattr(limits.time, "time", lambda: now[0])
    return now


def test_one_address_changing_user_agents_adds_at_most_the_cap_by_default(settings, beacon, ward_site, clock):
    """The issue's attack, shortened: one address, a new User-Agent on every beacon, default settings."""
    statuses = [beacon("/", ua=ua(n), ip="203.0.113.7").status_code for n in range(200)]
    answered = statuses.count(204)
    assert answered == settings.PORTAL_STATS_RATE_LIMIT
    assert statuses.count(429) == 200 - answered
    assert stored() == (settings.PORTAL_STATS_VISITORS_PER_ADDRESS, answered)
    # Another address is not affected.
    assert beacon("/", ua=ua(1), ip="203.0.113.8").status_code == 204
    assert stored() == (settings.PORTAL_STATS_VISITORS_PER_ADDRESS + 1, answered + 1)


def test_the_rate_limit_answers_429_with_retry_after_until_the_window_ends(settings, beacon, ward_site, clock):
    settings.PORTAL_STATS_RATE_LIMIT = 5
    for n in range(5):
        assert beacon("/", ua=ua(n), ip="198.51.100.4").status_code == 204
    refused = beacon("/", ua=ua(9), ip="198.51.100.4")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "51"
    assert refused["Cache-Control"] == "no-store"
    assert refused.json()["error"].startswith("Địa chỉ này gửi quá nhiều")
    assert stored() == (5, 5)
    clock[0] += 51
    assert beacon("/", ua=ua(9), ip="198.51.100.4").status_code == 204


def test_beyond_the_cap_views_count_but_visitors_do_not(settings, beacon, ward_site, clock):
    settings.PORTAL_STATS_VISITORS_PER_ADDRESS = 3
    for n in range(8):
        assert beacon("/", ua=ua(n), ip="198.51.100.5").status_code == 204
    assert stored() == (3, 8)
    # A visitor past the cap is not new on its next page either.
    assert beacon("/tin-tuc-su-kien/", ua=ua(7), ip="198.51.100.5").status_code == 204
    assert stored() == (3, 9)


def test_an_ipv6_subscriber_cannot_rotate_through_its_network(settings, beacon, ward_site, clock):
    settings.PORTAL_STATS_VISITORS_PER_ADDRESS = 2
    settings.PORTAL_STATS_RATE_LIMIT = 4
    statuses = [beacon("/", ua=ua(n), ip=f"2001:db8:1:2::{n + 1:x}").status_code for n in range(6)]
    assert statuses == [204] * 4 + [429] * 2
    assert beacon("/", ua=ua(1), ip="2001:db8:1:3::1").status_code == 204  # another /64
    assert stored() == (3, 5)


def test_the_cap_holds_when_hits_wait_for_the_fold(settings, beacon, ward_site, redis_server, clock):
    settings.PORTAL_STATS_VISITORS_PER_ADDRESS = 3
    for n in range(7):
        assert beacon("/", ua=ua(n), ip="198.51.100.6").status_code == 204
    assert fold() == 7
    assert stored() == (3, 7)


def test_the_rate_limit_holds_while_redis_is_away(settings, beacon, ward_site, clock):
    settings.CACHES = {
        **settings.CACHES,
        # As in production with REDIS_URL (portal/settings/base.py), with nothing listening.
        "ratelimit": {
            "BACKEND": "portal.cache.FaultTolerantRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port(6500, 6599)}/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "LOCAL_FALLBACK": True},
        },
    }
    settings.PORTAL_STATS_RATE_LIMIT = 3
    statuses = [beacon("/", ua=ua(n), ip="198.51.100.7").status_code for n in range(5)]
    assert statuses == [204, 204, 204, 429, 429]


def test_no_address_is_kept_in_the_cache(settings, beacon, ward_site, clock):
    beacon("/", ua=ua(1), ip="198.51.100.77")
    keys = list(caches["ratelimit"]._cache)
    assert any("stats:rate:" in key for key in keys)
    assert not any("198.51.100" in key for key in keys)
