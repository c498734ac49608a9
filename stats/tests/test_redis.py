"""With Redis: hits buffered and folded exactly once; without it (down or stalled), counted in the database."""

import json
import time

import pytest
import redis
from django.core.management import CommandError, call_command

from stats.models import DailyVisitor, FoldedBatch, PageDay, SiteDay
from stats.recording import Hit, fold

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


def test_a_batch_left_by_a_crash_is_counted_once(settings, ward_site, redis_server):
    from stats.visitors import local_day, visitor_key

    r = redis.Redis.from_url(redis_server.url, decode_responses=True)
    prefix = settings.PORTAL_STATS_REDIS_PREFIX
    day = local_day()
    hits = [
        Hit(ward_site.pk, day, visitor_key(ward_site.pk, f"192.0.2.{n}", "UA", day), "/", None, "direct")
        for n in range(5)
    ]
    # A fold that died after writing the database but before deleting its batch key…
    r.rpush(f"{prefix}fold:already", *[h.dumps() for h in hits[:3]])
    FoldedBatch.objects.create(batch="already")
    SiteDay.objects.create(site=ward_site, day=day, visitors=3, pageviews=3)
    DailyVisitor.objects.bulk_create(DailyVisitor(site=ward_site, day=day, visitor=h.visitor) for h in hits[:3])
    # …and one that died before writing anything.
    r.rpush(f"{prefix}fold:notyet", *[h.dumps() for h in hits[3:]])
    assert fold() == 2
    assert stored() == (5, 5)
    assert r.keys(f"{prefix}fold:*") == []


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
    with pytest.raises(CommandError, match="Không kết nối được Redis"):
        call_command("stats_fold")


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
