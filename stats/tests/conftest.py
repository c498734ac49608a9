import json
import os
import shutil
import signal
import socket
import subprocess
import time
import uuid

import pytest

from conftest import ci_requires


@pytest.fixture(autouse=True)
def _fresh_stats_state(settings):
    """Per-process caches would otherwise outlive each test's rolled-back database."""
    from core import sites
    from stats import pages, redis_buffer, visitors

    settings.PORTAL_STATS_CACHE_SECONDS = 0
    settings.PORTAL_STATS_REDIS_URL = ""
    settings.PORTAL_TRUSTED_PROXIES = []
    visitors.forget_cached_secrets()
    pages._resolve.cache_clear()
    sites.forget()
    redis_buffer._down_until.clear()
    yield
    visitors.forget_cached_secrets()
    pages._resolve.cache_clear()
    sites.forget()


@pytest.fixture
def beacon(client):
    """POST a beacon as a browser's sendBeacon would (text/plain JSON)."""

    def send(
        path, *, ua="Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0", ip="192.0.2.10", ref="", host="localhost", **extra
    ):
        body = json.dumps({"path": path, "ref": ref})
        return client.post(
            "/api/hit/",
            data=body,
            content_type="text/plain;charset=UTF-8",
            HTTP_USER_AGENT=ua,
            REMOTE_ADDR=ip,
            HTTP_HOST=host,
            **extra,
        )

    return send


def free_port(low, high):
    for port in range(low, high + 1):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError(f"no free port in {low}-{high}")


class RedisServer:
    """A redis-server of the test's own on a private port, never the machine's shared one."""

    def __init__(self, port=None):
        if not shutil.which("redis-server"):
            ci_requires("redis-server")
        self.port = port or free_port(6400, 6499)
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.start()

    def start(self):
        """Start (again, after kill()) on the same port; without persistence, as in CI, so it starts empty."""
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("redis-server did not start")

    def pause(self):
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self):
        os.kill(self.process.pid, signal.SIGCONT)

    def kill(self):
        """kill -9: whatever Redis held in memory is gone."""
        self.process.kill()
        self.process.wait(timeout=10)

    def stop(self):
        if self.process.poll() is None:
            self.resume()
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def redis_server(settings):
    server = RedisServer()
    settings.PORTAL_STATS_REDIS_URL = server.url
    settings.PORTAL_STATS_REDIS_PREFIX = f"test-stats-{uuid.uuid4().hex[:8]}:"
    settings.PORTAL_STATS_REDIS_RETRY_SECONDS = 0
    yield server
    server.stop()
