"""Reading the search index: one query, ranked, for one site. SQL differs per database, the ranking does not.

Order of results (each key breaks ties of the one before):
1. when the query has accented words, articles containing them with exactly those accents;
2. when several words were typed, articles where they stand next to each other in that order;
3. where all the words are: title, then lead, then elsewhere;
4. on PostgreSQL, ts_rank with title > lead > body weights;
5. newest first.

Counts stop at COUNT_CAP on SQLite ("more than 10,000" is what a reader needs to know).
"""

import heapq
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone
from wagtail.models import PageViewRestriction

from search.documents import rank_key_bound
from search.models import SearchEntry
from search.text import pair_tokens

SORT_RELEVANCE = "relevance"
SORT_NEWEST = "newest"


@dataclass
class Filters:
    root_path: str
    root_id: int = 0
    section_path: str | None = None
    section_id: int | None = None
    date_from: object = None  # aware datetimes, inclusive
    date_to: object = None  # exclusive
    restricted_paths: list = field(default_factory=list)
    restricted_ids: list = field(default_factory=list)


def filters_for(root_page, section=None, date_from=None, date_to=None):
    # All restrictions of the install (a short table), filtered here: `path LIKE 'x%'` cannot use the path
    # index on SQLite and would read every page row.
    restricted = [
        (path, pk)
        for path, pk in PageViewRestriction.objects.values_list("page__path", "page_id")
        if path.startswith(root_page.path)
    ]
    return Filters(
        root_path=root_page.path,
        root_id=root_page.pk,
        section_path=section.path if section is not None else None,
        section_id=section.pk if section is not None else None,
        date_from=date_from,
        date_to=date_to,
        restricted_paths=[path for path, _ in restricted],
        restricted_ids=[pk for _, pk in restricted],
    )


def _scope_sql(filters):
    """Live, unexpired, public articles under the site root (and the chosen section, dates)."""
    sql = ["p.live", "substr(p.path, 1, %s) = %s", "(p.expire_at IS NULL OR p.expire_at > %s)"]
    params = [len(filters.root_path), filters.root_path, timezone.now()]
    if filters.section_path:
        sql.append("substr(p.path, 1, %s) = %s")
        params += [len(filters.section_path), filters.section_path]
    for path in filters.restricted_paths:
        sql.append("substr(p.path, 1, %s) <> %s")
        params += [len(path), path]
    if filters.date_from:
        sql.append("e.published_at >= %s")
        params.append(filters.date_from)
    if filters.date_to:
        sql.append("e.published_at < %s")
        params.append(filters.date_to)
    return sql, params


# --- SQLite FTS5 -------------------------------------------------------------------------------------------
#
# Everything is answered inside FTS5, without joins: the site, category and view restrictions are "p<id>"
# tokens of the page and its ancestors (column `scope`), and the row id orders by publication time. A query
# runs one FTS5 statement for the count and one per ranking condition (accents as typed, words together,
# all words in the title, in the lead; titles and leads from their own short tables), each read newest
# first; the ranking is a sort in Python of the rows meeting any condition, then the other matches newest
# first. Reading each condition once costs far less than reading each combination of them (a tier) by
# itself, which scanned the whole posting lists of every sparse tier. Words typed together and quoted
# phrases are looked up as neighbour-pair tokens ("hoi_nghi"), not by comparing positions.
#
# A condition met by more than CONDITION_CAP articles is read for its newest CONDITION_CAP only; an older
# article meeting it ranks as if it did not. That can change the first page only when, of the newest
# 2,000 articles meeting one condition, fewer than ten also meet a better-ranked combination with it.

COUNT_CAP = 10_000
CONDITION_CAP = 2_000
_FIELDS = ("title", "lead", "body")
_ACCENT = ("title_accent", "lead_accent", "body_accent")
_PAIRS = ("title_pairs", "lead_pairs", "body_pairs")
_FTS, _FTS_TITLE, _FTS_LEAD = "search_fts", "search_fts_title", "search_fts_lead"


def _fts_words(tokens):
    # Tokens are letters, digits and '_' only (search.text), so quoting cannot be broken out of.
    return [f'"{t}"' for t in tokens]


def _in(columns, expression):
    return "{" + " ".join(columns) + "} : (" + expression + ")"


