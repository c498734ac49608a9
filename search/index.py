"""Writing the search index: a few pages at a time (signals) or all at once (rebuild).

What is indexed of each page type is its core.content.SearchFields; search never names a content app's models.
"""

import queue
import threading
from concurrent.futures import ThreadPoolExecutor

from django.db import connection, transaction

from core import content
from search.documents import ancestor_paths, entry_for_page, entry_values, lexemes, scope_text, tsvector_text
from search.models import SearchEntry

# Three FTS5 tables read the same rows of search_searchentry: the whole text, and the title and the lead
# alone (short lists for the ranking conditions, see search/query_sqlite.py). Columns as in migration 0004.
FTS_TABLES = {
    "search_fts": (
        "title_folded",
        "lead_folded",
        "body_folded",
        "title_accent",
        "lead_accent",
        "body_accent",
        "title_pairs",
        "lead_pairs",
        "body_pairs",
        "scope",
    ),
    "search_fts_title": ("title_folded", "title_accent", "title_pairs", "scope"),
    "search_fts_lead": ("lead_folded", "lead_accent", "lead_pairs", "scope"),
}


def uses_fts5():
    return connection.vendor == "sqlite"


def _terms_rows(values_list):
    return [(values["rank_key"], tsvector_text(lexemes(values))) for values in values_list]


def _copy(raw_cursor, table, columns, rows):
    # COPY: one round trip and no SQL parsing per row.
    with raw_cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _terms_insert(cursor, values_list):
    """PostgreSQL: the term sets of new entries into search_terms (their rows go with the entry: cascade)."""
    _copy(cursor.cursor, "search_terms", ("rank_key", "terms"), _terms_rows(values_list))


class _PostgresWriter(threading.Thread):
    """Writes one rebuild batch while the main thread prepares the next.

    PostgreSQL's GIN work (most of a rebuild) then runs on the other core at the same time as the text
    processing in Python. It uses the transaction's own connection, so the main thread reads only while the
    writer is idle (wait() before each read): psycopg does not lock the connection for the length of a COPY.
    """

    def __init__(self):
        super().__init__(daemon=True)
        self.raw = connection.connection  # Django's `connection` is per thread: take this one's
        self.batches = queue.Queue(maxsize=1)
        self.idle = threading.Event()
        self.idle.set()
        self.error = None
        self.fields = [(field.column, field.attname) for field in SearchEntry._meta.concrete_fields]

    def submit(self, values_list, terms):
        self.wait()
        self.idle.clear()
        self.batches.put((values_list, terms))

    def wait(self):
        self.idle.wait()
        if self.error:
            raise self.error

    def run(self):
        columns = [column for column, _ in self.fields]
        with self.raw.cursor() as raw_cursor:
            while (batch := self.batches.get()) is not None:
                values_list, terms = batch
                try:
                    entries = ([values[name] for _, name in self.fields] for values in values_list)
                    _copy(raw_cursor, "search_searchentry", columns, entries)
                    _copy(raw_cursor, "search_terms", ("rank_key", "terms"), terms)
                except Exception as exc:  # noqa: BLE001 - raised again in the main thread
                    self.error = exc
                self.idle.set()

    def close(self):
        self.batches.put(None)
        self.join()
        if self.error:
            raise self.error


# The GIN index takes new entries one by one (fastupdate off, see migration 0005); for a rebuild it collects
# them in its pending list and merges them in large sorted runs, which is several times faster.
_PG_BEFORE_FILL = [
    "ALTER INDEX search_terms_gin SET (fastupdate = on)",
    "SET LOCAL gin_pending_list_limit = '64MB'",
    "SET LOCAL work_mem = '256MB'",
]
_PG_AFTER_FILL = [
    "SELECT gin_clean_pending_list('search_terms_gin')",
    "ALTER INDEX search_terms_gin SET (fastupdate = off)",
    # Lexeme frequencies for the planner and for the recent-window reads (search/query_postgres.py).
    "ANALYZE search_terms",
]


# FTS5 settings (kept in each table's config) for a rebuild, and SQLite's defaults, restored after it.
_FTS5_LOADING = {"automerge": 0, "hashsize": 64 * 1024 * 1024}
_FTS5_DEFAULTS = {"automerge": 4, "hashsize": 1024 * 1024}


