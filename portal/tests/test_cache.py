"""The fault-tolerant Redis cache (portal/cache.py) against a real redis-server that stalls, dies and returns."""

import logging
import time

import pytest
from redis import RedisError

from portal import cache as portal_cache
from portal.tests.helpers import fill_up, small_filesystem
from stats.tests.conftest import RedisServer, free_port


def make_cache(url, **options):
    return portal_cache.FaultTolerantRedisCache(
        url,
        {
            "KEY_PREFIX": "test-cache",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, "RETRY_SECONDS": 0.5, **options},
        },
    )


@pytest.fixture(autouse=True)
def _no_remembered_failures():
    portal_cache.forget_failures()
    yield
    portal_cache.forget_failures()


@pytest.fixture
def redis_server():
    server = RedisServer()
    yield server
    server.stop()


def test_no_redis_reads_as_misses_and_writes_do_nothing(caplog):
    cache = make_cache(f"redis://127.0.0.1:{free_port(6500, 6599)}/0")
    with caplog.at_level(logging.WARNING, logger="portal.cache"):
        assert cache.get("k", "mặc định") == "mặc định"
        cache.set("k", 1)
        assert cache.add("k", 1) is False
        assert cache.get_many(["a", "b"]) == {}
        assert cache.get_or_set("k", 5) == 5
        assert cache.incr("dem", 3) == 3
        assert cache.set_many({"a": 1}) == ["a"]
        cache.delete("k")
        cache.delete_many(["a"])
    # One warning for the outage, in Vietnamese, without the URL's other parts.
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 1
    assert messages[0].startswith("Không kết nối được Redis 127.0.0.1:")


def test_after_a_failure_redis_is_left_alone_then_used_again(redis_server):
    cache = make_cache(redis_server.url)
    cache.set("k", "giá trị")
    redis_server.pause()  # a frozen Redis: each call would wait for the socket timeout
    try:
        started = time.monotonic()
        assert cache.get("k") is None
        first = time.monotonic() - started
        started = time.monotonic()
        for _ in range(50):
            assert cache.get("k") is None
        skipped = time.monotonic() - started
    finally:
        redis_server.resume()
    assert first >= 0.4  # the one call that met the timeout
    assert skipped < 0.2  # the others did not wait for it
    time.sleep(0.6)
    assert cache.get("k") == "giá trị"  # back by itself


def test_raise_errors_mode_tells_unknown_from_missing(redis_server):
    cache = make_cache(redis_server.url, RAISE_ERRORS=True)
    assert cache.get("the-generation", 0) == 0
    redis_server.kill()
    with pytest.raises(RedisError):
        cache.get("the-generation", 0)
    with pytest.raises(portal_cache.RedisUnavailable):  # at once, while Redis is left alone
        cache.get_many(["the-generation"])
    redis_server.start()
    time.sleep(0.6)
    assert cache.get("the-generation", 0) == 0


def test_a_local_fallback_keeps_counting_while_redis_is_away():
    # django-axes' failed-login counters: without the fallback each failure would read as the first.
    cache = make_cache(f"redis://127.0.0.1:{free_port(6500, 6599)}/0", LOCAL_FALLBACK=True)
    assert cache.add("that-bai", 1) is True
    assert [cache.incr("that-bai") for _ in range(4)] == [2, 3, 4, 5]
    assert cache.get("that-bai") == 5
    cache.delete("that-bai")
    assert cache.get("that-bai", 0) == 0


def test_the_file_cache_counts_in_memory_while_its_disk_is_full_and_in_files_again_once_there_is_room(caplog):
    # The beacon's rate limit without Redis (the "ratelimit" alias): files shared by the workers, a full disk
    # must neither raise (a 500) nor let every beacon count as the first.
    with small_filesystem("1m") as disk:
        options = {"LOCAL_FALLBACK": True, "RETRY_SECONDS": 0.3}
        cache = portal_cache.FaultTolerantFileCache(str(disk / "ratelimit"), {"OPTIONS": options})

        def count(key):  # as stats/limits.py counts
            return 1 if cache.add(key, 1, 60) else cache.incr(key)

        assert [count("dem") for _ in range(2)] == [1, 2]
        filler = fill_up(disk)
        with caplog.at_level(logging.WARNING, logger="portal.cache"):
            assert [count("moi") for _ in range(5)] == [1, 2, 3, 4, 5]  # the writes fail: counted in memory
            time.sleep(0.4)
            assert count("moi") == 6  # tried the disk again, still full: still in memory
        messages = [record.getMessage() for record in caplog.records]
        assert len(messages) == 1  # logged once a minute at most
        assert messages[0].startswith(f"Không dùng được bộ nhớ đệm trong {disk / 'ratelimit'} ([Errno 28]")
        filler.unlink()
        time.sleep(0.4)
        assert [count("moi") for _ in range(2)] == [1, 2]  # in files again: a new count there
        assert count("dem") == 3  # what the files held before is still there
