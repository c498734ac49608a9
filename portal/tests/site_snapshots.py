"""Ward sites for tests: built for real once per database state, replayed as row changes afterwards.

Building a ward site runs the whole real path (every section page saved and published, the search and reference
indexes, the audit chain, editorial groups): about 0.6 s, and most tests start with one. Almost all of them start
from the same database state, so the first build's changes to every table are recorded and later tests with that
same starting state replay them as plain INSERT/UPDATE/DELETE statements. The state is recognised by each table's
row count and highest row id, whether the test runs inside a transaction, and the frozen clock when a test froze
one (pages carry their publication time). Any other state builds for real, and so does a replay the database refuses.
"""

import contextlib

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

_REAL_NOW = timezone.now
_recorded = {}  # (what, starting state) -> _Changes
_layouts = {}  # database name -> {table: _Table}


def site(what, build):
    """`build()` returns a Site; `what` names the call (its arguments) for recognising a replay."""
    from wagtail.models import Site

    tables = _tables()
    key = (what, _state(tables), connection.in_atomic_block, timezone.now() if timezone.now is not _REAL_NOW else None)
    changes = _recorded.get(key)
    if changes is not None:
        try:
            with transaction.atomic():
                changes.replay(tables)
            return Site.objects.get(pk=changes.site_pk)
        except DatabaseError:
            del _recorded[key]  # e.g. a row the test made first holds one of the recorded ids
    before = _dump(tables)
    built = build()
    _recorded[key] = _Changes(before, _dump(tables), built.pk)
    return built


class _Table:
    def __init__(self, name, columns, key, foreign):
        self.name, self.columns, self.key, self.foreign = name, columns, key, foreign


def _tables():
    alias = connection.settings_dict["NAME"]
    if alias not in _layouts:
        _layouts[alias] = _sqlite_tables() if connection.vendor == "sqlite" else _postgres_tables()
    return _layouts[alias]


def _sqlite_tables():
    found = {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        rows = cursor.fetchall()
        for name, sql in rows:
            if sql.upper().startswith("CREATE VIRTUAL TABLE"):
                continue  # full-text tables: their shadow tables (ordinary ones) hold the index and are copied
            cursor.execute(f'PRAGMA table_xinfo("{name}")')
            columns = [col[1] for col in cursor.fetchall() if col[6] == 0]  # not hidden or generated
            key = None if "WITHOUT ROWID" in sql.upper() else "rowid"
            found[name] = _Table(name, columns, key, foreign=False)
    return found


def _postgres_tables():
    django_tables = set(connection.introspection.django_table_names(include_views=False))
    found = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND is_generated = 'NEVER' ORDER BY table_name, ordinal_position"
        )
        columns = {}
        for table, column in cursor.fetchall():
            columns.setdefault(table, []).append(column)
        cursor.execute(
            "SELECT tc.table_name, kcu.column_name FROM information_schema.table_constraints tc "
            "JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name "
            "AND kcu.table_schema = tc.table_schema WHERE tc.constraint_type = 'PRIMARY KEY' "
            "AND tc.table_schema = current_schema()"
        )
        keys = {}
        for table, column in cursor.fetchall():
            keys.setdefault(table, []).append(column)
        cursor.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
            "AND table_type = 'BASE TABLE'"
        )
        for (name,) in cursor.fetchall():
            key = keys.get(name)
            # Our own raw tables (search_terms) have immediate foreign keys: written after Django's deferred ones.
            found[name] = _Table(
                name, columns[name], key[0] if key and len(key) == 1 else None, foreign=name not in django_tables
            )
    return found


def _state(tables):
    parts = [
        f"SELECT '{t.name}', COUNT(*), " + (f"MAX({_key(t)})" if t.key else "NULL") + f' FROM "{t.name}"'
        for t in tables.values()
    ]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts))
        return frozenset((name, count, str(top)) for name, count, top in cursor.fetchall())


