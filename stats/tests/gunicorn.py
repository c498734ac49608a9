"""The production stack for tests and benchmarks: gunicorn with N workers on a database of its own."""

import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


class Gunicorn:
    def __init__(self, database_url, port, *, workers=4, log_dir, **env):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.workers = workers
        self.log = Path(log_dir) / f"gunicorn-{port}.log"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(40),
            "PORTAL_INSECURE_HTTP": "1",
            "DATABASE_URL": database_url,
            "REDIS_URL": "",
            "PORTAL_STATS_REDIS_URL": "",
            "ALLOWED_HOSTS": "localhost,127.0.0.1",
            "STATIC_ROOT": str(Path(log_dir) / "static"),
            "LOG_LEVEL": "WARNING",
            **env,
        }
        self.process = None

    def manage(self, *args):
        subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, check=True, stdout=subprocess.DEVNULL
        )

    def prepare(self):
        """Migrate the database and create the demo ward's site, home and categories."""
        self.manage("migrate", "--no-input", "-v", "0")
        self.manage(
            "shell",
            "-c",
            "from wards.sites import ensure_ward_site; "
            "ensure_ward_site('localhost', 'Phường Hồng Gai', is_default=True)",
        )

    def start(self):
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "portal.wsgi:application",
                "--workers",
                str(self.workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--backlog",
                "2048",
                "--graceful-timeout",
                "5",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log}:\n{self.log.read_text()[-3000:]}")
            try:
                if httpx.get(self.url + "/api/stats/", headers={"Host": "localhost"}, timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not answer in 60 s")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def numbers(self):
        return httpx.get(self.url + "/api/stats/", headers={"Host": "localhost"}, timeout=10).json()
