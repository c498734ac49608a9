"""How long one `check_integrity` run takes over a site of N pages (default 10,000 articles).

    flock /tmp/bench.lock nice .venv/bin/python bench/integrity.py [--pages 10000]

Builds a throw-away SQLite database: one ward site, N generated articles (bench/search.py's bulk insert),
each given its published revision in bulk as publishing would, the manifest of this checkout's files; serves the
portal from a thread (Django's WSGI app on a local port) as the public address the cloaking check fetches
through. Then times one `manage.py check_integrity` run in this process, whole and check by check, and prints
a Markdown table. A quick run: `--pages 300`.
"""

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.harness import throwaway_django  # noqa: E402


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class _ThreadedServer(WSGIServer):
    daemon_threads = True

    def process_request(self, request, client_address):
        threading.Thread(target=self._handle, args=(request, client_address), daemon=True).start()

    def _handle(self, request, client_address):
        try:
            self.finish_request(request, client_address)
        finally:
            self.shutdown_request(request)


def add_revisions():
    """The revision each bulk-inserted article would have got when published, made live in bulk."""
    from django.db import transaction
    from wagtail.models import Page, Revision

    from news.models import ArticlePage

    pages = ArticlePage.objects.filter(live_revision=None).order_by("pk")
    batch = []
    for page in pages.iterator(chunk_size=1000):
        batch.append(
            Revision(
                content_object=page,
                base_content_type=page.get_base_content_type(),
                content=page.serializable_data(),
                object_str=page.title[:255],
                created_at=page.last_published_at,
            )
        )
        if len(batch) == 1000:
            _save(batch, Page, Revision, transaction)
    if batch:
        _save(batch, Page, Revision, transaction)


def _save(batch, Page, Revision, transaction):  # noqa: N803 - the model classes, passed in
    with transaction.atomic():
        for revision in Revision.objects.bulk_create(batch):
            Page.objects.filter(pk=revision.object_id).update(live_revision=revision, latest_revision=revision)
    batch.clear()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=10_000)
    args = parser.parse_args()

    workdir = throwaway_django("bench-integrity-")
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.management import CommandError, call_command
    from django.db.models import Count

    from bench.search import generate, insert_articles
    from integrity.models import Finding
    from integrity.runner import CHECKS

    started = time.perf_counter()
    articles = Path(tempfile.mkdtemp(prefix="bench-integrity-text-")) / "articles.jsonl"
    generate(args.pages, articles)
    site = insert_articles(articles, args.pages)
    add_revisions()
    settings.PORTAL_INTEGRITY_ROOTS = [str(ROOT)]
    settings.PORTAL_INTEGRITY_MANIFEST = Path(workdir) / "manifest.json"
    call_command("integrity_manifest", stdout=open(os.devnull, "w"))  # noqa: SIM115
    server = make_server("127.0.0.1", 0, WSGIHandler(), server_class=_ThreadedServer, handler_class=_Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.PORTAL_INTEGRITY_FETCH_URL = f"http://127.0.0.1:{server.server_address[1]}"
    pages = site.root_page.get_descendants(inclusive=True).live().count()
    print(f"built {pages} live pages in {time.perf_counter() - started:.0f} s", file=sys.stderr)

    # One run of the command; each check's share timed by wrapping the functions the runner calls.
    from integrity import runner

    timings = {}

    def timed(name, function):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                timings[name] = timings.get(name, 0.0) + time.perf_counter() - started

        return wrapper

    for name in ("check_rendered", "check_changed", "check_files", "check_cloaking"):
        setattr(runner, name, timed(name.removeprefix("check_"), getattr(runner, name)))
    started = time.perf_counter()
    try:
        call_command("check_integrity", stdout=open(os.devnull, "w"))  # noqa: SIM115
        status = 0
    except CommandError as error:
        status = error.returncode
    whole = time.perf_counter() - started
    server.shutdown()
    findings = dict(Finding.objects.open().values_list("check_name").order_by().annotate(n=Count("pk")))

    print(f"| check ({pages} live pages, SQLite) | seconds | open findings |")
    print("|---|---:|---:|")
    for check, names in CHECKS.items():
        print(f"| {check} | {timings.get(check, 0):.1f} | {sum(findings.get(name, 0) for name in names)} |")
    print(f"| **one `check_integrity` run** | **{whole:.1f}** | exit status {status} |")


if __name__ == "__main__":
    main()
