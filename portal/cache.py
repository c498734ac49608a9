"""Django's Redis cache, made to survive Redis being away.

Behind every page something reads the cache (Wagtail's site root paths, the page cache, django-axes, widgets,
statistics): with Django's RedisCache a Redis that does not answer turned those pages into 500s. This backend
treats a Redis error as a miss (reads give the default, writes do nothing) and then leaves Redis alone for
RETRY_SECONDS, so a page does not wait for a connect timeout on every read; the first call after that pause
tries Redis again, so everything comes back by itself.

OPTIONS["RAISE_ERRORS"] = True keeps errors raised (immediately, while Redis is left alone), for callers that
must tell "unknown" from "missing": the page cache's generation numbers (pagecache.keys), where a missing
number is 0 but an unreachable one means "do not trust what you have".
"""

import logging
import threading
import time
from urllib.parse import urlsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis import RedisError

logger = logging.getLogger(__name__)

# How often, at most, an unreachable Redis is logged again while it stays away.
LOG_EVERY_SECONDS = 60.0


class RedisUnavailable(RedisError):
    """Raised in RAISE_ERRORS mode while Redis is left alone after a failure."""


def _where(servers):
    """Host and port only: a Redis URL may carry a password."""
    return ", ".join(f"{urlsplit(url).hostname}:{urlsplit(url).port or 6379}" for url in servers)


class _Breaker:
    """Per Redis address and process: when Redis failed last and when it was last logged."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.down_since = None
        self.logged_at = None

    def is_open(self):
        return self.down_until > time.monotonic()

    def failed(self, servers, retry_seconds, exc):
        now = time.monotonic()
        with self.lock:
            self.down_until = now + retry_seconds
            if self.down_since is None:
                self.down_since = now
            if self.logged_at is not None and now - self.logged_at < LOG_EVERY_SECONDS:
                return
            self.logged_at = now
        logger.warning(
            "Không kết nối được Redis %s (%s); trang vẫn được phục vụ nhưng không qua bộ nhớ đệm, "
            "thử lại sau mỗi %.1f giây.",
            _where(servers),
            exc,
            retry_seconds,
        )

    def succeeded(self, servers):
        if self.down_since is None:
            return
        with self.lock:
            if self.down_since is None:
                return
            seconds = time.monotonic() - self.down_since
            self.down_since = None
            self.logged_at = None
        logger.warning("Redis %s hoạt động trở lại sau %.1f giây; bộ nhớ đệm được dùng lại.", _where(servers), seconds)


_breakers = {}
_breakers_lock = threading.Lock()


def _breaker_for(servers):
    key = tuple(servers)
    with _breakers_lock:
        return _breakers.setdefault(key, _Breaker())


def forget_failures():
    """For tests: every address counts as reachable again."""
    with _breakers_lock:
        _breakers.clear()


class FaultTolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.raise_errors = bool(options.pop("RAISE_ERRORS", False))
        self.retry_seconds = float(options.pop("RETRY_SECONDS", 1.0))
        local_fallback = bool(options.pop("LOCAL_FALLBACK", False))
        super().__init__(server, {**params, "OPTIONS": options})
        self._breaker = _breaker_for(self._servers)
        # Counters that must keep counting while Redis is away (django-axes' failed logins) go to this
        # process's memory meanwhile: a lockout per worker is weaker than one shared, but not none.
        self._local = LocMemCache(f"redis-fallback-{id(self)}", {}) if local_fallback else None

    def is_available(self):
        """False while Redis is being left alone after a failure."""
        return not self._breaker.is_open()

    def _call(self, name, fallback, *args):
        if self._breaker.is_open():
            if self.raise_errors:
                raise RedisUnavailable("Redis tạm thời không dùng được")
            return self._fallback(name, fallback, *args)
        try:
            result = getattr(super(), name)(*args)
        except RedisError as exc:
            self._breaker.failed(self._servers, self.retry_seconds, exc)
            if self.raise_errors:
                raise
            return self._fallback(name, fallback, *args)
        self._breaker.succeeded(self._servers)
        return result

    def _fallback(self, name, value, *args):
        if self._local is None:
            return value
        try:
            return getattr(self._local, name)(*args)
        except ValueError:  # incr of a key this process has not seen
            return value

    # Each operation of Django's RedisCache, with what it gives while Redis is unreachable.
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def incr(self, key, delta=1, version=None):
        # As if the key had just been made: a counter starts again instead of failing.
        return self._call("incr", delta, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def clear(self):
        return self._call("clear", False)
