"""The suspension notice every public page carries, from when it is saved until the suspension ends.

The notices not yet over are few; their list is kept in the shared cache (emptied when a notice is saved or
deleted: signals.py) and remembered per process for a moment (core.memory), so a page render asks the database
nothing for it. The banner changes by itself twice, at the start (announced → in progress) and at the end (gone):
the page names the next of those moments (core.freshness), and no cache keeps it past that.
"""

import logging

from django.utils import timezone

from core import freshness, memory
from core.generations import shared_cache

logger = logging.getLogger(__name__)
CACHE_KEY = "maint:notices"
# Short, so a list read from the database just before a notice was committed and stored just after the notice
# emptied it (signals.py) is not kept long.
CACHE_SECONDS = 60


def _read_database():
    from .models import MaintenanceNotice

    rows = MaintenanceNotice.objects.filter(ends_at__gt=timezone.now()).order_by("starts_at", "pk")
    return [
        {
            "site_id": row.site_id,
            "starts_at": row.starts_at,
            "ends_at": row.ends_at,
            "reason": row.reason,
            "emergency": row.emergency,
            "created_at": row.created_at,
        }
        for row in rows
    ]


def _read_shared():
    cache = shared_cache()
    notices = cache.get(CACHE_KEY)
    if notices is None:
        notices = _read_database()
        cache.set(CACHE_KEY, notices, timeout=CACHE_SECONDS)
    return notices


def pending_notices():
    """Every notice whose suspension has not ended (possibly ended since it was read: callers compare times)."""
    try:
        return memory.remembered(CACHE_KEY, _read_shared)
    except Exception:  # noqa: BLE001 - with the shared cache down, the database answers
        logger.debug("maintenance notices read from the database", exc_info=True)
        return _read_database()


def forget():
    memory.forget_all()
    try:
        shared_cache().delete(CACHE_KEY)
    except Exception:  # noqa: BLE001 - saving a notice must not fail because the cache is unreachable
        logger.error("maintenance notices not forgotten in the shared cache", exc_info=True)


def notices_for(site_id, request=None, now=None):
    """The notices shown now on `site_id`'s pages, each with `in_progress`; names the next change for `request`."""
    now = now or timezone.now()
    shown = []
    for notice in pending_notices():
        if notice["site_id"] not in (None, site_id) or notice["ends_at"] <= now or notice["created_at"] > now:
            continue
        in_progress = notice["starts_at"] <= now
        shown.append({**notice, "in_progress": in_progress})
        freshness.limit(request, notice["ends_at"] if in_progress else notice["starts_at"])
    return shown


def context(request):
    """Template context: `maintenance_notices` for the request's site (none outside a ward's site)."""
    bundle = getattr(request, "ward_bundle", None)
    if bundle is None:
        return {"maintenance_notices": []}
    return {"maintenance_notices": notices_for(bundle.site.pk, request)}
