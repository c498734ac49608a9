"""Starting the servers a benchmark measures, and reading wrk's numbers."""

import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"


def throwaway_django(prefix):
    """Set this process up as the portal on a new SQLite database in a temporary folder (test settings, no
    Redis), migrated: for in-process benchmarks that must not touch the `make run` database. Returns the folder."""
    workdir = tempfile.mkdtemp(prefix=prefix)
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ["MEDIA_ROOT"] = f"{workdir}/media"
    os.environ["STATIC_ROOT"] = workdir
    os.environ.pop("REDIS_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    return workdir


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def app_environment(**extra):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "PORTAL_INSECURE_HTTP": "1",
        "PORTAL_SERVE_MEDIA": "1",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-" + "x" * 50,
    }
    env.update({key: str(value) for key, value in extra.items()})
    return env


@contextmanager
def granian(workers=2, port=None, **env):
    """`make serve`'s server (scripts/serve.sh), on `port` or a free one."""
    port = port or free_port()
    command = [str(ROOT / "scripts" / "serve.sh")]
    # Merged, not passed as keywords: under `make test` the environment already holds make's BIN, PORT and
    # WORKERS (the Makefile exports its variables), and tests hand that environment back in.
    server_env = app_environment(**{**env, "BIN": VENV_BIN, "PORT": port, "WORKERS": workers})
    process = subprocess.Popen(command, cwd=ROOT, env=server_env, start_new_session=True)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/robots.txt")
        yield port, process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


@contextmanager
def nginx(run_dir, upstream_port, static_dir, workers=2):
    """nginx with our deploy/ configuration in front of the app, plus a plain static server for reference."""
    from deploy.render_nginx import render

    nginx_binary = shutil.which("nginx") or "/usr/sbin/nginx"
    run_dir = Path(run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    proxy_port, static_port = free_port(), free_port()
    reference = f"""
    server {{
        listen 127.0.0.1:{static_port} reuseport backlog=4096;
        root {static_dir};
        gzip on;
        location / {{ default_type text/html; }}
    }}
"""
    config = render(
        f"127.0.0.1:{proxy_port}",
        f"127.0.0.1:{upstream_port}",
        ROOT / "staticfiles",
        ROOT / "media",
        run_dir / "cache",
        standalone=True,
        run_dir=run_dir,
        workers=workers,
        extra=reference,
    )
    conf = run_dir / "nginx.conf"
    conf.write_text(config)
    subprocess.run([nginx_binary, "-t", "-q", "-c", str(conf), "-p", str(run_dir)], check=True)
    subprocess.run([nginx_binary, "-c", str(conf), "-p", str(run_dir)], check=True)
    try:
        wait_until_up(f"http://127.0.0.1:{static_port}/")
        yield proxy_port, static_port
    finally:
        subprocess.run([nginx_binary, "-s", "stop", "-c", str(conf), "-p", str(run_dir)], check=False)
        time.sleep(0.5)


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url, connections, duration, threads=2, script=None, script_args=()):
    """Requests per second, p50/p99 latency (ms) and error counts of one wrk run (`script`: a Lua file)."""
    extra = ["-s", str(script), url, "--", *map(str, script_args)] if script else [url]
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", *extra],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def latency(percent):
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        return float(value) * _UNITS[unit]

    errors = 0
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non_2xx:
        errors += int(non_2xx.group(1))
    return {"rps": rps, "p50_ms": latency(50), "p99_ms": latency(99), "errors": errors}
