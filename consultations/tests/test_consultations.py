"""A draft's window enforced by the server (frozen clock), comments moderated like questions (nothing public
before a person approves), and bad input that never gives a 500."""

import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client

from consultations.models import Comment
from consultations.tests.conftest import CLOSES, FORM, OPENS, URL, person_data
from intake.models import ModerationLog
from intake.tests.forms import protection_fields

pytestmark = pytest.mark.django_db


def _get(path, client=None):
    return (client or Client()).get(path, HTTP_HOST="localhost")


def test_the_window_is_the_servers_however_a_comment_is_sent(client, clock, consultation):
    # Before the opening: the pages say so, and a direct POST is refused.
    clock.set(OPENS - datetime.timedelta(minutes=1))
    assert "Sắp lấy ý kiến" in _get(URL).content.decode()
    early = _get(FORM)
    assert (
        early.status_code == 200
        and "chưa đến thời gian" in early.content.decode()
        and "citizen-form" not in early.content.decode()  # no comment form (the rating block is on every page)
    )
    assert client.post(FORM, person_data(), HTTP_HOST="localhost").status_code == 403
    assert "Đang lấy ý kiến" not in _get("/").content.decode()

    # Open: the page (cached meanwhile) turns at the opening moment by itself, the home page lists it, and a
    # form loaded now is refused once the window has closed, with its token, challenge and wait all valid.
    clock.set(OPENS)
    assert "Đang lấy ý kiến" in _get(URL).content.decode()
    assert consultation.title in _get("/").content.decode()
    loaded = protection_fields(_get(FORM, client).content.decode()) | person_data()
    clock.set(CLOSES - datetime.timedelta(seconds=30))
    replayed = protection_fields(_get(FORM, client).content.decode()) | person_data(text="Góp ý thứ hai")
    clock.set(CLOSES)
    late = client.post(FORM, loaded, HTTP_HOST="localhost")
    assert late.status_code == 403 and "Đã hết hạn lấy ý kiến" in late.content.decode()
    assert client.post(FORM, replayed, HTTP_HOST="localhost").status_code == 403
    assert Client().post(FORM, {"text": "x"}, HTTP_HOST="localhost").status_code == 403
    assert not Comment.objects.exists()
    assert "Đã hết hạn" in _get(URL).content.decode()
    assert consultation.title not in _get("/").content.decode()

    # Within the window the same form goes through.
    clock.set(CLOSES - datetime.timedelta(seconds=10))
    assert client.post(FORM, replayed, HTTP_HOST="localhost").status_code == 302
    assert Comment.objects.get().status == Comment.Status.PENDING

    # The response report: only after closing; then the state says there is a result, and search finds it.
    consultation.response_text = "Tiếp thu: ghi rõ phần vỉa hè tính từ mép bó vỉa."
    with pytest.raises(ValidationError):
        consultation.full_clean()
    clock.set(CLOSES + datetime.timedelta(days=3))
    consultation.full_clean()
    consultation.save_revision().publish()
    page = _get(URL).content.decode()
    assert "Đã có kết quả" in page and "Báo cáo tiếp thu, giải trình" in page and "mép bó vỉa" in page
    found = _get("/api/search/?q=tiep+thu+bo+via").json()["results"]
    assert [item["kind"] for item in found] == ["consultation"]


