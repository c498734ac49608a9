"""PostgreSQL: the SQLite design (search/query_sqlite.py) on a narrow table of position-free term sets.

search_terms holds one tsvector per entry (search.documents.lexemes: folded words, accent keys, neighbour
pairs, title and lead ones prefixed, scope tokens), keyed by rank_key, with a GIN index; 0002's generated
tsvector columns on the wide table go. Nothing happens on SQLite. An existing index is rebuilt, since its
rows have no pair tokens and no terms yet; going back rebuilds 0002's columns from the text.
"""

import importlib

from django.db import migrations

CREATE = [
    # The wide row (texts) makes every heap fetch of a match slow: the terms get their own table.
    "CREATE TABLE search_terms (rank_key bigint PRIMARY KEY REFERENCES search_searchentry (rank_key) "
    "ON DELETE CASCADE ON UPDATE CASCADE, terms tsvector NOT NULL)",
    # fastupdate off: no pending list for every query to read (latency does not depend on the last vacuum).
    "CREATE INDEX search_terms_gin ON search_terms USING gin (terms) WITH (fastupdate = off)",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in importlib.import_module("search.migrations.0002_fulltext").PG_DROP + CREATE:
        schema_editor.execute(statement)
    if apps.get_model("search", "SearchEntry").objects.exists():
        from search.index import rebuild

        rebuild(exclusive=True)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP TABLE IF EXISTS search_terms")
    # Generated columns: PostgreSQL fills them from the texts already there.
    for statement in importlib.import_module("search.migrations.0002_fulltext").PG_CREATE:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_pair_tokens")]

    operations = [migrations.RunPython(create, drop)]