def _words_in(query, fields=_FIELDS, exact=True, terms=None):
    """Every typed word (or only `terms`) and quoted phrase, in any of `fields`. A phrase is its neighbour
    pairs in a row; with exact=False (tables without positions) only all of its pairs."""
    terms = query.folded_terms if terms is None else terms
    parts = []
    if fields == _FIELDS:
        # A word of letters alone can only be one of the folded words or the same word as its own accent
        # key, so it needs no column filter, which would make FTS5 read every position of it.
        parts += _fts_words(t for t in terms if t.isalpha())
        terms = [t for t in terms if not t.isalpha()]
    if terms:
        parts.append(_in([f"{f}_folded" for f in fields], " AND ".join(_fts_words(terms))))
    for phrase in query.folded_phrases:
        pairs = pair_tokens(phrase)
        joined = '"' + " ".join(pairs) + '"' if exact else " AND ".join(_fts_words(pairs))
        parts.append(_in([f"{f}_pairs" for f in fields], joined))
    return " AND ".join(parts)


def _sqlite_where(query, filters):
    """(FTS5 expressions every row must match, ones it must not, SQL condition on rowid, its parameters)."""
    scope = [_in(("scope",), f'"p{filters.root_id}"')]
    if filters.section_id:
        scope.append(_in(("scope",), f'"p{filters.section_id}"'))
    excluded = (
        [_in(("scope",), " OR ".join(f'"p{pk}"' for pk in filters.restricted_ids))] if filters.restricted_ids else []
    )
    sql, params = ["1 = 1"], []
    # Past their expiry, waiting for the periodic job to unpublish them (any site: a harmless exclusion).
    expired = list(SearchEntry.objects.filter(expire_at__lte=timezone.now()).values_list("rank_key", flat=True))
    if expired:
        sql.append(f"rowid NOT IN ({', '.join(['%s'] * len(expired))})")
        params += expired
    if filters.date_from:
        sql.append("rowid >= %s")
        params.append(rank_key_bound(filters.date_from))
    if filters.date_to:
        sql.append("rowid < %s")
        params.append(rank_key_bound(filters.date_to))
    return scope, excluded, " AND ".join(sql), params


def _expression(positive, negative):
    text = "(" + ") AND (".join(positive) + ")"
    for item in negative:
        text = f"({text}) NOT ({item})"
    return text


def _conditions(query):
    """The match expression, and (table, FTS5 expression) of each ranking condition that applies to this
    query: accents as typed, words together, all words in the title, in the lead. Each condition leaves out
    what it implies (an accent key implies its folded word; the typed words in a row imply each of them),
    since every extra common word costs a pass over its long posting list."""
    words = _words_in(query)
    accent = adjacent = None
    title = _words_in(query, ("title",), exact=False)
    lead = _words_in(query, ("lead",), exact=False)
    if query.accented_keys:
        keys = " AND ".join(_fts_words(query.accented_keys))
        accent = " AND ".join(filter(None, [_in(_ACCENT, keys), _words_in(query, terms=query.plain_terms)]))
        # "In the title" means the words as typed, accents included, when the query has accents.
        title, lead = f"{title} AND {_in(('title_accent',), keys)}", f"{lead} AND {_in(('lead_accent',), keys)}"
    if query.adjacency:
        together = _in(_PAIRS, '"' + " ".join(pair_tokens(query.adjacency)) + '"')
        adjacent = " AND ".join(filter(None, [together, _words_in(query, terms=[])]))
    return words, {
        "accent": (_FTS, accent),
        "adjacent": (_FTS, adjacent),
        "title": (_FTS_TITLE, title),
        "lead": (_FTS_LEAD, lead),
    }


def _sqlite_search(query, filters, sort, offset, limit):
    scope, excluded, where, params = _sqlite_where(query, filters)
    words, conditions = _conditions(query)
    wanted = offset + limit

    with connection.cursor() as cursor:

        def rowids(table, expression, cap):
            cursor.execute(
                f"SELECT rowid FROM {table} WHERE {table} MATCH %s AND {where} "  # noqa: S608 - constant names
                "ORDER BY rowid DESC LIMIT %s",
                [_expression([expression, *scope], excluded), *params, cap],
            )
            return [row[0] for row in cursor.fetchall()]

        cursor.execute(
            f"SELECT count(*) FROM (SELECT rowid FROM {_FTS} WHERE {_FTS} MATCH %s AND {where} LIMIT %s)",  # noqa: S608
            [_expression([words, *scope], excluded), *params, COUNT_CAP],
        )
        count = cursor.fetchone()[0]
        if not count or offset >= count:
            return count, []
        if sort == SORT_NEWEST:
            keys = rowids(_FTS, words, wanted)[offset:]
        else:
            met = {
                name: set(rowids(table, expression, CONDITION_CAP))
                for name, (table, expression) in conditions.items()
                if expression
            }
            keys = _rank(met, wanted)
            if len(keys) < wanted:
                ranked = set(keys)
                rest = (key for key in rowids(_FTS, words, wanted + len(ranked)) if key not in ranked)
                keys += [key for key, _ in zip(rest, range(wanted - len(keys)), strict=False)]
            keys = keys[offset:wanted]
    ids = dict(SearchEntry.objects.filter(rank_key__in=keys).values_list("rank_key", "page_id"))
    return count, [ids[key] for key in keys if key in ids]


