"""Four gunicorn workers, hundreds of beacons at once: stored numbers equal sent ones exactly."""

import concurrent.futures
import json
import os
import random
import sqlite3
import threading

import httpx
import psycopg
import pytest

from conftest import ci_requires
from stats.tests.conftest import RedisServer, free_port
from stats.tests.gunicorn import Gunicorn

VISITORS = 2000
THREADS = 200
PATHS = ["/", "/tin-tuc-su-kien/", "/xay-dung-dang/", "/chinh-quyen/", "/an-ninh-quoc-phong/", "/van-hoa-xa-hoi/"]
PG_URL = os.environ.get("STATS_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432/portal_stats_conc")

# These start their own servers and databases (SQLite and PostgreSQL alike), so the suite's
# second pass on PostgreSQL (scripts/run_postgres_tests.py) need not run them again.
pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="run once, in the SQLite pass; they make their own SQLite and PostgreSQL databases",
)


def script(seed=4):
    """Beacons to send: each visitor views 1–2 pages, some reloads, and some robots."""
    rng = random.Random(seed)
    beacons = []
    for n in range(VISITORS):
        ua = f"Mozilla/5.0 (Linux; Android 14; Thiet-bi-{n}) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"
        ip = f"198.18.{n // 250}.{n % 250 + 1}"
        for path in rng.sample(PATHS, rng.randint(1, 2)):
            beacons.append((ua, ip, path))
            if rng.random() < 0.1:
                beacons.append((ua, ip, path))  # a reload: must not count again
    for n in range(100):
        beacons.append((f"Mozilla/5.0 (compatible; Googlebot/2.1; crawl {n})", f"198.19.0.{n % 250 + 1}", "/"))
    rng.shuffle(beacons)
    return beacons


def send_all(url, beacons):
    local = threading.local()

    def send(beacon):
        ua, ip, path = beacon
        if not hasattr(local, "client"):
            local.client = httpx.Client(timeout=60)
        response = local.client.post(
            url + "/api/hit/",
            content=json.dumps({"path": path, "ref": ""}),
            headers={
                "Host": "localhost",
                "Content-Type": "text/plain;charset=UTF-8",
                "User-Agent": ua,
                "X-Forwarded-For": ip,
            },
        )
        return response.status_code

    with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(send, beacons))


def expected(beacons):
    people = [(ua, ip, path) for ua, ip, path in beacons if "Googlebot" not in ua]
    views = set(people)
    return {
        "visitors": len({(ua, ip) for ua, ip, _ in views}),
        "pageviews": len(views),
        "per_path": {path: len([v for v in views if v[2] == path]) for path in PATHS},
    }


def run_and_check(server, beacons, per_path_query, fold=None):
    statuses = send_all(server.url, beacons)
    assert {status: statuses.count(status) for status in set(statuses)} == {204: len(beacons)}
    if fold:
        fold()
    want = expected(beacons)
    numbers = server.numbers()
    assert (numbers["total"], numbers["pageviews_total"]) == (want["visitors"], want["pageviews"])
    assert numbers["online"] == want["visitors"]
    assert per_path_query() == want["per_path"]
    return len(beacons), want


@pytest.fixture
def serve(tmp_path):
    servers = []

    def make(database_url, **env):
        env.setdefault("PORTAL_STATS_CACHE_SECONDS", "0")
        env.setdefault("PORTAL_STATS_REPEAT_SECONDS", "3600")  # the whole run is one window
        env.setdefault("PORTAL_TRUSTED_PROXIES", "127.0.0.1")
        # A slow machine may take minutes to send everything; everyone stays "online" meanwhile.
        env.setdefault("PORTAL_STATS_ONLINE_MINUTES", "120")
        server = Gunicorn(database_url, free_port(8201, 8209), workers=4, log_dir=tmp_path, **env)
        server.prepare()
        servers.append(server)
        return server.start()

    yield make
    for server in servers:
        server.stop()


def sqlite_per_path(path):
    def query():
        with sqlite3.connect(path) as db:
            return dict(db.execute("SELECT path, SUM(views) FROM stats_pageday GROUP BY path").fetchall())

    return query


def test_four_workers_on_sqlite(serve, tmp_path):
    db = tmp_path / "conc.sqlite3"
    server = serve(f"sqlite:///{db}")
    run_and_check(server, script(), sqlite_per_path(db))
    assert "database is locked" not in server.log.read_text()


def test_four_workers_on_postgresql(serve):
    admin_url = PG_URL.rsplit("/", 1)[0] + "/postgres"
    name = PG_URL.rsplit("/", 1)[1]
    try:
        admin = psycopg.connect(admin_url, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        ci_requires("PostgreSQL at " + admin_url)
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    server = serve(PG_URL)

    def per_path():
        with psycopg.connect(PG_URL) as db:
            return {p: int(v) for p, v in db.execute("SELECT path, SUM(views) FROM stats_pageday GROUP BY path")}

    try:
        run_and_check(server, script(seed=5), per_path)
    finally:
        server.stop()
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_four_workers_with_redis_buffer(serve, tmp_path):
    redis_server = RedisServer()
    try:
        db = tmp_path / "conc-redis.sqlite3"
        server = serve(f"sqlite:///{db}", PORTAL_STATS_REDIS_URL=redis_server.url)
        run_and_check(server, script(seed=6), sqlite_per_path(db), fold=lambda: server.manage("stats_fold"))
        # A second fold finds nothing left and changes nothing.
        before = server.numbers()
        server.manage("stats_fold")
        assert server.numbers() == before
    finally:
        redis_server.stop()
