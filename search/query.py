"""Reading the search index: one query, ranked, for one site. SQL differs per database, the ranking does not.

Order of results (each key breaks ties of the one before):
1. when the query has accented words, articles containing them with exactly those accents;
2. when several words were typed, articles where they stand next to each other in that order;
3. where all the words are: title, then lead, then elsewhere;
4. newest first.

Counts stop at COUNT_CAP ("more than 1,000" is what a reader needs to know). Both databases run the same
statements (a reader class each) and the same ranking in Python, so they give the same results.
"""

import contextlib
import heapq
import math
import time
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import PageViewRestriction

from core import restrictions
from search.documents import (
    PERIOD_SECONDS,
    RANK_KEY_ID_BITS,
    STEP,
    lexeme_literal,
    period_cover,
    period_of,
    period_start,
    rank_key_bound,
)
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
    # All restrictions of the install (a short table, known per process by core.restrictions), filtered here:
    # `path LIKE 'x%'` cannot use the path index on SQLite and would read every page row.
    everywhere = restrictions.restricted_pages()
    if everywhere is None:  # the shared cache cannot tell: ask the database
        everywhere = PageViewRestriction.objects.values_list("page__path", "page_id")
    restricted = [(path, pk) for path, pk in everywhere if path.startswith(root_page.path)]
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
# 1,000 articles meeting one condition, fewer than ten also meet a better-ranked combination with it.

COUNT_CAP = 1_000
CONDITION_CAP = 1_000
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


_EXPIRED = "SELECT rank_key FROM search_searchentry WHERE expire_at <= %s"


# How many home pages the page tree has (the tree root's children), asked with the other reads of a search.
_HOME_PAGES = "SELECT numchild FROM wagtailcore_page WHERE path = %s"


def _scope_ids(filters, home_pages):
    """The scope tokens (page ids) a row must hold. The site's own token is left out where it cannot narrow
    anything, as its posting list then holds every entry (intersecting with it was 15% of a search's time):
    under one of its categories, or when the site's home page is the only one, so every article is in it."""
    if filters.section_id and filters.section_path.startswith(filters.root_path):
        return [filters.section_id]
    if home_pages == 1 and len(filters.root_path) == 2 * STEP:
        return []
    return [filters.root_id, *([filters.section_id] if filters.section_id else [])]


def _sqlite_where(query, filters, expired, home_pages):
    """(FTS5 expressions every row must match, ones it must not, SQL condition on rowid, its parameters)."""
    scope = [_in(("scope",), f'"p{pk}"') for pk in _scope_ids(filters, home_pages)]
    excluded = (
        [_in(("scope",), " OR ".join(f'"p{pk}"' for pk in filters.restricted_ids))] if filters.restricted_ids else []
    )
    sql, params = ["1 = 1"], []
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


class _SQLiteReader:
    """FTS5 statements of one query: the capped count, and the newest rows meeting the match or a condition."""

    transaction = staticmethod(contextlib.nullcontext)

    def __init__(self, cursor, query, filters):
        self.cursor = cursor
        # Past their expiry, waiting for the periodic job to unpublish them (any site: a harmless exclusion).
        cursor.execute(_EXPIRED, [connection.ops.adapt_datetimefield_value(timezone.now())])
        expired = [row[0] for row in cursor.fetchall()]
        cursor.execute(_HOME_PAGES, [filters.root_path[:STEP]])
        home_pages = (cursor.fetchone() or [None])[0]
        self.scope, self.excluded, self.where, self.params = _sqlite_where(query, filters, expired, home_pages)
        self.words, conditions = _conditions(query)
        self.conditions = {name: condition for name, condition in conditions.items() if condition[1]}

    def count(self, cap):
        self.cursor.execute(
            f"SELECT count(*) FROM (SELECT rowid FROM {_FTS} WHERE {_FTS} MATCH %s AND {self.where} LIMIT %s)",  # noqa: S608
            [_expression([self.words, *self.scope], self.excluded), *self.params, cap],
        )
        return self.cursor.fetchone()[0]

    def newest(self, name, cap):
        """Row ids (rank keys) of the newest `cap` matches, or rows meeting condition `name`."""
        table, expression = self.conditions[name] if name else (_FTS, self.words)
        self.cursor.execute(
            f"SELECT rowid FROM {table} WHERE {table} MATCH %s AND {self.where} "  # noqa: S608 - constant names
            "ORDER BY rowid DESC LIMIT %s",
            [_expression([expression, *self.scope], self.excluded), *self.params, cap],
        )
        return [row[0] for row in self.cursor.fetchall()]


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


# --- PostgreSQL ------------------------------------------------------------------------------------------
#
# The same statements on a narrow table: search_terms holds one position-free tsvector per entry (the
# lexemes of search.documents.lexemes; each FTS5 column filter above is a prefix there), keyed by rank_key,
# with a GIN index. A phrase of three or more words is looked up as all of its pairs; where SQLite reads
# them as an FTS5 phrase (the pairs in a row), the rows found are checked against the folded text.
#
# A GIN index cannot return rows newest first: a statement on common words builds the bitmap of all their
# matches (89,000 rows for "phuong" at 100,000 articles: 12 ms) and reads every one of them. So a statement
# expected to find many more rows than it needs is first narrowed to the newest publication periods ("m:<n>"
# lexemes, OR-ed into the tsquery), enough of them to hold what it needs by the lexeme frequencies of
# PostgreSQL's statistics; GIN then walks only those periods' entries. If the window holds too few rows,
# the rest is read below it (the result is the same either way, only the time differs).

