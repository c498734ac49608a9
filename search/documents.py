"""From a page of a searchable type (core.content) to the values the index stores."""

import html
import re

from django.utils import timezone

from search.text import index_texts

_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|tr|td|th|div)>|<br\s*/?>", re.IGNORECASE)


def html_to_text(value):
    return html.unescape(_TAG.sub(" ", _BLOCK_END.sub(" \n", value)))


def _strings(value):
    """Every text inside a StreamField's raw JSON (paragraph HTML, captions, quotes, table cells)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in {"type", "id"}:
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def body_text(value):
    """Plain text of a body: a StreamField's value read from the raw block data without building block
    objects, or HTML or plain text.

    Image blocks hold numbers (ids), which are skipped; alignment or style choices are short ASCII words
    that at worst add a harmless token.
    """
    if value is None or isinstance(value, str):
        return " ".join(html_to_text(value or "").split())
    raw = getattr(value, "raw_data", value)
    data = [block.get("value") for block in raw] if raw else []
    return " ".join(" ".join(html_to_text(text).split()) for text in _strings(data) if text.strip())


STEP = 4  # treebeard's path step for wagtailcore_page
RANK_KEY_ID_BITS = 21


def rank_key(published_at, page_id):
    """Publication second in the high bits, the page id (mod 2**21) below: unique and ordered by time."""
    return (int(published_at.timestamp()) << RANK_KEY_ID_BITS) | (page_id % (1 << RANK_KEY_ID_BITS))


def rank_key_bound(moment):
    return int(moment.timestamp()) << RANK_KEY_ID_BITS


# PostgreSQL: each entry's term set holds the week of its publication ("m:<n>"), so a read can be narrowed
# to recent weeks inside the GIN index (see search/query_postgres.py).
PERIOD_SECONDS = 7 * 24 * 3600


def period_of(key):
    return (key >> RANK_KEY_ID_BITS) // PERIOD_SECONDS


def period_start(period):
    return (period * PERIOD_SECONDS) << RANK_KEY_ID_BITS


# Blocks of 4, 16, 64 and 256 weeks too ("m2:<n>" is weeks 4n..4n+3): a window of many weeks is then a few
# lexemes, and GIN's cost grows with every lexeme OR-ed into a query (0.3 ms each at 100,000 entries).
PERIOD_LEVELS = (2, 4, 6, 8)


def period_lexeme(period, level=0):
    return f"m{level}:{period >> level}" if level else f"m:{period}"


def period_lexemes(key):
    period = period_of(key)
    return [period_lexeme(period, level) for level in (0, *PERIOD_LEVELS)]


def period_cover(first, last, open_top=False):
    """Lexemes of aligned blocks covering exactly weeks first..last; with open_top, blocks may reach past
    `last` (no later weeks hold entries), which saves lexemes."""
    lexemes, period = [], first
    while period <= last:
        level = 0
        for candidate in PERIOD_LEVELS:
            size = 1 << candidate
            if period % size or (not open_top and period + size - 1 > last):
                break
            level = candidate
        lexemes.append(period_lexeme(period, level))
        period += 1 << level
    return lexemes


def ancestor_paths(path):
    return [path[:i] for i in range(STEP, len(path) + 1, STEP)]


def scope_text(path, ids_by_path, page_id):
    ids = [ids_by_path[p] for p in ancestor_paths(path)[:-1] if p in ids_by_path] + [page_id]
    return " ".join(f"p{i}" for i in ids)


def entry_values(page_id, title, lead, body, published_at, scope="", expire_at=None):
    published_at = published_at or timezone.now()
    values = {
        "page_id": page_id,
        "published_at": published_at,
        "expire_at": expire_at,
        "rank_key": rank_key(published_at, page_id),
        "scope": scope,
    }
    for field, text in (("title", title), ("lead", lead), ("body", body)):
        folded, accent, pairs = index_texts(text)
        values |= {f"{field}_folded": folded, f"{field}_accent": accent, f"{field}_pairs": pairs}
    return values


def entry_for_page(page, fields, ids_by_path):
    """`fields`: the page type's core.content.SearchFields."""
    scope = scope_text(page.path, ids_by_path, page.pk)
    lead = getattr(page, fields.lead) if fields.lead else ""
    body = body_text(getattr(page, fields.body)) if fields.body else ""
    return entry_values(page.pk, page.title, lead, body, getattr(page, fields.date), scope, page.expire_at)


# PostgreSQL holds each entry's tokens in one position-free tsvector (table search_terms, see
# search/query_sqlite.py), each FTS5 column filter of the SQLite design becoming a prefix: no prefix for the
# folded words and neighbour pairs of any field, "a:" accent keys, "t:"/"ta:" and "l:"/"la:" the same of the
# title and the lead alone, "s:" the scope tokens, "m:" the publication week ("m2:" and so on: its blocks of
# weeks). A token never contains ':' (search.text), so a prefixed lexeme is never a typed word.
LEXEME_MAX_BYTES = 2046  # PostgreSQL refuses longer lexemes; no query can reach them (256 characters)
TSVECTOR_MAX_BYTES = 1_000_000  # PostgreSQL's limit is 1 MiB of lexeme text per tsvector


def _prefixed(prefix, tokens):
    # One C-level replace instead of a Python loop over the words: the rebuild's hot path.
    return f"{prefix}{tokens.replace(' ', ' ' + prefix)}" if tokens else ""


def lexemes(values):
    """The PostgreSQL lexemes of one entry (the dict of entry_values), as a set."""
    parts = [_prefixed("s:", values["scope"]), *period_lexemes(values["rank_key"])]
    for field in ("title", "lead", "body"):
        folded, accents, pairs = (values[f"{field}_{kind}"] for kind in ("folded", "accent", "pairs"))
        # Only words with marks are ever looked up by their accent key (search.text.Query.accented_keys);
        # the key of a word without any is the word itself. A quarter fewer accent lexemes to index.
        accents = " ".join(key for word, key in zip(folded.split(), accents.split(), strict=False) if key != word)
        parts += [folded, pairs, _prefixed("a:", accents)]
        if field != "body":
            parts += [_prefixed(f"{field[0]}:", folded), _prefixed(f"{field[0]}:", pairs)]
            parts.append(_prefixed(f"{field[0]}a:", accents))
    found = set(" ".join(parts).split())
    # As in FTS5, a word of letters alone is looked up in the folded and the accent columns alike.
    found.update(
        key
        for key in {*values["title_accent"].split(), *values["lead_accent"].split(), *values["body_accent"].split()}
        if key.isalpha()
    )
    return found


def tsvector_text(tokens):
    """tsvector input syntax for these lexemes, within PostgreSQL's size limits (the longest go first)."""
    tokens = list(tokens)
    joined = "' '".join(tokens)
    if (
        tokens
        and max(map(len, tokens)) * 4 <= LEXEME_MAX_BYTES
        and len(joined) * 4 <= TSVECTOR_MAX_BYTES
        and "'" not in (flat := "".join(tokens))
        and "\\" not in flat
    ):
        return f"'{joined}'"  # the usual case: nothing to quote, nothing to leave out
    kept, size = [], 0
    for length, token in sorted((len(token.encode()), token) for token in tokens):
        if length > LEXEME_MAX_BYTES or size + length > TSVECTOR_MAX_BYTES:
            break
        size += length
        kept.append(lexeme_literal(token))
    return " ".join(kept)


def lexeme_literal(token):
    """A quoted lexeme of tsvector or tsquery input: nothing in it is read as an operator."""
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"
