"""A person in Debian's Chromium: reads the form, types at a person's pace, sends it with the keyboard, and
reaches the thank-you page; the proof of work is solved by pow.js in the page (at the production size)."""

import time

import pytest
from django.utils import timezone

from questions.models import Question

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_person_sends_a_question_with_the_keyboard_and_gets_a_code(live_server, page, axe, ward_site):
    page.goto(live_server.url + "/hoi-dap/gui-cau-hoi/")
    assert axe(page) == []
    started = time.monotonic()
    page.get_by_label("Họ và tên").click()
    page.keyboard.type("Trần Văn Bình", delay=100)
    page.keyboard.press("Tab")  # to the email, then on to the phone
    page.keyboard.type("binh@example.org", delay=80)
    page.keyboard.press("Tab")
    page.keyboard.type("0912 345 678", delay=80)
    page.get_by_label("Chủ đề").select_option(label="Hộ tịch, cư trú")
    page.get_by_label("Nội dung câu hỏi").click()
    page.keyboard.type("Xin hỏi làm lại giấy khai sinh bị mất thì cần những giấy tờ gì?", delay=70)
    page.get_by_label("Tôi đã đọc thông báo").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Gửi câu hỏi").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/hoi-dap/da-gui/?ma=HD-*", timeout=30_000)
    took = time.monotonic() - started
    question = Question.objects.get()
    assert question.code in page.locator(".qa-code").inner_text()
    assert question.full_name == "Trần Văn Bình" and question.phone == "0912 345 678"
    assert took >= 5  # typing alone takes a person longer than the minimum time
    assert axe(page) == []


def test_errors_are_tied_to_their_fields_and_read_out(live_server, page, axe, ward_site, settings):
    settings.PORTAL_INTAKE_MIN_SECONDS = 0
    page.goto(live_server.url + "/hoi-dap/gui-cau-hoi/")
    assert page.locator("input[name=altcha]").input_value() == ""  # no work while the page loads
    # Sent at once: the proof of work starts with the click and the form goes when it is done.
    with page.expect_navigation(timeout=30_000):
        page.get_by_role("button", name="Gửi câu hỏi").click()
    name = page.get_by_label("Họ và tên")
    assert name.get_attribute("aria-invalid") == "true"
    described = name.get_attribute("aria-describedby")
    assert "Vui lòng nhập họ và tên" in page.locator(f"#{described.split()[-1]}").inner_text()
    assert axe(page) == []
    assert not Question.objects.exists()


def test_the_listing_lookup_and_a_published_answer_are_accessible(live_server, page, axe, ward_site, django_user_model):
    from questions.models import Topic
    from questions.publishing import publish

    question = Question.objects.create(
        site=ward_site,
        topic=Topic.objects.filter(site=ward_site).first(),
        full_name="Lê Thị Hoa",
        email="hoa@example.org",
        text="Xin hỏi giờ tiếp công dân của phường?",
        consent_at=timezone.now(),
        public_title="Giờ tiếp công dân của phường",
        public_question="Xin hỏi giờ tiếp công dân của phường?",
        answer="Sáng thứ Năm hằng tuần, từ 7 giờ 30 đến 11 giờ 30, tại trụ sở Ủy ban nhân dân phường.",
        answered_by="Văn phòng HĐND và UBND phường",
    )
    page_ = publish(question, django_user_model.objects.create_superuser("root", password="x"))
    for url in ("/hoi-dap/", page_.url, f"/hoi-dap/tra-cuu/?ma={question.code}"):
        page.goto(live_server.url + url)
        assert axe(page) == [], url
    assert "Đã trả lời, đã đăng" in page.locator("[role=status]").inner_text()
