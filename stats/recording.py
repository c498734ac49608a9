"""Writing hits: straight to the database, or, with Redis, queued in the database and folded in later.

Exactness rests on the database in both paths: a visitor counts for a day only when its
row in stats_dailyvisitor is inserted (a unique constraint decides), and every counter
is bumped with an upsert in the same transaction. With Redis, Redis only decides whether a
hit repeats a view too soon; a counted hit is one insert into stats_pendinghit before the
beacon is answered, and the fold moves pending rows into the counters and deletes them in
one transaction, so a hit is counted exactly once whatever happens to Redis or to a fold.
"""

import dataclasses
import datetime
import logging
import time
from collections import Counter

from django.db import OperationalError, connection, transaction
from django.utils import timezone

from stats import redis_buffer
from stats.models import PendingHit
from stats.visitors import address_key, local_day, repeat_seconds, visitor_key, visitors_per_address

logger = logging.getLogger(__name__)

RETRIES = 8
CHUNK = 400


@dataclasses.dataclass(frozen=True)
class Hit:
    site_id: int
    day: datetime.date
    visitor: str
    path: str
    page_id: int | None
    source: str
    address: str = ""  # visitors.address_key; empty: no cap applies

    def pending(self):
        return PendingHit(
            site_id=self.site_id,
            day=self.day,
            visitor=self.visitor,
            address=self.address,
            path=self.path,
            page_id=self.page_id,
            source=self.source,
        )

    @classmethod
    def from_pending(cls, row):
        return cls(row.site_id, row.day, row.visitor, row.path, row.page_id, row.source, row.address)


# What a moment later may not meet again; a read-only or full database is not among them, and waiting on it
# only held the beacon (about 5 s) before the same error.
BUSY = ("locked", "busy", "deadlock", "could not serialize")


def with_retries(func):
    """Run `func` again when the database is busy (SQLite lock, PostgreSQL deadlock)."""
    for attempt in range(RETRIES):
        try:
            return func()
        except OperationalError as exc:
            if attempt == RETRIES - 1 or not any(word in str(exc).lower() for word in BUSY):
                raise
            time.sleep(0.02 * (2**attempt))
    return None


def count_view(site_id, path, page_id, ip, user_agent, source, at=None):
    """Count a person's view of `path` at `at` (default now): the one entry point for a hit."""
    at = at or timezone.now()
    day = local_day(at)
    visitor = visitor_key(site_id, ip, user_agent, day)
    address = address_key(site_id, ip, day)
    return record(Hit(site_id, day, visitor, path, page_id, source, address), at)


def record(hit, at=None):
    """Count one view; returns True when it counted (False: repeated within the limit)."""
    at = at or timezone.now()
    claimed = redis_buffer.claim(hit, at)
    if claimed is None:
        return with_retries(lambda: _record_in_db(hit, at))
    if claimed:
        # Stored before the beacon is answered: Redis may die with everything it holds.
        with_retries(lambda: hit.pending().save(force_insert=True))
    return claimed


def _record_in_db(hit, at):
    with transaction.atomic():
        if not _claim_view(hit, at):
            return False
        apply_hits([hit])
        return True


def _claim_view(hit, at):
    """Upsert the visitor's last counted view of this path; no row changed means 'too soon'."""
    ops = connection.ops
    cutoff = at - datetime.timedelta(seconds=repeat_seconds())
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO stats_recentview (site_id, visitor, path, counted_at) VALUES (%s, %s, %s, %s) "
            "ON CONFLICT (site_id, visitor, path) DO UPDATE SET counted_at = excluded.counted_at "
            "WHERE stats_recentview.counted_at <= %s",
            [
                hit.site_id,
                hit.visitor,
                hit.path,
                ops.adapt_datetimefield_value(at),
                ops.adapt_datetimefield_value(cutoff),
            ],
        )
        return cursor.rowcount == 1


