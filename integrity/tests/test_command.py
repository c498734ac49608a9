"""check_integrity from end to end on a ward site: exit status, what it prints, the stored findings, the email to
the site's administrators, the audit log, the dashboard panel and an administrator's confirmation."""

import json

from django.core import mail
from django.db import connection
from django.urls import reverse

from audit.chain import verify
from audit.models import AuditEntry
from editorial.models import Role
from editorial.tests.fixtures import login_verified
from integrity.models import Check, Finding
from portal.tests.helpers import run_command

SPAM = "<p>Tin vui.</p><div style='display:none'><a href='https://fb88.example/'>nhà cái fb88</a></div>"
ONLY = ["--only", "rendered", "--only", "changed", "--only", "files"]


def test_a_tampered_page_is_reported_stored_emailed_shown_and_confirmed(
    client, ward_site, other_site, make_staff, make_article, settings, tmp_path, capsys
):
    code_dir = tmp_path / "app"
    code_dir.mkdir()
    (code_dir / "views.py").write_text("VALUE = 1\n")
    settings.PORTAL_INTEGRITY_ROOTS = [str(code_dir)]
    settings.PORTAL_INTEGRITY_MANIFEST = tmp_path / "manifest.json"
    assert run_command(capsys, "integrity_manifest")[0] == 0
    admin, chief = make_staff(ward_site, Role.ADMIN), make_staff(ward_site, Role.CHIEF)
    other_admin = make_staff(other_site, Role.ADMIN)
    make_article(ward_site, "Tin bình thường", body="<p>Xem <a href='https://quangninh.gov.vn/'>cổng tỉnh</a>.</p>")
    article = make_article(ward_site, "Ra quân làm sạch môi trường")
    make_article(other_site, "Tin của phường bên cạnh")
    assert run_command(capsys, "check_integrity", *ONLY)[0] == 0
    assert len(mail.outbox) == 0

    # An insider puts a hidden gambling link into the article's row, bypassing the admin.
    body = [{"type": "paragraph", "value": SPAM, "id": "p1"}]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE news_articlepage SET body = %s WHERE page_ptr_id = %s", [json.dumps(body), article.pk])
    code, out, _err = run_command(capsys, "check_integrity", *ONLY)
    assert code == 1
    address = "/tin-tuc-su-kien/ra-quan-lam-sach-moi-truong/"
    for words in ("khối ẩn chứa liên kết", "nội dung bị sửa ngoài hệ thống quản trị", "fb88.example", address):
        assert words in out
    findings = Finding.objects.open()
    assert {finding.check_name for finding in findings} == {Check.LINKS, Check.HIDDEN, Check.GAMBLING, Check.CHANGED}
    assert {(finding.site_id, finding.page_id, finding.location) for finding in findings} == {
        (ward_site.pk, article.pk, address)
    }
    # One email to the site's administrator (not to the chief editor, not to the other ward's administrator).
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [admin.email]
    assert "fb88.example" in mail.outbox[0].body and "4 phát hiện mới" in mail.outbox[0].subject
    logged = AuditEntry.objects.filter(action="integrity.finding")
    assert logged.count() == 4 and set(logged.values_list("site_id", flat=True)) == {ward_site.pk}

    # Running again finds the same: nothing new is emailed or logged.
    assert run_command(capsys, "check_integrity", *ONLY)[0] == 1
    assert len(mail.outbox) == 1 and logged.count() == 4

    # The panel on the administrator's dashboard; not on the chief editor's nor on the other ward's admin's.
    home = reverse("wagtailadmin_home")
    page = login_verified(client, admin).get(home).content.decode()
    assert "Kiểm tra toàn vẹn" in page and "fb88.example" in page
    for outsider in (chief, other_admin):
        assert "fb88.example" not in login_verified(client, outsider).get(home).content.decode()

    # The other ward's administrator cannot confirm; the site's own can, and it is logged.
    finding = findings.get(check_name=Check.GAMBLING)
    client.post(reverse("integrity_confirm", args=[finding.pk]))  # Wagtail answers a refusal with a redirect
    assert Finding.objects.open().count() == 4
    login_verified(client, admin)
    assert client.post(reverse("integrity_confirm", args=[finding.pk])).status_code == 302
    assert AuditEntry.objects.filter(action="integrity.confirm_finding", actor_id=admin.pk).count() == 1
    assert Finding.objects.open().count() == 3

    # The editors publish the article again from its approved revision: the run is clean, the findings ended.
    article.refresh_from_db()
    article.get_latest_revision().publish()
    code, out, _err = run_command(capsys, "check_integrity", *ONLY)
    assert code == 0, out
    assert Finding.objects.open().count() == 0
    assert Finding.objects.filter(resolved_at__isnull=False).count() == 4
    verify()
