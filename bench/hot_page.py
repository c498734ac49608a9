"""Hot article page: the production stack and the bare app server against nginx serving the same bytes.

Run: make bench   (or .venv/bin/python bench/hot_page.py --runs 3 --duration 10)
Needs nginx and wrk (Debian packages) and the database of `make run` (or DATABASE_URL).

Each round measures, back to back, the static reference and the portal with the same wrk parameters,
so both see the same machine load; the table reports medians over the rounds and their ratio.
"""

import argparse
import gzip
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.harness import granian, nginx, wrk  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"


def newest_article_path():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()
    from news.models import ArticlePage

    article = ArticlePage.objects.live().filter(featured=True).order_by("-published_at").first()
    return urlsplit(article.full_url).path


def transferred(response):
    return int(response.headers.get("content-length", len(response.content)))


def page_weight(base, path):
    """Bytes a first visit transfers for HTML, CSS and JS (compressed as served), images aside."""
    headers = {"Accept-Encoding": "gzip, br"}
    page = httpx.get(base + path, headers=headers)
    html = transferred(page)
    assets = re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', page.text)
    total = html + sum(transferred(httpx.get(base + asset, headers=headers)) for asset in assets)
    return {"html_bytes": html, "html_decoded_bytes": len(page.content), "html_css_js_bytes": total}


def rounds(measure, runs):
    results = [measure() for _ in range(runs)]
    return {key: statistics.median(r[key] for r in results) for key in results[0]} | {"runs": results}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    path = newest_article_path()
    report = {"article": path, "workers": args.workers, "duration_s": args.duration, "runs": args.runs}
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as tmp:
        os.chmod(tmp, 0o755)  # noqa: S103 - nginx workers (unprivileged) read the reference file
        static_dir = Path(tmp) / "static"
        static_dir.mkdir()
        with granian(workers=args.workers) as (app_port, _):
            app = f"http://127.0.0.1:{app_port}"
            httpx.get(app + path)
            body = httpx.get(app + path).content  # the cached copy, exactly as readers get it
            (static_dir / "article.html").write_bytes(body)
            report["page_weight"] = page_weight(app, path)
            with nginx(Path(tmp) / "nginx", app_port, static_dir) as (proxy_port, static_port):
                static_url = f"http://127.0.0.1:{static_port}/article.html"
                proxy_url = f"http://127.0.0.1:{proxy_port}{path}"
                proxied = httpx.get(proxy_url).content
                # Same page; only the host in its canonical URLs differs (nginx passes no port).
                assert abs(len(proxied) - len(body)) < 64, (len(proxied), len(body))
                for label, url, connections in (
                    ("through_nginx", proxy_url, 128),
                    ("straight_from_app", app + path, 32),
                ):

                    def pair(url=url, connections=connections):
                        reference = wrk(static_url, connections, args.duration)
                        time.sleep(1)
                        ours = wrk(url, connections, args.duration)
                        time.sleep(1)
                        return {
                            "static_rps": reference["rps"],
                            "portal_rps": ours["rps"],
                            "ratio": ours["rps"] / reference["rps"],
                            "portal_p99_ms": ours["p99_ms"],
                            "portal_errors": ours["errors"],
                        }

                    report[label] = rounds(pair, args.runs) | {"connections": connections}
        report["gzip_html_bytes"] = len(gzip.compress(body, 6))

    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "hot_page.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(f"article: {path}")
    for label in ("through_nginx", "straight_from_app"):
        r = report[label]
        print(
            f"{label:18} c={r['connections']:<4} static {r['static_rps']:>9.0f} req/s  portal {r['portal_rps']:>9.0f}"
            f" req/s  ratio {r['ratio']:.2f}  p99 {r['portal_p99_ms']:.1f} ms  errors {r['portal_errors']:.0f}"
        )
    weight = report["page_weight"]
    print(
        f"page weight: HTML {weight['html_bytes']} B transferred ({weight['html_decoded_bytes']} B decoded), "
        f"HTML+CSS+JS {weight['html_css_js_bytes']} B"
    )


if __name__ == "__main__":
    main()
