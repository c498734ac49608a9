"""Writing hits: straight to the database, or through a Redis buffer folded in later.

Exactness rests on the database in both paths: a visitor counts for a day only when its
row in stats_dailyvisitor is inserted (a unique constraint decides), and every counter
is bumped with an upsert in the same transaction. A Redis batch is folded under a
batch id recorded in that transaction, so a retried fold cannot count it twice.
"""

import dataclasses
import datetime
import json
import logging
import time
import uuid
from collections import Counter

from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone

from stats import redis_buffer
from stats.models import FallbackHit, FoldedBatch
from stats.visitors import local_day, repeat_seconds, visitor_key

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
    hit_id: str = dataclasses.field(default_factory=lambda: uuid.uuid4().hex)

    def dumps(self):
        day = self.day.isoformat()
        return json.dumps([self.site_id, day, self.visitor, self.path, self.page_id, self.source, self.hit_id])

    @classmethod
    def loads(cls, text):
        site_id, day, visitor, path, page_id, source, hit_id = json.loads(text)
        day = datetime.date.fromisoformat(day)
        return cls(int(site_id), day, str(visitor), str(path), page_id, str(source), str(hit_id))


def with_retries(func):
    """Run `func` again when the database is busy (SQLite lock, PostgreSQL deadlock)."""
    for attempt in range(RETRIES):
        try:
            return func()
        except OperationalError:
            if attempt == RETRIES - 1:
                raise
            time.sleep(0.02 * (2**attempt))
    return None


def count_view(site_id, path, page_id, ip, user_agent, source, at=None):
    """Count a person's view of `path` at `at` (default now): the one entry point for a hit."""
    at = at or timezone.now()
    day = local_day(at)
    visitor = visitor_key(site_id, ip, user_agent, day)
    return record(Hit(site_id, day, visitor, path, page_id, source), at)


def record(hit, at=None):
    """Count one view; returns True when it counted (False: repeated within the limit)."""
    at = at or timezone.now()
    buffered = redis_buffer.push(hit, at)
    if buffered is not None:
        return buffered
    fallback = bool(redis_buffer.url())
    return with_retries(lambda: _record_in_db(hit, at, fallback))


def _record_in_db(hit, at, fallback=False):
    with transaction.atomic():
        if fallback:
            FallbackHit.objects.create(hit_id=hit.hit_id)
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
    distinct = sorted({(h.site_id, h.day, h.visitor) for h in hits})
    for hit in hits:
        pageviews[hit.site_id, hit.day] += 1
        pages[hit.site_id, hit.day, hit.path] += 1
        page_ids[hit.site_id, hit.day, hit.path] = hit.page_id
        sources[hit.site_id, hit.day, hit.source] += 1
    with connection.cursor() as cursor:
        for start in range(0, len(distinct), CHUNK):
            chunk = distinct[start : start + CHUNK]
            # Many rows per statement; RETURNING tells which were new (a conflict returns nothing).
            cursor.execute(
                "INSERT INTO stats_dailyvisitor (site_id, day, visitor) VALUES "  # noqa: S608
                + ", ".join(["(%s, %s, %s)"] * len(chunk))
                + " ON CONFLICT (site_id, day, visitor) DO NOTHING RETURNING site_id, day",
                [
                    value
                    for site_id, day, visitor in chunk
                    for value in (site_id, ops.adapt_datefield_value(day), visitor)
                ],
            )
            for site_id, day in cursor.fetchall():
                if isinstance(day, str):
                    day = datetime.date.fromisoformat(day)
                new_visitors[site_id, day] += 1
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


def fold():
    """Move buffered hits from Redis into the database; returns how many hits were folded.

    Idempotent and safe to run from several places at once: the live queue is renamed to
    a batch key first (new hits go to a fresh queue), the batch id is stored with the
    counts, and the batch key is deleted only afterwards. A batch left by a crash is
    picked up by the next run and counted only if its id is not stored yet.
    """
    client = redis_buffer.client()
    if client is None:
        return 0
    folded = 0
    for key in redis_buffer.pending_batches(client):
        folded += _fold_batch(client, key)
    key = redis_buffer.take_queue(client, uuid.uuid4().hex)
    if key is not None:
        folded += _fold_batch(client, key)
    return folded


def _fold_batch(client, key):
    batch = key.rsplit(":", 1)[-1]
    hits = [Hit.loads(item) for item in client.lrange(key, 0, -1)]

    def write():
        try:
            with transaction.atomic():
                if FoldedBatch.objects.filter(batch=batch).exists():
                    return 0
                FoldedBatch.objects.create(batch=batch)
                counted = _without_fallback_copies(hits)
                apply_hits(counted)
                return len(counted)
        except IntegrityError:
            # Another fold wrote this batch at the same moment.
            return 0

    folded = with_retries(write)
    client.delete(key)
    return folded


def _without_fallback_copies(hits):
    """Drop hits the database already took while Redis was stalled (see FallbackHit)."""
    ids = [hit.hit_id for hit in hits]
    taken = set()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        taken.update(FallbackHit.objects.filter(hit_id__in=chunk).values_list("hit_id", flat=True))
    if taken:
        FallbackHit.objects.filter(hit_id__in=taken).delete()
    return [hit for hit in hits if hit.hit_id not in taken]


def prune(now=None):
    """Drop rows no longer needed: old repeat-limit rows, folded batch ids, yesterday's keys."""
    from stats.models import RecentView
    from stats.visitors import local_day, online_minutes, retire_before

    now = now or timezone.now()
    horizon = now - datetime.timedelta(minutes=online_minutes(), seconds=repeat_seconds())
    RecentView.objects.filter(counted_at__lt=horizon).delete()
    FoldedBatch.objects.filter(folded_at__lt=now - datetime.timedelta(days=2)).delete()
    FallbackHit.objects.filter(created_at__lt=now - datetime.timedelta(days=2)).delete()
    retire_before(local_day(now))
