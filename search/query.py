"""Reading the search index: one query, ranked, for one site. SQL differs per database, the ranking does not.

Order of results (each key breaks ties of the one before):
1. when the query has accented words, articles containing them with exactly those accents;
2. when several words were typed, articles where they stand next to each other in that order;
3. where all the words are: title, then lead, then elsewhere;
4. on PostgreSQL, ts_rank with title > lead > body weights (SQLite reads each tier newest first, see below);
5. newest first.

Counts stop at COUNT_CAP on SQLite ("more than 10,000" is what a reader needs to know).
"""

from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone
from wagtail.models import PageViewRestriction

from search.documents import rank_key_bound
from search.models import SearchEntry

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
# tokens of the page and its ancestors (column `scope`), and the row id orders by publication time. Each
# ranking tier (see the module docstring) is one FTS5 expression read newest first with a LIMIT, so a query
# stops after the rows it shows instead of scoring every matching article; lower tiers are read only when
# the higher ones run out.

COUNT_CAP = 10_000
_FOLDED = ("title_folded", "lead_folded", "body_folded")
_ACCENT = ("title_accent", "lead_accent", "body_accent")


def _fts_words(tokens):
    # Tokens are letters and digits only (search.text.WORD), so quoting cannot be broken out of.
    return [f'"{t}"' for t in tokens]


def _in(columns, expression):
    return "{" + " ".join(columns) + "} : (" + expression + ")"


def _fts_all(query, columns):
    parts = _fts_words(query.folded_terms) + ['"' + " ".join(p) + '"' for p in query.folded_phrases]
    return _in(columns, " AND ".join(parts))


def _sqlite_where(query, filters):
    base = [_fts_all(query, _FOLDED), _in(("scope",), f'"p{filters.root_id}"')]
    if filters.section_id:
        base.append(_in(("scope",), f'"p{filters.section_id}"'))
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
    return base, excluded, " AND ".join(sql), params


def _expression(positive, negative):
    text = "(" + ") AND (".join(positive) + ")"
    for item in negative:
        text = f"({text}) NOT ({item})"
    return text


def _tiers(query):
    """(required, excluded) FTS5 expressions per ranking tier, best first."""
    accent = [_in(_ACCENT, " AND ".join(_fts_words(query.accented_keys)))] if query.accented_keys else []
    adjacent = [_in(_FOLDED, '"' + " ".join(query.adjacency) + '"')] if query.adjacency else []
    title, lead = _fts_all(query, ("title_folded",)), _fts_all(query, ("lead_folded",))
    if query.accented_keys:
        # "In the title" means the words as typed, accents included, when the query has accents.
        keys = " AND ".join(_fts_words(query.accented_keys))
        title, lead = f"{title} AND {_in(('title_accent',), keys)}", f"{lead} AND {_in(('lead_accent',), keys)}"
    places = [([title], []), ([lead], [title]), ([], [title, lead])]
    tiers = []
    for accent_on in [True, False] if accent else [None]:
        for adjacent_on in [True, False] if adjacent else [None]:
            for place_on, place_off in places:
                on, off = list(place_on), list(place_off)
                if accent_on is not None:
                    (on if accent_on else off).extend(accent)
                if adjacent_on is not None:
                    (on if adjacent_on else off).extend(adjacent)
                tiers.append((on, off))
    return tiers


def _sqlite_search(query, filters, sort, offset, limit):
    base, excluded, where, params = _sqlite_where(query, filters)
    matching = _expression(base, excluded)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH %s AND {where} LIMIT %s)",  # noqa: S608
            [matching, *params, COUNT_CAP],
        )
        count = cursor.fetchone()[0]
        if not count or offset >= count:
            return count, []
        select = f"SELECT rowid FROM search_fts WHERE search_fts MATCH %s AND {where} ORDER BY rowid DESC LIMIT %s"  # noqa: S608
        if sort == SORT_NEWEST:
            cursor.execute(select + " OFFSET %s", [matching, *params, limit, offset])
            keys = [row[0] for row in cursor.fetchall()]
        else:
            keys, wanted = [], offset + limit
            for on, off in _tiers(query):
                cursor.execute(select, [_expression(base + on, excluded + off), *params, wanted - len(keys)])
                keys += [row[0] for row in cursor.fetchall()]
                if len(keys) >= wanted:
                    break
            keys = keys[offset : offset + limit]
    ids = dict(SearchEntry.objects.filter(rank_key__in=keys).values_list("rank_key", "page_id"))
    return count, [ids[key] for key in keys if key in ids]


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
