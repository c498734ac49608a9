"""Django's SQLite backend, with a connection replaced after an operational error.

Django keeps a connection per thread (CONN_MAX_AGE), and after an error keeps it if is_usable() says so,
which SQLite's always does; a failed transaction's rollback even clears the error. But a connection opened
while the file could not be written (read-only, immutable, on a full or read-only filesystem) stays
read-only after the cause is gone, so every write failed until the connection aged out. Marking it
obsolete makes Django close it when the request ends and the next request reconnect: writes come back by
themselves (portal/tests/test_database_faults.py)."""

import time

from django.db.backends.sqlite3 import base
from django.db.utils import DatabaseErrorWrapper
from django.utils.functional import cached_property


class ReconnectAfterOperationalError(DatabaseErrorWrapper):
    def __exit__(self, exc_type, exc_value, traceback):
        if exc_type is not None and issubclass(exc_type, base.Database.OperationalError):
            # Closed by close_if_unusable_or_obsolete() at the end of the request (or the job's next round).
            self.wrapper.close_at = time.monotonic()
        return super().__exit__(exc_type, exc_value, traceback)


class DatabaseWrapper(base.DatabaseWrapper):
    @cached_property
    def wrap_database_errors(self):
        return ReconnectAfterOperationalError(self)
