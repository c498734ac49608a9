"""The deploy/ nginx configuration in front of `make serve`'s server: static files, the one-second microcache,
editors going past it, and a publish reaching readers through nginx's and the app's caches."""

import re
from pathlib import Path

import httpx
import pytest

from portal.tests.helpers import article_file, manage, wait_for

pytestmark = pytest.mark.own_databases


def get(url, **headers):
    return httpx.get(url, headers={"Host": "localhost", **headers})


def test_nginx_serves_static_files_caches_pages_for_readers_only_and_shows_a_publish(stack):
    base, env, _ = stack
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
