"""The moderators' side: their own site's queue only, publishing (then searchable, shown as plain text),
rejecting with a reason, every action logged, and contact details purged after the set number of days."""

import datetime

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from intake.models import ModerationLog
from questions.models import Question, QuestionPage
from questions.publishing import purge_contacts

pytestmark = pytest.mark.django_db


def publish_form(**changes):
    return {
        "topic": "",
        "public_title": "Thủ tục đăng ký tạm trú cho trẻ mới sinh",
        "public_question": "Xin hỏi thủ tục đăng ký tạm trú cho con mới sinh cần giấy tờ gì?",
        "answer": "Cần giấy khai sinh của cháu và giấy tờ chứng minh chỗ ở hợp pháp.",
        "answered_by": "Công an phường",
        "reject_reason": "",
        "action": "publish",
    } | changes


def test_a_moderator_publishes_and_the_answer_is_public_and_searchable(send, client, moderator):
    send()
    question = Question.objects.get()
    client.force_login(moderator)
    queue = client.get("/admin/hoi-dap/")
    assert queue.status_code == 200 and question.code in queue.content.decode()
    response = client.post(f"/admin/hoi-dap/{question.pk}/", publish_form(topic=question.topic_id))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == "/admin/hoi-dap/", response["Location"]
    question.refresh_from_db()
    assert question.status == Question.Status.PUBLISHED and question.page.live
    client.logout()
    listing = client.get("/hoi-dap/", HTTP_HOST="localhost").content.decode()
    assert "Thủ tục đăng ký tạm trú cho trẻ mới sinh" in listing
    assert "Nguyễn Thị Lan" not in listing and "lan@example.org" not in listing
    found = client.get("/api/search/?q=tam+tru", HTTP_HOST="localhost").json()
    assert [item["kind"] for item in found["results"]] == ["question"]
    lookup = client.get(f"/hoi-dap/tra-cuu/?ma={question.code}", HTTP_HOST="localhost").content.decode()
    assert "Đã trả lời, đã đăng" in lookup
    actions = list(ModerationLog.objects.order_by("pk").values_list("action", "username"))
    assert actions == [("submitted", ""), ("published", "kiemduyet")]


def test_script_tags_are_shown_escaped_only_after_approval(send, client, moderator):
    script = '<script>alert("x")</script> <a href="http://evil.example">link</a>'
    send(text="Câu hỏi " + script)
    question = Question.objects.get()
    assert script not in client.get("/hoi-dap/", HTTP_HOST="localhost").content.decode()
    client.force_login(moderator)
    moderation_page = client.get(f"/admin/hoi-dap/{question.pk}/").content.decode()
    assert "<script>alert" not in moderation_page and "&lt;script&gt;alert" in moderation_page
    client.post(f"/admin/hoi-dap/{question.pk}/", publish_form(public_question="Câu hỏi " + script))
    client.logout()
    page = client.get(QuestionPage.objects.get().url, HTTP_HOST="localhost").content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<script>alert" not in page and 'href="http://evil.example"' not in page


def test_publishing_needs_an_answer_and_rejecting_a_reason(send, client, moderator):
    send()
    question = Question.objects.get()
    client.force_login(moderator)
    missing = client.post(f"/admin/hoi-dap/{question.pk}/", publish_form(answer=""))
    assert missing.status_code == 400 and "Cần câu trả lời" in missing.content.decode()
    no_reason = client.post(f"/admin/hoi-dap/{question.pk}/", publish_form(action="reject"))
    assert no_reason.status_code == 400 and "Cần ghi lý do" in no_reason.content.decode()
    rejected = client.post(f"/admin/hoi-dap/{question.pk}/", publish_form(action="reject", reject_reason="Trùng lặp"))
    assert rejected.status_code == 302
    question.refresh_from_db()
    assert question.status == Question.Status.REJECTED and not QuestionPage.objects.exists()
    assert ModerationLog.objects.filter(action="rejected", note="Trùng lặp", username="kiemduyet").exists()
    # The same action in the tamper-evident audit log, without the question's text or the asker's details.
    from audit.models import AuditEntry

    entry = AuditEntry.objects.filter(action="moderation").latest("seq")
    assert entry.actor_name == "kiemduyet" and entry.details == {"action": "rejected"}
    assert entry.object_id == str(question.pk) and question.text not in entry.object_title


def test_a_moderator_of_one_ward_cannot_see_another_wards_queue(send, client, moderator, other_site, django_user_model):
    from intake.moderation import ensure_moderator_group

    send()
    question = Question.objects.get()
    outsider = django_user_model.objects.create_user("baichay-mod", password="x")
    outsider.groups.add(ensure_moderator_group(other_site))
    client.force_login(outsider)
    assert question.code not in client.get("/admin/hoi-dap/").content.decode()
    assert client.get(f"/admin/hoi-dap/{question.pk}/").status_code == 404
    assert client.post(f"/admin/hoi-dap/{question.pk}/", publish_form()).status_code == 404
    question.refresh_from_db()
    assert question.status == Question.Status.PENDING


