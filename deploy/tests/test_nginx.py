"""The deploy/ nginx configuration in front of `make serve`'s server: static files, the one-second microcache,
editors going past it, and a publish reaching readers through nginx's and the app's caches."""

import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import httpx
import pytest

from bench.harness import app_environment, free_port, granian, wait_until_up
from conftest import ci_requires
from deploy.render_nginx import render
from portal.testing import article_file, manage, wait_for

pytestmark = pytest.mark.own_databases


@pytest.fixture
def nginx_binary():
    binary = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if binary is None:
        ci_requires("nginx (Debian package nginx)")
    return binary


@pytest.fixture
def served_dir():
    # nginx's workers run as an unprivileged user: what they read and write must be outside pytest's
    # private (0700) temporary directories.
    path = Path(tempfile.mkdtemp(prefix="portal-nginx-test-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def stack(tmp_path, served_dir, nginx_binary):
    """A one-site portal on SQLite behind nginx; yields (nginx base URL, app environment)."""
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
            yield base, env
        finally:
            subprocess.run([nginx_binary, "-s", "stop", "-c", str(conf), "-p", str(run_dir)], check=False)
            time.sleep(0.3)


def get(url, **headers):
    return httpx.get(url, headers={"Host": "localhost", **headers})


def test_nginx_serves_static_files_caches_pages_for_readers_only_and_shows_a_publish(stack):
    base, env = stack
    article = "/chinh-quyen/lich-tiep-cong-dan-thang-muoi-hai/"

    page = get(base + article)
    assert page.status_code == 200
    assert "Lịch tiếp công dân tháng Mười hai" in page.text
    # The app's own security headers pass through nginx.
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"

    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', page.text).group(1)
    css = get(base + stylesheet, **{"Accept-Encoding": "gzip"})
    assert css.status_code == 200
    assert "immutable" in css.headers["cache-control"]

    # Readers get the microcache's copy; a session cookie always goes to the app.
    assert get(base + article).headers["x-micro-cache"] == "HIT"
    assert get(base + article, Cookie="sessionid=abc").headers["x-micro-cache"] == "BYPASS"

    # An article published by another process reaches the cached home page, through nginx, within 2.5 s
    # (1 s of microcache, then the app's page cache, which the publish invalidated).
    assert get(base + "/").status_code == 200
    assert get(base + "/").headers["x-micro-cache"] == "HIT"
    manage(
        env,
        "import_articles",
        article_file(Path(env["MEDIA_ROOT"]).parent, "Thông báo nghỉ lễ", "https://cu.example/2"),
    )
    wait_for(lambda: "Thông báo nghỉ lễ" in get(base + "/").text, timeout=2.5)

    # Unpublishing takes the article off as fast.
    manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from news.models import ArticlePage; "
        "ArticlePage.objects.get(slug='lich-tiep-cong-dan-thang-muoi-hai').unpublish()",
    )
    wait_for(lambda: get(base + article).status_code == 404, timeout=2.5)