def _rank(met, wanted):
    """The best `wanted` rows of those meeting any condition, by (accent, adjacency, title/lead, newest)."""
    accent, adjacent = met.get("accent", set()), met.get("adjacent", set())
    title, lead = met["title"], met["lead"]

    def key(rowid):
        # Accented title/lead matches imply the accented words are there, even past the accent set's cap.
        return (
            rowid in accent or rowid in title or rowid in lead if "accent" in met else False,
            rowid in adjacent,
            2 if rowid in title else 1 if rowid in lead else 0,
            rowid,
        )

    return heapq.nlargest(wanted, accent | adjacent | title | lead, key=key)


# --- PostgreSQL ------------------------------------------------------------------------------------------


def _ts_words(tokens, weight=""):
    # Tokens are letters and digits only, so single quotes make each one a literal lexeme.
    return [f"'{t}'{':' + weight if weight else ''}" for t in tokens]


def _ts_all(query, weight=""):
    parts = _ts_words(query.folded_terms, weight)
    parts += ["(" + " <-> ".join(_ts_words(p, weight)) + ")" for p in query.folded_phrases]
    return " & ".join(parts)


def _postgres_search(query, filters, sort, offset, limit):
    scope, scope_params = _scope_sql(filters)
    base = (
        "FROM search_searchentry e JOIN wagtailcore_page p ON p.id = e.page_id "
        f"WHERE e.folded_doc @@ to_tsquery('simple', %s) AND {' AND '.join(scope)}"
    )
    match = _ts_all(query)
    params = [match, *scope_params]
    if sort == SORT_NEWEST:
        order, order_params = "e.published_at DESC, e.page_id DESC", []
    else:
        boosts, order_params = [], []
        if query.accented_keys:
            boosts.append("e.accent_doc @@ to_tsquery('simple', %s)")
            order_params.append(" & ".join(_ts_words(query.accented_keys)))
        if query.adjacency:
            boosts.append("e.folded_doc @@ to_tsquery('simple', %s)")
            order_params.append(" <-> ".join(_ts_words(query.adjacency)))
        boosts.append(
            "CASE WHEN e.folded_doc @@ to_tsquery('simple', %s) THEN 3 "
            "WHEN e.folded_doc @@ to_tsquery('simple', %s) THEN 2 ELSE 1 END"
        )
        title, lead = _ts_all(query, "A"), _ts_all(query, "B")
        if query.accented_keys:
            # Both tsquery texts are matched against folded_doc; the accent part needs accent_doc.
            boosts[-1] = (
                "CASE WHEN e.folded_doc @@ to_tsquery('simple', %s) AND e.accent_doc @@ to_tsquery('simple', %s) "
                "THEN 3 WHEN e.folded_doc @@ to_tsquery('simple', %s) AND e.accent_doc @@ to_tsquery('simple', %s) "
                "THEN 2 ELSE 1 END"
            )
            order_params += [
                title,
                " & ".join(_ts_words(query.accented_keys, "A")),
                lead,
                " & ".join(_ts_words(query.accented_keys, "B")),
            ]
        else:
            order_params += [title, lead]
        order = ", ".join(f"({sql}) DESC" for sql in boosts)
        order += (
            ", ts_rank('{0.1, 0.25, 0.4, 1.0}', e.folded_doc, to_tsquery('simple', %s)) DESC, "
            "e.published_at DESC, e.page_id DESC"
        )
        order_params.append(match)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) {base}", params)  # noqa: S608 - fixed SQL, values as parameters
        count = cursor.fetchone()[0]
        if not count or offset >= count:
            return count, []
        cursor.execute(
            f"SELECT e.page_id {base} ORDER BY {order} LIMIT %s OFFSET %s",  # noqa: S608
            [*params, *order_params, limit, offset],
        )
        return count, [row[0] for row in cursor.fetchall()]


def search_ids(query, filters, sort=SORT_RELEVANCE, offset=0, limit=10):
    """(total count, page ids of this slice in rank order). An empty query finds nothing."""
    if not query:
        return 0, []
    if connection.vendor == "postgresql":
        return _postgres_search(query, filters, sort, offset, limit)
    return _sqlite_search(query, filters, sort, offset, limit)
