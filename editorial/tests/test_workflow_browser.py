"""End to end in Chromium: a reporter writes and submits, the editor and the head of the editorial
board approve, and only then does the article appear on the public site."""

import datetime
import re

import pytest
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect
from wagtail.models import TaskState

from editorial.models import Role
from editorial.tests.fixtures import PASSWORD
from news.models import ArticlePage, CategoryPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Phường ra quân dọn vệ sinh bãi biển"
PARAGRAPH = "Buổi ra quân bắt đầu từ sáng sớm tại bãi tắm."
# Wagtail's form controller takes its "unchanged" snapshot two seconds after the editor opens, then autosaves
# every edit made after it. Recorded from the first script that runs, so the event cannot be missed.
RECORD_EDIT_WATCH = "document.addEventListener('w-unsaved:watch-edits', () => { window.__watchingEdits = true; });"
# An autosave starts about 1.5 s after the last edit is noticed, then saves and reloads parts of the form.
AUTOSAVE_TIMEOUT_MS = 15_000


def _login(tab, base, user, totp_device=None):
    tab.goto(f"{base}/admin/login/")
    tab.fill("input[name=username]", user.username)
    tab.fill("input[name=password]", PASSWORD)
    with tab.expect_navigation():
        tab.locator("form button[type=submit]").first.click()
    if totp_device is not None:
        expect(tab).to_have_url(re.compile("/xac-thuc-hai-buoc/"))
        totp = TOTP(totp_device.bin_key, totp_device.step, totp_device.t0, totp_device.digits, totp_device.drift)
        # Strict locators: the page must hold one verification form, not a copy pasted in as its icon sprite.
        tab.locator("input[name=token]").fill(f"{totp.token():06d}")
        with tab.expect_navigation():
            tab.get_by_role("button", name="Xác nhận").click()
    expect(tab).to_have_url(f"{base}/admin/")


def _logout(tab):
    tab.context.clear_cookies()


def _footer_action(tab, button):
    """Click one of the editor's footer actions as a person does: from the "more actions" menu if it is there."""
    if not button.is_visible():
        tab.locator("footer [data-w-dropdown-target=toggle]").first.click()
    with tab.expect_navigation():
        button.click()


def _approve(tab, base, article):
    tab.goto(f"{base}/admin/pages/{article.pk}/edit/")
    # "Phê duyệt" straight away, not "Phê duyệt kèm nhận xét" (which asks for a comment in a dialog first).
    _footer_action(
        tab, tab.locator("footer button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])")
    )
    expect(tab.locator(".messages .success")).to_be_visible()


def _task_states(article):
    return [
        (state.task, state.status, state.finished_by)
        for state in TaskState.objects.filter(workflow_state__object_id=str(article.pk)).order_by("pk")
    ]


@pytest.fixture
def reader(browser):
    """The public site as a reader sees it: no session, so the page cache answers as it does for readers."""
    context = browser.new_context(locale="vi-VN")
    yield context.new_page()
    context.close()


def test_article_is_public_only_after_approval(serial_live_server, page, reader, ward_site, make_staff):
    base = serial_live_server.url
    reporter = make_staff(ward_site, Role.REPORTER, username="phong-vien")
    editor = make_staff(ward_site, Role.EDITOR, username="bien-tap-vien")
    chief = make_staff(ward_site, Role.CHIEF, username="truong-ban")
    device = TOTPDevice.objects.create(user=chief, name="điện thoại", confirmed=True)
    category = CategoryPage.objects.child_of(ward_site.root_page).get(slug="tin-tuc-su-kien")
    # The ward's workflow: an editing step, an approval step, then the confirmation of outside links, which clean
    # content passes by itself (editorial.roles, integrity.gate).
    editing, approval, links = ward_site.root_page.get_workflow().tasks
    csp_errors = []
    page.on("console", lambda message: "Content Security Policy" in message.text and csp_errors.append(message.text))
    reader.on("console", lambda message: "Content Security Policy" in message.text and csp_errors.append(message.text))

    # 1. The reporter writes the article and submits it for review.
    _login(page, base, reporter)
    page.add_init_script(RECORD_EDIT_WATCH)
    page.goto(f"{base}/admin/pages/add/news/articlepage/{category.pk}/")
    page.wait_for_function("() => window.__watchingEdits === true")
    page.fill("#id_title", TITLE)
    # Day first, as the admin's date-time picker writes it (admin_vi's input formats).
    page.fill("#id_published_at", "01/03/2026 08:00")
    page.fill("#id_lead", "Hơn ba trăm đoàn viên, thanh niên tham gia làm sạch bãi biển.")
    page.locator("[data-streamfield-stream-container] button, .c-sf-add-button").first.click()
    page.locator("[role=option], .w-combobox__option").filter(has_text=re.compile("Đoạn văn|Paragraph")).first.click()
    editor_box = page.locator(".Draftail-Editor [contenteditable=true]").first
    editor_box.click()
    editor_box.press_sequentially(PARAGRAPH)
    # Draftail writes what was typed into the form only after a pause in typing (250 ms): until then the
    # form holds an empty paragraph, which is what a submission sent too early carried.
    expect(page.locator("input[name='body-0-value']")).to_have_value(re.compile(re.escape(PARAGRAPH)))
    # The first autosave creates the draft and moves the form over to the edit view; a submission racing it
    # would post to the "add" view a second time.
    expect(page.locator("#w-autosave-indicator")).to_have_attribute(
        "data-w-autosave-state-value", "saved", timeout=AUTOSAVE_TIMEOUT_MS
    )
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    _footer_action(page, page.locator("footer button[name=action-submit]"))
    errors = page.locator(".error-message, .help-critical, [role=alert]").all_inner_texts()
    assert ArticlePage.objects.filter(title=TITLE).count() == 1, errors
    article = ArticlePage.objects.get(title=TITLE)
    assert not article.live
    assert article.workflow_in_progress
    submitted = article.get_latest_revision_as_object()
    assert PARAGRAPH in str(submitted.body[0].value)
    assert timezone.localtime(submitted.published_at) == datetime.datetime(
        2026, 3, 1, 8, 0, tzinfo=timezone.get_current_timezone()
    )
    assert _task_states(article) == [(editing, TaskState.STATUS_IN_PROGRESS, None)]
    public_url = f"{base}{category.url}{article.slug}/"
    assert reader.goto(public_url).status == 404

    # 2. The editor approves the editing step: it moves on to the approval step, still not public.
    _logout(page)
    _login(page, base, editor)
    _approve(page, base, article)
    article.refresh_from_db()
    assert not article.live
    assert _task_states(article) == [
        (editing, TaskState.STATUS_APPROVED, editor),
        (approval, TaskState.STATUS_IN_PROGRESS, None),
    ]
    assert reader.goto(public_url).status == 404

    # 3. The head of the editorial board (with their second factor) approves: now it is public.
    _logout(page)
    _login(page, base, chief, totp_device=device)
    _approve(page, base, article)
    article.refresh_from_db()
    assert article.live and not article.workflow_in_progress
    assert _task_states(article) == [
        (editing, TaskState.STATUS_APPROVED, editor),
        (approval, TaskState.STATUS_APPROVED, chief),
        (links, TaskState.STATUS_APPROVED, None),
    ]
    response = reader.goto(public_url)
    assert response.status == 200
    assert reader.locator("h1").inner_text() == TITLE
    expect(reader.get_by_text(PARAGRAPH)).to_be_visible()
    assert csp_errors == []
