"""Generation counters in the shared cache: a copy kept anywhere (a cached page, a process's site bundle, its
list of view restrictions) records the generations it was made under and is stale once one has moved."""

import logging

from django.conf import settings
from django.core.cache import caches

from core import memory

logger = logging.getLogger(__name__)


def shared_cache():
    """The cache every process shares (files or Redis): generations and cached pages."""
    return caches[settings.PORTAL_PAGE_CACHE_ALIAS]


def bump(keys):
    memory.forget_all()  # this process sees its own change at once; the others within memory.seconds()
    cache = shared_cache()
    for key in keys:
        try:
            try:
                cache.incr(key)
            except ValueError:
                # Never set: copies recorded it as 0, so any other value invalidates them.
                cache.set(key, 1, timeout=None)
        except Exception:  # noqa: BLE001 - a publish must not fail because the cache is unreachable
            logger.error("generation bump failed for %s", key, exc_info=True)
