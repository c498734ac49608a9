"""How many beacons one address may send to a site: PORTAL_STATS_RATE_LIMIT per PORTAL_STATS_RATE_WINDOW seconds.

Beyond it the beacon is answered 429 with Retry-After and counts nothing. Counted in the shared cache (Redis,
or files without it) under the keyed hash of the address (visitors.address_key), never the address itself.
While the shared cache is unreachable each process counts on its own, so the limit still holds per process.
The other bound, new visitors per address and day, is applied where visitors are counted (recording.apply_hits).
"""

import threading
import time

from django.conf import settings
from django.core.cache import cache

from stats.visitors import address_key, local_day

_local = {}  # key -> (expires at, count), for when the shared cache is away
_local_lock = threading.Lock()


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
    try:
        count = 1 if cache.add(key, 1, span + 1) else cache.incr(key)
    except ValueError:  # expired between add and incr: a new window
        count = 1
    except OSError:  # the file cache (no Redis) on a full disk: count in this process meanwhile
        return _count_locally(key, span)
    if getattr(cache, "is_available", lambda: True)():
        return count
    return _count_locally(key, span)


def _count_locally(key, span):
    now = time.monotonic()
    with _local_lock:
        if len(_local) > 10_000:
            for stale in [k for k, (until, _) in _local.items() if until <= now]:
                del _local[stale]
        until, count = _local.get(key, (now + span + 1, 0))
        _local[key] = (until, count + 1)
        return count + 1


def forget():
    """For tests."""
    with _local_lock:
        _local.clear()
