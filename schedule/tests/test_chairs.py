"""The chair linked to a leader of the ward's "Giới thiệu" section: the admin's choice limited to the site's own
leaders, the name shown from the leader, the filter and feeds keyed on the link, the importer's matching."""

import datetime
import unicodedata
from types import SimpleNamespace

import icalendar
import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from editorial.tests.fixtures import login_verified
from schedule.chairs import leader_named
from schedule.models import ScheduleEntry, SchedulePage, ScheduleWeekPage
from schedule.tests.conftest import THIS_MONDAY, entry_values
from schedule.tests.test_import import run, xlsx

WEDNESDAY = THIS_MONDAY + datetime.timedelta(days=2)


def named(*titles):
    return [SimpleNamespace(title=title, pk=number) for number, title in enumerate(titles, start=1)]


@pytest.mark.parametrize(
    "text",
    [
        "Trần Thị Hoà",
        "Trần Thị Hòa",  # the other tone placement
        "TRẦN THỊ HOÀ",
        "tran thi hoa",
        "Đ/c Trần Thị Hoà",
        "Đồng chí Trần Thị Hoà – Chủ tịch UBND",
        "Đ/c Trần Thị Hoà, Bí thư",
        "  Trần  Thị Hoà (Chủ tịch)",
    ],
)
def test_a_chair_text_naming_a_leader_finds_them(text):
    leaders = named("Nguyễn Văn An", "Trần Thị Hoà")
    assert leader_named(text, leaders).title == "Trần Thị Hoà"
    assert leader_named(unicodedata.normalize("NFD", text), leaders).title == "Trần Thị Hoà"


@pytest.mark.parametrize("text", ["", "Trần Thị", "Trần Thị Hoàng", "Đ/c Lê Văn Cường", "Hoà Trần Thị"])
def test_a_chair_text_naming_no_leader_finds_none(text):
    assert leader_named(text, named("Nguyễn Văn An", "Trần Thị Hoà")) is None


def test_two_leaders_of_the_same_name_make_the_text_ambiguous():
    assert leader_named("Đ/c Nguyễn Văn An", named("Nguyễn Văn An", "Nguyễn Văn An")) is None


def week_post(day, rows):
    return nested_form_data(
        {
            "week_start": day.isoformat(),
            "entries": inline_formset(
                [
                    {
                        "date": day.isoformat(),
                        "start_time": "08:00",
                        "content": content,
                        "status": "scheduled",
                        "chair_leader": str(leader_id) if leader_id else "",
                        "chair": "",
                    }
                    for content, leader_id in rows
                ]
            ),
        }
    )


@pytest.mark.django_db
def test_the_admin_offers_and_accepts_only_the_sites_own_leaders(client, schedule_page, staff, make_leader, other_site):
    ours = make_leader(schedule_page.get_site(), "Trần Thị Hoà")
    theirs = make_leader(other_site, "Vũ Văn Khác")
    login_verified(client, staff["editor"])
    url = f"/admin/pages/add/schedule/scheduleweekpage/{schedule_page.pk}/"
    html = client.get(url, HTTP_HOST="localhost").content.decode()
    assert "Trần Thị Hoà – Chủ tịch Uỷ ban nhân dân phường" in html  # in the empty row's select, too
    assert "Vũ Văn Khác" not in html

    refused = client.post(url, week_post(THIS_MONDAY, [("Họp", theirs.pk)]), HTTP_HOST="localhost")
    assert refused.status_code == 200 and not ScheduleWeekPage.objects.exists()
    assert "Vũ Văn Khác" not in refused.content.decode()

    client.post(url, week_post(THIS_MONDAY, [("Họp", ours.pk)]), HTTP_HOST="localhost")
    entry = ScheduleEntry.objects.get()
    assert entry.chair_leader_id == ours.pk and entry.chair == "Trần Thị Hoà"  # the name kept as text too


@pytest.mark.django_db
def test_a_week_linking_another_sites_leader_does_not_validate(schedule_page, make_leader, other_site):
    theirs = make_leader(other_site, "Vũ Văn Khác")
    week = ScheduleWeekPage(week_start=THIS_MONDAY, title="tuan", slug="tuan")
    week.entries = [ScheduleEntry(**entry_values(THIS_MONDAY, chair_leader=theirs))]
    with pytest.raises(ValidationError, match="lãnh đạo của chính phường"):
        schedule_page.add_child(instance=week)
    assert not ScheduleEntry.objects.exists()