def apply_hits(hits):
    """Add counted hits to the daily tables; call inside a transaction."""
    ops = connection.ops
    pageviews, new_visitors, pages, page_ids, sources = Counter(), Counter(), Counter(), {}, Counter()
    distinct = sorted({(h.site_id, h.day, h.visitor, h.address) for h in hits})
    for hit in hits:
        pageviews[hit.site_id, hit.day] += 1
        pages[hit.site_id, hit.day, hit.path] += 1
        page_ids[hit.site_id, hit.day, hit.path] = hit.page_id
        sources[hit.site_id, hit.day, hit.source] += 1
    with connection.cursor() as cursor:
        new_per_address = Counter()
        for start in range(0, len(distinct), CHUNK):
            chunk = distinct[start : start + CHUNK]
            # Many rows per statement; RETURNING tells which were new (a conflict returns nothing).
            cursor.execute(
                "INSERT INTO stats_dailyvisitor (site_id, day, visitor, address) VALUES "  # noqa: S608
                + ", ".join(["(%s, %s, %s, %s)"] * len(chunk))
                + " ON CONFLICT (site_id, day, visitor) DO NOTHING RETURNING site_id, day, address",
                [
                    value
                    for site_id, day, visitor, address in chunk
                    for value in (site_id, ops.adapt_datefield_value(day), visitor, address)
                ],
            )
            for site_id, day, address in cursor.fetchall():
                if isinstance(day, str):
                    day = datetime.date.fromisoformat(day)
                new_per_address[site_id, day, address] += 1
        for (site_id, day, address), count in new_per_address.items():
            new_visitors[site_id, day] += count - _beyond_the_cap(cursor, site_id, day, address, count)
        # Sorted keys: concurrent transactions take row locks in one order, so none deadlock.
        for (site_id, day), count in sorted(pageviews.items()):
            cursor.execute(
                "INSERT INTO stats_siteday (site_id, day, visitors, pageviews) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (site_id, day) DO UPDATE SET visitors = stats_siteday.visitors + excluded.visitors, "
                "pageviews = stats_siteday.pageviews + excluded.pageviews",
                [site_id, ops.adapt_datefield_value(day), new_visitors[site_id, day], count],
            )
        for (site_id, day, path), count in sorted(pages.items()):
            cursor.execute(
                "INSERT INTO stats_pageday (site_id, day, path, page_id, views) VALUES (%s, %s, %s, %s, %s) "
                "ON CONFLICT (site_id, day, path) DO UPDATE SET views = stats_pageday.views + excluded.views, "
                "page_id = excluded.page_id",
                [site_id, ops.adapt_datefield_value(day), path, page_ids[site_id, day, path], count],
            )
        for (site_id, day, source), count in sorted(sources.items()):
            cursor.execute(
                "INSERT INTO stats_sourceday (site_id, day, source, views) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (site_id, day, source) DO UPDATE SET views = stats_sourceday.views + excluded.views",
                [site_id, ops.adapt_datefield_value(day), source, count],
            )


def _beyond_the_cap(cursor, site_id, day, address, new):
    """How many of `new` visitors just recorded from one address go past the day's cap: their rows stay (so
    their next hits are not new either), their views count, but they are not counted as visitors."""
    cap = visitors_per_address()
    if not address or cap <= 0:
        return 0
    cursor.execute(
        "SELECT COUNT(*) FROM stats_dailyvisitor WHERE site_id = %s AND day = %s AND address = %s",
        [site_id, connection.ops.adapt_datefield_value(day), address],
    )
    total = cursor.fetchone()[0]
    return min(new, max(0, total - cap))


def fold():
    """Move pending hits into the daily tables; returns how many were folded.

    Each chunk is added and deleted in one transaction, so a fold that dies leaves its chunk pending
    for the next run, and two folds at once never take the same rows (PostgreSQL: SKIP LOCKED; SQLite:
    one writer at a time, and the second finds the rows gone).
    """
    folded = 0
    while True:
        count = with_retries(_fold_chunk)
        folded += count
        if count < CHUNK:
            return folded


def _fold_chunk():
    with transaction.atomic():
        rows = list(PendingHit.objects.select_for_update(skip_locked=True).order_by("pk")[:CHUNK])
        if rows:
            apply_hits([Hit.from_pending(row) for row in rows])
            PendingHit.objects.filter(pk__in=[row.pk for row in rows]).delete()
        return len(rows)


def prune(now=None):
    """Drop rows no longer needed: old repeat-limit rows, yesterday's keys."""
    from stats.models import RecentView
    from stats.visitors import local_day, online_minutes, retire_before

    now = now or timezone.now()
    horizon = now - datetime.timedelta(minutes=online_minutes(), seconds=repeat_seconds())
    RecentView.objects.filter(counted_at__lt=horizon).delete()
    retire_before(local_day(now))