_PLANNER = (
    # The planner does not know that matching a row's terms means reading its tsvector out of line (8 kB),
    # and would walk the table in rank_key order or whole; only GIN bitmaps are fast here. In the same round
    # trip: the newest entry, the entries past their expiry and the number of home pages (as on SQLite).
    "SELECT set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true), "
    "(SELECT max(rank_key) FROM search_terms), "
    "ARRAY(SELECT rank_key FROM search_searchentry WHERE expire_at <= now()), "
    "(SELECT numchild FROM wagtailcore_page WHERE path = %s)"
)
_STATS_SECONDS = 300
_stats = {"at": None}


def _postgres_stats(cursor):
    """(frequency of each common lexeme, frequency assumed for the others, entries per period), per process
    for five minutes: they steer window sizes only, never what is found."""
    now = time.monotonic()
    if _stats["at"] is None or now - _stats["at"] > _STATS_SECONDS:
        cursor.execute(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE schemaname = current_schema() AND tablename = 'search_terms' AND attname = 'terms'"
        )
        row = cursor.fetchone()
        frequencies = dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}
        # After the lexemes' own frequencies come their minimum and maximum: unlisted ones are rarer.
        other = row[1][len(row[0])] / 2 if frequencies else 0
        cursor.execute(
            "SELECT (rank_key >> %s) / %s AS period, count(*) FROM search_terms GROUP BY 1",
            [RANK_KEY_ID_BITS, PERIOD_SECONDS],
        )
        _stats.update(at=now, frequencies=frequencies, other=other, periods=dict(cursor.fetchall()))
    return _stats


def _ts(tokens, prefix=""):
    return [lexeme_literal(prefix + token) for token in tokens]


class _PostgresCondition:
    """Lexemes a row must all hold (the GIN index answers), and word sequences it must hold in one field."""

    def __init__(self, lexemes=(), sequences=()):
        self.lexemes, self.sequences = list(lexemes), list(sequences)

    def __and__(self, other):
        return _PostgresCondition(self.lexemes + other.lexemes, self.sequences + other.sequences)


def _prefixed(tokens, prefix):
    return [prefix + token for token in tokens]


def _pg_words_in(query, field="", exact=True, terms=None):
    """As _words_in: every typed word (or only `terms`) and quoted phrase, in any field or in `field` ("t",
    "l") alone; a phrase is its pairs, and with `exact` also a sequence to check."""
    prefix = f"{field}:" if field else ""
    condition = _PostgresCondition(_prefixed(query.folded_terms if terms is None else terms, prefix))
    for phrase in query.folded_phrases:
        pairs = pair_tokens(phrase)
        condition &= _PostgresCondition(_prefixed(pairs, prefix), [phrase] if exact and len(pairs) > 1 else [])
    return condition


def _pg_conditions(query):
    """The match and each ranking condition, as _conditions builds them for FTS5."""
    accent = adjacent = None
    title, lead = _pg_words_in(query, "t", exact=False), _pg_words_in(query, "l", exact=False)
    if query.accented_keys:
        accent = _PostgresCondition(_prefixed(query.accented_keys, "a:")) & _pg_words_in(query, terms=query.plain_terms)
        title &= _PostgresCondition(_prefixed(query.accented_keys, "ta:"))
        lead &= _PostgresCondition(_prefixed(query.accented_keys, "la:"))
    if query.adjacency:
        pairs = pair_tokens(query.adjacency)
        adjacent = _PostgresCondition(pairs, [query.adjacency] if len(pairs) > 1 else []) & _pg_words_in(
            query, terms=[]
        )
    conditions = {"accent": accent, "adjacent": adjacent, "title": title, "lead": lead}
    return _pg_words_in(query), {name: condition for name, condition in conditions.items() if condition}


_IN_A_FIELD = " OR ".join(f"strpos(' ' || e.{field}_folded || ' ', %s) > 0" for field in _FIELDS)
_WINDOW_MARGIN = 2  # read windows expected to hold this many times the rows needed


