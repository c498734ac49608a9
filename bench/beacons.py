"""Beacons per second against the production stack (gunicorn, 4 workers), and the script's weight.

    /work/main/.venv/bin/python bench/beacons.py [--beacons 3000] [--threads 64] [--rounds 3] [--port 8203] [--redis]

Each round sends the same number of requests to two endpoints of one gunicorn:
`POST /api/hit/` (each from a new visitor, so every one is written) and, as the
reference measured in the same run, `GET /robots.txt` (a view that touches no
database). It prints per-round rates, their medians, the ratio, the error count
(must be 0), and the size of stats/static/stats/hit.js in bytes, raw and gzipped.
With --redis, a redis-server of the benchmark's own keeps the repeat limit and hits wait for the fold at the end.
"""

import argparse
import concurrent.futures
import gzip
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from stats.tests.gunicorn import Gunicorn  # noqa: E402

SCRIPT = ROOT / "stats" / "static" / "stats" / "hit.js"


def hammer(url, count, threads, make_request):
    local = threading.local()
    errors = []

    def one(n):
        if not hasattr(local, "client"):
            local.client = httpx.Client(timeout=60)
        try:
            response = make_request(local.client, url, n)
            if response.status_code >= 400:
                errors.append(response.status_code)
        except httpx.HTTPError as exc:
            errors.append(repr(exc))

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        list(pool.map(one, range(count)))
    return count / (time.perf_counter() - started), errors


def beacon(offset):
    def send(client, url, n):
        n += offset
        return client.post(
            url + "/api/hit/",
            content=json.dumps({"path": "/", "ref": ""}),
            headers={
                "Host": "localhost",
                "Content-Type": "text/plain",
                "User-Agent": f"Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Bench/{n}",
                "X-Forwarded-For": f"198.18.{n // 250 % 250}.{n % 250 + 1}",
            },
        )

    return send


def robots(client, url, n):
    return client.get(url + "/robots.txt", headers={"Host": "localhost"})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--beacons", type=int, default=3000)
    parser.add_argument("--threads", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--port", type=int, default=8203)
    parser.add_argument("--database-url", default="", help="default: a new SQLite file")
    parser.add_argument("--redis", action="store_true", help="buffer hits in a private redis-server")
    args = parser.parse_args()
    redis_server = None
    extra = {}
    if args.redis:
        from stats.tests.conftest import RedisServer

        redis_server = RedisServer()
        extra["PORTAL_STATS_REDIS_URL"] = redis_server.url

    with tempfile.TemporaryDirectory(prefix="bench-beacons-") as tmp:
        database_url = args.database_url or f"sqlite:///{tmp}/bench.sqlite3"
        server = Gunicorn(
            database_url,
            args.port,
            workers=4,
            log_dir=tmp,
            PORTAL_TRUSTED_PROXIES="127.0.0.1",
            PORTAL_STATS_CACHE_SECONDS="0",
            **extra,
        )
        server.prepare()
        server.start()
        try:
            hammer(server.url, 200, args.threads, robots)  # warm up every worker
            beacon_rates, robots_rates, errors = [], [], []
            for round_number in range(args.rounds):
                rate, errs = hammer(server.url, args.beacons, args.threads, beacon(round_number * args.beacons))
                beacon_rates.append(rate)
                errors += errs
                rate, errs = hammer(server.url, args.beacons, args.threads, robots)
                robots_rates.append(rate)
                errors += errs
                print(
                    f"round {round_number + 1}: beacons {beacon_rates[-1]:.0f}/s, robots.txt {robots_rates[-1]:.0f}/s"
                )
            if redis_server:
                started = time.perf_counter()
                server.manage("stats_fold")
                print(f"fold of {args.beacons * args.rounds} hits: {time.perf_counter() - started:.1f} s")
            numbers = server.numbers()
        finally:
            server.stop()
            if redis_server:
                redis_server.stop()

    sent = args.beacons * args.rounds
    raw = SCRIPT.read_bytes()
    print(f"median beacons/s: {statistics.median(beacon_rates):.0f}")
    print(f"median robots.txt/s (reference): {statistics.median(robots_rates):.0f}")
    print(f"ratio beacon/reference: {statistics.median(beacon_rates) / statistics.median(robots_rates):.2f}")
    print(f"errors: {len(errors)} {sorted(set(map(str, errors)))[:5]}")
    print(f"visitors stored: {numbers['today']} of {sent} sent; pageviews stored: {numbers['pageviews_today']}")
    print(f"hit.js: {len(raw)} bytes, {len(gzip.compress(raw, 9))} bytes gzipped")
    return 1 if errors or numbers["pageviews_today"] != sent else 0


if __name__ == "__main__":
    sys.exit(main())
