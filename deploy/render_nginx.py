"""Fill deploy/nginx/portal.conf.template for one machine.

    python deploy/render_nginx.py --listen 80 --upstream 127.0.0.1:8000 \\
        --static-root /srv/portal/static --media-root /srv/portal/media \\
        --cache-dir /var/cache/nginx/portal --snapshot-dir /srv/portal/snapshot > portal.conf

--standalone wraps it in a complete nginx.conf (events, http, pid, logs), as the tests and benchmarks run it.
"""

import argparse
import sys
from pathlib import Path
from string import Template

TEMPLATE = Path(__file__).resolve().parent / "nginx" / "portal.conf.template"

STANDALONE = """worker_processes ${WORKERS};
pid ${RUN_DIR}/nginx.pid;
error_log ${RUN_DIR}/error.log warn;
events { worker_connections 4096; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path ${RUN_DIR}/body;
    proxy_temp_path ${RUN_DIR}/proxy;
    fastcgi_temp_path ${RUN_DIR}/fastcgi;
    uwsgi_temp_path ${RUN_DIR}/uwsgi;
    scgi_temp_path ${RUN_DIR}/scgi;
${SITE}
}
"""


SNAPSHOT_DIR = "/srv/portal/snapshot"


def render(
    listen,
    upstream,
    static_root,
    media_root,
    cache_dir,
    standalone=False,
    run_dir=None,
    workers="auto",
    extra="",
    snapshot_dir=SNAPSHOT_DIR,
):
    # safe_substitute: nginx's own $variables stay as they are; ours are all ${UPPER_CASE}.
    site = Template(TEMPLATE.read_text()).safe_substitute(
        LISTEN=listen,
        UPSTREAM=upstream,
        STATIC_ROOT=static_root,
        MEDIA_ROOT=media_root,
        CACHE_DIR=cache_dir,
        SNAPSHOT_DIR=snapshot_dir,
    )
    if standalone:
        site = Template(STANDALONE).safe_substitute(WORKERS=workers, RUN_DIR=run_dir, SITE=site + extra)
    if "${" in site:
        raise ValueError("a placeholder was left unfilled")
    return site


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", default="80")
    parser.add_argument("--upstream", default="127.0.0.1:8000")
    parser.add_argument("--static-root", required=True)
    parser.add_argument("--media-root", required=True)
    parser.add_argument("--cache-dir", required=True)
    parser.add_argument(
        "--snapshot-dir", default=SNAPSHOT_DIR, help="export_static_snapshot's --out: served while the app is down"
    )
    parser.add_argument("--standalone", action="store_true")
    parser.add_argument("--run-dir", help="with --standalone: pid, logs and temp files")
    parser.add_argument("--workers", default="auto")
    args = parser.parse_args(argv)
    sys.stdout.write(
        render(
            args.listen,
            args.upstream,
            args.static_root,
            args.media_root,
            args.cache_dir,
            args.standalone,
            args.run_dir,
            args.workers,
            snapshot_dir=args.snapshot_dir,
        )
    )


if __name__ == "__main__":
    main()
