"""Neighbour-pair tokens and per-field ranking tables for SQLite FTS5 (see search/query_sqlite.py).

search_fts is made again with the pair columns and '_' as a token character; search_fts_title and
search_fts_lead hold one field each with detail=column (no positions: the ranking conditions on them only
need "contains"). An existing index is rebuilt, since its rows have no pairs yet.
"""

from django.db import migrations, models

TOKENIZE = "tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\""
SOURCE = "content='search_searchentry', content_rowid='rank_key'"
CREATE = [
    "DROP TABLE IF EXISTS search_fts",
    "CREATE VIRTUAL TABLE search_fts USING fts5(title_folded, lead_folded, body_folded, title_accent, "
    f"lead_accent, body_accent, title_pairs, lead_pairs, body_pairs, scope, {SOURCE}, {TOKENIZE})",
    "CREATE VIRTUAL TABLE search_fts_title USING fts5(title_folded, title_accent, title_pairs, scope, "
    f"{SOURCE}, {TOKENIZE}, detail=column)",
    "CREATE VIRTUAL TABLE search_fts_lead USING fts5(lead_folded, lead_accent, lead_pairs, scope, "
    f"{SOURCE}, {TOKENIZE}, detail=column)",
]
PREVIOUS = (
    "CREATE VIRTUAL TABLE search_fts USING fts5(title_folded, lead_folded, body_folded, title_accent, "
    f"lead_accent, body_accent, scope, {SOURCE}, tokenize='unicode61 remove_diacritics 0')"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in CREATE:
        schema_editor.execute(statement)
    if apps.get_model("search", "SearchEntry").objects.exists():
        from search.index import rebuild

        rebuild()


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in ("DROP TABLE IF EXISTS search_fts_lead", "DROP TABLE IF EXISTS search_fts_title", CREATE[0]):
        schema_editor.execute(statement)
    schema_editor.execute(PREVIOUS)
    schema_editor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_expire_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="body_pairs",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="lead_pairs",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="title_pairs",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(create, drop),
    ]
