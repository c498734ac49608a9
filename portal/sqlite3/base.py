"""Django's SQLite backend, with a connection replaced after a fault (portal/db_faults.py)."""

from django.db.backends.sqlite3 import base

from portal.db_faults import ReconnectAfterFaultMixin


class DatabaseWrapper(ReconnectAfterFaultMixin, base.DatabaseWrapper):
    pass