def feed_summaries(client, url):
    response = client.get(url, HTTP_HOST="localhost")
    assert response.status_code == 200
    return sorted(str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT"))


@pytest.mark.django_db
def test_filter_and_feed_key_on_the_linked_leader_and_survive_a_rename(client, publish_week, make_leader, ward_site):
    hoa = make_leader(ward_site, "Trần Thị Hoà", "Bí thư Đảng uỷ phường")
    publish_week(
        THIS_MONDAY,
        [
            entry_values(WEDNESDAY, "08:00", "Họp Đảng uỷ", chair="Đ/c Hoà", chair_leader=hoa),
            entry_values(WEDNESDAY, "09:00", "Tiếp dân", chair="Trần Thị Hoà"),  # the same name, unlinked
            entry_values(WEDNESDAY, "14:00", "Việc khác", chair="Lê Văn Cường"),
        ],
    )
    key = f"{hoa.pk}-tran-thi-hoa"
    html = client.get("/lich-cong-tac/", {"lanh-dao": key}, HTTP_HOST="localhost").content.decode()
    assert "Họp Đảng uỷ" in html and "Tiếp dân" not in html and "Việc khác" not in html
    # The name from the leader, linked to their page, with the position.
    assert f'<a href="{hoa.url}">Trần Thị Hoà</a><span class="schedule-chair-position"> – Bí thư Đảng uỷ phường' in html
    assert f'<option value="{key}" selected>Trần Thị Hoà – Bí thư Đảng uỷ phường</option>' in html
    assert f'href="/lich-cong-tac/ical/{key}/"' in html
    assert feed_summaries(client, f"/lich-cong-tac/ical/{key}/") == ["Họp Đảng uỷ"]
    # Free text keeps its slug key; the old slug of a now linked name still finds the linked leader too.
    assert feed_summaries(client, "/lich-cong-tac/ical/le-van-cuong/") == ["Việc khác"]
    assert feed_summaries(client, "/lich-cong-tac/ical/tran-thi-hoa/") == ["Họp Đảng uỷ", "Tiếp dân"]
    # The page's filter under that slug shows what the feed holds.
    html = client.get("/lich-cong-tac/", {"lanh-dao": "tran-thi-hoa"}, HTTP_HOST="localhost").content.decode()
    assert '<option value="tran-thi-hoa" selected>' in html
    assert "Họp Đảng uỷ" in html and "Tiếp dân" in html and "Việc khác" not in html

    hoa.title = "Trần Thị Hoà Bình"
    hoa.save_revision().publish()
    assert feed_summaries(client, f"/lich-cong-tac/ical/{key}/") == ["Họp Đảng uỷ"]  # the address kept
    html = client.get("/lich-cong-tac/", {"lanh-dao": key}, HTTP_HOST="localhost").content.decode()
    assert "Họp Đảng uỷ" in html and "Tiếp dân" not in html
    assert "Trần Thị Hoà Bình – Bí thư Đảng uỷ phường" in html
    assert f'href="/lich-cong-tac/ical/{hoa.pk}-tran-thi-hoa-binh/"' in html
    assert client.get(f"/lich-cong-tac/ical/{hoa.pk + 999}-ai/", HTTP_HOST="localhost").status_code == 404


@pytest.mark.django_db
def test_import_links_a_chair_cell_naming_a_leader_in_office(tmp_path, schedule_page, make_leader, ward_site):
    current = make_leader(ward_site, "Trần Thị Hoà")
    make_leader(ward_site, "Lê Văn Cũ", term_end=datetime.date(2025, 6, 30))
    rows = [
        ["Thứ Hai, 07/12/2026", "07:30", "Chào cờ", "Đ/c TRẦN THỊ HÒA – Chủ tịch UBND", "", ""],
        [None, "09:00", "Họp với người đã thôi chức", "Đ/c Lê Văn Cũ", "", ""],
        [None, "14:00", "Không có trong danh sách", "Đ/c Phạm Văn Khách", "", ""],
    ]
    code, _out, _err = run(xlsx(tmp_path, rows))
    assert code == 0
    linked = {e.content: e.chair_leader_id for e in ScheduleEntry.objects.published(schedule_page)}
    assert linked == {"Chào cờ": current.pk, "Họp với người đã thôi chức": None, "Không có trong danh sách": None}
    code, out, _err = run(xlsx(tmp_path, rows))
    assert code == 0 and "3 buổi không đổi" in out


@pytest.mark.django_db
def test_demo_entries_are_linked_to_the_demo_leaders(clock, settings, tmp_path):
    from django.core.management import call_command

    settings.BASE_DIR = tmp_path
    call_command("load_demo_content")
    for schedule in SchedulePage.objects.all():
        site_root = schedule.get_parent()
        entries = list(ScheduleEntry.objects.published(schedule).select_related("chair_leader"))
        assert entries and all(entry.chair_leader is not None for entry in entries)
        assert all(entry.chair_leader.get_parent().get_parent().get_parent().pk == site_root.pk for entry in entries)
        assert all(entry.chair == f"Đ/c {entry.chair_leader.title}" for entry in entries)
