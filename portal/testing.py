"""Helpers for tests that run the portal as separate processes (servers, management commands)."""

import json
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def manage(env, *args):
    # Our own manage.py with arguments written in the tests.
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def article_file(tmp_path, title, original_url):
    path = tmp_path / f"{uuid.uuid4().hex}.jsonl"
    record = {
        "title": title,
        "published": "2026-11-20T08:00:00+07:00",
        "lead": "Tóm tắt.",
        "body": "Nội dung.",
        "category": "chinh-quyen",
        "original_url": original_url,
    }
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return str(path)


def server_environment(tmp_path, **extra):
    """What a test's own server needs besides its database: folders of its own, and visitor counting as in
    stats' concurrency tests (the beacons' X-Forwarded-For is trusted, the whole run is one repeat window,
    figures are read uncached)."""
    return {
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "PORTAL_TRUSTED_PROXIES": "127.0.0.1",
        "PORTAL_STATS_REPEAT_SECONDS": "3600",
        "PORTAL_STATS_CACHE_SECONDS": "0",
        "PORTAL_STATS_ONLINE_MINUTES": "120",
        **extra,
    }


def prepare_ward(env, tmp_path):
    """A migrated database with the ward at localhost and one article, and the collected static files
    that production settings serve (hashed, compressed)."""
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    manage(env, "create_ward_site", "--hostname", "localhost", "--name", "Phường Hồng Gai", "--default")
    manage(env, "import_articles", article_file(tmp_path, "Tin đầu tiên của phường", "https://cu.example/1"))


def wait_for(check, timeout=1.0):
    """Seconds until check() holds, or fail after `timeout`."""
    start = time.monotonic()
    while True:
        if check():
            return time.monotonic() - start
        if time.monotonic() - start > timeout:
            pytest.fail(f"not seen within {timeout} s")
        time.sleep(0.02)
