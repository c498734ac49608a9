"""Writing the search index: one article at a time (signals) or all at once (rebuild)."""

from django.db import connection, transaction

from search.documents import ancestor_paths, entry_for_page, entry_values, scope_text
from search.models import SearchEntry

FTS_TABLE = "search_fts"
# FTS5 commands are written as inserts into the table's own hidden column.
_FTS_COMMAND = f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES (%s)"  # noqa: S608 - constant table name
_COLUMNS = ("title_folded", "lead_folded", "body_folded", "title_accent", "lead_accent", "body_accent", "scope")
_COLUMN_SQL = ", ".join(_COLUMNS)


def uses_fts5():
    return connection.vendor == "sqlite"


def _fts_insert(cursor, page_ids):
    # External-content FTS5 reads nothing by itself on insert: copy the new rows in.
    placeholders = ", ".join(["%s"] * len(page_ids))
    cursor.execute(
        f"INSERT INTO {FTS_TABLE}(rowid, {_COLUMN_SQL}) "  # noqa: S608 - constant names, ids as parameters
        f"SELECT rank_key, {_COLUMN_SQL} FROM search_searchentry WHERE page_id IN ({placeholders})",
        list(page_ids),
    )


def fts_forget(entry):
    """Remove an entry's words from FTS5; must be given exactly the values that were indexed."""
    if not uses_fts5():
        return
    values = [getattr(entry, name) for name in _COLUMNS]
    with connection.cursor() as cursor:
        # Deleting a page can send pre_delete twice for its entry (reached through Page and ArticlePage); a
        # second 'delete' of the same words would corrupt the FTS5 index. The docsize table has one row per
        # indexed document, so it tells whether the words are still there.
        cursor.execute(f"SELECT 1 FROM {FTS_TABLE}_docsize WHERE id = %s", [entry.rank_key])  # noqa: S608
        if cursor.fetchone() is None:
            return
        cursor.execute(
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_COLUMN_SQL}) "  # noqa: S608
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
    entries = [SearchEntry(**entry_for_page(page, ids_by_path)) for page in pages]
    if not entries:
        return
    ids = [entry.page_id for entry in entries]
    for entry in SearchEntry.objects.filter(page_id__in=ids):
        entry.delete()
    SearchEntry.objects.bulk_create(entries)
    if uses_fts5():
        with connection.cursor() as cursor:
            _fts_insert(cursor, ids)


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
                cursor.execute(_FTS_COMMAND, ["delete-all"])
        total = 0
        for rows in _iter_article_rows(batch_size):
            SearchEntry.objects.bulk_create(
                [
                    SearchEntry(
                        **entry_values(
                            pk, title, lead, body_text(body), when, scope_text(path, ids_by_path, pk), expire_at
                        )
                    )
                    for pk, title, lead, body, when, path, expire_at in rows
                ]
            )
            total += len(rows)
            if progress:
                progress(total)
        if uses_fts5():
            with connection.cursor() as cursor:
                # One pass over the content table, far quicker than row-by-row inserts.
                cursor.execute(_FTS_COMMAND, ["rebuild"])
                cursor.execute(_FTS_COMMAND, ["optimize"])
    return total
