"""Writing the search index: one article at a time (signals) or all at once (rebuild)."""

from django.db import connection, transaction

from search.documents import ancestor_paths, entry_for_page, entry_values, lexemes, scope_text, tsvector_text
from search.models import SearchEntry

# Three FTS5 tables read the same rows of search_searchentry: the whole text, and the title and the lead
# alone (short lists for the ranking conditions, see search/query.py). Columns as in migration 0004.
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


def _terms_insert(cursor, values_list):
    """PostgreSQL: the term sets of new entries into search_terms (their rows go with the entry: cascade)."""
    # COPY: one round trip and no SQL parsing per row, most of the rebuild's time in PostgreSQL otherwise.
    with cursor.cursor.copy("COPY search_terms (rank_key, terms) FROM STDIN") as copy:
        for values in values_list:
            copy.write_row((values["rank_key"], tsvector_text(lexemes(values))))


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
    """(Re)index published articles. Deleting old entries goes through the ORM so FTS5 forgets them."""
    from wagtail.models import Page

    pages = list(pages)
    prefixes = {p for page in pages for p in ancestor_paths(page.path)}
    ids_by_path = dict(Page.objects.filter(path__in=prefixes).values_list("path", "pk"))
    values_list = [entry_for_page(page, ids_by_path) for page in pages]
    if not values_list:
        return
    ids = [values["page_id"] for values in values_list]
    for entry in SearchEntry.objects.filter(page_id__in=ids):
        entry.delete()
    SearchEntry.objects.bulk_create([SearchEntry(**values) for values in values_list])
    with connection.cursor() as cursor:
        if uses_fts5():
            _fts_insert(cursor, ids)
        else:
            _terms_insert(cursor, values_list)


@transaction.atomic
def unindex_page_ids(page_ids):
    for entry in SearchEntry.objects.filter(page_id__in=list(page_ids)):
        entry.delete()


def _iter_article_rows(batch_size):
    from news.models import ArticlePage

    queryset = ArticlePage.objects.filter(live=True).order_by("pk")
    last = 0
    while True:
        rows = list(
            queryset.filter(pk__gt=last).values_list(
                "pk", "title", "lead", "body", "published_at", "path", "expire_at"
            )[:batch_size]
        )
        if not rows:
            return
        last = rows[-1][0]
        yield rows


def rebuild(batch_size=2000, progress=None):
    """Empty the index and fill it with every live article. Running it twice gives the same index."""
    from wagtail.models import Page

    from news.models import ArticlePage
    from search.documents import body_text

    with transaction.atomic():
        # Articles have no children, so their ancestors are all the other pages.
        ids_by_path = dict(Page.objects.not_type(ArticlePage).values_list("path", "pk"))
        SearchEntry.objects.all()._raw_delete(SearchEntry.objects.db)
        if uses_fts5():
            with connection.cursor() as cursor:
                _fts_command(cursor, "delete-all")
        total = 0
        for rows in _iter_article_rows(batch_size):
            values_list = [
                entry_values(pk, title, lead, body_text(body), when, scope_text(path, ids_by_path, pk), expire_at)
                for pk, title, lead, body, when, path, expire_at in rows
            ]
            SearchEntry.objects.bulk_create([SearchEntry(**values) for values in values_list])
            if not uses_fts5():
                with connection.cursor() as cursor:
                    _terms_insert(cursor, values_list)
            total += len(rows)
            if progress:
                progress(total)
        if uses_fts5():
            with connection.cursor() as cursor:
                # One pass over the content table, far quicker than row-by-row inserts.
                _fts_command(cursor, "rebuild")
                _fts_command(cursor, "optimize")
    return total