def test_a_comment_waits_for_a_moderator_then_shows_without_its_contact(send, client, clock, moderator):
    before = _get(URL)
    response = send(organisation="Tổ dân phố 5")
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert response["Location"] == f"{URL}da-gui/?ma={comment.code}"
    thanks = _get(response["Location"])
    assert comment.code in thanks.content.decode() and "no-store" in thanks["Cache-Control"]
    assert [m.to for m in mail.outbox] == [["kiemduyet@example.org"]] and comment.code in mail.outbox[0].subject
    assert "lan@example.org" not in mail.outbox[0].body
    # Nothing public: not on the draft's page (cached before, and fresh), not in search.
    assert "1,5 mét" not in before.content.decode() and "1,5 mét" not in _get(URL).content.decode()
    assert _get("/api/search/?q=bo+via").json()["results"] == []

    client.force_login(moderator)
    queue = client.get("/admin/lay-y-kien/").content.decode()
    assert comment.code in queue
    missing = client.post(f"/admin/lay-y-kien/{comment.pk}/", {"public_name": "", "action": "publish"})
    assert missing.status_code == 400 and "Cần nội dung góp ý" in missing.content.decode()
    publish = {
        "public_name": "Bà Nguyễn Thị L.",
        "organisation": "Tổ dân phố 5",
        "reference": comment.reference,
        "public_text": comment.text,
        "reject_reason": "",
        "action": "publish",
    }
    assert client.post(f"/admin/lay-y-kien/{comment.pk}/", publish).status_code == 302
    client.logout()
    page = _get(URL).content.decode()
    assert "Bà Nguyễn Thị L." in page and "1,5 mét" in page and "Điều 3. Phần vỉa hè" in page
    assert "lan@example.org" not in page and "Nguyễn Thị Lan" not in page

    client.force_login(moderator)
    withdrawn = publish | {"action": "reject", "reject_reason": "Người gửi đề nghị rút lại"}
    assert client.post(f"/admin/lay-y-kien/{comment.pk}/", withdrawn).status_code == 302
    assert "1,5 mét" not in _get(URL).content.decode()
    actions = list(ModerationLog.objects.order_by("pk").values_list("action", "username"))
    assert actions == [("submitted", ""), ("published", "kiemduyet"), ("rejected", "kiemduyet")]
    from audit.models import AuditEntry

    entry = AuditEntry.objects.filter(action="moderation").latest("seq")
    assert entry.details == {"action": "rejected"} and entry.object_id == str(comment.pk)

    # Contacts purged the set number of days after the decision, by the command; the published name stays.
    decided = Comment.objects.get().decided_at
    clock.set(decided + datetime.timedelta(days=89))
    call_command("purge_consultation_contacts", stdout=io.StringIO())
    assert Comment.objects.get().email == "lan@example.org"
    clock.set(decided + datetime.timedelta(days=90, seconds=1))
    call_command("purge_consultation_contacts", stdout=io.StringIO())
    comment.refresh_from_db()
    assert (comment.full_name, comment.email, comment.phone) == ("", "", "")
    assert comment.public_name == "Bà Nguyễn Thị L." and comment.contacts_purged_at is not None


def test_another_wards_moderator_sees_nothing(send, client, other_site, django_user_model):
    from intake.moderation import ensure_moderator_group

    send()
    comment = Comment.objects.get()
    outsider = django_user_model.objects.create_user("baichay-mod", password="x")
    outsider.groups.add(ensure_moderator_group(other_site))
    client.force_login(outsider)
    assert comment.code not in client.get("/admin/lay-y-kien/").content.decode()
    assert client.get(f"/admin/lay-y-kien/{comment.pk}/").status_code == 404
    refused = client.post(f"/admin/lay-y-kien/{comment.pk}/", {"action": "reject", "reject_reason": "x"})
    assert refused.status_code == 404
    assert Comment.objects.get().status == Comment.Status.PENDING


BAD_INPUT = [
    ({"email": "", "phone": ""}, {}, "thư điện tử hoặc số điện thoại"),
    ({"reference": "Điều 99. Không có"}, {}, "không có trong dự thảo"),
    ({"text": "x" * 4001}, {}, "4.000"),
    ({"text": " \x00 \u2028 "}, {}, "nhập nội dung góp ý"),
    ({"phone": "abc", "email": ""}, {}, "Số điện thoại không hợp lệ"),
    ({}, {"altcha": ""}, "JavaScript"),
    ({}, {"website": "http://casino.example"}, "tải lại trang"),
    ({}, {"started": "forged"}, "hết hạn hoặc không hợp lệ"),
]


def test_bad_input_is_explained_in_vietnamese_and_nothing_stored(send, settings):
    settings.PORTAL_INTAKE_RATE_PER_ADDRESS = 0
    for changes, extra, message in BAD_INPUT:
        response = send(extra=extra, **changes)
        assert response.status_code == 400 and message in response.content.decode(), message
    settings.PORTAL_INTAKE_MAX_BYTES = 2000
    assert send(text="Góp ý rất dài " * 200).status_code == 413
    assert not Comment.objects.exists()


def test_hostile_text_never_gives_a_500_and_stays_inert_once_published(send, settings, moderator, clock):
    from consultations.publishing import publish
    from core.tests.hostile_corpus import HOSTILE_STRINGS, assert_inert_html

    settings.PORTAL_INTAKE_RATE_PER_ADDRESS = 0
    for text in HOSTILE_STRINGS:
        response = send(text=text[:4000], full_name=text[:100], organisation=text[:200], phone="\u2028")
        assert response.status_code in (302, 400), text
    comments = list(Comment.objects.all())
    assert len(comments) >= len(HOSTILE_STRINGS) - 3
    assert any(comment.flagged for comment in comments)  # the links among them are held with a flag
    for comment in comments:
        comment.public_name, comment.public_text = comment.full_name or "Ẩn danh", comment.text
        publish(comment, moderator)
    for path in (URL, "/lay-y-kien/", f"{URL}da-gui/?ma=%00%ff<script>", f"{FORM}?x=%ED%A0%80"):
        response = _get(path)
        assert response.status_code in (200, 404), path
        assert_inert_html(response.content.decode())
