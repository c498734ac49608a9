"""Province scale: origin render at 1,000 vs 100,000 articles, hot article with 2 vs 200 sites, 60 s under load.

    nice .venv/bin/python bench/scale.py [--runs 3] [--duration 10] [--load-duration 60]

The databases are built once into --workdir (default /tmp/scale) and reused: SQLite files holding the demo
content (two ward sites, illustrated articles, weather and exchange-rate snapshots from a local fake server)
plus generated articles (bench/search.py's bulk insert) up to 1,000 and 100,000; a copy of the second gets
198 more ward sites through wards.sites.ensure_ward_site. Delete the directory to rebuild.

Every server is `make serve`'s (production settings, granian, 2 workers), each with its own database, cache
directory and port; what is compared is measured in alternating rounds of the same run (medians over rounds).
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.harness import app_environment, granian, nginx, wrk  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
SMALL, LARGE, SITES = 1_000, 100_000, 200
TAIL_ARTICLES = 20_000


def django_setup(database):
    os.environ.update(app_environment(DATABASE_URL=f"sqlite:///{database}", PORTAL_PAGE_CACHE_SECONDS=0))
    os.environ["PORTAL_CACHE_DIR"] = str(Path(database).parent / "cache-setup")
    os.environ["MEDIA_ROOT"] = str(Path(database).parent / "media")
    import django

    django.setup()


# --- building the databases (each in its own process: settings are per process) ---------------------------


def build(database, articles, articles_file):
    """Generated articles first (bench/search.py numbers fresh categories from 1), then the demo content."""
    django_setup(database)
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from bench.search import insert_articles
    from widgets.refresh import refresh_fx, refresh_weather
    from widgets.tests.fake import FX_PATH, WEATHER_PATH, FakeServices, good_fx, good_weather, start

    call_command("migrate", verbosity=0)
    demo_articles = len((ROOT / "news" / "demo" / "articles.jsonl").read_text().splitlines())
    insert_articles(articles_file, articles - demo_articles)
    # An admin already there keeps load_demo_content from rewriting the repository's .admin-password.
    get_user_model().objects.create_user("admin", "admin@localhost")
    call_command("load_demo_content", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    services = FakeServices()
    server = start(services)
    settings.PORTAL_WEATHER_URL, settings.PORTAL_FX_URL = services.base + WEATHER_PATH, services.base + FX_PATH
    services.weather(good_weather())
    services.fx(good_fx())
    refresh_weather()
    refresh_fx()
    server.shutdown()


def add_sites(database, total):
    django_setup(database)
    from wagtail.models import Site

    from wards.sites import ensure_ward_site

    started = time.perf_counter()
    for number in range(Site.objects.count() + 1, total + 1):
        ensure_ward_site(f"phuong{number}.localhost", f"Phường Số {number}", province="Tỉnh Quảng Ninh")
    print(f"sites: {Site.objects.count()} ({time.perf_counter() - started:.0f} s to add)", file=sys.stderr)


def child(*args):
    subprocess.run([sys.executable, __file__, *map(str, args)], check=True)


def ensure_databases(workdir):
    workdir.mkdir(parents=True, exist_ok=True)
    databases = {
        "1k": workdir / "1k.sqlite3",
        "100k": workdir / "100k.sqlite3",
        "100k-200sites": workdir / "100k-200sites.sqlite3",
    }
    if not databases["1k"].exists() or not databases["100k"].exists():
        from bench.search import generate

        with tempfile.TemporaryDirectory(prefix="scale-") as tmp:
            articles_file = Path(tmp) / "articles.jsonl"
            generate(LARGE, articles_file)
            for name, count in (("1k", SMALL), ("100k", LARGE)):
                if not databases[name].exists():
                    started = time.perf_counter()
                    child("--build", databases[name], count, articles_file)
                    print(f"built {databases[name]} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    if not databases["100k-200sites"].exists():
        partial = databases["100k-200sites"].with_suffix(".partial")
        shutil.copyfile(databases["100k"], partial)
        child("--add-sites", partial, SITES)
        partial.rename(databases["100k-200sites"])
    return databases


# --- measuring ---------------------------------------------------------------------------------------------


def render_in_process(database, renders=30):
    """SQL queries of one article render (CaptureQueriesContext) and the in-process render time, cache off."""
    django_setup(database)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Site

    from news.models import ArticlePage

    home = Site.objects.get(is_default_site=True).root_page
    article = ArticlePage.objects.live().descendant_of(home).filter(featured=True).order_by("-published_at").first()
    path = urlsplit(article.full_url).path
    client = Client(HTTP_HOST="localhost")
    client.get(path)
    with CaptureQueriesContext(connection) as capture:
        assert client.get(path).status_code == 200
    queries = [{"ms": float(q["time"]) * 1000, "sql": q["sql"]} for q in capture.captured_queries]
    times, cpu = [], []
    for _ in range(renders):
        started, cpu_started = time.perf_counter(), time.process_time()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    result = {
        "path": path,
        "queries": queries,
        "render_ms": statistics.median(times),
        "render_cpu_ms": statistics.median(cpu),
    }
    print("RESULT " + json.dumps(result, ensure_ascii=False))


def write_tail_paths(database, out, count=TAIL_ARTICLES):
    """Paths of `count` articles of the default site other than the hot one, for the long-tail round."""
    django_setup(database)
    from wagtail.models import Site

    from news.models import ArticlePage

    home = Site.objects.get(is_default_site=True).root_page
    prefix = len(home.url_path) - 1
    hot = ArticlePage.objects.live().descendant_of(home).filter(featured=True).order_by("-published_at").first()
    paths = (
        ArticlePage.objects.live()
        .descendant_of(home)
        .exclude(pk=hot.pk)
        .order_by("?")
        .values_list("url_path", flat=True)[:count]
    )
    Path(out).write_text("".join(f"{url_path[prefix:]}\n" for url_path in paths))


# Each request asks for a different article: the paths file's lines in turn, from an offset, so that no
# article is asked for twice in a run and the runs of one measurement do not overlap.
TAIL_SCRIPT = """
local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end
function init(args)
  paths = {}
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  index = tonumber(args[2]) + id
  step = tonumber(args[3])
