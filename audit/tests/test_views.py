"""The admin's "Nhật ký hệ thống": who sees what, filters, the CSV export."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from audit import record
from audit.chain import Action
from audit.models import AuditEntry
from audit.views import safe_cell
from editorial.models import Role
from editorial.tests.fixtures import login_verified


@pytest.fixture
def logged(ward_site, other_site):
    record(Action.MODERATION, site=ward_site, title="Câu hỏi ở Hồng Gai")
    record(Action.MODERATION, site=other_site, title="Câu hỏi ở Bãi Cháy")
    record(Action.LOGIN_FAILED, details={"username": "ai-do"})


def _csv(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def test_superusers_see_every_site(client, logged, django_user_model):
    root = django_user_model.objects.create_superuser("quan-tri-goc", password="Mật-khẩu-Gốc-2026!")
    login_verified(client, root)
    response = client.get(reverse("audit_log"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Câu hỏi ở Hồng Gai" in text and "Câu hỏi ở Bãi Cháy" in text
    assert "Nhật ký hệ thống" in text


def test_a_site_administrator_sees_only_their_site(client, logged, ward_site, make_staff):
    login_verified(client, make_staff(ward_site, Role.ADMIN))
    text = client.get(reverse("audit_log")).content.decode()
    assert "Câu hỏi ở Hồng Gai" in text
    assert "Câu hỏi ở Bãi Cháy" not in text
    assert "ai-do" not in text  # entries of no site are the superusers'
    rows = _csv(client.get(reverse("audit_csv")))
    titles = [row[9] for row in rows[1:]]
    assert "Câu hỏi ở Hồng Gai" in titles and "Câu hỏi ở Bãi Cháy" not in titles
    # Asking for the other site by its id gives nothing of it.
    other = AuditEntry.objects.get(object_title="Câu hỏi ở Bãi Cháy").site_id
    assert "Câu hỏi ở Bãi Cháy" not in client.get(reverse("audit_log"), {"site": other}).content.decode()


@pytest.mark.parametrize("role", [Role.REPORTER, Role.EDITOR, Role.CHIEF])
def test_other_roles_are_refused(client, logged, ward_site, make_staff, role):
    login_verified(client, make_staff(ward_site, role))
    # Wagtail's admin answers a PermissionDenied with a redirect to the dashboard and a message.
    for name in ("audit_log", "audit_csv"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_filters_by_action_and_vietnam_day(client, ward_site, django_user_model, monkeypatch):
    # 23:30 UTC on 1 March is 06:30 on 2 March in Vietnam.
    monkeypatch.setattr(timezone, "now", lambda: datetime.datetime(2026, 3, 1, 23, 30, tzinfo=datetime.UTC))
    record(Action.MODERATION, site=ward_site, title="sáng ngày hai")
    monkeypatch.setattr(timezone, "now", lambda: datetime.datetime(2026, 3, 1, 10, 0, tzinfo=datetime.UTC))
    record(Action.SETTINGS_CHANGE, site=ward_site, title="ngày một")
    monkeypatch.undo()
    root = django_user_model.objects.create_superuser("goc", password="Mật-khẩu-Gốc-2026!")
    login_verified(client, root)
    url = reverse("audit_log")
    day_two = client.get(url, {"start": "2026-03-02", "end": "2026-03-02"}).content.decode()
    assert "sáng ngày hai" in day_two and "ngày một" not in day_two
    assert "06:30:00" in day_two  # shown in Vietnam time
    by_action = client.get(url, {"action": Action.SETTINGS_CHANGE}).content.decode()
    assert "ngày một" in by_action and "sáng ngày hai" not in by_action
    rows = _csv(client.get(reverse("audit_csv"), {"action": Action.MODERATION}))
    assert rows[0][:3] == ["Số thứ tự", "Thời điểm (giờ Việt Nam)", "Người thực hiện"]
    assert [row[1] for row in rows[1:]] == ["02/03/2026 06:30:00"]


@pytest.mark.parametrize(
    "query",
    [{"start": "không-phải-ngày"}, {"start": "2026-03-05", "end": "2026-03-01"}, {"site": "abc"}, {"p": "-1"}],
)
def test_bad_filters_give_a_page_not_an_error(client, logged, django_user_model, query):
    root = django_user_model.objects.create_superuser("goc", password="Mật-khẩu-Gốc-2026!")
    login_verified(client, root)
    assert client.get(reverse("audit_log"), query).status_code == 200
    assert client.get(reverse("audit_csv"), query).status_code == 200


def test_csv_cells_never_run_as_formulas(client, ward_site, django_user_model):
    record(Action.MODERATION, site=ward_site, title='=HYPERLINK("http://x.example","bấm")')
    record(Action.MODERATION, site=ward_site, title="-2+3", details={"note": "+cmd"})
    record(Action.MODERATION, site=ward_site, title="@SUM(A1)")
    root = django_user_model.objects.create_superuser("goc", password="Mật-khẩu-Gốc-2026!")
    login_verified(client, root)
    rows = _csv(client.get(reverse("audit_csv"), {"action": Action.MODERATION}))
    titles = [row[9] for row in rows[1:]]
    assert titles == ['\'=HYPERLINK("http://x.example","bấm")', "'-2+3", "'@SUM(A1)"]
    assert rows[2][10] == '{"note": "+cmd"}'
    for row in rows[1:]:
        assert not any(cell[:1] in ("=", "+", "-", "@") for cell in row)
    assert [safe_cell(v) for v in ("-1", "a-b", None, 5)] == ["'-1", "a-b", "", "5"]
