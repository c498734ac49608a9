"""Reading the search index: one query, ranked, for one site. SQL differs per database, the ranking does not.

Order of results (each key breaks ties of the one before):
1. when the query has accented words, articles containing them with exactly those accents;
2. when several words were typed, articles where they stand next to each other in that order;
3. where all the words are: title, then lead, then elsewhere;
4. newest first.

Counts stop at COUNT_CAP ("more than 1,000" is what a reader needs to know). Both databases run the same
statements (a reader class each: search/query_sqlite.py, search/query_postgres.py) and the same ranking in
Python (here), so they give the same results.

A condition met by more than CONDITION_CAP articles is read for its newest CONDITION_CAP only; an older
article meeting it ranks as if it did not. That can change the first page only when, of the newest
1,000 articles meeting one condition, fewer than ten also meet a better-ranked combination with it.
"""

import heapq

from django.db import connection

from search.query_postgres import PostgresReader
from search.query_sqlite import SQLiteReader

SORT_RELEVANCE = "relevance"
SORT_NEWEST = "newest"
COUNT_CAP = 1_000
CONDITION_CAP = 1_000


def _search(reader_class, query, filters, sort, offset, limit):
    """The same reading and ranking on both databases; only the statements (the reader) differ."""
    wanted = offset + limit
    with reader_class.transaction(), connection.cursor() as cursor:
        reader = reader_class(cursor, query, filters)
        count = reader.count(COUNT_CAP)
        if not count or offset >= count:
            return count, []
        if sort == SORT_NEWEST:
            keys = reader.newest(None, wanted)[offset:]
        else:
            met = {name: set(reader.newest(name, CONDITION_CAP)) for name in reader.conditions}
            keys = _rank(met, wanted)
            if len(keys) < wanted:
                ranked = set(keys)
                rest = (key for key in reader.newest(None, wanted + len(ranked)) if key not in ranked)
                keys += [key for key, _ in zip(rest, range(wanted - len(keys)), strict=False)]
            keys = keys[offset:wanted]
    return count, keys


def _rank(met, wanted):
    """The best `wanted` rows of those meeting any condition, by (accent, adjacency, title/lead, newest).

    Each combination of the first three keys is a set built with set operations, best first, and only the
    ones needed are sorted: no Python key function over thousands of rows."""
    accent, adjacent = met.get("accent", set()), met.get("adjacent", set())
    title, lead = met["title"], met["lead"]
    rows = accent | adjacent | title | lead
    # Accented title/lead matches imply the accented words are there, even past the accent set's cap.
    accented = accent | title | lead if "accent" in met else set()
    best = []
    for by_accent in (accented, rows - accented):
        for by_adjacency in (by_accent & adjacent, by_accent - adjacent):
            for by_field in (by_adjacency & title, (by_adjacency & lead) - title, by_adjacency - title - lead):
                best += heapq.nlargest(wanted - len(best), by_field)
                if len(best) >= wanted:
                    return best
    return best


def search_keys(query, filters, sort=SORT_RELEVANCE, offset=0, limit=10):
    """(total count, rank keys of the entries of this slice in rank order). An empty query finds nothing."""
    if not query:
        return 0, []
    reader = PostgresReader if connection.vendor == "postgresql" else SQLiteReader
    return _search(reader, query, filters, sort, offset, limit)
