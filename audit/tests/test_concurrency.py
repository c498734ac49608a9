"""Writers appending at once (two workers publishing at the same moment) still make one unbroken chain."""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from audit import record
from audit.chain import Action, verify
from audit.models import AuditEntry

THREADS = 8
EACH = 15

pytestmark = [
    # Only the log's tables are flushed afterwards (search's raw-SQL table would stop a whole flush on PostgreSQL).
    pytest.mark.django_db(transaction=True, available_apps=["audit"]),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks between connections: run with DATABASE_URL=postgres://… (the suite's PostgreSQL pass)",
    ),
]


def test_parallel_appends_make_one_chain():
    start = threading.Barrier(THREADS)
    errors = []

    def writer(number):
        try:
            start.wait()
            for n in range(EACH):
                with transaction.atomic():
                    record(Action.MODERATION, title=f"luồng {number} mục {n}", details={"thread": number, "n": n})
                    time.sleep(0.001)  # keep the transaction (and its lock) open while others queue
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(number,)) for number in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    total = THREADS * EACH
    assert AuditEntry.objects.count() == total
    assert sorted(AuditEntry.objects.values_list("seq", flat=True)) == list(range(1, total + 1))
    assert verify() == total
    # Every writer's entries are there, none twice.
    titles = set(AuditEntry.objects.values_list("object_title", flat=True))
    assert len(titles) == total