class _PostgresReader:
    transaction = staticmethod(transaction.atomic)

    def __init__(self, cursor, query, filters):
        self.cursor = cursor
        cursor.execute(_PLANNER, [filters.root_path[:STEP]])
        _, _, self.newest_key, expired, home_pages = cursor.fetchone()
        self.scope = _PostgresCondition([f"s:p{pk}" for pk in _scope_ids(filters, home_pages)])
        self.excluded = _prefixed([f"p{pk}" for pk in filters.restricted_ids], "s:")
        self.where, self.params = ["TRUE"], []
        if expired:
            self.where.append("NOT (n.rank_key = ANY(%s))")
            self.params.append(expired)
        self.low = rank_key_bound(filters.date_from) if filters.date_from else None
        self.high = rank_key_bound(filters.date_to) if filters.date_to else None
        if self.low is not None:
            self.where.append("n.rank_key >= %s")
            self.params.append(self.low)
        if self.high is not None:
            self.where.append("n.rank_key < %s")
            self.params.append(self.high)
        self.words, self.conditions = _pg_conditions(query)

    def _window_plan(self, condition, cap):
        """(expected share of entries meeting `condition`, newest period, entries per period from it down),
        or None when reading everything costs about as much as reading the newest periods first."""
        if self.newest_key is None:
            return None
        stats = _postgres_stats(self.cursor)
        if not stats["frequencies"]:
            return None  # not analysed yet
        frequency = stats["frequencies"].get
        # Typed words mostly go together (compound words), so the rarest of them stands for all; where an
        # article is (site, category) is independent of its words.
        rarest = min((frequency(lexeme, stats["other"]) for lexeme in condition.lexemes), default=1)
        density = rarest * math.prod(frequency(lexeme, stats["other"]) for lexeme in self.scope.lexemes)
        top = period_of(min(self.newest_key, self.high - 1) if self.high is not None else self.newest_key)
        bottom = period_of(self.low) if self.low is not None else min(stats["periods"], default=top)
        # GIN walks the smallest of the lists it intersects: the window's weeks or the rarest word's. A window
        # is worth it only well below the latter.
        if _WINDOW_MARGIN * cap / density > sum(stats["periods"].values()) * rarest / 2:
            return None
        return density, top, [stats["periods"].get(period, 0) for period in range(top, bottom - 1, -1)]

    def _run(self, select, condition, cap, periods=None, low=None, high=None):
        """Rows of `select` (a format with {sql}, given a LIMIT) meeting `condition`, in `periods` (lexemes of
        publication weeks) and low <= rank_key < high when given."""
        tsquery = " & ".join(_ts(condition.lexemes + self.scope.lexemes))
        where, params = ["n.terms @@ %s::tsquery", *self.where], [*self.params]
        if periods:
            tsquery = f"{tsquery} & ({' | '.join(_ts(periods))})"
        for sql, bound in (("n.rank_key >= %s", low), ("n.rank_key < %s", high)):
            if bound is not None:
                where.append(sql)
                params.append(bound)
        if self.excluded:
            tsquery += " & !(" + " | ".join(_ts(self.excluded)) + ")"
        sql = "search_terms n"
        if condition.sequences:
            sql += " JOIN search_searchentry e ON e.rank_key = n.rank_key"
            for sequence in condition.sequences:
                where.append(f"({_IN_A_FIELD})")
                params += [f" {' '.join(sequence)} "] * len(_FIELDS)
        self.cursor.execute(select.format(sql=f"{sql} WHERE {' AND '.join(where)}"), [tsquery, *params, cap])
        return self.cursor.fetchall()

    def _read(self, select, condition, cap):
        """Up to `cap` of `select`'s rows (newest first): from a window of the newest periods expected to hold
        them, then one below it sized by the share of matches the first one showed, then the rest."""
        found, high, depth = [], None, 0
        plan = self._window_plan(condition, cap)
        density, top, counts = plan or (None, None, [])
        for window in range(2 if plan else 0):
            needed, held, start = _WINDOW_MARGIN * (cap - self._size(select, found)) / density, 0, depth
            while depth < len(counts) and held < needed:
                held, depth = held + counts[depth], depth + 1
            if held < needed:
                break  # it would reach the oldest period: read the rest at once
            # Nothing is newer than `top` without a date limit: the first window's blocks may reach past it.
            periods = period_cover(top - depth + 1, top - start, open_top=not window and self.high is None)
            low = period_start(top - depth + 1)
            rows = self._run(select, condition, cap - self._size(select, found), periods, low, high)
            found, high = found + rows, low
            if self._size(select, found) >= cap:
                return found
            density = max(self._size(select, rows), 1) / held
        return found + self._run(select, condition, cap - self._size(select, found), high=high)

    @staticmethod
    def _size(select, rows):
        return sum(row[0] for row in rows) if select is _COUNT else len(rows)

    def count(self, cap):
        return self._size(_COUNT, self._read(_COUNT, self.words, cap))

    def newest(self, name, cap):
        return [row[0] for row in self._read(_NEWEST, self.conditions[name] if name else self.words, cap)]


_COUNT = "SELECT count(*) FROM (SELECT 1 FROM {sql} LIMIT %s) AS found"  # noqa: S608 - fixed SQL
_NEWEST = "SELECT n.rank_key FROM {sql} ORDER BY n.rank_key DESC LIMIT %s"  # noqa: S608


def search_keys(query, filters, sort=SORT_RELEVANCE, offset=0, limit=10):
    """(total count, rank keys of the entries of this slice in rank order). An empty query finds nothing."""
    if not query:
        return 0, []
    reader = _PostgresReader if connection.vendor == "postgresql" else _SQLiteReader
    return _search(reader, query, filters, sort, offset, limit)
