"""How many beacons one address may send to a site: PORTAL_STATS_RATE_LIMIT per PORTAL_STATS_RATE_WINDOW seconds.

Beyond it the beacon is answered 429 with Retry-After and counts nothing. Counted in the "ratelimit" cache (Redis,
or files without it) under the keyed hash of the address (visitors.address_key), never the address itself.
While Redis is away, or the files' disk is full, each process counts on its own (the cache's LOCAL_FALLBACK,
portal/cache.py), so the limit still holds per process.
The other bound, new visitors per address and day, is applied where visitors are counted (recording.apply_hits).
"""

import time

from django.conf import settings
from django.core.cache import caches

from stats.visitors import address_key, local_day

CACHE_ALIAS = "ratelimit"


def limit():
    return int(getattr(settings, "PORTAL_STATS_RATE_LIMIT", 120))


def window():
    return max(1, int(getattr(settings, "PORTAL_STATS_RATE_WINDOW", 60)))


def seconds_to_wait(site_id, ip):
    """None when this beacon is within the limit, else the seconds until the address may send again."""
    if limit() <= 0:
        return None
    now = time.time()
    span = window()
    slot = int(now // span)
    key = f"stats:rate:{address_key(site_id, ip, local_day())}:{slot}"
    if _count(key, span) <= limit():
        return None
    return int((slot + 1) * span - now) + 1


def count_in_window(name, span):
    """Count one more event under `name` (already keyed: never an address) in the current window of `span`
    seconds, and return (its number in the window, seconds until the window ends). Other limits (the citizen
    forms, intake.limits) count here, with the same fallback while the shared cache is away."""
    span = max(1, int(span))
    now = time.time()
    slot = int(now // span)
    return _count(f"{name}:{slot}", span), int((slot + 1) * span - now) + 1


def _count(key, span):
    """This beacon's number in its window."""
    cache = caches[CACHE_ALIAS]
    try:
        return 1 if cache.add(key, 1, span + 1) else cache.incr(key)
    except ValueError:  # expired between add and incr: a new window
        return 1
