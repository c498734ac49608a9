"""`make serve` as a new operator meets it: on an empty database it migrates and serves an empty install
(no demo wards), answers every local hostname, and a worker killed under load is replaced at once."""

import os
import signal
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest

from bench.harness import ROOT, app_environment, granian
from portal.tests.helpers import manage

pytestmark = pytest.mark.own_databases


def test_make_serve_migrates_and_never_loads_the_demo_content():
    recipe = subprocess.run(["make", "-n", "serve"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "manage.py migrate" in recipe
    assert "scripts/serve.sh" in recipe
    assert "load_demo_content" not in recipe
    # The demo comes from `make run` and `make demo` only.
    for target in ("run", "demo"):
        assert (
            "load_demo_content"
            in subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True).stdout
        )


@pytest.fixture(scope="module")
def empty_install(tmp_path_factory):
    """scripts/serve.sh (as `make serve` runs it) on a freshly migrated database, ALLOWED_HOSTS unset."""
    tmp_path = tmp_path_factory.mktemp("serve")
    env = app_environment(
        DATABASE_URL=f"sqlite:///{tmp_path / 'portal.sqlite3'}",
        PORTAL_CACHE_DIR=tmp_path / "cache",
        MEDIA_ROOT=tmp_path / "media",
        STATIC_ROOT=tmp_path / "static",
    )
    env.pop("ALLOWED_HOSTS", None)
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    server_env = {k: v for k, v in env.items() if k not in ("DJANGO_SETTINGS_MODULE", "ALLOWED_HOSTS")}
    saved = os.environ.pop("ALLOWED_HOSTS", None)
    try:
        with granian(workers=2, **server_env) as (port, process):
            yield port, process
    finally:
        if saved is not None:
            os.environ["ALLOWED_HOSTS"] = saved


def test_an_empty_install_answers_every_local_name_with_the_first_site_guidance(empty_install):
    port, _ = empty_install
    for host in ("localhost", "127.0.0.1", "baichay.localhost", "honggai.localhost"):
        page = httpx.get(f"http://127.0.0.1:{port}/", headers={"Host": f"{host}:{port}"})
        assert page.status_code == 200, host
        assert "create_ward_site" in page.text
        assert "chưa có trang phường, xã nào" in page.text
    assert httpx.get(f"http://127.0.0.1:{port}/", headers={"Host": "evil.example"}).status_code == 400


def worker_pids(pid):
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return {int(child) for child in children}


def test_a_worker_killed_under_load_is_replaced_within_a_second_and_the_server_keeps_answering(empty_install):
    port, process = empty_install
    url = f"http://127.0.0.1:{port}/robots.txt"
    first = worker_pids(process.pid)
    assert len(first) == 2

    outcomes, failed_at, stop = Counter(), [], threading.Event()

    def reader():
        with httpx.Client(timeout=5) as client:
            while not stop.is_set():
                try:
                    outcomes[client.get(url).status_code] += 1
                except httpx.TransportError:
                    outcomes["refused or cut"] += 1
                    failed_at.append(time.monotonic())

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(1)
        victim, survivor = sorted(first)
        os.kill(victim, signal.SIGKILL)
        killed_at = time.monotonic()
        while not (worker_pids(process.pid) - first):
            assert time.monotonic() - killed_at < 1, "no new worker within a second"
            time.sleep(0.01)
        replaced_after = time.monotonic() - killed_at
        time.sleep(2)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    print(f"requests {sum(outcomes.values())}, outcomes {dict(outcomes)}, worker replaced after {replaced_after:.3f} s")
    assert process.poll() is None, "granian exited"
    assert not [status for status in outcomes if isinstance(status, int) and status >= 500]
    # Only what the killed worker held when it died fails (requests in flight, connections it had accepted):
    # a handful, all at the moment of the kill; nothing once it is gone.
    assert outcomes["refused or cut"] <= 2 * len(threads)
    assert all(moment - killed_at < 0.5 for moment in failed_at)

    # The replacement serves on its own once the other original worker is gone too (a second worker dying
    # is no crash loop either: that is the same worker dying again within 5.5 s).
    os.kill(survivor, signal.SIGKILL)
    killed_at = time.monotonic()
    while True:
        try:
            if httpx.get(url, timeout=5).status_code == 200:
                break
        except httpx.TransportError:
            assert time.monotonic() - killed_at < 20, "no answer without the original workers"
    print(f"answering again {time.monotonic() - killed_at:.3f} s after the second original worker was killed")
    assert process.poll() is None


def test_the_systemd_unit_starts_the_server_as_make_serve_does():
    unit = (ROOT / "deploy" / "systemd" / "portal-web.service").read_text()
    assert "ExecStart=/srv/portal/app/scripts/serve.sh" in unit
    assert "--respawn-failed-workers" in (ROOT / "scripts" / "serve.sh").read_text()


@pytest.mark.parametrize("settings_module", ["portal.settings.dev", "portal.settings.production"])
def test_make_run_and_make_serve_allow_the_demo_wards_and_the_configured_hostnames(settings_module):
    check = (
        "from django.conf import settings; from django.http.request import validate_host; "
        "print(*[validate_host(h, settings.ALLOWED_HOSTS) for h in "
        "('baichay.localhost', 'localhost', '127.0.0.1', 'phuong.example', 'evil.example')])"
    )
    env = app_environment(DJANGO_SETTINGS_MODULE=settings_module, ALLOWED_HOSTS="phuong.example")
    assert manage(env, "shell", "--no-imports", "-c", check).split() == ["True", "True", "True", "True", "False"]
