"""Search benchmark: 100,000 generated articles, index build time, /api/search/ latency, SQLite and PostgreSQL.

    nice .venv/bin/python bench/search.py                 # both databases, 100,000 articles
    nice .venv/bin/python bench/search.py --articles 20000 --backends sqlite
    nice .venv/bin/python bench/search.py --backends postgres --keep    # then, queries only, again:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_search_bench \\
        nice .venv/bin/python bench/search.py --child postgres --existing

Each database runs in its own process (Django settings are per process): a fresh database (a temporary SQLite
file; PostgreSQL database `portal_search_bench`, dropped at the end), migrations, one ward site, the articles
inserted in bulk as real ArticlePage rows in the page tree, then `rebuild_search_index` timed, then every
query of QUERIES requested through Django's test client. The reference measured in the same run is the same
endpoint with an empty query (routing, site lookup, JSON) so the ratio shows what searching itself costs.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [
    "phường",
    "dang uy",
    "Đảng ủy",
    "hội nghị",
    "tiêm chủng trẻ em",
    "an ninh trật tự",
    "giai phong mat bang",
    "hoà giải",
    "thủy sản",
    "đăng ký khai sinh",
    "sức khoẻ người cao tuổi",
    "phòng cháy chữa cháy",
    "cấp nước",
    "ngập úng",
    "dự án công trình giao thông",
    "tuyển quân",
    "văn hoá",
    "thu tuc hanh chinh truc tuyen",
    "bàn",
    '"hội nghị"',
]
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
PG_BENCH_DB = "portal_search_bench"


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


# --- generating articles (parent process, once for both databases) ----------------------------------------


def generate(count, path):
    from bench.vietnamese import TextGenerator

    generator = TextGenerator()
    with open(path, "w", encoding="utf-8") as out:
        for _ in range(count):
            record = [generator.title(), generator.lead(), generator.body_paragraphs()]
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


# --- the child process: one database ----------------------------------------------------------------------


def insert_articles(path, count):
    """Real ArticlePage rows in the tree, without 100,000 publishes: pages in bulk, then the article rows."""
    import datetime
    import uuid

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Page

    from core.text import vn_slugify
    from news.models import ArticlePage, CategoryPage
    from wards.sites import ensure_ward_site

    site = ensure_ward_site("localhost", "Phường Hồng Gai", is_default=True, province="Tỉnh Quảng Ninh")
    categories = list(CategoryPage.objects.child_of(site.root_page).order_by("path"))
    content_type = ContentType.objects.get_for_model(ArticlePage)
    now = timezone.now()
    body_cast = "%s::jsonb" if connection.vendor == "postgresql" else "%s"
    columns = "page_ptr_id, published_at, lead, body, source, source_url, author, featured, original_url"
    insert_sql = f"INSERT INTO news_articlepage ({columns}) VALUES (%s, %s, %s, {body_cast}, '', '', '', %s, '')"  # noqa: S608
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

    def step(n):
        digits = ""
        for _ in range(4):
            n, r = divmod(n, 36)
            digits = alphabet[r] + digits
        return digits

    children = {c.pk: 0 for c in categories}
    batch = []

    def flush():
        with transaction.atomic():
            pages = Page.objects.bulk_create([page for page, _ in batch])
            rows = [(page.pk, *extra) for page, (_, extra) in zip(pages, batch, strict=True)]
            with connection.cursor() as cursor:
                cursor.executemany(insert_sql, rows)
        batch.clear()

    with open(path, encoding="utf-8") as source:
        for n, line in enumerate(source):
            if n >= count:
                break
            title, lead, paragraphs = json.loads(line)
            category = categories[n % len(categories)]
            children[category.pk] += 1
            slug = f"{vn_slugify(title, 60)}-{n}"
            published = now - datetime.timedelta(minutes=7 * n)
            page = Page(
                title=title,
                draft_title=title,
                slug=slug,
                path=category.path + step(children[category.pk]),
                depth=category.depth + 1,
                numchild=0,
                url_path=f"{category.url_path}{slug}/",
                content_type=content_type,
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
                locale_id=category.locale_id,
                translation_key=uuid.uuid4(),
            )
            body = json.dumps(
                [{"type": "paragraph", "value": f"<p>{p}</p>", "id": str(uuid.uuid4())} for p in paragraphs],
                ensure_ascii=False,
            )
            batch.append((page, (published, lead, body, False)))
            if len(batch) >= 2000:
                flush()
    if batch:
        flush()
    for category in categories:
        Page.objects.filter(pk=category.pk).update(numchild=children[category.pk])
    return site


def child(backend, articles_path, count, existing=False):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from news.models import ArticlePage
    from search.models import SearchEntry

    result = {"backend": backend}
    if not existing:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        result["migrate_s"] = time.perf_counter() - started
        started = time.perf_counter()
        insert_articles(articles_path, count)
        result["insert_s"] = time.perf_counter() - started
        wall, cpu = time.perf_counter(), time.process_time()
        call_command("rebuild_search_index", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        result["index_build_s"] = time.perf_counter() - wall
        # CPU seconds of this process: on SQLite the whole build; a fair number on a machine shared with
        # other jobs, where wall time mostly measures waiting.
        result["index_build_cpu_s"] = time.process_time() - cpu
    result["articles"] = ArticlePage.objects.live().count()
    result["indexed"] = SearchEntry.objects.count()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    result["load_average"] = os.getloadavg()[0]

    client = Client(HTTP_HOST="localhost")

    cpu_times = []

    def timed(params, repeats):
        times, counts = [], []
        for _ in range(repeats):
            t0, c0 = time.perf_counter(), time.process_time()
            response = client.get("/api/search/", params)
            times.append((time.perf_counter() - t0) * 1000)
            cpu_times.append((time.process_time() - c0) * 1000)
            assert response.status_code == 200, response.content[:300]
            counts.append(response.json()["count"])
        return times, counts[-1]

    for query in QUERIES:  # warm caches once
        timed({"q": query}, 1)
    cpu_times.clear()
    per_query, all_times = [], []
    for query in QUERIES:
        times, hits = timed({"q": query}, 9)
        all_times += times
        per_query.append({"q": query, "count": hits, "median_ms": statistics.median(times)})
    query_cpu = list(cpu_times)
    reference, _ = timed({"q": ""}, 60)
    newest, _ = timed({"q": "phường", "sort": "newest"}, 9)
    page5, _ = timed({"q": "hội nghị", "page": "5"}, 9)
    result.update(
        median_ms=statistics.median(all_times),
        p95_ms=percentile(all_times, 0.95),
        max_ms=max(all_times),
        cpu_median_ms=statistics.median(query_cpu),
        cpu_p95_ms=percentile(query_cpu, 0.95),
        reference_median_ms=statistics.median(reference),
        newest_median_ms=statistics.median(newest),
        page5_median_ms=statistics.median(page5),
        per_query=per_query,
        requests=len(all_times),
    )
    print("RESULT " + json.dumps(result, ensure_ascii=False), flush=True)
    if existing:
        print(report([result], result["articles"], 0))


# --- parent: orchestration and report --------------------------------------------------------------------


def run_backend(backend, articles_path, count, keep=False):
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="portal.settings.test")
    tmpdir = None
    if backend == "sqlite":
        tmpdir = tempfile.mkdtemp(prefix="search-bench-")
        env["DATABASE_URL"] = f"sqlite:///{tmpdir}/bench.sqlite3"
    else:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_BENCH_DB}")
            conn.execute(f"CREATE DATABASE {PG_BENCH_DB}")
        env["DATABASE_URL"] = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + PG_BENCH_DB
    try:
        output = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                backend,
                "--articles-file",
                str(articles_path),
                "--articles",
                str(count),
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        lines = [line for line in output.stdout.splitlines() if line.startswith("RESULT ")]
        if output.returncode or not lines:
            sys.stderr.write(output.stdout + output.stderr)
            raise SystemExit(f"{backend}: benchmark process failed")
        return json.loads(lines[-1][len("RESULT ") :])
    finally:
        if tmpdir:
            import shutil

            shutil.rmtree(tmpdir, ignore_errors=True)
        elif keep:
            print(f"PostgreSQL database {PG_BENCH_DB} kept", file=sys.stderr)
        else:
            import psycopg

            with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {PG_BENCH_DB}")


def report(results, count, generate_s):
    lines = [
        f"Articles: {count:,} (generated in {generate_s:.0f} s). Queries: {len(QUERIES)} fixed, 9 timed requests each.",
        "",
        "| database | insert articles | index build (wall / CPU) | median | p95 | CPU median / p95 | "
        "empty-query reference | ratio (median / reference) | load average |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['backend']} | {r.get('insert_s', 0):.0f} s | {r.get('index_build_s', 0):.0f} s / "
            f"{r.get('index_build_cpu_s', 0):.0f} s | {r['median_ms']:.1f} ms | {r['p95_ms']:.1f} ms | "
            f"{r['cpu_median_ms']:.1f} / {r['cpu_p95_ms']:.1f} ms | {r['reference_median_ms']:.1f} ms | "
            f"{r['median_ms'] / r['reference_median_ms']:.1f}× | {r['load_average']:.1f} |"
        )
    lines += ["", "| query | " + " | ".join(f"{r['backend']} hits | {r['backend']} median" for r in results) + " |"]
    lines.append("|---" * (1 + 2 * len(results)) + "|")
    for i, query in enumerate(QUERIES):
        cells = []
        for r in results:
            q = r["per_query"][i]
            cells += [f"{q['count']:,}", f"{q['median_ms']:.1f} ms"]
        lines.append(f"| `{query}` | " + " | ".join(cells) + " |")
    for r in results:
        lines.append(
            f"\n{r['backend']}: sort=newest ('phường') median {r['newest_median_ms']:.1f} ms; "
            f"page 5 of 'hội nghị' median {r['page5_median_ms']:.1f} ms."
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--child")
    parser.add_argument("--articles-file")
    parser.add_argument(
        "--keep",
        action="store_true",
        help=f"keep the PostgreSQL database {PG_BENCH_DB} for experiments (queries again: --existing)",
    )
    parser.add_argument(
        "--existing",
        action="store_true",
        help="with --child: time queries on the database DATABASE_URL already holds (no migrate/insert/build)",
    )
    args = parser.parse_args()
    if args.child:
        child(args.child, args.articles_file, args.articles, args.existing)
        return
    with tempfile.TemporaryDirectory(prefix="search-bench-") as tmp:
        articles_path = Path(tmp) / "articles.jsonl"
        started = time.perf_counter()
        generate(args.articles, articles_path)
        generate_s = time.perf_counter() - started
        results = []
        for backend in args.backends.split(","):
            print(f"… {backend}", file=sys.stderr, flush=True)
            results.append(run_backend(backend.strip(), articles_path, args.articles, args.keep))
    print(report(results, args.articles, generate_s))


if __name__ == "__main__":
    main()
