"""PostgreSQL: term sets compressed with lz4 instead of pglz. Each row's tsvector (~740 lexemes, 8 kB) is
compressed once when written and never read back by searches (they read the GIN index and the rank key), so
only the write cost matters: lz4 is several times cheaper. Applies to rows written from now on; nothing
happens on SQLite."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_terms ALTER COLUMN terms SET COMPRESSION lz4")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_terms ALTER COLUMN terms SET COMPRESSION pglz")


class Migration(migrations.Migration):
    dependencies = [("search", "0006_period_blocks")]

    operations = [migrations.RunPython(forwards, backwards)]
