"""Database connections that recover from faults by themselves.

Django keeps a connection per thread (CONN_MAX_AGE) and, after an error, keeps it when is_usable() says so:
SQLite's always does, PostgreSQL's runs SELECT 1, and a failed transaction's rollback even forgets the error.
But a connection can be stuck in the state it was opened in: an SQLite connection opened while the file could
not be written (read-only, immutable, on a full or read-only filesystem) stays read-only after the cause is
gone, and a PostgreSQL session opened while the database was read-only (default_transaction_read_only) keeps
that default. Every write then failed until the connection aged out. Marking a connection obsolete after
such an error makes Django close it when the request ends and the next request reconnect, so writes come back
by themselves (portal/tests/test_database_faults.py)."""

import time

from django.db.utils import DatabaseErrorWrapper
from django.utils.functional import cached_property


class ReconnectAfterFault(DatabaseErrorWrapper):
    def __exit__(self, exc_type, exc_value, traceback):
        driver = self.wrapper.Database
        if exc_type is not None and issubclass(exc_type, (driver.OperationalError, driver.InternalError)):
            # Closed by close_if_unusable_or_obsolete() when the request ends (or at a job's next round).
            self.wrapper.close_at = time.monotonic()
        return super().__exit__(exc_type, exc_value, traceback)


class ReconnectAfterFaultMixin:
    @cached_property
    def wrap_database_errors(self):
        return ReconnectAfterFault(self)
