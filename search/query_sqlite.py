"""The search index read on SQLite (FTS5); the ranking is shared (search.query).

Everything is answered inside FTS5, without joins: the site, category and view restrictions are "p<id>"
tokens of the page and its ancestors (column `scope`), and the row id orders by publication time. A query
runs one FTS5 statement for the count and one per ranking condition (accents as typed, words together,
all words in the title, in the lead; titles and leads from their own short tables), each read newest
first; the ranking is a sort in Python of the rows meeting any condition, then the other matches newest
first. Reading each condition once costs far less than reading each combination of them (a tier) by
itself, which scanned the whole posting lists of every sparse tier. Words typed together and quoted
phrases are looked up as neighbour-pair tokens ("hoi_nghi"), not by comparing positions.
"""

import contextlib

from django.db import connection
from django.utils import timezone

from search.documents import STEP, rank_key_bound
from search.filters import scope_ids
from search.text import pair_tokens

FIELDS = ("title", "lead", "body")
_ACCENT = ("title_accent", "lead_accent", "body_accent")
_PAIRS = ("title_pairs", "lead_pairs", "body_pairs")
_FTS, _FTS_TITLE, _FTS_LEAD = "search_fts", "search_fts_title", "search_fts_lead"


def _fts_words(tokens):
    # Tokens are letters, digits and '_' only (search.text), so quoting cannot be broken out of.
    return [f'"{t}"' for t in tokens]


def _in(columns, expression):
    return "{" + " ".join(columns) + "} : (" + expression + ")"


def _words_in(query, fields=FIELDS, exact=True, terms=None):
    """Every typed word (or only `terms`) and quoted phrase, in any of `fields`. A phrase is its neighbour
    pairs in a row; with exact=False (tables without positions) only all of its pairs."""
    terms = query.folded_terms if terms is None else terms
    parts = []
    if fields == FIELDS:
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


def _sqlite_where(query, filters, expired, home_pages):
    """(FTS5 expressions every row must match, ones it must not, SQL condition on rowid, its parameters)."""
    scope = [_in(("scope",), f'"p{pk}"') for pk in scope_ids(filters, home_pages)]
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


class SQLiteReader:
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
