"""From an article page to the values the index stores."""

import html
import re

from django.db import connection
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


def body_text(stream_value):
    """Plain text of an article body, read from the raw block data without building block objects.

    Image blocks hold numbers (ids), which are skipped; alignment or style choices are short ASCII words
    that at worst add a harmless token.
    """
    raw = getattr(stream_value, "raw_data", stream_value)
    data = [block.get("value") for block in raw] if raw else []
    return " ".join(" ".join(html_to_text(text).split()) for text in _strings(data) if text.strip())


STEP = 4  # treebeard's path step for wagtailcore_page
RANK_KEY_ID_BITS = 21


def rank_key(published_at, page_id):
    """Publication second in the high bits, the page id (mod 2**21) below: unique and ordered by time."""
    return (int(published_at.timestamp()) << RANK_KEY_ID_BITS) | (page_id % (1 << RANK_KEY_ID_BITS))


def rank_key_bound(moment):
    return int(moment.timestamp()) << RANK_KEY_ID_BITS


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
    # PostgreSQL matches phrases with its own positions; the pair tokens serve SQLite's FTS5 only.
    with_pairs = connection.vendor == "sqlite"
    for field, text in (("title", title), ("lead", lead), ("body", body)):
        folded, accent, pairs = index_texts(text, with_pairs)
        values |= {f"{field}_folded": folded, f"{field}_accent": accent, f"{field}_pairs": pairs}
    return values


def entry_for_page(page, ids_by_path):
    scope = scope_text(page.path, ids_by_path, page.pk)
    return entry_values(page.pk, page.title, page.lead, body_text(page.body), page.published_at, scope, page.expire_at)
