"""Entering a week in Wagtail's admin: a table of rows (InlinePanel), then the site's approval workflow."""

import datetime

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from editorial.tests.fixtures import login_verified
from schedule.models import ScheduleEntry, ScheduleWeekPage
from schedule.tests.conftest import THIS_MONDAY

pytestmark = pytest.mark.django_db


def week_form(day, rows, action=None):
    data = nested_form_data(
        {
            "week_start": day.isoformat(),
            "entries": inline_formset(
                [
                    {"date": row_day.isoformat(), "start_time": time, "content": content, "status": "scheduled"}
                    for row_day, time, content in rows
                ]
            ),
        }
    )
    if action:
        data[action] = "1"
    return data


def test_an_editor_enters_a_week_and_submits_it_for_approval(client, schedule_page, staff):
    login_verified(client, staff["editor"])
    url = f"/admin/pages/add/schedule/scheduleweekpage/{schedule_page.pk}/"
    assert client.get(url, HTTP_HOST="localhost").status_code == 200
    rows = [(THIS_MONDAY, "07:30", "Chào cờ"), (THIS_MONDAY + datetime.timedelta(days=1), "08:00", "Tiếp dân")]
    response = client.post(url, week_form(THIS_MONDAY + datetime.timedelta(days=3), rows, "action-submit"))
    assert response.status_code == 302, response.content.decode()[:3000]
    week = ScheduleWeekPage.objects.get()
    assert (week.week_start, week.slug, week.title) == (THIS_MONDAY, "2026-w50", "Tuần 50 (07/12 – 13/12/2026)")
    assert not week.live and week.current_workflow_state is not None
    assert not ScheduleEntry.objects.published(schedule_page).exists()


def test_a_row_outside_the_week_is_refused_with_a_vietnamese_message(client, schedule_page, staff):
    login_verified(client, staff["editor"])
    url = f"/admin/pages/add/schedule/scheduleweekpage/{schedule_page.pk}/"
    response = client.post(url, week_form(THIS_MONDAY, [(THIS_MONDAY + datetime.timedelta(days=9), "07:30", "Sai")]))
    assert response.status_code == 200
    assert "Ngày 16/12/2026 nằm ngoài Tuần 50 (07/12 – 13/12/2026)." in response.content.decode()
    assert not ScheduleWeekPage.objects.exists()


def test_the_week_edit_page_shows_its_history(client, schedule_page, publish_week, staff, clock):
    from schedule.tests.conftest import entry_values

    week = publish_week(THIS_MONDAY, [entry_values(THIS_MONDAY, location="Hội trường")])
    entry = week.entries.get()
    clock.advance(hours=3)
    entry.location = "Phòng họp 2"
    publish_week(THIS_MONDAY, [entry])
    login_verified(client, staff["editor"])
    html = client.get(f"/admin/pages/{week.pk}/edit/", HTTP_HOST="localhost").content.decode()
    assert "Lịch sử điều chỉnh sau khi xuất bản" in html
    assert "13:00 09/12/2026" in html and "Điều chỉnh" in html and "Hội trường" in html
