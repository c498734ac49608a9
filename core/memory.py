"""What one process remembers of the shared caches for a moment, so a hot page is answered from memory.

A hit read from the shared cache (files or Redis) costs three reads and an unpickle; the page cache keeps the
entry and the generations it was checked against here for seconds(). A publish in this process forgets
everything at once (core.generations.bump); in the other processes a changed page can be served for at most
seconds() more, well inside the one second in which every instance must show it
(portal/tests/test_two_instances.py). Site generations, view restrictions, widget snapshots and visitor figures
are remembered the same way: each is a read of the shared cache per request otherwise.
"""

import threading
import time

from django.conf import settings

MAX_ENTRIES = 256
_lock = threading.Lock()
_memory = {}  # key -> (valid until, value)


def seconds():
    return getattr(settings, "PORTAL_PAGE_CACHE_LOCAL_SECONDS", 0.5)


def recall(key):
    """The value remembered for `key`, or None."""
    item = _memory.get(key)
    if item is not None and item[0] > time.monotonic():
        return item[1]
    return None


def remember(key, value):
    if seconds() <= 0:
        return
    with _lock:
        if key not in _memory and len(_memory) >= MAX_ENTRIES:
            _memory.pop(next(iter(_memory)), None)  # the oldest
        _memory[key] = (time.monotonic() + seconds(), value)


def remembered(key, read):
    """The value remembered for `key`, else `read()` (remembered unless None). `read`'s errors reach the caller."""
    value = recall(key)
    if value is None:
        value = read()
        if value is not None:
            remember(key, value)
    return value


def forget_all():
    with _lock:
        _memory.clear()
