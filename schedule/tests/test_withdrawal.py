"""Entries leaving the published schedule with their whole week (unpublished, deleted) stay in the calendar feeds
as cancelled, one sequence later; republishing the week brings them back, one sequence later again."""

import datetime

import icalendar
import pytest

from editorial.tests.fixtures import login_verified
from schedule.models import ScheduleChange, ScheduleEntry, SchedulePage, ScheduleWeekPage
from schedule.tests import rfc5545
from schedule.tests.conftest import THIS_MONDAY, entry_values

pytestmark = pytest.mark.django_db
WEDNESDAY = THIS_MONDAY + datetime.timedelta(days=2)


def feed(client, url="/lich-cong-tac/ical/"):
    response = client.get(url, HTTP_HOST="localhost")
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}, response.content


def state(event):
    return str(event["STATUS"]), event["SEQUENCE"], str(event["UID"])


def page_html(client):
    return client.get("/lich-cong-tac/", {"tuan": "2026-W50"}, HTTP_HOST="localhost").content.decode()


@pytest.fixture
def week(publish_week, clock):
    week = publish_week(
        THIS_MONDAY,
        [
            entry_values(WEDNESDAY, "08:00", "Họp giao ban", chair="Trần Thị Bình"),
            entry_values(WEDNESDAY, "14:00", "Tiếp công dân"),
        ],
    )
    clock.advance(hours=1)
    return week


def test_an_unpublished_week_stays_cancelled_and_comes_back_when_republished(client, week, clock):
    before, _ = feed(client)
    uid = str(before["Họp giao ban"]["UID"])
    assert state(before["Họp giao ban"]) == ("CONFIRMED", 0, uid)

    week.unpublish()
    events, body = feed(client)
    assert state(events["Họp giao ban"]) == ("CANCELLED", 1, uid)
    assert str(events["Tiếp công dân"]["STATUS"]) == "CANCELLED"
    # The second, independent parser reads the same.
    (calendar,) = rfc5545.components(body)
    statuses = [c["props"]["STATUS"][0][1] for c in calendar["children"] if c["type"] == "VEVENT"]
    assert statuses == ["CANCELLED", "CANCELLED"]
    leader_events, _ = feed(client, "/lich-cong-tac/ical/tran-thi-binh/")
    assert state(leader_events["Họp giao ban"]) == ("CANCELLED", 1, uid)
    html = page_html(client)
    assert "Họp giao ban" not in html and "Tiếp công dân" not in html

    # Unpublished again (or expired twice) changes nothing more.
    ScheduleWeekPage.objects.get(pk=week.pk).unpublish()
    assert feed(client)[0]["Họp giao ban"]["SEQUENCE"] == 1

    clock.advance(hours=1)
    ScheduleWeekPage.objects.get(pk=week.pk).get_latest_revision().publish()
    events, _ = feed(client)
    assert state(events["Họp giao ban"]) == ("CONFIRMED", 2, uid)
    assert "Họp giao ban" in page_html(client)
    kinds = list(ScheduleChange.objects.filter(uid=uid.split("@")[0]).values_list("kind", "sequence"))
    assert kinds == [("removed", 1), ("restored", 2)]


def test_a_deleted_week_stays_cancelled_in_the_feeds(client, week):
    uid = str(feed(client)[0]["Họp giao ban"]["UID"])
    ScheduleWeekPage.objects.get(pk=week.pk).delete()
    assert not ScheduleEntry.objects.exists()
    events, _ = feed(client)
    assert state(events["Họp giao ban"]) == ("CANCELLED", 1, uid)
    assert state(feed(client, "/lich-cong-tac/ical/tran-thi-binh/")[0]["Họp giao ban"]) == ("CANCELLED", 1, uid)
    assert "Họp giao ban" not in page_html(client)


def test_a_week_deleted_in_the_admin_stays_cancelled(client, week, make_staff, ward_site):
    login_verified(client, make_staff(ward_site, "admin"))
    response = client.post(f"/admin/pages/{week.pk}/delete/", HTTP_HOST="localhost")
    assert response.status_code == 302 and not ScheduleWeekPage.objects.exists()
    client.logout()
    assert str(feed(client)[0]["Tiếp công dân"]["STATUS"]) == "CANCELLED"


def test_a_week_unpublished_then_deleted_is_cancelled_once(client, week):
    week.unpublish()
    ScheduleWeekPage.objects.get(pk=week.pk).delete()
    assert feed(client)[0]["Họp giao ban"]["SEQUENCE"] == 1
    assert ScheduleChange.objects.filter(kind="removed").count() == 2


def test_deleting_the_whole_schedule_takes_its_history_with_it(week):
    schedule = SchedulePage.objects.get()
    schedule.delete()
    assert not ScheduleEntry.objects.exists() and not ScheduleChange.objects.exists()


def test_a_never_published_week_leaves_nothing_when_deleted(schedule_page, client):
    week = ScheduleWeekPage(week_start=THIS_MONDAY, title="tuan", slug="tuan", live=False)
    week.entries = [ScheduleEntry(**entry_values(WEDNESDAY, content="Bản nháp"))]
    schedule_page.add_child(instance=week)
    week.delete()
    assert not ScheduleChange.objects.exists()
    assert feed(client)[0] == {}


def test_a_week_unpublished_in_the_admin_stays_cancelled(client, week, make_staff, ward_site):
    login_verified(client, make_staff(ward_site, "admin"))
    response = client.post(f"/admin/pages/{week.pk}/unpublish/", HTTP_HOST="localhost")
    assert response.status_code == 302 and not ScheduleWeekPage.objects.get(pk=week.pk).live
    client.logout()
    events, _ = feed(client)
    assert state(events["Tiếp công dân"])[:2] == ("CANCELLED", 1)
    assert "Tiếp công dân" not in page_html(client)
