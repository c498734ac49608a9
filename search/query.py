"""Reading the search index: one query, ranked, for one site. SQL differs per database, the ranking does not.

Order of results (each key breaks ties of the one before):
1. when the query has accented words, articles containing them with exactly those accents;
2. when several words were typed, articles where they stand next to each other in that order;
3. where all the words are: title, then lead, then elsewhere;
4. the engine's score with title > lead > body weights (bm25 on SQLite, ts_rank on PostgreSQL);
5. newest first.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone
from wagtail.models import PageViewRestriction

SORT_RELEVANCE = "relevance"
SORT_NEWEST = "newest"


@dataclass
class Filters:
    root_path: str
    section_path: str | None = None
    date_from: object = None  # aware datetimes, inclusive
    date_to: object = None  # exclusive
    restricted_paths: list = field(default_factory=list)


def filters_for(root_page, section=None, date_from=None, date_to=None):
    restricted = list(
        PageViewRestriction.objects.filter(page__path__startswith=root_page.path).values_list("page__path", flat=True)
    )
    return Filters(
        root_path=root_page.path,
        section_path=section.path if section is not None else None,
        date_from=date_from,
        date_to=date_to,
        restricted_paths=restricted,
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


def _fts_words(tokens):
    # Tokens are letters and digits only (search.text.WORD), so quoting cannot be broken out of.
    return [f'"{t}"' for t in tokens]


def _fts_all(query, columns):
    parts = _fts_words(query.folded_terms) + ['"' + " ".join(p) + '"' for p in query.folded_phrases]
    return "{" + " ".join(columns) + "} : (" + " AND ".join(parts) + ")"


_FOLDED = ("title_folded", "lead_folded", "body_folded")
_ACCENT = ("title_accent", "lead_accent", "body_accent")


def _sqlite_parts(query):
    def member(fts_query):
        return "e.page_id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)", [fts_query]

    match = _fts_all(query, _FOLDED)
    boosts = []
    if query.accented_keys:
        boosts.append(member("{" + " ".join(_ACCENT) + "} : (" + " AND ".join(_fts_words(query.accented_keys)) + ")"))
    if query.adjacency:
        boosts.append(member("{" + " ".join(_FOLDED) + '} : "' + " ".join(query.adjacency) + '"'))
    title, lead = member(_fts_all(query, ("title_folded",))), member(_fts_all(query, ("lead_folded",)))
    tier = (f"CASE WHEN {title[0]} THEN 3 WHEN {lead[0]} THEN 2 ELSE 1 END", title[1] + lead[1])
    boosts.append(tier)
    return match, boosts


def _sqlite_search(query, filters, sort, offset, limit):
    match, boosts = _sqlite_parts(query)
    scope, scope_params = _scope_sql(filters)
    base = (
        "FROM search_fts JOIN search_searchentry e ON e.page_id = search_fts.rowid "
        "JOIN wagtailcore_page p ON p.id = e.page_id "
        f"WHERE search_fts MATCH %s AND {' AND '.join(scope)}"
    )
    params = [match, *scope_params]
    if sort == SORT_NEWEST:
        order, order_params = "e.published_at DESC, e.page_id DESC", []
    else:
        order = ", ".join(f"({sql}) DESC" for sql, _ in boosts)
        order += ", bm25(search_fts, 10.0, 4.0, 1.0, 0.0, 0.0, 0.0), e.published_at DESC, e.page_id DESC"
        order_params = [p for _, ps in boosts for p in ps]
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
        order_params += [_ts_all(query, "A"), _ts_all(query, "B")]
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
