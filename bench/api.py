"""API benchmark: p50/p95 of GET /api/articles/ (a list call) with 100,000 published articles, on SQLite.

    flock /tmp/bench.lock nice .venv/bin/python bench/api.py                  # 100,000 articles
    flock /tmp/bench.lock nice .venv/bin/python bench/api.py --articles 20000 --requests 100
    flock /tmp/bench.lock nice .venv/bin/python bench/api.py --database /tmp/portal-api-bench-…/bench.sqlite3
                                                      # again on a database a run above left (it prints where)

A throwaway migrated SQLite database (bench.harness.throwaway_django), one ward site, the articles inserted in
bulk as real ArticlePage rows in the page tree (bench.search.insert_articles), then list calls through
Django's test client, as a client pages through: the first page, deep pages, a category, a date range, the
largest page size. The rate limit is off (every call must reach the view); the answers are checked. The first
call of each URL counts the list (api.service._totals, kept a minute): `cold_ms`; the others reuse the count.
"""

import argparse
import datetime
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--database", help="a SQLite file an earlier run filled (its --articles must match)")
    args = parser.parse_args()

    prepared_s = 0.0
    if args.database:
        os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
        os.environ["DATABASE_URL"] = f"sqlite:///{args.database}"
        os.environ.pop("REDIS_URL", None)
        import django

        django.setup()
    else:
        from bench.harness import throwaway_django

        workdir = throwaway_django("portal-api-bench-")
        print(f"database: {workdir}/bench.sqlite3", file=sys.stderr)
        from bench.search import generate, insert_articles

        articles_path = Path(tempfile.mkdtemp(prefix="portal-api-articles-")) / "articles.jsonl"
        started = time.perf_counter()
        generate(args.articles, articles_path)
        insert_articles(articles_path, args.articles)
        articles_path.unlink()
        prepared_s = time.perf_counter() - started

    from django.conf import settings
    from django.test import Client
    from django.utils import timezone

    settings.PORTAL_API_RATE_LIMIT = 0
    client = Client(HTTP_HOST="localhost")
    week_ago = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    urls = [
        "/api/articles/",
        "/api/articles/?page=50",
        "/api/articles/?page=2000",
        "/api/articles/?category=chinh-quyen",
        f"/api/articles/?since={week_ago}",
        "/api/articles/?page_size=100&page=10",
    ]
    cold = {}
    for url in urls:
        started = time.perf_counter()
        response = client.get(url)
        cold[url] = round((time.perf_counter() - started) * 1000, 1)
        assert response.status_code == 200, (url, response.status_code)
    first = client.get(urls[0]).json()
    assert first["count"] == args.articles, first["count"]
    assert len(first["results"]) == 20
    timings = {url: [] for url in urls}
    for n in range(args.requests):
        url = urls[n % len(urls)]
        started = time.perf_counter()
        response = client.get(url)
        timings[url].append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    every = [ms for values in timings.values() for ms in values]
    result = {
        "articles": args.articles,
        "requests": args.requests,
        "prepare_s": round(prepared_s, 1),
        "p50_ms": round(statistics.median(every), 1),
        "p95_ms": round(percentile(every, 0.95), 1),
        "per_url_p95_ms": {url: round(percentile(values, 0.95), 1) for url, values in timings.items()},
        "cold_ms": cold,
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
