"""Planned maintenance behind the deploy/ nginx: with the application servers stopped, the essential pages answer
from the saved copy (export_static_snapshot) as 503 with Retry-After, any other address with the copy's
"unavailable" page; started again, the live pages come back by themselves."""

import shutil
import subprocess
import time

import httpx
import pytest

from bench.harness import app_environment, free_port, granian, wait_until_up
from deploy.render_nginx import render
from portal.tests.helpers import article_file, manage

pytestmark = pytest.mark.own_databases
ARTICLE_TITLE = "Lịch tiếp công dân tháng Mười hai"
ARTICLE = "/chinh-quyen/lich-tiep-cong-dan-thang-muoi-hai/"
# An editor's session cookie: nginx's microcache neither answers nor keeps these requests, so nothing of the
# live phase can be served stale once the servers are down.
PAST_THE_MICROCACHE = {"Host": "localhost", "Cookie": "sessionid=none"}
READER = {"Host": "localhost"}


@pytest.fixture
def portal_env(served_dir):
    env = app_environment(
        DATABASE_URL=f"sqlite:///{served_dir / 'portal.sqlite3'}",
        PORTAL_CACHE_DIR=served_dir / "cache",
        MEDIA_ROOT=served_dir / "media",
        STATIC_ROOT=served_dir / "static",
        ALLOWED_HOSTS="localhost,127.0.0.1",
    )
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    manage(env, "create_ward_site", "--hostname", "localhost", "--name", "Phường Hồng Gai", "--default")
    manage(env, "import_articles", article_file(served_dir, ARTICLE_TITLE, "https://cu.example/1"))
    return env


@pytest.fixture
def proxy(served_dir, nginx_binary):
    """nginx in front of an application port nothing listens on yet; yields (nginx base URL, app port)."""
    run_dir = served_dir / "nginx"
    run_dir.mkdir()
    listen, app_port = free_port(), free_port()
    conf = run_dir / "nginx.conf"
    conf.write_text(
        render(
            f"127.0.0.1:{listen}",
            f"127.0.0.1:{app_port}",
            served_dir / "static",
            served_dir / "media",
            run_dir / "cache",
            standalone=True,
            run_dir=run_dir,
            workers=1,
            snapshot_dir=served_dir / "snapshot",
        )
    )
    subprocess.run([nginx_binary, "-t", "-q", "-c", str(conf), "-p", str(run_dir)], check=True)
    subprocess.run([nginx_binary, "-c", str(conf), "-p", str(run_dir)], check=True)
    try:
        yield f"http://127.0.0.1:{listen}", app_port
    finally:
        subprocess.run([nginx_binary, "-s", "stop", "-c", str(conf), "-p", str(run_dir)], check=False)
        time.sleep(0.3)


def get(url, headers=READER):
    return httpx.get(url, headers=headers, timeout=10)


def test_the_saved_copy_answers_while_the_servers_are_down_and_live_pages_return(portal_env, proxy, served_dir):
    base, app_port = proxy
    server_env = {k: v for k, v in portal_env.items() if k != "DJANGO_SETTINGS_MODULE"}
    with granian(workers=1, port=app_port, **server_env):
        wait_until_up(base + "/robots.txt")
        live = get(base + "/", PAST_THE_MICROCACHE)
        assert live.status_code == 200 and "x-portal-snapshot" not in live.headers
        # The periodic export (deploy/systemd/portal-snapshot.timer) while the portal runs.
        manage(portal_env, "export_static_snapshot", "--out", str(served_dir / "snapshot"))
    shutil.rmtree(served_dir / "cache", ignore_errors=True)  # the app's own page cache plays no part now

    # The servers are down: nginx answers from the saved copy.
    essential = (
        ("/", "Phường Hồng Gai"),
        (ARTICLE, ARTICLE_TITLE),
        ("/van-ban/", "Văn bản"),
        ("/gioi-thieu/lien-he/", "Liên hệ"),
    )
    for path, expected in essential:
        answer = get(base + path)
        assert answer.status_code == 503, path
        assert answer.headers["retry-after"] == "600" and answer.headers["x-portal-snapshot"] == "1"
        assert answer.headers["content-type"].startswith("text/html")
        assert expected in answer.text and "Bản lưu của cổng thông tin" in answer.text, path
    home = get(base + "/").text
    stylesheet = home.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    assert get(base + stylesheet).status_code == 200  # nginx serves static files itself, app or no app
    unavailable = get(base + "/tim-kiem/?q=ho+khau")
    assert unavailable.status_code == 503 and "Trang này tạm thời không truy cập được" in unavailable.text
    assert unavailable.headers["retry-after"] == "600"
    other_host = get(base + "/", {"Host": "127.0.0.1"})
    assert other_host.status_code == 503 and "Bản lưu" not in other_host.text  # no copy for that host

    # Started again on the same port: live pages, with no step in between.
    with granian(workers=1, port=app_port, **server_env):
        back = get(base + ARTICLE)
        assert back.status_code == 200 and "x-portal-snapshot" not in back.headers
        assert ARTICLE_TITLE in back.text and "Bản lưu của cổng thông tin" not in back.text
