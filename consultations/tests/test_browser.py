"""A person in Debian's Chromium: opens a draft, follows the link to the comment form, types at a person's pace,
picks the article, sends with the keyboard and reaches the thank-you page; the proof of work is solved by pow.js
in the page (at the production size). The window is open around the real clock: the server's own."""

import datetime
import time

import pytest
from django.utils import timezone

from consultations.models import Comment
from consultations.tests.conftest import URL, make_consultation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_person_comments_on_a_draft_with_the_keyboard(live_server, page, axe, ward_site):
    now = timezone.now()
    make_consultation(ward_site, now - datetime.timedelta(days=1), now + datetime.timedelta(days=1))
    page.goto(live_server.url + URL)
    assert "Đang lấy ý kiến" in page.locator(".consultation-state").inner_text()
    assert axe(page) == []
    page.goto(live_server.url + "/lay-y-kien/")
    assert axe(page) == []
    page.goto(live_server.url + URL)
    page.get_by_role("link", name="Gửi góp ý cho dự thảo").click()
    page.wait_for_url("**/gop-y/")
    assert axe(page) == []
    started = time.monotonic()
    page.get_by_label("Họ và tên").click()
    page.keyboard.type("Trần Văn Bình", delay=90)
    page.keyboard.press("Tab")  # on to the organisation
    page.keyboard.type("Tổ dân phố 5", delay=80)
    page.get_by_label("Thư điện tử").click()
    page.keyboard.type("binh@example.org", delay=70)
    page.get_by_label("Góp ý cho phần nào").select_option(label="Điều 3. Phần vỉa hè dành cho người đi bộ")
    page.get_by_label("Nội dung góp ý").click()
    page.keyboard.type("Đề nghị ghi rõ phần vỉa hè dành cho người đi bộ tính từ mép bó vỉa.", delay=60)
    page.get_by_label("Tôi đã đọc thông báo").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Gửi góp ý").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/da-gui/?ma=GY-*", timeout=30_000)
    took = time.monotonic() - started
    comment = Comment.objects.get()
    assert comment.code in page.locator(".consultation-code").inner_text()
    assert comment.organisation == "Tổ dân phố 5" and comment.reference.startswith("Điều 3.")
    assert comment.status == Comment.Status.PENDING
    assert took >= 5  # typing alone takes a person longer than the minimum time
    assert axe(page) == []
