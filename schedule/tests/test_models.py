import datetime

import pytest

from schedule.models import ScheduleChange, ScheduleEntry, SchedulePage, ScheduleWeekPage
from schedule.tests.conftest import THIS_MONDAY, entry_values
from schedule.weeks import Week

pytestmark = pytest.mark.django_db


def test_every_ward_site_gets_its_schedule_page_once(ward_site, clock):
    from wards.sites import ensure_ward_site

    ensure_ward_site("localhost", "Phường Hồng Gai", is_default=True)
    pages = SchedulePage.objects.child_of(ward_site.root_page)
    assert [(p.slug, p.live, p.show_in_menus) for p in pages] == [("lich-cong-tac", True, True)]


def test_a_draft_week_shows_nothing_until_published(schedule_page, clock):
    week = ScheduleWeekPage(title="tuan", week_start=THIS_MONDAY, live=False)  # as the admin creates a draft
    week.entries = [ScheduleEntry(**entry_values(THIS_MONDAY))]
    schedule_page.add_child(instance=week)
    assert not ScheduleEntry.objects.published(schedule_page).exists()
    week.save_revision().publish()
    assert ScheduleEntry.objects.published(schedule_page).count() == 1


def test_the_week_page_takes_its_title_and_slug_from_any_day_of_the_week(schedule_page, clock):
    week = ScheduleWeekPage(week_start=datetime.date(2026, 12, 10))
    week.title = "x"
    schedule_page.add_child(instance=week)
    week.full_clean()
    assert (week.week_start, week.slug, week.title) == (THIS_MONDAY, "2026-w50", "Tuần 50 (07/12 – 13/12/2026)")


def test_a_second_page_for_the_same_week_is_refused(schedule_page, publish_week):
    publish_week(THIS_MONDAY, [])
    twin = ScheduleWeekPage(title="x", week_start=THIS_MONDAY + datetime.timedelta(days=2))
    twin.set_url_path(schedule_page)
    twin._cached_parent_obj = schedule_page
    with pytest.raises(Exception, match="Tuần này đã có lịch công tác"):
        twin.full_clean()


def test_an_edit_after_publication_is_an_adjustment_with_a_growing_sequence(schedule_page, publish_week, clock):
    week = publish_week(THIS_MONDAY, [entry_values(THIS_MONDAY, location="Hội trường")])
    entry = week.entries.get()
    uid = entry.uid
    assert (entry.sequence, entry.changed_at, entry.adjusted) == (0, None, False)

    clock.advance(hours=2)
    entry.location = "Phòng họp số 2"
    week = publish_week(THIS_MONDAY, [entry])
    entry = week.entries.get()
    assert (entry.uid, entry.sequence, entry.adjusted) == (uid, 1, True)
    assert entry.changed_at == clock()

    clock.advance(hours=1)
    entry.status = "cancelled"
    publish_week(THIS_MONDAY, [entry])
    entry = ScheduleEntry.objects.get(uid=uid)
    assert (entry.sequence, entry.cancelled, entry.adjusted) == (2, True, False)
    history = list(ScheduleChange.objects.filter(uid=uid))
    assert [(c.kind, c.sequence, c.before["location"]) for c in history] == [
        ("changed", 1, "Hội trường"),
        ("cancelled", 2, "Phòng họp số 2"),
    ]


def test_republishing_without_change_keeps_the_sequence(schedule_page, publish_week, clock):
    week = publish_week(THIS_MONDAY, [entry_values(THIS_MONDAY)])
    clock.advance(hours=1)
    publish_week(THIS_MONDAY, list(week.entries.all()))
    entry = ScheduleEntry.objects.get()
    assert (entry.sequence, entry.changed_at) == (0, None)
    assert not ScheduleChange.objects.exists()


def test_a_published_entry_removed_from_its_week_is_kept_as_cancelled(schedule_page, publish_week, clock):
    week = publish_week(THIS_MONDAY, [entry_values(THIS_MONDAY), entry_values(THIS_MONDAY, "14:00", "Tiếp dân")])
    kept, removed = sorted(week.entries.all(), key=lambda e: e.start_time)
    clock.advance(hours=1)
    publish_week(THIS_MONDAY, [kept])
    change = ScheduleChange.objects.get()
    assert (change.uid, change.kind, change.after["status"], change.sequence) == (
        removed.uid,
        "removed",
        "cancelled",
        1,
    )


def test_edits_to_a_draft_before_first_publication_are_not_adjustments(schedule_page, clock):
    week = ScheduleWeekPage(title="tuan", week_start=THIS_MONDAY, live=False)  # as the admin creates a draft
    week.entries = [ScheduleEntry(**entry_values(THIS_MONDAY))]
    schedule_page.add_child(instance=week)
    week.save_revision()
    entry = week.entries.get()
    entry.content = "Giao ban (sửa trước khi đăng)"
    week.entries = [entry]
    week.save_revision().publish()
    entry = ScheduleEntry.objects.get()
    assert (entry.content, entry.sequence, entry.changed_at) == ("Giao ban (sửa trước khi đăng)", 0, None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-W49", datetime.date(2026, 11, 30)),
        ("2026w49", datetime.date(2026, 11, 30)),
        ("2027-W01", datetime.date(2027, 1, 4)),
        ("2026-W53", datetime.date(2026, 12, 28)),  # 2026 starts on a Thursday: it has 53 ISO weeks
        ("2025-W53", None),
        ("2026-W00", None),
        ("9999-W10", None),
        ("0001-W01", None),
        ("2026-W1000000000000000000", None),
        ("abc", None),
        ("", None),
        ("2026-W49\x00", None),
    ],
)
def test_week_names(value, expected, clock):
    week = Week.parse(value)
    assert (week.monday if week else None) == expected


def test_weeks_go_through_the_sites_approval_workflow(ward_site, schedule_page):
    from wagtail.models import WorkflowPage

    week = ScheduleWeekPage(title="tuan", week_start=THIS_MONDAY, live=False)
    schedule_page.add_child(instance=week)
    site_workflow = WorkflowPage.objects.get(page=ward_site.root_page).workflow
    assert week.get_workflow() == site_workflow
