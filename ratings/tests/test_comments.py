"""A comment is screened and waits for the site's moderators, who are emailed; it is never public, shown to them
as plain text only, and what they do with it is logged."""

import pytest
from django.contrib.auth.models import Permission

from intake.models import ModerationLog
from ratings.models import Comment

pytestmark = pytest.mark.django_db

PATH = "/tin-tuc-su-kien/"


def test_a_comment_is_screened_queued_and_never_public(rate, client, moderator, mailoutbox, django_user_model):
    text = "Xem thêm tại https://bit.ly/abc123 <script>alert(1)</script>"
    assert rate(PATH, "2", comment=text).status_code == 303
    comment = Comment.objects.get()
    assert (comment.status, comment.score, comment.path, comment.flagged) == ("pending", 2, PATH, True)
    assert "bit.ly" in comment.flags
    assert [m.to for m in mailoutbox] == [["kiemduyet@example.org"]] and "cần xem kỹ" in mailoutbox[0].subject
    assert text not in mailoutbox[0].body

    for path in [PATH, "/danh-gia/cam-on/?trang=%2Ftin-tuc-su-kien%2F&kq=comment"]:
        assert "bit.ly/abc123" not in client.get(path, HTTP_HOST="localhost").content.decode()

    editor = django_user_model.objects.create_user("bientap", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    refused = client.get("/admin/danh-gia/")  # in the admin, but no site's moderator: Wagtail's refusal
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    client.force_login(moderator)
    queue = client.get("/admin/danh-gia/").content.decode()
    assert "https://bit.ly/abc123 &lt;script&gt;alert(1)&lt;/script&gt;" in queue and "<script>alert(1)" not in queue
    assert client.post(f"/admin/danh-gia/{comment.pk}/", {"status": "published"}).status_code == 302
    comment.refresh_from_db()
    assert comment.status == "pending"  # there is no publishing a comment
    assert client.post(f"/admin/danh-gia/{comment.pk}/", {"status": "done"}).status_code == 302
    comment.refresh_from_db()
    assert comment.status == "done"
    actions = list(ModerationLog.objects.order_by("pk").values_list("action", "username"))
    assert actions == [("submitted", ""), ("done", "kiemduyet")]
