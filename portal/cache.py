"""Django's Redis and file caches, made to survive their store being away.

Behind every page something reads the cache (Wagtail's site root paths, the page cache, django-axes, widgets,
statistics): with Django's RedisCache a Redis that does not answer turned those pages into 500s. These backends
treat an error of their store (Redis not answering; for files, a full or broken disk) as a miss (reads give the
default, writes do nothing) and then leave the store alone for RETRY_SECONDS, so a page does not wait for a
connect timeout on every read; the first call after that pause tries the store again, so everything comes back
by itself.

OPTIONS["RAISE_ERRORS"] = True keeps errors raised (immediately, while the store is left alone), for callers that
must tell "unknown" from "missing": the page cache's generation numbers (pagecache.keys), where a missing
number is 0 but an unreachable one means "do not trust what you have".

OPTIONS["LOCAL_FALLBACK"] = True is for counters that must keep counting while the store is away (django-axes'
failed logins, the statistics beacon's rate limit): meanwhile every operation goes to this process's memory.
A limit per worker process is weaker than one shared, but not none.
"""

import logging
import threading
import time
from urllib.parse import urlsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis import RedisError

logger = logging.getLogger(__name__)

# How often, at most, an unreachable store is logged again while it stays away.
LOG_EVERY_SECONDS = 60.0
# What LOCAL_FALLBACK keeps per process, at most (LocMemCache's default of 300 would forget counters early).
LOCAL_FALLBACK_ENTRIES = 10_000


class RedisUnavailable(RedisError):
    """Raised in RAISE_ERRORS mode while Redis is left alone after a failure."""


class CacheFilesUnavailable(OSError):
    """Raised in RAISE_ERRORS mode while a file cache's folder is left alone after a failure."""


def _where(servers):
    """Host and port only: a Redis URL may carry a password."""
    return ", ".join(f"{urlsplit(url).hostname}:{urlsplit(url).port or 6379}" for url in servers)


class _Breaker:
    """Per store (Redis address, cache folder) and process: when it failed last and when it was last logged."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.down_since = None
        self.logged_at = None

    def is_open(self):
        return self.down_until > time.monotonic()

    def failed(self, where, retry_seconds, exc, message):
        now = time.monotonic()
        with self.lock:
            self.down_until = now + retry_seconds
            if self.down_since is None:
                self.down_since = now
            if self.logged_at is not None and now - self.logged_at < LOG_EVERY_SECONDS:
                return
            self.logged_at = now
        logger.warning(message, where, exc, retry_seconds)

    def succeeded(self, where, message):
        if self.down_since is None:
            return
        with self.lock:
            if self.down_since is None:
                return
            seconds = time.monotonic() - self.down_since
            self.down_since = None
            self.logged_at = None
        logger.warning(message, where, seconds)


_breakers = {}
_breakers_lock = threading.Lock()


def _breaker_for(key):
    with _breakers_lock:
        return _breakers.setdefault(key, _Breaker())


def forget_failures():
    """For tests: every address counts as reachable again."""
    with _breakers_lock:
        _breakers.clear()


class _FaultTolerant:
    """What both backends share: the options, the breaker, the local fallback and each operation's answer
    while the store is away. A backend names its store's errors (`failures`), its exception for RAISE_ERRORS
    while left alone (`unavailable`) and its two log lines."""

    failures = ()
    unavailable = OSError
    down_message = up_message = ""  # "%s" the store, "%s" the error, "%.1f" seconds / "%s" the store, "%.1f" seconds

    def _take_options(self, params):
        """The params without this module's options, which the store's own backend would not accept."""
        options = dict(params.get("OPTIONS", {}))
        self.raise_errors = bool(options.pop("RAISE_ERRORS", False))
        self.retry_seconds = float(options.pop("RETRY_SECONDS", 1.0))
        local_fallback = bool(options.pop("LOCAL_FALLBACK", False))
        self._local = (
            LocMemCache(f"cache-fallback-{id(self)}", {"OPTIONS": {"MAX_ENTRIES": LOCAL_FALLBACK_ENTRIES}})
            if local_fallback
            else None
        )
        # An operation Django builds from others (a file cache's add is has_key + set, incr is get + set):
        # only the outermost one handles a failure.
        self._inside = threading.local()
        return {**params, "OPTIONS": options}

    def _watch(self, key, where):
        self._breaker = _breaker_for(key)
        self._where = where

    def _call(self, name, fallback, *args):
        if getattr(self._inside, "active", False):
            return getattr(super(), name)(*args)
        if self._breaker.is_open():
            if self.raise_errors:
                raise self.unavailable(f"{self._where} tạm thời không dùng được")
            return self._fallback(name, fallback, *args)
        self._inside.active = True
        try:
            result = getattr(super(), name)(*args)
        except self.failures as exc:
            self._breaker.failed(self._where, self.retry_seconds, exc, self.down_message)
            if self.raise_errors:
                raise
            return self._fallback(name, fallback, *args)
        finally:
            self._inside.active = False
        self._breaker.succeeded(self._where, self.up_message)
        return result

    def _fallback(self, name, value, *args):
        if self._local is None:
            return value
        try:
            return getattr(self._local, name)(*args)
        except ValueError:  # incr of a key this process has not seen
            return value

    # Each operation of Django's cache, with what it gives while the store is away (without LOCAL_FALLBACK).
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


class FaultTolerantRedisCache(_FaultTolerant, RedisCache):
    failures = (RedisError,)
    unavailable = RedisUnavailable
    down_message = (
        "Không kết nối được Redis %s (%s); trang vẫn được phục vụ nhưng không qua bộ nhớ đệm, "
        "thử lại sau mỗi %.1f giây."
    )
    up_message = "Redis %s hoạt động trở lại sau %.1f giây; bộ nhớ đệm được dùng lại."

    def __init__(self, server, params):
        super().__init__(server, self._take_options(params))
        self._watch(tuple(self._servers), _where(self._servers))


class FaultTolerantFileCache(_FaultTolerant, FileBasedCache):
    """The file cache (no Redis) on a full or broken disk: with LOCAL_FALLBACK, counters go on in memory (the
    statistics beacon's rate limit)."""

    failures = (OSError,)
    unavailable = CacheFilesUnavailable
    down_message = "Không dùng được bộ nhớ đệm trong %s (%s); trang vẫn được phục vụ, thử lại sau mỗi %.1f giây."
    up_message = "Bộ nhớ đệm trong %s dùng được trở lại sau %.1f giây."

    def __init__(self, directory, params):
        super().__init__(directory, self._take_options(params))
        self._watch(("files", self._dir), self._dir)