def _fts_settings(cursor, settings):
    for table in FTS_TABLES:
        for name, value in settings.items():
            cursor.execute(f"INSERT INTO {table}({table}, rank) VALUES (%s, %s)", [name, value])  # noqa: S608


def _fts_command(cursor, command):
    # FTS5 commands are written as inserts into the table's own hidden column.
    for table in FTS_TABLES:
        cursor.execute(f"INSERT INTO {table}({table}) VALUES (%s)", [command])  # noqa: S608 - constant names


def _fts_insert(cursor, page_ids):
    # External-content FTS5 reads nothing by itself on insert: copy the new rows in.
    placeholders = ", ".join(["%s"] * len(page_ids))
    for table, columns in FTS_TABLES.items():
        names = ", ".join(columns)
        cursor.execute(
            f"INSERT INTO {table}(rowid, {names}) "  # noqa: S608 - constant names, ids as parameters
            f"SELECT rank_key, {names} FROM search_searchentry WHERE page_id IN ({placeholders})",
            list(page_ids),
        )


def fts_forget(entry):
    """Remove an entry's words from FTS5; must be given exactly the values that were indexed."""
    if not uses_fts5():
        return
    with connection.cursor() as cursor:
        # Deleting a page can send pre_delete twice for its entry (reached through Page and ArticlePage); a
        # second 'delete' of the same words would corrupt the FTS5 index. The docsize table has one row per
        # indexed document, so it tells whether the words are still there.
        cursor.execute("SELECT 1 FROM search_fts_docsize WHERE id = %s", [entry.rank_key])
        if cursor.fetchone() is None:
            return
        for table, columns in FTS_TABLES.items():
            values = [getattr(entry, name) for name in columns]
            cursor.execute(
                f"INSERT INTO {table}({table}, rowid, {', '.join(columns)}) "  # noqa: S608
                f"VALUES ('delete', %s, {', '.join(['%s'] * len(values))})",
                [entry.rank_key, *values],
            )


@transaction.atomic
def index_pages(pages):
    """(Re)index published pages of searchable types (others are skipped). Deleting old entries goes through
    the ORM so FTS5 forgets them."""
    from wagtail.models import Page

    pages = [(page, kind.search) for page in pages if (kind := content.kind_of(page)) and kind.search]
    prefixes = {p for page, _ in pages for p in ancestor_paths(page.path)}
    ids_by_path = dict(Page.objects.filter(path__in=prefixes).values_list("path", "pk"))
    values_list = [entry_for_page(page, fields, ids_by_path) for page, fields in pages]
    if not values_list:
        return
    ids = [values["page_id"] for values in values_list]
    for entry in SearchEntry.objects.filter(page_id__in=ids):
        entry.delete()
    SearchEntry.objects.bulk_create([SearchEntry(**_stored(values)) for values in values_list])
    with connection.cursor() as cursor:
        if uses_fts5():
            _fts_insert(cursor, ids)
        else:
            _terms_insert(cursor, values_list)


# Read only by the FTS5 tables: on PostgreSQL the accent keys and pairs are lexemes of search_terms, and the
# entry row keeps the folded text alone (phrase checks). Two thirds less text to write and compress.
_FTS5_ONLY = [f"{field}_{kind}" for field in ("title", "lead", "body") for kind in ("accent", "pairs")]


def _stored(values):
    return values if uses_fts5() else values | dict.fromkeys(_FTS5_ONLY, "")


@transaction.atomic
def unindex_page_ids(page_ids):
    for entry in SearchEntry.objects.filter(page_id__in=list(page_ids)):
        entry.delete()


def _iter_rows(batch_size):
    """(pk, title, lead, body, date, path, expire_at) of every live page of each searchable type, in batches."""
    for model, kind in content.searchable():
        fields = kind.search
        texts = [name for name in (fields.lead, fields.body) if name]
        columns = ("pk", "title", *texts, fields.date, "path", "expire_at")
        queryset = model.objects.filter(live=True).order_by("pk")
        last = 0
        while True:
            rows = list(queryset.filter(pk__gt=last).values(*columns)[:batch_size])
            if not rows:
                break
            last = rows[-1]["pk"]
            yield [
                (
                    row["pk"],
                    row["title"],
                    row[fields.lead] if fields.lead else "",
                    row[fields.body] if fields.body else "",
                    row[fields.date],
                    row["path"],
                    row["expire_at"],
                )
                for row in rows
            ]


