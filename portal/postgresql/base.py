"""Django's PostgreSQL backend, with a connection replaced after a fault (portal/db_faults.py)."""

from django.db.backends.postgresql import base

from portal.db_faults import ReconnectAfterFaultMixin


class DatabaseWrapper(ReconnectAfterFaultMixin, base.DatabaseWrapper):
    pass