def _key(t):
    return "rowid" if t.key == "rowid" else f'"{t.key}"::text' if connection.vendor != "sqlite" else f'"{t.key}"'


def _dump(tables):
    """{table: {row identity: row}}; a row is a tuple of values (SQLite) or of their text forms (PostgreSQL)."""
    found = {}
    with connection.cursor() as cursor:
        for t in tables.values():
            if connection.vendor == "sqlite":
                cols = ", ".join(f'"{c}"' for c in t.columns)
            else:
                cols = ", ".join(f'"{c}"::text' for c in t.columns)
            cursor.execute(f'SELECT {_key(t) if t.key else "NULL"}, {cols} FROM "{t.name}"')
            found[t.name] = {
                (row[0] if row[0] is not None else tuple(row[1:])): tuple(row[1:]) for row in cursor.fetchall()
            }
    return found


class _Changes:
    def __init__(self, before, after, site_pk):
        self.site_pk = site_pk
        self.gone, self.changed, self.added = {}, {}, {}
        for table, rows in after.items():
            old = before[table]
            self.gone[table] = [key for key in old if key not in rows]
            self.changed[table] = [(key, row) for key, row in rows.items() if key in old and old[key] != row]
            self.added[table] = [row for key, row in rows.items() if key not in old]

    def replay(self, tables):
        ordered = sorted(tables.values(), key=lambda t: t.foreign)
        with connection.cursor() as cursor, _triggers_off(cursor):
            for t in reversed(ordered):
                for key in self.gone.get(t.name, ()):
                    _delete(cursor, t, key)
            for t in ordered:
                for key, row in self.changed.get(t.name, ()):
                    _update(cursor, t, key, row)
                for row in self.added.get(t.name, ()):
                    _insert(cursor, t, row)


@contextlib.contextmanager
def _triggers_off(cursor):
    # SQLite triggers copy rows into full-text tables whose index pages are copied already (Wagtail's own search).
    triggers = []
    if connection.vendor == "sqlite":
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        triggers = cursor.fetchall()
        for name, _sql in triggers:
            cursor.execute(f'DROP TRIGGER "{name}"')
    yield
    for _name, sql in triggers:
        cursor.execute(sql)


def _insert(cursor, t, row):
    cols = ", ".join(f'"{c}"' for c in t.columns)
    cursor.execute(f'INSERT INTO "{t.name}" ({cols}) VALUES ({_placeholders(t)})', row)


def _update(cursor, t, key, row):
    sets = ", ".join(f'"{c}" = {p}' for c, p in zip(t.columns, _placeholders(t).split(", "), strict=True))
    cursor.execute(f'UPDATE "{t.name}" SET {sets} WHERE {_key(t)} = %s', [*row, key])


def _delete(cursor, t, key):
    if t.key is None:
        # No single key: the whole row is its identity (full-text index pages, join tables).
        cast = "" if connection.vendor == "sqlite" else "::text"
        match = " AND ".join(f'"{c}"{cast} IS NOT DISTINCT FROM %s' for c in t.columns)
        cursor.execute(f'DELETE FROM "{t.name}" WHERE {match}', key)
    else:
        cursor.execute(f'DELETE FROM "{t.name}" WHERE {_key(t)} = %s', [key])


def _placeholders(t):
    if connection.vendor == "sqlite":
        return ", ".join(["%s"] * len(t.columns))
    # Each value back through its column type's own text input (jsonb, tsvector, bytea, arrays…), as COPY does.
    types = _pg_types()
    return ", ".join(f"%s::{types[(t.name, c)]}" for c in t.columns)


_types_cache = {}


def _pg_types():
    alias = connection.settings_dict["NAME"]
    if alias not in _types_cache:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
                "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema() AND a.attnum > 0 AND NOT a.attisdropped"
            )
            _types_cache[alias] = {(table, col): typ for table, col, typ in cursor.fetchall()}
    return _types_cache[alias]
