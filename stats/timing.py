"""How long the portal takes to answer its pages: a histogram per site and day, for the measurement endpoint.

Decree 224/2026 (Art. 12) asks for figures the province's platform collects by itself, the median response time
among them. Each page answer (200, HTML, GET, fresh or from the page cache) adds one to its time's bucket in this
process; the counts go to the database every FLUSH_SECONDS, a handful of UPDATEs, never one write per request.
What a process had not written yet is lost if it is killed: a measurement, not a record anyone relies on. A
database that refuses the write keeps the counts here for the next try. The median is read from the buckets,
linear within the one holding it: as exact as the buckets are narrow (5 ms at the fast end).
"""

import bisect
import logging
import threading
import time

from django.db import DatabaseError, transaction
from django.db.models import F, Sum

from stats.visitors import local_day

logger = logging.getLogger(__name__)

# Upper bounds (ms) of the buckets; the last bucket holds everything slower than the one before it.
BOUNDS = (5, 10, 15, 20, 30, 40, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 2000, 5000, 30000)
FLUSH_SECONDS = 10  # settings.PORTAL_RESPONSE_TIMES_FLUSH_SECONDS overrides (the tests: only when they say)
MAX_KEYS = 10_000  # a database down for long: stop growing rather than fill the process's memory

_lock = threading.Lock()
_pending = {}  # (site_id, day, bucket bound) -> count
_flushed_at = [time.monotonic()]


def bucket_of(ms):
    return BOUNDS[min(bisect.bisect_left(BOUNDS, ms), len(BOUNDS) - 1)]


def note(site_id, ms, at=None):
    """Count one page answer of `site_id` that took `ms` milliseconds; written out now and then."""
    key = (site_id, local_day(at), bucket_of(ms))
    with _lock:
        if key in _pending or len(_pending) < MAX_KEYS:
            _pending[key] = _pending.get(key, 0) + 1
        due = time.monotonic() - _flushed_at[0] >= _flush_seconds()
    if due:
        flush()


def _flush_seconds():
    from django.conf import settings

    return getattr(settings, "PORTAL_RESPONSE_TIMES_FLUSH_SECONDS", FLUSH_SECONDS)


def flush():
    """Write this process's counts; on a database error they stay for the next flush. Returns rows written."""
    from wagtail.models import Site

    from stats.models import ResponseTimeDay

    with _lock:
        taken = dict(_pending)
        _pending.clear()
        _flushed_at[0] = time.monotonic()
    if not taken:
        return 0
    written = 0
    try:
        with transaction.atomic():
            # A site deleted since its pages were answered: its counts go with it (they would refuse the write).
            sites = set(Site.objects.filter(pk__in={key[0] for key in taken}).values_list("pk", flat=True))
            for (site_id, day, bound), count in sorted(taken.items()):
                if site_id not in sites:
                    continue
                updated = ResponseTimeDay.objects.filter(site_id=site_id, day=day, bound_ms=bound).update(
                    count=F("count") + count
                )
                if not updated:
                    ResponseTimeDay.objects.create(site_id=site_id, day=day, bound_ms=bound, count=count)
                written += 1
    except DatabaseError:
        logger.warning("Không ghi được thời gian phản hồi; sẽ thử lại", exc_info=True)
        with _lock:
            for key, count in taken.items():
                if key in _pending or len(_pending) < MAX_KEYS:
                    _pending[key] = _pending.get(key, 0) + count
        return 0
    return written


def forget():
    """Drop this process's unwritten counts (tests: each starts with none)."""
    with _lock:
        _pending.clear()
        _flushed_at[0] = time.monotonic()


def median_ms(site_id, first_day, last_day):
    """The median response time of the site's pages over the days (inclusive), or None without answers."""
    from stats.models import ResponseTimeDay

    rows = (
        ResponseTimeDay.objects.filter(site_id=site_id, day__gte=first_day, day__lte=last_day)
        .values("bound_ms")
        .annotate(n=Sum("count"))
    )
    counts = {row["bound_ms"]: row["n"] for row in rows}
    return median_of(counts)


def median_of(counts):
    """The median of a histogram {bucket bound: count}, linear within its bucket."""
    total = sum(counts.values())
    if not total:
        return None
    half, seen, lower = total / 2, 0, 0
    for bound in BOUNDS:
        n = counts.get(bound, 0)
        if n and seen + n >= half:
            return round(lower + (bound - lower) * (half - seen) / n, 1)
        seen, lower = seen + n, bound
    return float(BOUNDS[-1])


class ResponseTimeMiddleware:
    """Outermost, so a page from the page cache counts as the fast answer it is."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        if (
            request.method == "GET"
            and response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and not request.path.startswith(("/admin/", "/django-admin/"))
        ):
            try:
                from core.sites import site_id_for_request

                site_id = site_id_for_request(request)
                if site_id is not None:
                    note(site_id, (time.perf_counter() - started) * 1000)
            except Exception:  # noqa: BLE001 - a measurement never breaks the page it measures
                logger.warning("Không đo được thời gian phản hồi", exc_info=True)
        return response
