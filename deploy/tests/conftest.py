"""The portal behind the deploy/ nginx configuration, as the tests of this folder run it."""

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from bench.harness import app_environment, free_port, granian, wait_until_up
from conftest import ci_requires
from deploy.render_nginx import render
from portal.tests.helpers import article_file, manage


@pytest.fixture(scope="session")
def nginx_binary():
    binary = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if binary is None:
        ci_requires("nginx (Debian package nginx)")
    return binary


@pytest.fixture(scope="module")
def served_dir():
    # nginx's workers run as an unprivileged user: what they read and write must be outside pytest's
    # private (0700) temporary directories.
    path = Path(tempfile.mkdtemp(prefix="portal-nginx-test-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def stack(served_dir, nginx_binary):
    """A one-site portal on SQLite behind nginx, one per test module; yields (nginx base URL, app environment,
    app base URL)."""
    tmp_path = served_dir
    env = app_environment(
        DATABASE_URL=f"sqlite:///{tmp_path / 'portal.sqlite3'}",
        PORTAL_CACHE_DIR=tmp_path / "cache",
        MEDIA_ROOT=tmp_path / "media",
        STATIC_ROOT=tmp_path / "static",
        ALLOWED_HOSTS="localhost,127.0.0.1",
    )
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    manage(env, "create_ward_site", "--hostname", "localhost", "--name", "Phường Hồng Gai", "--default")
    manage(env, "import_articles", article_file(tmp_path, "Lịch tiếp công dân tháng Mười hai", "https://cu.example/1"))
    run_dir = tmp_path / "nginx"
    run_dir.mkdir()
    listen = free_port()
    server_env = {k: v for k, v in env.items() if k != "DJANGO_SETTINGS_MODULE"}
    with granian(workers=1, **server_env) as (app_port, _):
        conf = run_dir / "nginx.conf"
        conf.write_text(
            render(
                f"127.0.0.1:{listen}",
                f"127.0.0.1:{app_port}",
                tmp_path / "static",
                tmp_path / "media",
                run_dir / "cache",
                standalone=True,
                run_dir=run_dir,
                workers=1,
            )
        )
        subprocess.run([nginx_binary, "-t", "-q", "-c", str(conf), "-p", str(run_dir)], check=True)
        subprocess.run([nginx_binary, "-c", str(conf), "-p", str(run_dir)], check=True)
        try:
            base = f"http://127.0.0.1:{listen}"
            wait_until_up(base + "/robots.txt")
            yield base, env, f"http://127.0.0.1:{app_port}"
        finally:
            subprocess.run([nginx_binary, "-s", "stop", "-c", str(conf), "-p", str(run_dir)], check=False)
            time.sleep(0.3)
