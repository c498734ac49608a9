"""Full-text structures beside search_searchentry, per database.

SQLite: an FTS5 table reading its content from search_searchentry (columns in the same order), words
already folded by our code, so the tokenizer only splits. PostgreSQL: two generated tsvector columns
('simple' configuration: no stemming, no stop words), weighted title A, lead B, body C, each with a GIN index.
"""

from django.db import migrations

FTS5_CREATE = """
CREATE VIRTUAL TABLE search_fts USING fts5(
    title_folded, lead_folded, body_folded, title_accent, lead_accent, body_accent, scope,
    content='search_searchentry', content_rowid='rank_key',
    tokenize='unicode61 remove_diacritics 0'
)
"""


def _vector(prefix):
    return (
        f"setweight(to_tsvector('simple'::regconfig, coalesce(title_{prefix}, '')), 'A') || "
        f"setweight(to_tsvector('simple'::regconfig, coalesce(lead_{prefix}, '')), 'B') || "
        f"setweight(to_tsvector('simple'::regconfig, coalesce(body_{prefix}, '')), 'C')"
    )


PG_CREATE = [
    f"ALTER TABLE search_searchentry ADD COLUMN folded_doc tsvector GENERATED ALWAYS AS ({_vector('folded')}) STORED",
    f"ALTER TABLE search_searchentry ADD COLUMN accent_doc tsvector GENERATED ALWAYS AS ({_vector('accent')}) STORED",
    "CREATE INDEX search_entry_folded_gin ON search_searchentry USING gin (folded_doc)",
    "CREATE INDEX search_entry_accent_gin ON search_searchentry USING gin (accent_doc)",
]
PG_DROP = [
    "DROP INDEX IF EXISTS search_entry_accent_gin",
    "DROP INDEX IF EXISTS search_entry_folded_gin",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS accent_doc",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS folded_doc",
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(FTS5_CREATE)
    elif vendor == "postgresql":
        for statement in PG_CREATE:
            schema_editor.execute(statement)
    else:
        raise RuntimeError(f"Search supports SQLite and PostgreSQL, not {vendor}")


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
    elif vendor == "postgresql":
        for statement in PG_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