def test_staff_who_moderate_nothing_are_refused(client, staff):
    from editorial.models import Role
    from editorial.tests.fixtures import login_verified

    login_verified(client, staff[Role.EDITOR])
    refused = client.get("/admin/hoi-dap/")  # Wagtail's admin answers a refusal by sending home with a message
    assert refused.status_code == 302 and refused["Location"] == "/admin/"


def test_contacts_are_purged_the_set_number_of_days_after_the_decision(send, client, moderator, settings):
    send()
    question = Question.objects.get()
    client.force_login(moderator)
    client.post(f"/admin/hoi-dap/{question.pk}/", publish_form())
    decided = Question.objects.get().decided_at
    assert purge_contacts(now=decided + datetime.timedelta(days=89)) == 0
    assert purge_contacts(now=decided + datetime.timedelta(days=90, seconds=1)) == 1
    question.refresh_from_db()
    assert (question.full_name, question.email, question.phone) == ("", "", "")
    assert question.page.live  # the published text stays
    assert purge_contacts(now=decided + datetime.timedelta(days=200)) == 0


def test_the_purge_command_uses_the_setting_and_leaves_pending_questions(send, settings, monkeypatch):
    send()
    send(text="Câu hỏi thứ hai về hộ tịch")
    first, second = Question.objects.order_by("pk")
    Question.objects.filter(pk=first.pk).update(status=Question.Status.REJECTED, decided_at=timezone.now())
    settings.PORTAL_QUESTION_CONTACT_DAYS = 10
    later = timezone.now() + datetime.timedelta(days=11)
    monkeypatch.setattr("questions.publishing.timezone.now", lambda: later)
    call_command("purge_question_contacts")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.email == "" and first.contacts_purged_at == later
    assert second.email == "lan@example.org"  # still waiting for an answer


def test_moderators_edit_only_their_own_sites_topics(client, moderator, other_site, ward_site):
    from questions.models import Topic

    own = Topic.objects.filter(site=ward_site).first()
    foreign = Topic.objects.filter(site=other_site).first()
    client.force_login(moderator)
    listing = client.get("/admin/snippets/questions/topic/").content.decode()
    assert own.name in listing and "Bãi Cháy" not in listing
    assert client.get(f"/admin/snippets/questions/topic/edit/{own.pk}/").status_code == 200
    assert client.get(f"/admin/snippets/questions/topic/edit/{foreign.pk}/").status_code in (302, 403, 404)
    edit = f"/admin/snippets/questions/topic/edit/{foreign.pk}/"
    response = client.post(edit, {"name": "Đổi", "site": other_site.pk})
    assert response.status_code in (302, 403, 404)
    foreign.refresh_from_db()
    assert foreign.name != "Đổi"


def test_hostile_input_never_gives_a_500_and_stays_inert_once_published(send, client, settings, moderator):
    from core.tests.hostile_corpus import HOSTILE_STRINGS, assert_inert_html
    from questions.publishing import publish

    settings.PORTAL_INTAKE_RATE_PER_ADDRESS = 0
    for text in HOSTILE_STRINGS:
        response = send(text=text[:4000], full_name=text[:100])
        assert response.status_code in (302, 400), text
    questions = list(Question.objects.all())
    assert len(questions) >= len(HOSTILE_STRINGS) - 3  # a few are nothing once controls are removed
    for number, question in enumerate(questions):
        question.public_title = f"Câu hỏi {number} {question.text[:50]}"
        question.public_question = question.text
        question.answer = question.text
        question.answered_by = "UBND phường"
        publish(question, moderator)
    for url in ["/hoi-dap/", *(page.url for page in QuestionPage.objects.all())]:
        response = client.get(url, HTTP_HOST="localhost")
        assert response.status_code == 200
        assert_inert_html(response.content.decode())


def test_a_wards_administrator_may_hand_out_its_moderator_group_only(staff, other_site, ward_site):
    from accounts.users import administered_groups
    from editorial.models import Role
    from intake.moderation import ensure_moderator_group

    groups = administered_groups(staff[Role.ADMIN])
    assert ensure_moderator_group(ward_site) in groups
    assert ensure_moderator_group(other_site) not in groups
    assert not administered_groups(staff[Role.EDITOR]).exists()


def test_a_published_answer_shows_at_once_on_a_cached_listing(send, client, moderator):
    reader = Client()
    first = reader.get("/hoi-dap/", HTTP_HOST="localhost")
    assert first.status_code == 200 and "Chưa có câu hỏi nào" in first.content.decode()
    again = reader.get("/hoi-dap/", HTTP_HOST="localhost")
    assert again.get("X-Page-Cache") == "HIT" and "Chưa có câu hỏi nào" in again.content.decode()
    send()
    question = Question.objects.get()
    client.force_login(moderator)
    client.post(f"/admin/hoi-dap/{question.pk}/", publish_form())
    after = reader.get("/hoi-dap/", HTTP_HOST="localhost")
    assert "Thủ tục đăng ký tạm trú cho trẻ mới sinh" in after.content.decode()
    form = reader.get("/hoi-dap/gui-cau-hoi/", HTTP_HOST="localhost")
    assert reader.get("/hoi-dap/gui-cau-hoi/", HTTP_HOST="localhost").get("X-Page-Cache") != "HIT"
    assert "no-store" in form["Cache-Control"]
