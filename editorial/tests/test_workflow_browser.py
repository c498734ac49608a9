"""End to end in Chromium: a reporter writes and submits, the editor and the head of the editorial
board approve, and only then does the article appear on the public site."""

import re

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from editorial.models import Role
from editorial.testing import PASSWORD
from news.models import ArticlePage, CategoryPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Phường ra quân dọn vệ sinh bãi biển"


@pytest.fixture
def serial_live_server(transactional_db, monkeypatch):
    """pytest-django's live server answering one request at a time.

    The admin fires parallel requests, and every one saves the session (SESSION_SAVE_EVERY_REQUEST);
    on the in-memory SQLite test database, shared between threads, concurrent writers fail with
    "database table is locked". Serving requests in turn keeps the real stack without that artefact.
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


def _login(tab, base, user, totp_device=None):
    tab.goto(f"{base}/admin/login/")
    tab.fill("input[name=username]", user.username)
    tab.fill("input[name=password]", PASSWORD)
    tab.locator("form button[type=submit]").first.click()
    tab.wait_for_load_state()
    if totp_device is not None:
        assert "/xac-thuc-hai-buoc/" in tab.url
        totp = TOTP(totp_device.bin_key, totp_device.step, totp_device.t0, totp_device.digits, totp_device.drift)
        tab.fill("input[name=token]", f"{totp.token():06d}")
        tab.locator("form button[type=submit]").first.click()
        tab.wait_for_load_state()
    assert "/admin/login/" not in tab.url and "/xac-thuc-hai-buoc/" not in tab.url


def _logout(tab, base):
    tab.context.clear_cookies()


def _workflow_action(tab, label):
    # The footer's action menu: open it, then choose the workflow action.
    toggle = tab.locator("footer .dropdown-toggle, footer [data-w-dropdown-target=toggle]").first
    if toggle.count():
        toggle.click()
    tab.locator(f"footer button:has-text('{label}')").first.click()
    tab.wait_for_load_state()


def test_article_is_public_only_after_approval(serial_live_server, page, ward_site, make_staff):
    base = serial_live_server.url
    reporter = make_staff(ward_site, Role.REPORTER, username="phong-vien")
    editor = make_staff(ward_site, Role.EDITOR, username="bien-tap-vien")
    chief = make_staff(ward_site, Role.CHIEF, username="truong-ban")
    device = TOTPDevice.objects.create(user=chief, name="điện thoại", confirmed=True)
    category = CategoryPage.objects.child_of(ward_site.root_page).get(slug="tin-tuc-su-kien")
    csp_errors = []
    page.on("console", lambda message: "Content Security Policy" in message.text and csp_errors.append(message.text))

    # 1. The reporter writes the article and submits it for review.
    _login(page, base, reporter)
    page.goto(f"{base}/admin/pages/add/news/articlepage/{category.pk}/")
    page.fill("#id_title", TITLE)
    page.fill("#id_lead", "Hơn ba trăm đoàn viên, thanh niên tham gia làm sạch bãi biển.")
    page.locator("[data-streamfield-stream-container] button, .c-sf-add-button").first.click()
    page.locator("[role=option], .w-combobox__option").filter(has_text=re.compile("Đoạn văn|Paragraph")).first.click()
    editor_box = page.locator(".Draftail-Editor [contenteditable=true]").first
    editor_box.click()
    editor_box.type("Buổi ra quân bắt đầu từ sáng sớm tại bãi tắm.")
    # ISO date-time: Django's Vietnamese locale lacks day-first input formats (added by the admin-vi branch).
    page.locator("#id_published_at").evaluate("input => { input.value = '2026-03-01 08:00'; }")
    with page.expect_navigation():
        page.locator("footer button[name=action-submit]").first.evaluate("button => button.click()")
    errors = page.locator(".error-message, .help-critical, [role=alert]").all_inner_texts()
    assert ArticlePage.objects.filter(title=TITLE).exists(), errors
    article = ArticlePage.objects.get(title=TITLE)
    assert not article.live
    assert article.workflow_in_progress
    public_url = f"{base}{category.url}{article.slug}/"
    assert page.goto(public_url).status == 404

    # 2. The editor approves the editing step: still not public.
    _logout(page, base)
    _login(page, base, editor)
    page.goto(f"{base}/admin/pages/{article.pk}/edit/")
    with page.expect_navigation():
        page.locator("footer button[data-workflow-action-name=approve]").first.evaluate("b => b.click()")
    article.refresh_from_db()
    assert not article.live
    assert page.goto(public_url).status == 404

    # 3. The head of the editorial board (with their second factor) approves: now it is public.
    _logout(page, base)
    _login(page, base, chief, totp_device=device)
    page.goto(f"{base}/admin/pages/{article.pk}/edit/")
    with page.expect_navigation():
        page.locator("footer button[data-workflow-action-name=approve]").first.evaluate("b => b.click()")
    article.refresh_from_db()
    assert article.live and not article.workflow_in_progress
    response = page.goto(public_url)
    assert response.status == 200
    assert page.locator("h1").inner_text() == TITLE
    assert csp_errors == []
