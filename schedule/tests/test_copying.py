import datetime

import pytest

from schedule.copying import start_next_week
from schedule.models import ScheduleWeekPage
from schedule.tests.conftest import THIS_MONDAY, entry_values

pytestmark = pytest.mark.django_db


def test_next_week_starts_with_the_recurring_entries_on_the_same_weekdays(schedule_page, publish_week):
    publish_week(
        THIS_MONDAY,
        [
            entry_values(THIS_MONDAY, "07:30", "Chào cờ", recurring=True, location="Sân UBND"),
            entry_values(THIS_MONDAY + datetime.timedelta(days=4), "14:00", "Duyệt lịch tuần sau", recurring=True),
            entry_values(THIS_MONDAY, "09:00", "Việc một lần"),
            entry_values(THIS_MONDAY, "10:00", "Bị hoãn", recurring=True, status="cancelled"),
        ],
    )
    page = start_next_week(schedule_page)
    assert (page.week_start, page.live, page.slug) == (THIS_MONDAY + datetime.timedelta(days=7), False, "2026-w51")
    copied = sorted((e.date, e.start_time, e.content, e.location) for e in page.entries.all())
    assert copied == [
        (datetime.date(2026, 12, 14), datetime.time(7, 30), "Chào cờ", "Sân UBND"),
        (datetime.date(2026, 12, 18), datetime.time(14), "Duyệt lịch tuần sau", ""),
    ]
    originals = set(ScheduleWeekPage.objects.get(week_start=THIS_MONDAY).entries.values_list("uid", flat=True))
    assert not originals & {e.uid for e in page.entries.all()}


def test_an_editor_copies_from_the_admin_after_confirming(client, schedule_page, publish_week, staff):
    from editorial.tests.fixtures import login_verified

    publish_week(THIS_MONDAY, [entry_values(THIS_MONDAY, recurring=True)])
    login_verified(client, staff["editor"])
    explorer = client.get(f"/admin/pages/{schedule_page.pk}/", HTTP_HOST="localhost").content.decode()
    url = f"/admin/lich-cong-tac/{schedule_page.pk}/chep-tuan/"
    assert f'href="{url}"' in explorer
    confirm = client.get(url, HTTP_HOST="localhost")
    assert confirm.status_code == 200 and "Tuần 51 (14/12 – 20/12/2026)" in confirm.content.decode()
    assert not ScheduleWeekPage.objects.filter(week_start=datetime.date(2026, 12, 14)).exists()
    response = client.post(url, HTTP_HOST="localhost")
    draft = ScheduleWeekPage.objects.get(week_start=datetime.date(2026, 12, 14))
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{draft.pk}/edit/"
    assert draft.entries.count() == 1 and not draft.live


def test_another_wards_editor_cannot_copy(client, schedule_page, other_site, make_staff):
    from editorial.tests.fixtures import login_verified

    login_verified(client, make_staff(other_site, "editor"))
    response = client.post(f"/admin/lich-cong-tac/{schedule_page.pk}/chep-tuan/", HTTP_HOST="localhost")
    # Wagtail's admin answers a refusal by sending the user back to the dashboard with its message.
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not ScheduleWeekPage.objects.exists()


def test_a_copied_entry_keeps_its_linked_leader(schedule_page, publish_week, make_leader, ward_site):
    leader = make_leader(ward_site, "Trần Thị Hoà")
    publish_week(THIS_MONDAY, [entry_values(THIS_MONDAY, chair="", chair_leader=leader, recurring=True)])
    (copied,) = start_next_week(schedule_page).entries.all()
    assert (copied.chair_leader_id, copied.chair) == (leader.pk, "Trần Thị Hoà")
