"""With Redis: hits wait in the database and are folded exactly once; Redis down, stalled or killed loses none."""

import json
import time

import pytest
import redis
from django.core.management import call_command

from stats import recording
from stats.models import PageDay, PendingHit, SiteDay
from stats.recording import fold

pytestmark = pytest.mark.django_db

PATHS = ["/", "/tin-tuc-su-kien/", "/chinh-quyen/", "/xay-dung-dang/"]


def ua(n):
    return f"Mozilla/5.0 (Linux; Android 14; Device-{n}) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"


def stored():
    day = SiteDay.objects.first()
    return (day.visitors, day.pageviews) if day else (0, 0)


def test_hits_wait_in_redis_and_fold_exactly_once(settings, beacon, client, ward_site, redis_server):
    sent = set()
    for n in range(12):
        for path in PATHS[: 1 + n % len(PATHS)]:
            assert beacon(path, ua=ua(n)).status_code == 204
            sent.add((n, path))
            beacon(path, ua=ua(n))  # a repeat inside the window
    assert stored() == (0, 0)  # nothing in the database before the fold
    numbers = json.loads(client.get("/api/stats/", HTTP_HOST="localhost").content)
    assert numbers["online"] == 12  # read from Redis

    call_command("stats_fold", stdout=open("/dev/null", "w"))  # noqa: SIM115
    expected = (len({n for n, _ in sent}), len(sent))
    assert stored() == expected
    assert fold() == 0
    call_command("stats_fold", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert stored() == expected
    for path in PATHS:
        assert PageDay.objects.get(path=path).views == len([1 for _, p in sent if p == path])


def test_a_fold_that_dies_leaves_its_hits_pending_and_the_next_counts_them_once(
    monkeypatch, beacon, ward_site, redis_server
):
    for n in range(5):
        assert beacon("/", ua=ua(n)).status_code == 204
    real_apply = recording.apply_hits

    def apply_then_die(hits):
        real_apply(hits)
        raise RuntimeError("the fold's process was killed")

    monkeypatch.setattr(recording, "apply_hits", apply_then_die)
    with pytest.raises(RuntimeError):
        fold()
    assert stored() == (0, 0)
    assert PendingHit.objects.count() == 5
    monkeypatch.setattr(recording, "apply_hits", real_apply)
    assert fold() == 5
    assert fold() == 0
    assert stored() == (5, 5)


def test_a_killed_redis_loses_no_answered_hit(settings, beacon, ward_site, redis_server):
    """kill -9 of a Redis without persistence (as in CI) in the middle of the beacons, then a new empty one."""
    answered = 0
    sent = 120
    for n in range(sent):
        if n == 40:
            redis_server.kill()
        if n == 80:
            redis_server.start()  # a new, empty one on the same port
        answered += beacon("/", ua=ua(n), ip=f"198.51.100.{n + 1}").status_code == 204
    assert fold() > 0
    visitors, pageviews = stored()
    print(f"\nhits sent {sent}, answered 204: {answered}, counted: {pageviews}")
    assert answered == sent
    assert (visitors, pageviews) == (answered, answered)


def test_stalled_redis_falls_back_to_the_database_without_double_counting(settings, beacon, ward_site, redis_server):
    for n in range(4):
        assert beacon("/", ua=ua(n)).status_code == 204  # buffered in Redis
    redis_server.pause()  # Redis stops answering, like a frozen server
    try:
        started = time.monotonic()
        for n in range(2, 7):
            # Visitors 2 and 3 were already seen today (still in Redis); 4–6 are new.
            assert beacon("/chinh-quyen/", ua=ua(n)).status_code == 204
        assert time.monotonic() - started < 15
        assert stored() == (5, 5)  # written straight to the database
    finally:
        redis_server.resume()
    assert fold() == 4
    # Seven distinct people; the database's unique key stops visitors 2 and 3 being counted twice.
    assert stored() == (7, 9)


def test_redis_down_keeps_serving_and_counting(settings, beacon, client, ward_site, redis_server):
    assert beacon("/", ua=ua(1)).status_code == 204
    call_command("stats_fold", stdout=open("/dev/null", "w"))  # noqa: SIM115
    redis_server.stop()
    for n in range(1, 4):
        assert beacon("/tin-tuc-su-kien/", ua=ua(n)).status_code == 204
    assert stored() == (3, 4)
    response = client.get("/api/stats/", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert json.loads(response.content)["today"] == 3
    assert client.get("/", HTTP_HOST="localhost").status_code == 200
    call_command("stats_fold", stdout=open("/dev/null", "w"))  # noqa: SIM115 - needs only the database
    assert stored() == (3, 4)


def test_redis_holds_no_ip_or_user_agent(settings, beacon, ward_site, redis_server):
    beacon("/", ua="Mozilla/5.0 SecretBrowser/1.2.3", ip="203.0.113.99", ref="https://www.facebook.com/some/post")
    r = redis.Redis.from_url(redis_server.url, decode_responses=True)
    keys = r.keys("*")
    assert keys  # something was written, so the check below looks at real data
    contents = list(keys)
    for key in keys:
        kind = r.type(key)
        if kind == "list":
            contents += r.lrange(key, 0, -1)
        elif kind == "zset":
            contents += r.zrange(key, 0, -1)
        else:
            contents.append(str(r.get(key)))
    text = "\n".join(contents)
    for secret in ("203.0.113.99", "SecretBrowser", "facebook.com/some"):
        assert secret not in text
