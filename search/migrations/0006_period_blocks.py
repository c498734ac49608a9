"""PostgreSQL: each entry's term set also holds the blocks of 4, 16, 64 and 256 weeks its publication falls in
(search.documents.PERIOD_LEVELS), so reading the newest entries of a long window costs a few lexemes instead
of one per week. Existing entries are indexed again; nothing happens on SQLite. Going back keeps the extra
lexemes, which nothing then reads."""

from django.db import migrations


def reindex(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    if apps.get_model("search", "SearchEntry").objects.exists():
        from search.index import rebuild

        rebuild(exclusive=True)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_postgres_terms")]

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop)]
