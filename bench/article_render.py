"""SQL queries and render time of an article page, through Django's full request stack.

Run: .venv/bin/python bench/article_render.py [--runs 200]
Uses the database of DATABASE_URL (default: the `make run` SQLite file) with its demo content.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")


def main():
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from news.models import ArticlePage

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()

    article = ArticlePage.objects.live().order_by("-published_at").first()
    client = Client(HTTP_HOST="localhost")
    url = article.get_url()
    client.get(url)  # warm the site lookup and template caches
    with CaptureQueriesContext(connection) as capture:
        response = client.get(url)
    # Copy now: the captured slice is read lazily from a log the next request resets.
    queries = list(capture.captured_queries)
    timings = []
    for _ in range(args.runs):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    print(f"article: {url}")
    print(f"status: {response.status_code}, HTML bytes: {len(response.content)}")
    print(f"SQL queries per render: {len(queries)}")
    for query in queries:
        print(f"  {query['sql'][:140]}")
    median, p99 = statistics.median(timings), timings[int(len(timings) * 0.99) - 1]
    print(f"render time over {args.runs} runs: median {median:.2f} ms, p99 {p99:.2f} ms")


if __name__ == "__main__":
    main()