end
function request()
  index = index + step
  return wrk.format("GET", paths[(index % #paths) + 1])
end
"""


def long_tail(url_base, server_pid, paths_file, connections, duration, runs, tmp):
    """Origin rate when every request is another article (nothing of it rendered before: its own parts are
    not in the per-process caches), and time to first byte of 30 such requests one at a time."""
    script = Path(tmp) / "tail.lua"
    script.write_text(TAIL_SCRIPT)
    paths = Path(paths_file).read_text().split()
    samples = []
    for run in range(runs):
        cpu = cpu_seconds(server_pid)
        offset = run * len(paths) // runs
        result = wrk(url_base, connections, duration, script=script, script_args=(paths_file, offset, 2))
        result["cpu_ms_per_request"] = (cpu_seconds(server_pid) - cpu) * 1000 / (result["rps"] * duration)
        samples.append(result)
    report = {key: statistics.median(run[key] for run in samples) for key in samples[0]}
    return report | {"ttfb_ms": first_byte_ms([url_base + path for path in paths[-31:]]), "runs": samples}


def in_process(database):
    out = subprocess.run(
        [sys.executable, __file__, "--render", database], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(next(line for line in out.splitlines() if line.startswith("RESULT "))[7:])


def first_byte_ms(urls):
    """Median ms from sending each GET to its first response byte, one request at a time on one kept-alive
    connection, leaving out the first (it opens the connection). curl, not a Python client: httpx's own time
    per request (1-3 ms on this machine) was counted as the server's in earlier runs."""
    command = ["curl", "--silent", "--write-out", "%{time_starttransfer}\\n"]
    for url in urls:
        command += [url, "--output", "/dev/null"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return statistics.median(float(line) * 1000 for line in out.split()[1:])


def time_to_first_byte(url, requests=30):
    return first_byte_ms([url] * (requests + 1))


def workers(server_pid):
    """Process ids of granian's workers: everything below the server's main process."""
    out = subprocess.run(["ps", "-o", "pid=,ppid=", "-e"], capture_output=True, text=True, check=True).stdout
    rows = [tuple(int(n) for n in line.split()) for line in out.splitlines()]
    family, found = {server_pid}, True
    while found:
        found = False
        for pid, ppid in rows:
            if ppid in family and pid not in family:
                family.add(pid)
                found = True
    return sorted(family - {server_pid})


def resident_mb(server_pid):
    """RSS (MB) of each worker process."""
    sizes = []
    for pid in workers(server_pid):
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(round(int(status.split("VmRSS:")[1].split()[0]) / 1024, 1))
    return sizes


def cpu_seconds(server_pid):
    """CPU time (user + system) the workers have used so far."""
    ticks = 0
    for pid in workers(server_pid):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def alternate(targets, connections, duration, runs):
    """wrk on each (url, server pid) in turn, `runs` rounds; medians per target.

    Besides wrk's numbers, the workers' CPU milliseconds per request: on a machine shared with other jobs
    this is what stays comparable (2 cores / CPU per request is the rate the machine could reach alone).
    """
    samples = {name: [] for name in targets}
    for _ in range(runs):
        for name, (url, server_pid) in targets.items():
            cpu = cpu_seconds(server_pid)
            result = wrk(url, connections, duration)
            result["cpu_ms_per_request"] = (cpu_seconds(server_pid) - cpu) * 1000 / (result["rps"] * duration)
            samples[name].append(result)
            time.sleep(1)
    return {
        name: {key: statistics.median(run[key] for run in runs_) for key in runs_[0]} | {"runs": runs_}
        for name, runs_ in samples.items()
    }


def server_env(workdir, name, database, cache_seconds):
    return {
        "DATABASE_URL": f"sqlite:///{database}",
        "PORTAL_PAGE_CACHE_SECONDS": cache_seconds,
        "PORTAL_CACHE_DIR": workdir / f"cache-{name}-{cache_seconds}",
        "MEDIA_ROOT": workdir / "media",
    }


def measure(workdir, databases, args):
    report = {"load_average_before": os.getloadavg(), "wrk_threads": 2}
    renders = {name: in_process(db) for name, db in databases.items()}
    report["in_process"] = renders
    path = renders["1k"]["path"]
    assert all(r["path"] == path for r in renders.values()), "the hot article differs between databases"
    report["article"] = path

    # 1. Origin render, page cache off: 1,000 vs 100,000 articles, both servers up, rounds alternating.
    with (
        granian(**server_env(workdir, "1k", databases["1k"], 0)) as (small, small_server),
        granian(**server_env(workdir, "100k", databases["100k"], 0)) as (large, large_server),
    ):
        urls = {"1k": f"http://127.0.0.1:{small}{path}", "100k": f"http://127.0.0.1:{large}{path}"}
        for url in urls.values():
            assert httpx.get(url).status_code == 200
        servers = {"1k": small_server.pid, "100k": large_server.pid}
        targets = {name: (url, servers[name]) for name, url in urls.items()}
        report["origin"] = alternate(targets, args.origin_connections, args.duration, args.runs)
        report["origin_ttfb_ms"] = {name: time_to_first_byte(url) for name, url in urls.items()}
        with tempfile.TemporaryDirectory(prefix="scale-tail-") as tmp:
            paths_file = Path(tmp) / "paths.txt"
            child("--tail-paths", databases["100k"], paths_file)
            report["origin_tail"] = long_tail(
                f"http://127.0.0.1:{large}",
                large_server.pid,
                paths_file,
                args.origin_connections,
                args.duration,
                args.runs,
                tmp,
            )
        report["origin_rss_mb"] = {"1k": resident_mb(small_server.pid), "100k": resident_mb(large_server.pid)}

    # 2 and 3. Hot article (page cache on), 2 vs 200 sites; then 60 s at 256 connections through nginx.
    with (
        granian(**server_env(workdir, "2sites", databases["100k"], 120)) as (two, two_server),
        granian(**server_env(workdir, "200sites", databases["100k-200sites"], 120)) as (many, many_server),
        tempfile.TemporaryDirectory(prefix="scale-nginx-") as tmp,
    ):
        urls = {"2 sites": f"http://127.0.0.1:{two}{path}", "200 sites": f"http://127.0.0.1:{many}{path}"}
        for url in urls.values():
            httpx.get(url)
            assert httpx.get(url).headers.get("x-page-cache") == "HIT", url
        targets = {"2 sites": (urls["2 sites"], two_server.pid), "200 sites": (urls["200 sites"], many_server.pid)}
        report["sites"] = alternate(targets, args.hot_connections, args.duration, args.runs)

        os.chmod(tmp, 0o755)  # noqa: S103 - nginx workers (unprivileged) read the reference file
        static_dir = Path(tmp) / "static"
        static_dir.mkdir()
        (static_dir / "article.html").write_bytes(httpx.get(urls["200 sites"]).content)
        report["rss_before_load_mb"] = resident_mb(many_server.pid)
        with nginx(Path(tmp) / "nginx", many, static_dir) as (proxy, static):
            report["load_static"] = wrk(f"http://127.0.0.1:{static}/article.html", 256, args.duration)
            time.sleep(1)
            report["load"] = wrk(f"http://127.0.0.1:{proxy}{path}", 256, args.load_duration)
        report["rss_after_load_mb"] = resident_mb(many_server.pid)
    report["load_average_after"] = os.getloadavg()
    return report


def table(r, args):
    o, s = r["origin"], r["sites"]
    q = {name: len(v["queries"]) for name, v in r["in_process"].items()}
    lines = [
        f"Article {r['article']}; load average {r['load_average_before'][0]:.2f} before, "
        f"{r['load_average_after'][0]:.2f} after; medians of {args.runs} rounds of {args.duration} s.",
        "",
        "| measurement | reference | measured | ratio | target |",
        "|---|---|---|---|---|",
        f"| origin req/s, cache off, `wrk -t2 -c{args.origin_connections}` | 1k: {o['1k']['rps']:.0f} | "
        f"100k: {o['100k']['rps']:.0f} | 1k ÷ 100k: {o['1k']['rps'] / o['100k']['rps']:.2f} | ≤ 1.3; ≥ 300 req/s |",
        f"| origin p50 / p99 latency | 1k: {o['1k']['p50_ms']:.1f} / {o['1k']['p99_ms']:.1f} ms | "
        f"100k: {o['100k']['p50_ms']:.1f} / {o['100k']['p99_ms']:.1f} ms | | |",
        f"| origin time to first byte (one client) | 1k: {r['origin_ttfb_ms']['1k']:.1f} ms | "
        f"100k: {r['origin_ttfb_ms']['100k']:.1f} ms | | < 6 ms |",
        f"| origin long tail, another article each request, 100k | | {r['origin_tail']['rps']:.0f} req/s, "
        f"p50 / p99 {r['origin_tail']['p50_ms']:.1f} / {r['origin_tail']['p99_ms']:.1f} ms, first byte "
        f"{r['origin_tail']['ttfb_ms']:.1f} ms, CPU {r['origin_tail']['cpu_ms_per_request']:.1f} ms/request, "
        f"errors {r['origin_tail']['errors']} | | |",
        f"| SQL queries per render | 1k: {q['1k']} | 100k: {q['100k']}; 100k + 200 sites: {q['100k-200sites']} "
        "| | ≤ 8, not growing |",
        f"| origin CPU per request (both workers) | 1k: {o['1k']['cpu_ms_per_request']:.1f} ms | "
        f"100k: {o['100k']['cpu_ms_per_request']:.1f} ms | "
        f"100k ÷ 1k: {o['100k']['cpu_ms_per_request'] / o['1k']['cpu_ms_per_request']:.2f} | ≤ 1.3 |",
        f"| in-process render, wall / CPU (test client) | 1k: {r['in_process']['1k']['render_ms']:.1f} / "
        f"{r['in_process']['1k']['render_cpu_ms']:.1f} ms | 100k: {r['in_process']['100k']['render_ms']:.1f} / "
        f"{r['in_process']['100k']['render_cpu_ms']:.1f} ms | | |",
        f"| hot article req/s, cache on, `wrk -t2 -c{args.hot_connections}` | 2 sites: {s['2 sites']['rps']:.0f} | "
        f"200 sites: {s['200 sites']['rps']:.0f} | {s['200 sites']['rps'] / s['2 sites']['rps']:.2f} | ≥ 0.90 |",
        f"| hot article CPU per request | 2 sites: {s['2 sites']['cpu_ms_per_request']:.3f} ms | "
        f"200 sites: {s['200 sites']['cpu_ms_per_request']:.3f} ms | "
        f"{s['2 sites']['cpu_ms_per_request'] / s['200 sites']['cpu_ms_per_request']:.2f} | |",
        f"| `wrk -t2 -c256 -d{args.load_duration}s` through nginx, 100k + 200 sites | static "
        f"{r['load_static']['rps']:.0f} req/s ({args.duration} s) | {r['load']['rps']:.0f} req/s, "
        f"p99 {r['load']['p99_ms']:.1f} ms, errors {r['load']['errors']} | "
        f"{r['load']['rps'] / r['load_static']['rps']:.2f} | 0 errors |",
        f"| RSS per worker, 100k + 200 sites | before load {r['rss_before_load_mb']} MB | "
        f"after load {r['rss_after_load_mb']} MB | | < 250 MB |",
        f"| RSS per worker after origin rounds | 1k: {r['origin_rss_mb']['1k']} MB | "
        f"100k: {r['origin_rss_mb']['100k']} MB | | < 250 MB |",
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # A fixed place so the databases survive between runs; benchmark data only, nothing secret.
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/scale"))  # noqa: S108
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--load-duration", type=int, default=60)
    parser.add_argument("--origin-connections", type=int, default=8)
    parser.add_argument("--hot-connections", type=int, default=32)
    parser.add_argument("--build", nargs=3, metavar=("DATABASE", "ARTICLES", "ARTICLES_FILE"))
    parser.add_argument("--add-sites", nargs=2, metavar=("DATABASE", "TOTAL"))
    parser.add_argument("--render", metavar="DATABASE")
    parser.add_argument("--tail-paths", nargs=2, metavar=("DATABASE", "OUT"))
    parser.add_argument("--build-only", action="store_true")
    args = parser.parse_args()
    if args.build:
        build(args.build[0], int(args.build[1]), args.build[2])
    elif args.add_sites:
        add_sites(args.add_sites[0], int(args.add_sites[1]))
    elif args.render:
        render_in_process(args.render)
    elif args.tail_paths:
        write_tail_paths(*args.tail_paths)
    elif args.build_only:
        ensure_databases(args.workdir)
    else:
        report = measure(args.workdir, ensure_databases(args.workdir), args)
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "scale.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
        print(table(report, args))


if __name__ == "__main__":
    main()
