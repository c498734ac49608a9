"""PostgreSQL reads common words from the newest publication periods first: the results must be exactly those
of reading everything (search/query_postgres.py)."""

import datetime
import random

import pytest
from django.db import connection, transaction
from django.utils import timezone

from news.models import CategoryPage
from search import query as engine
from search import query_postgres
from search.filters import filters_for
from search.text import Query

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's reading only")

WORDS = ["hội nghị", "phường", "Đảng uỷ", "Đảng ủy", "nhân dân", "tổ dân phố", "hội", "nghị", "an ninh", "ban"]
QUERIES = ["phường", "hội nghị", "Đảng ủy", "dang uy", '"hội nghị phường"', "nghị hội", "nhân dân phường"]


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def test_windows_find_what_reading_everything_finds(ward_site, make_article, monkeypatch):
    rng = random.Random(5)
    now = timezone.now()
    for n in range(48):
        make_article(
            ward_site,
            sentence(rng, 4),
            category=rng.choice(["tin-tuc-su-kien", "van-hoa-xa-hoi"]),
            lead=sentence(rng, 6),
            body=f"<p>{sentence(rng, 12)}</p>",
            published=now - datetime.timedelta(days=9 * n, hours=n),
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_terms")
    # Caps this small make the windows worth taking at 48 articles.
    monkeypatch.setattr(engine, "COUNT_CAP", 7)
    monkeypatch.setattr(engine, "CONDITION_CAP", 4)
    monkeypatch.setattr(query_postgres, "_stats", {"at": None})
    section = CategoryPage.objects.child_of(ward_site.root_page).get(slug="tin-tuc-su-kien")
    day = datetime.timedelta(days=1)
    filter_sets = [
        filters_for(ward_site.root_page),
        filters_for(ward_site.root_page, section=section),
        filters_for(ward_site.root_page, date_from=now - 200 * day, date_to=now - 30 * day),
    ]
    windowed = []
    real_window = query_postgres.PostgresReader._window_plan

    def spy(self, condition, cap):
        window = real_window(self, condition, cap)
        windowed.append(window is not None)
        return window

    def everything(self, condition, cap):
        return None

    for filters in filter_sets:
        for text in QUERIES:
            for sort, offset in [(engine.SORT_RELEVANCE, 0), (engine.SORT_RELEVANCE, 5), (engine.SORT_NEWEST, 3)]:
                monkeypatch.setattr(query_postgres.PostgresReader, "_window_plan", spy)
                got = engine.search_keys(Query(text), filters, sort, offset, 10)
                monkeypatch.setattr(query_postgres.PostgresReader, "_window_plan", everything)
                expected = engine.search_keys(Query(text), filters, sort, offset, 10)
                assert got == expected, (text, sort, offset)
    assert sum(windowed) > len(windowed) // 4, "the windows were hardly used: nothing was compared"


def test_date_bounds_never_read_through_the_primary_key(ward_site, make_article, monkeypatch):
    """A bound on rank_key (a date filter, a window's edge) must not make the planner walk the primary key's
    range and test each row's terms: that reads every tsvector out of line (a document's file text)."""
    now = timezone.now()
    for n in range(30):
        make_article(
            ward_site,
            f"Hội nghị hoà giải số {n}",
            lead="Hoà giải ở cơ sở " * 20,
            body="<p>" + "Tổ hoà giải khu phố họp định kỳ. " * 200 + "</p>",
            published=now - datetime.timedelta(days=3 * n),
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_terms")
    statements = []

    def record(execute, sql, params, many, context):
        if "FROM search_terms n" in sql:
            statements.append((sql, params))
        return execute(sql, params, many, context)

    day = datetime.timedelta(days=1)
    filters = filters_for(ward_site.root_page, date_from=now - 40 * day, date_to=now - 2 * day)
    with connection.execute_wrapper(record):
        assert engine.search_keys(Query("hoà giải"), filters)[0] > 0
    assert statements
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        for sql, params in statements:
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert "search_terms_pkey" not in plan, plan
            assert "search_terms_gin" in plan, plan
