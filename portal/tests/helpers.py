"""Helpers for tests that run the portal as separate processes (servers, management commands)."""

import json
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(env, *args):
    # Our own manage.py with arguments written in the tests.
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def run_command(capsys, name, *args):
    """A management command run in this process: (exit status, stdout, stderr), a CommandError's status kept."""
    from django.core.management import CommandError, call_command

    try:
        call_command(name, *args)
        code = 0
    except CommandError as exc:
        code = exc.returncode
    out = capsys.readouterr()
    return code, out.out, out.err


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


# Headers that differ between answers of the same page: when it was sent, and which cache answered it.
ANSWER_HEADERS = {"date", "age", "x-page-cache", "x-micro-cache"}


def header_set(pairs):
    """The headers of an answer, to compare with another answer of the same page."""
    pairs = list(pairs)
    # Django's GZip pads each compressed answer by a random length (BREACH): the lengths differ, not the bytes.
    zipped = ("content-encoding", "gzip") in [(name.lower(), value) for name, value in pairs]
    headers = {}
    for name, value in pairs:
        name = name.lower()
        if name in ANSWER_HEADERS or (zipped and name == "content-length"):
            continue
        if name == "vary":
            # One Vary header or two, the same tokens in any order mean the same.
            tokens = {token.strip().lower() for token in value.split(",")}
            headers[name] = headers.get(name, frozenset()) | tokens
        else:
            assert name not in headers, f"{name} sent twice"
            headers[name] = value
    return headers


def _root_only(command, what):
    from conftest import ci_requires

    result = subprocess.run(command, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        ci_requires(f"{what} (root on a filesystem that allows it): {result.stderr.strip()}")


@contextmanager
def immutable(*paths):
    """Files even root cannot write to (chattr +i): a database file made read-only. Yields a function that
    makes them writable again before the block ends; they are at the latest when it ends."""
    _root_only(["chattr", "+i", *map(str, paths)], "chattr +i")
    restored = []

    def restore():
        if not restored:
            subprocess.run(["chattr", "-i", *map(str, paths)], check=True)  # noqa: S603, S607
            restored.append(True)

    try:
        yield restore
    finally:
        restore()


@contextmanager
def small_filesystem(size="1m"):
    """A tmpfs of `size`, mounted on a new folder, unmounted afterwards: a disk that really fills up."""
    mount_point = Path(tempfile.mkdtemp(prefix="portal-small-fs-"))
    _root_only(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount_point)], "mount -t tmpfs")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=True)  # noqa: S603, S607
        mount_point.rmdir()


def fill_up(folder):
    """Writes a file into `folder` until its filesystem is full; the file's path (delete it to free the space)."""
    filler = Path(folder) / "filler"
    with filler.open("wb", buffering=0) as handle:
        try:
            while handle.write(b"\0" * 65536):
                pass
        except OSError:
            pass
    return filler
