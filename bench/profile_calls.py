"""Python function calls per article render, by function: compare two checkouts' work per request exactly,
where wall-clock timings on a shared machine are noise.

Run in each checkout: .venv/bin/python bench/profile_calls.py OUT.json [--runs 100]
then: .venv/bin/python bench/profile_calls.py --compare BEFORE.json AFTER.json
Uses the database of DATABASE_URL (default: the `make run` SQLite file) with its demo content.
"""

import argparse
import cProfile
import json
import os
import pstats
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")


def measure(runs):
    import django

    django.setup()
    from django.test import Client

    from news.models import ArticlePage

    article = ArticlePage.objects.live().order_by("-published_at").first()
    client = Client(HTTP_HOST="localhost")
    url = article.get_url()
    for _ in range(20):  # warm the site bundle, templates and the per-process memory
        client.get(url)
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(runs):
        client.get(url)
    profile.disable()
    calls = {}
    for (filename, _line, name), (_cc, ncalls, *_rest) in pstats.Stats(profile).stats.items():
        # A function by its module path below the project or site-packages, so two checkouts compare.
        key = f"{filename.replace(str(ROOT), '').split('site-packages/')[-1]}:{name}"
        calls[key] = calls.get(key, 0) + ncalls / runs
    return calls


def compare(before_path, after_path, top=25):
    before, after = (json.loads(Path(p).read_text()) for p in (before_path, after_path))
    total_before, total_after = sum(before.values()), sum(after.values())
    growth = total_after / total_before - 1
    print(f"calls per request: before {total_before:,.0f}, after {total_after:,.0f} ({growth:+.1%})")
    changes = sorted(((after.get(k, 0) - before.get(k, 0), k) for k in set(before) | set(after)), reverse=True)
    for delta, key in [c for c in changes if abs(c[0]) >= 0.5][:top]:
        print(f"  {delta:+8.1f}  {key}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?")
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        compare(*args.compare)
    elif args.out:
        Path(args.out).write_text(json.dumps(measure(args.runs)))
    else:
        parser.error("OUT.json or --compare BEFORE AFTER")


if __name__ == "__main__":
    main()
