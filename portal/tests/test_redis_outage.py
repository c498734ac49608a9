"""`make serve`'s server with REDIS_URL set and Redis away: at start, killed under load, and back again.

Every answer must stay below 500, the admin login must work, and the page cache must come back by itself.
Real processes only: granian (bench.harness), a redis-server of the test's own, httpx.
"""

import concurrent.futures
import json
import re
import threading
import time

import httpx
import pytest

from bench.harness import app_environment, granian
from portal.tests.helpers import manage, prepare_ward, server_environment
from stats.tests.conftest import RedisServer, free_port

pytestmark = pytest.mark.own_databases

ARTICLE = "/chinh-quyen/tin-dau-tien-cua-phuong/"
PAGES = ["/", "/chinh-quyen/", ARTICLE, "/sitemap.xml", "/rss/", "/tim-kiem/?q=phuong", "/ty-gia/", "/api/stats/"]
PASSWORD = "mat-khau-rat-dai-2026"  # noqa: S105


@pytest.fixture
def portal_env(tmp_path):
    port = free_port(6500, 6599)  # nothing listens there yet
    env = server_environment(
        tmp_path,
        DATABASE_URL=f"sqlite:///{tmp_path / 'outage.sqlite3'}",
        REDIS_URL=f"redis://127.0.0.1:{port}/0",
        PORTAL_STATS_REDIS_URL=f"redis://127.0.0.1:{port}/0",
    )
    full = app_environment(**env)
    prepare_ward(full, tmp_path)
    manage(
        {**full, "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
        "createsuperuser",
        "--no-input",
        "--username",
        "quantri",
        "--email",
        "quantri@example.vn",
    )
    return port, env, full


class Load:
    """Readers and beacons in background threads, tallying every status (and connection errors)."""

    def __init__(self, base, threads=4):
        self.base = base
        self.stop = threading.Event()
        self.statuses = {}
        self.answered_204 = 0
        self.lock = threading.Lock()
        self.beacon_number = 0
        self.pool = concurrent.futures.ThreadPoolExecutor(threads)
        self.futures = [self.pool.submit(self.run, n) for n in range(threads)]

    def note(self, status):
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1

    def next_beacon(self):
        with self.lock:
            self.beacon_number += 1
            return self.beacon_number

    def run(self, worker):
        with httpx.Client(base_url=self.base, timeout=30) as client:
            turn = 0
            while not self.stop.is_set():
                turn += 1
                try:
                    if turn % 2:
                        status = client.get(PAGES[(turn // 2 + worker) % len(PAGES)]).status_code
                    else:
                        n = self.next_beacon()
                        status = client.post(
                            "/api/hit/",
                            content=json.dumps({"path": "/", "ref": ""}),
                            headers={
                                "Content-Type": "text/plain",
                                "User-Agent": f"Mozilla/5.0 (Linux; Android 14; May-{worker}-{n}) Chrome/126.0",
                                "X-Forwarded-For": f"198.18.{n // 250 % 250}.{n % 250 + 1}",
                            },
                        ).status_code
                        if status == 204:
                            with self.lock:
                                self.answered_204 += 1
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                self.note(status)

    def finish(self):
        self.stop.set()
        for future in self.futures:
            future.result()
        self.pool.shutdown()
        return self.statuses


def failures(statuses):
    return {status: n for status, n in statuses.items() if not isinstance(status, int) or status >= 500}


def admin_login(base, password):
    with httpx.Client(base_url=base, timeout=30) as client:
        form = client.get("/admin/login/")
        assert form.status_code == 200
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
        return client.post(
            "/admin/login/",
            data={"csrfmiddlewaretoken": token, "username": "quantri", "password": password, "next": "/admin/"},
            headers={"Referer": base + "/admin/login/"},
        )


def cached_again(base, timeout):
    """Seconds until the article comes from the page cache again."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if httpx.get(base + ARTICLE, timeout=10).headers.get("x-page-cache") == "HIT":
            return time.monotonic() - started
        time.sleep(0.05)
    pytest.fail(f"the page cache did not come back within {timeout} s")


def test_pages_admin_and_hits_survive_redis_absent_killed_and_back(portal_env):
    port, env, full = portal_env
    with granian(workers=2, **env) as (server_port, _):
        base = f"http://127.0.0.1:{server_port}"

        # 1. Started with Redis absent: every page answers, uncached; the admin login works.
        for path in PAGES:
            for _ in range(2):
                response = httpx.get(base + path, timeout=10)
                assert response.status_code == 200, (path, response.status_code)
                assert response.headers.get("x-page-cache") != "HIT"
        assert admin_login(base, "sai-mat-khau-roi-nhe").status_code == 200  # wrong password: the form again
        assert admin_login(base, PASSWORD).status_code == 302

        # 2. Redis appears: the page cache is used again without a restart.
        redis = RedisServer(port=port)
        try:
            back_after_start = cached_again(base, timeout=10)

            # 3. Killed under load, then restarted on the same port (empty: no persistence).
            load = Load(base)
            time.sleep(1.0)
            redis.kill()
            time.sleep(2.0)
            assert admin_login(base, PASSWORD).status_code == 302
            redis.start()
            back_after_kill = cached_again(base, timeout=10)
            time.sleep(0.5)
            statuses = load.finish()
        finally:
            redis.stop()

        # 4. Redis gone again: the buffered hits are folded from the database, none lost.
        manage(full, "stats_fold")
        total = httpx.get(base + "/api/stats/", timeout=10).json()["pageviews_total"]

    print(
        f"\nRedis outage: answers {sum(statuses.values())} {statuses}; beacons answered 204: {load.answered_204}, "
        f"counted: {total}; cache back {back_after_start:.2f} s after Redis started, "
        f"{back_after_kill:.2f} s after it was restarted"
    )
    assert failures(statuses) == {}
    assert statuses.get(200, 0) > 20 and load.answered_204 > 10
    assert total == load.answered_204
    assert back_after_kill < 3.0
