"""Reading the numbers: the widget/API figures in one query, the dashboard's series."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.db.models import Sum
from django.utils import timezone
from wagtail.models import Page

from core import content, memory
from stats import redis_buffer
from stats.models import PageDay, SiteDay, SourceDay
from stats.visitors import local_day, online_minutes

FIELDS = ("online", "today", "yesterday", "this_week", "this_month", "total", "pageviews_today", "pageviews_total")


def cache_seconds():
    return int(getattr(settings, "PORTAL_STATS_CACHE_SECONDS", 10))


def site_numbers(site_id, now=None):
    """The figures of the widget and of /api/stats/ for one site, as a dict of ints.

    One database query (the online count rides along as a sub-select, or comes from
    Redis), none when cached for PORTAL_STATS_CACHE_SECONDS.
    """
    key = f"stats:numbers:{site_id}"
    seconds = cache_seconds()
    if seconds and now is None:
        cached = memory.remembered(key, lambda: cache.get(key))
        if cached is not None:
            return cached
    numbers = _query(site_id, now or timezone.now())
    if seconds and now is None:
        cache.set(key, numbers, seconds)
    return numbers


def _query(site_id, now):
    ops = connection.ops
    today = local_day(now)
    days = [
        today,
        today - datetime.timedelta(days=1),
        today - datetime.timedelta(days=today.weekday()),  # weeks begin on Monday (Thứ Hai)
        today.replace(day=1),
    ]
    since = now - datetime.timedelta(minutes=online_minutes())
    online = redis_buffer.online(site_id, since)
    online_sql, online_params = "NULL", []
    if online is None:
        online_sql = "(SELECT COUNT(DISTINCT visitor) FROM stats_recentview WHERE site_id = %s AND counted_at >= %s)"
        online_params = [site_id, ops.adapt_datetimefield_value(since)]
    # Only placeholders and the constant sub-select above are formatted in; values go as parameters.
    sql = (
        "SELECT "  # noqa: S608
        "COALESCE(SUM(CASE WHEN day = %s THEN visitors ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN day = %s THEN visitors ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN day >= %s THEN visitors ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN day >= %s THEN visitors ELSE 0 END), 0), "
        "COALESCE(SUM(visitors), 0), "
        "COALESCE(SUM(CASE WHEN day = %s THEN pageviews ELSE 0 END), 0), "
        "COALESCE(SUM(pageviews), 0), "
        f"{online_sql} "
        "FROM stats_siteday WHERE site_id = %s"
    )
    params = [ops.adapt_datefield_value(day) for day in days] + [ops.adapt_datefield_value(today)]
    params += online_params + [site_id]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    today_v, yesterday, week, month, total, pv_today, pv_total, online_db = (int(v or 0) for v in row)
    return {
        "online": online if online is not None else online_db,
        "today": today_v,
        "yesterday": yesterday,
        "this_week": week,
        "this_month": month,
        "total": total,
        "pageviews_today": pv_today,
        "pageviews_total": pv_total,
    }


def daily_series(site_id, days, today=None):
    """[(day, visitors, pageviews)] for the last `days` days, oldest first, zeros filled in."""
    today = today or local_day()
    start = today - datetime.timedelta(days=days - 1)
    queryset = SiteDay.objects.filter(site_id=site_id, day__gte=start, day__lte=today)
    rows = {
        day: (visitors, pageviews) for day, visitors, pageviews in queryset.values_list("day", "visitors", "pageviews")
    }
    series = []
    for offset in range(days):
        day = start + datetime.timedelta(days=offset)
        visitors, pageviews = rows.get(day, (0, 0))
        series.append((day, visitors, pageviews))
    return series


def top_pages(site_id, start, end, limit=10):
    """Most viewed content items (the pages of every type search finds: articles, and the types that follow)
    between two days (inclusive), with their titles."""
    items = Page.objects.filter(content_type__in=_item_types())
    rows = (
        PageDay.objects.filter(site_id=site_id, day__gte=start, day__lte=end, page_id__in=items.values("pk"))
        .values("page_id")
        .annotate(views=Sum("views"))
        .order_by("-views", "page_id")[:limit]
    )
    titles = dict(items.filter(pk__in=[r["page_id"] for r in rows]).values_list("pk", "title"))
    return [(titles.get(r["page_id"], ""), r["page_id"], r["views"]) for r in rows]


def _item_types():
    # Read from the content-type registry, so stats names no content app (core.content).
    models = [model for model, _kind in content.searchable()]
    return list(ContentType.objects.get_for_models(*models, for_concrete_models=False).values())


def top_sources(site_id, start, end):
    """Views by where they came from, most first."""
    return list(
        SourceDay.objects.filter(site_id=site_id, day__gte=start, day__lte=end)
        .values("source")
        .annotate(views=Sum("views"))
        .order_by("-views", "source")
    )