def rebuild(batch_size=2000, progress=None, exclusive=False):
    """Empty the index and fill it with every live page of the searchable types. Running it twice gives the
    same index.

    PostgreSQL: the old rows are deleted, so searches go on (reading them) until the new ones are committed;
    their GIN entries stay in the index, which is twice its size and slower until compact_postgres_index().
    With `exclusive` (migrations) the tables are emptied at once instead, and searches wait for the rebuild."""
    from wagtail.models import Page

    with transaction.atomic():
        # Searchable pages are leaves (articles have no children), so their ancestors are all the other pages.
        searchable_models = [model for model, _ in content.searchable()]
        ids_by_path = dict(Page.objects.not_type(*searchable_models).values_list("path", "pk"))
        with connection.cursor() as cursor:
            if uses_fts5():
                SearchEntry.objects.all()._raw_delete(SearchEntry.objects.db)
                _fts_command(cursor, "delete-all")
            else:
                # Terms first: the cascade from the entries then finds nothing to delete.
                cursor.execute("TRUNCATE search_terms, search_searchentry" if exclusive else "DELETE FROM search_terms")
                SearchEntry.objects.all()._raw_delete(SearchEntry.objects.db)
                for statement in _PG_BEFORE_FILL:
                    cursor.execute(statement)
        fill = _fill_fts5 if uses_fts5() else _fill_postgres
        total = fill(ids_by_path, batch_size, progress)
        with connection.cursor() as cursor:
            if uses_fts5():
                _fts_command(cursor, "optimize")
                _fts_settings(cursor, _FTS5_DEFAULTS)
            else:
                for statement in _PG_AFTER_FILL:
                    cursor.execute(statement)
    return total


def _prepared(rows, ids_by_path):
    from search.documents import body_text

    return [
        entry_values(pk, title, lead, body_text(body), when, scope_text(path, ids_by_path, pk), expire_at)
        for pk, title, lead, body, when, path, expire_at in rows
    ]


def _fill_fts5(ids_by_path, batch_size, progress):
    """SQLite: each batch's entries and FTS5 rows are written while a second thread prepares the next batch's
    text. SQLite releases the GIL while it indexes, so the two run on both cores."""
    total = 0
    with ThreadPoolExecutor(max_workers=1) as preparer, connection.cursor() as cursor:
        # Large in-memory runs and no merging while loading: 'optimize' merges everything once at the end.
        _fts_settings(cursor, _FTS5_LOADING)
        batches = _iter_rows(batch_size)
        rows = next(batches, None)
        upcoming = preparer.submit(_prepared, rows, ids_by_path) if rows else None
        while upcoming:
            values_list = upcoming.result()
            rows = next(batches, None)
            upcoming = preparer.submit(_prepared, rows, ids_by_path) if rows else None
            SearchEntry.objects.bulk_create([SearchEntry(**values) for values in values_list])
            _fts_insert(cursor, [values["page_id"] for values in values_list])
            total += len(values_list)
            if progress:
                progress(total)
    return total


def _fill_postgres(ids_by_path, batch_size, progress):
    writer, total = _PostgresWriter(), 0
    try:
        writer.start()
        batches = _iter_rows(batch_size)
        rows = next(batches, None)
        while rows:
            values_list = _prepared(rows, ids_by_path)
            terms = _terms_rows(values_list)
            writer.wait()  # the connection is free again: read the next batch, then hand this one over
            rows = next(batches, None)
            writer.submit([_stored(values) for values in values_list], terms)
            total += len(values_list)
            if progress:
                progress(total)
    finally:
        writer.close()
    return total


def compact_postgres_index():
    """PostgreSQL: rebuild the GIN index, dropping the entries of rows a rebuild deleted. Outside a
    transaction without blocking searches (they use the old index meanwhile); inside one, as it can."""
    concurrently = "" if connection.in_atomic_block else " CONCURRENTLY"
    with connection.cursor() as cursor:
        cursor.execute(f"REINDEX INDEX{concurrently} search_terms_gin")
