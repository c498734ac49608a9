"""Fixtures shared by every app's tests: ward sites and articles built through the real code paths."""

import datetime
import os
import shutil
import tempfile

import pytest
from django.utils import timezone

# Staff of each editorial role and a login with the second factor confirmed (editorial/tests/fixtures.py); a
# moderator of citizen input (intake/tests/fixtures.py).
pytest_plugins = ["editorial.tests.fixtures", "intake.tests.fixtures"]


@pytest.fixture(autouse=True)
def _media_root(settings):
    # Uploaded and generated images go to a throw-away folder per test.
    path = tempfile.mkdtemp(prefix="portal-media-")
    settings.MEDIA_ROOT = path
    yield
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(autouse=True)
def _empty_caches():
    # The local-memory caches outlive a test; a page cached by one test must not answer the next.
    from django.core.cache import caches

    from core import memory, restrictions
    from legacy.middleware import forget as forget_legacy_hosts
    from wards.sitecache import forget_all

    for alias in caches:
        caches[alias].clear()
    forget_all()
    memory.forget_all()
    restrictions.forget()
    forget_legacy_hosts()
    yield


@pytest.fixture
def ward_site(db):
    return _ward_site(
        "localhost", "Phường Hồng Gai", is_default=True, province="Tỉnh Quảng Ninh", phone="0203 3000 000"
    )


@pytest.fixture
def other_site(db):
    return _ward_site("baichay.localhost", "Phường Bãi Cháy", province="Tỉnh Quảng Ninh")


def _ward_site(hostname, name, **fields):
    # Built through the real code path once per starting state, then replayed (portal/tests/site_snapshots.py).
    from portal.tests import site_snapshots
    from wards.sites import ensure_ward_site

    what = (hostname, name, tuple(sorted(fields.items())))
    return site_snapshots.site(what, lambda: ensure_ward_site(hostname, name, **fields))


@pytest.fixture
def make_article():
    """Create and publish an article under a site's category, as an editor would."""
    from wagtail.rich_text import RichText

    from news.models import ArticlePage, CategoryPage

    def make(site, title, *, category="tin-tuc-su-kien", published=None, lead="Tóm tắt bài viết.", body=None, **kw):
        parent = CategoryPage.objects.child_of(site.root_page).get(slug=category)
        page = ArticlePage(
            title=title,
            lead=lead,
            published_at=published or timezone.now() - datetime.timedelta(hours=1),
            body=[("paragraph", RichText(body or "<p>Nội dung bài viết.</p>"))],
            **kw,
        )
        parent.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return make


@pytest.fixture
def serial_live_server(transactional_db, monkeypatch):
    """pytest-django's live server answering one request at a time.

    The admin fires parallel requests, and every one saves the session (SESSION_SAVE_EVERY_REQUEST);
    on the in-memory SQLite test database, shared between threads, concurrent writers fail with
    "database table is locked" or "cannot start a transaction within a transaction" (the session then
    fails to save and the admin loses its JavaScript catalogue). Serving requests in turn keeps the real stack
    without that artefact.
    """
    from django.core.servers.basehttp import WSGIServer
    from django.test import testcases
    from pytest_django.live_server_helper import LiveServer

    class SerialServer(WSGIServer):
        def __init__(self, *args, connections_override=None, **kwargs):
            super().__init__(*args, **kwargs)

    class SerialThread(testcases.LiveServerThread):
        server_class = SerialServer

    monkeypatch.setattr(testcases, "LiveServerThread", SerialThread)
    server = LiveServer("localhost:0")
    yield server
    server.stop()


def ci_requires(what):
    """Skip on a user's machine that lacks `what`; fail in CI, where it must be there."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is required in CI")
    pytest.skip(f"{what} not available")


CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright; never a downloaded browser."""
    if not os.path.exists(CHROMIUM):
        ci_requires(f"Chromium at {CHROMIUM}")
    # Playwright's sync API runs an event loop in this thread; Django's ORM must still be usable.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 412, "height": 900}, locale="vi-VN")
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def axe():
    """Run axe-core (bundled with axe-playwright-python) in a page; returns the violations."""
    from axe_playwright_python.sync_playwright import Axe

    checker = Axe()

    def run(tab):
        return checker.run(tab).response["violations"]

    return run
