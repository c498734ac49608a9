"""The question form end to end with the test client: a person's question reaches the queue (and nothing
public), each abuse kind is refused before it, and what is refused says why in Vietnamese."""

import pytest
from django.core import mail
from django.test import Client

from intake import guard
from questions.models import Question, QuestionPage

pytestmark = pytest.mark.django_db


def test_a_person_gets_a_reference_code_and_the_moderators_an_email(send, moderator):
    response = send()
    assert response.status_code == 302
    question = Question.objects.get()
    assert response["Location"].endswith(f"/hoi-dap/da-gui/?ma={question.code}")
    assert question.status == Question.Status.PENDING and not question.flagged
    assert question.full_name == "Nguyễn Thị Lan"
    thanks = Client().get(response["Location"], HTTP_HOST="localhost")
    assert question.code in thanks.content.decode()
    assert "private" in thanks["Cache-Control"] and "no-store" in thanks["Cache-Control"]
    assert [m.to for m in mail.outbox] == [["kiemduyet@example.org"]]
    assert question.code in mail.outbox[0].subject
    assert "Nguyễn" not in mail.outbox[0].body and "lan@example.org" not in mail.outbox[0].body
    assert not QuestionPage.objects.exists()


def test_the_form_page_is_private_and_explains_the_data_notice(client, ward_site):
    page = client.get("/hoi-dap/gui-cau-hoi/", HTTP_HOST="localhost")
    text = page.content.decode()
    assert "Nghị định số 13/2023/NĐ-CP" in text and "90 ngày" in text
    assert "bật JavaScript" in text  # the <noscript> message
    assert "no-store" in page["Cache-Control"]


def test_without_javascript_the_form_is_refused_with_a_clear_message(send):
    response = send(extra={"altcha": ""})
    assert response.status_code == 400
    assert "JavaScript" in response.content.decode()
    assert not Question.objects.exists()
    # what the person typed is kept for the next try
    assert "Nguyễn Thị Lan" in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"email": "", "phone": ""}, "thư điện tử hoặc số điện thoại"),
        ({"consent": ""}, "đồng ý với thông báo"),
        ({"phone": "abc", "email": ""}, "Số điện thoại không hợp lệ"),
        ({"text": "   "}, "nhập nội dung câu hỏi"),
        ({"topic": "999999"}, "Chủ đề không hợp lệ"),
        ({"text": "x" * 4001}, "4.000"),
    ],
)
def test_missing_or_bad_fields_are_explained_next_to_them(send, changes, message):
    response = send(**changes)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    ("extra", "wait", "reason_text"),
    [
        ({"website": "http://casino.example"}, 20, "tải lại trang"),
        ({}, 1, "quá nhanh"),
        ({"altcha": "e30="}, 20, "Không xác minh được"),
        ({"started": "forged"}, 20, "hết hạn hoặc không hợp lệ"),
    ],
)
def test_bot_submissions_are_refused_before_the_queue(send, extra, wait, reason_text):
    response = send(wait=wait, extra=extra)
    assert response.status_code == 400
    assert reason_text in response.content.decode()
    assert not Question.objects.exists()


def test_a_replayed_submission_is_refused(send, client, clock, ward_site):
    from intake.tests.forms import protection_fields
    from questions.tests.conftest import ASK, person_data

    page = client.get(ASK, HTTP_HOST="localhost")
    data = protection_fields(page.content.decode()) | person_data(ward_site)
    clock[0] += 20
    assert client.post(ASK, data, HTTP_HOST="localhost").status_code == 302
    again = client.post(ASK, data, HTTP_HOST="localhost")
    assert again.status_code == 400 and "đã được gửi" in again.content.decode()
    assert Question.objects.count() == 1


def test_a_burst_is_refused_with_retry_after(send, settings):
    settings.PORTAL_INTAKE_RATE_PER_ADDRESS = 2
    settings.PORTAL_INTAKE_RATE_WINDOW = 10**9  # one fixed window for the whole burst, whenever the test runs
    codes = [send().status_code for _ in range(4)]
    assert codes == [302, 302, 429, 429]
    assert Question.objects.count() == 2


def test_an_oversized_body_is_refused(send, settings):
    settings.PORTAL_INTAKE_MAX_BYTES = 2000
    response = send(text="Câu hỏi rất dài " * 200)
    assert response.status_code == 413 and not Question.objects.exists()


def test_without_a_csrf_token_nothing_is_stored(ward_site, clock):
    from intake.tests.forms import protection_fields
    from questions.tests.conftest import ASK, person_data

    client = Client(enforce_csrf_checks=True)
    page = client.get(ASK, HTTP_HOST="localhost")
    data = protection_fields(page.content.decode()) | person_data(ward_site)
    clock[0] += 20
    assert client.post(ASK, data, HTTP_HOST="localhost").status_code == 403
    assert not Question.objects.exists()


def test_a_gambling_link_is_held_with_a_flag_and_not_public(send, client):
    response = send(text="Tham gia nhà cái uy tín tại bit.ly/abc nhận thưởng")
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.flagged and "nhà cái" in question.flags and "bit.ly" in question.flags
    assert question.status == Question.Status.PENDING
    listing = client.get("/hoi-dap/", HTTP_HOST="localhost").content.decode()
    assert "bit.ly" not in listing and "nhà cái" not in listing
    found = client.get("/api/search/?q=nha+cai", HTTP_HOST="localhost").json()
    assert found.get("results", []) == []


def test_control_characters_are_removed_and_text_stored_nfc(send):
    decomposed = "Xin hoi ve thu tuc ho tich" + "\u0301" + "\x00\x07 ở phường"
    send(text=decomposed, full_name="Tra\u0300n\u200b Văn Ba")
    question = Question.objects.get()
    assert "\x00" not in question.text and "\x07" not in question.text
    assert question.full_name == "Tràn Văn Ba"


def test_the_lookup_shows_only_the_status(send, client):
    send()
    question = Question.objects.get()
    page = client.get(f"/hoi-dap/tra-cuu/?ma={question.code.lower()}", HTTP_HOST="localhost")
    text = page.content.decode()
    assert page.status_code == 200 and "Đang chờ xử lý" in text
    for private in ("Nguyễn Thị Lan", "lan@example.org", "tạm trú"):
        assert private not in text
    assert client.get("/hoi-dap/tra-cuu/?ma=HD-NOPE", HTTP_HOST="localhost").status_code == 404
    assert client.get("/hoi-dap/tra-cuu/?ma=%00%ff<script>", HTTP_HOST="localhost").status_code == 404


def test_refusal_reasons_have_messages():
    assert guard.Refused(guard.RATE_VISITOR, 61).message.endswith("2 phút.")
