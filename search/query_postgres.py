"""The search index read on PostgreSQL; the ranking is shared (search.query).

The same statements on a narrow table: search_terms holds one position-free tsvector per entry (the
lexemes of search.documents.lexemes; each FTS5 column filter of search/query_sqlite.py is a prefix there),
keyed by rank_key, with a GIN index. A phrase of three or more words is looked up as all of its pairs;
where SQLite reads them as an FTS5 phrase (the pairs in a row), the rows found are checked against the folded text.

A GIN index cannot return rows newest first: a statement on common words builds the bitmap of all their
matches (89,000 rows for "phuong" at 100,000 articles: 12 ms) and reads every one of them. So a statement
expected to find many more rows than it needs is first narrowed to the newest publication periods ("m:<n>"
lexemes, OR-ed into the tsquery), enough of them to hold what it needs by the lexeme frequencies of
PostgreSQL's statistics; GIN then walks only those periods' entries. If the window holds too few rows,
the rest is read below it (the result is the same either way, only the time differs).
"""

import math
import time

from django.db import transaction

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
from search.filters import scope_ids
from search.query_sqlite import FIELDS
from search.text import pair_tokens

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
    """As search.query_sqlite._words_in: every typed word (or only `terms`) and quoted phrase, in any field
    or in `field` ("t", "l") alone; a phrase is its pairs, and with `exact` also a sequence to check."""
    prefix = f"{field}:" if field else ""
    condition = _PostgresCondition(_prefixed(query.folded_terms if terms is None else terms, prefix))
    for phrase in query.folded_phrases:
        pairs = pair_tokens(phrase)
        condition &= _PostgresCondition(_prefixed(pairs, prefix), [phrase] if exact and len(pairs) > 1 else [])
    return condition


def _pg_conditions(query):
    """The match and each ranking condition, as search.query_sqlite._conditions builds them for FTS5."""
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


# A date range or a window's bound is checked on the rows GIN found, never read from the primary key's index:
# with a bound the planner would take the rank_key range from the B-tree and test each row's terms, reading
# its tsvector out of line (documents with file text: 70 ms for 3,000 rows instead of 2 ms). "+ 0" keeps it
# off that index (enable_indexscan off does not cover bitmap scans, and GIN's needs them).
_BOUNDED = "(n.rank_key + 0)"
_IN_A_FIELD = " OR ".join(f"strpos(' ' || e.{field}_folded || ' ', %s) > 0" for field in FIELDS)
_WINDOW_MARGIN = 2  # read windows expected to hold this many times the rows needed


class PostgresReader:
    transaction = staticmethod(transaction.atomic)

    def __init__(self, cursor, query, filters):
        self.cursor = cursor
        cursor.execute(_PLANNER, [filters.root_path[:STEP]])
        _, _, self.newest_key, expired, home_pages = cursor.fetchone()
        self.scope = _PostgresCondition([f"s:p{pk}" for pk in scope_ids(filters, home_pages)])
        self.excluded = _prefixed([f"p{pk}" for pk in filters.restricted_ids], "s:")
        self.where, self.params = ["TRUE"], []
        if expired:
            self.where.append("NOT (n.rank_key = ANY(%s))")
            self.params.append(expired)
        self.low = rank_key_bound(filters.date_from) if filters.date_from else None
        self.high = rank_key_bound(filters.date_to) if filters.date_to else None
        if self.low is not None:
            self.where.append(f"{_BOUNDED} >= %s")
            self.params.append(self.low)
        if self.high is not None:
            self.where.append(f"{_BOUNDED} < %s")
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
        for sql, bound in ((f"{_BOUNDED} >= %s", low), (f"{_BOUNDED} < %s", high)):
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
                params += [f" {' '.join(sequence)} "] * len(FIELDS)
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
