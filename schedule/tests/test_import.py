import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from schedule.models import ScheduleChange, ScheduleEntry, ScheduleWeekPage
from schedule.tests.conftest import THIS_MONDAY

pytestmark = pytest.mark.django_db
HEADER = ["Thứ/Ngày", "Giờ", "Nội dung", "Chủ trì", "Thành phần", "Địa điểm"]
GOOD_ROWS = [
    ["Thứ Hai, 07/12/2026", "07:30", "Chào cờ đầu tuần", "Đ/c Nguyễn Văn An", "Toàn thể cán bộ", "Sân UBND"],
    [None, "8h00 - 11h00", "Giao ban UBND", "Đ/c Trần Thị Bình", "Lãnh đạo UBND", "Phòng họp"],  # merged day
    ["Thứ Ba, 08/12/2026", "14:00", "Tiếp công dân", "Đ/c Trần Thị Bình", "", "Phòng tiếp dân"],
    ["Thứ Hai, 14/12/2026", "08:00", "Họp tuần sau", "Đ/c Nguyễn Văn An", "", ""],
]


def xlsx(tmp_path, rows, title="LỊCH CÔNG TÁC TUẦN 50"):
    book = Workbook()
    sheet = book.active
    sheet.append([title])  # offices put a title above the table
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    path = tmp_path / "lich.xlsx"
    book.save(path)
    return path


def run(path, *args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("import_schedule", str(path), *args, stdout=out, stderr=err)
        code = 0
    except CommandError as exc:
        code, err = exc.returncode, StringIO(err.getvalue() + str(exc))
    return code, out.getvalue(), err.getvalue()


def test_excel_table_is_imported_and_published_by_week(tmp_path, schedule_page):
    code, out, err = run(xlsx(tmp_path, GOOD_ROWS))
    assert (code, err) == (0, "")
    assert "Đã nhập 2 tuần: 4 buổi mới" in out
    published = ScheduleEntry.objects.published(schedule_page)
    assert [(e.date, e.start_time, e.end_time, e.content) for e in published] == [
        (THIS_MONDAY, datetime.time(7, 30), None, "Chào cờ đầu tuần"),
        (THIS_MONDAY, datetime.time(8), datetime.time(11), "Giao ban UBND"),
        (datetime.date(2026, 12, 8), datetime.time(14), None, "Tiếp công dân"),
        (datetime.date(2026, 12, 14), datetime.time(8), None, "Họp tuần sau"),
    ]
    assert published[0].chair == "Đ/c Nguyễn Văn An" and published[0].location == "Sân UBND"
    assert sorted(ScheduleWeekPage.objects.values_list("slug", flat=True)) == ["2026-w50", "2026-w51"]


def test_importing_the_same_file_again_changes_nothing(tmp_path, schedule_page):
    path = xlsx(tmp_path, GOOD_ROWS)
    run(path)
    rows = set(ScheduleEntry.objects.values_list("pk", "uid"))
    code, out, _ = run(path)
    assert code == 0 and "0 buổi mới, 0 buổi cập nhật, 4 buổi không đổi" in out
    # The same rows, not deleted and inserted again: nothing in the history, no cancellation in the feeds.
    assert set(ScheduleEntry.objects.values_list("pk", "uid")) == rows
    assert not ScheduleEntry.objects.filter(sequence__gt=0).exists()
    assert not ScheduleChange.objects.exists()


def test_bad_rows_are_reported_by_number_the_rest_imported_exit_status_1(tmp_path, schedule_page):
    rows = [
        GOOD_ROWS[0],
        ["Thứ Ba, 31/02/2026", "08:00", "Ngày không có", "", "", ""],
        ["Thứ Ba, 08/12/2026", "25:00", "Giờ sai", "", "", ""],
        ["Thứ Ba, 08/12/2026", "09:00", "", "", "", ""],
        ["hôm nay", "09:00", "Ngày sai", "", "", ""],
        GOOD_ROWS[2],
    ]
    code, out, err = run(xlsx(tmp_path, rows))
    assert code == 1
    assert "Dòng 4: không có ngày 31/02/2026" in err
    assert "Dòng 5: giờ không đúng dạng “07:30”: 25:00" in err
    assert "Dòng 6: thiếu nội dung" in err
    assert "Dòng 7: ngày không đúng dạng" in err
    assert "4 dòng không nhập được." in err
    assert sorted(ScheduleEntry.objects.published(schedule_page).values_list("content", flat=True)) == [
        "Chào cờ đầu tuần",
        "Tiếp công dân",
    ]


def test_draft_leaves_the_week_for_approval(tmp_path, schedule_page):
    code, out, _ = run(xlsx(tmp_path, GOOD_ROWS[:1]), "--draft")
    assert code == 0 and "bản nháp chờ duyệt" in out
    week = ScheduleWeekPage.objects.get()
    assert not week.live and week.has_unpublished_changes
    assert not ScheduleEntry.objects.published(schedule_page).exists()
    assert [e.content for e in week.get_latest_revision_as_object().entries.all()] == ["Chào cờ đầu tuần"]


def test_csv_for_another_site(tmp_path, schedule_page, other_site):
    from schedule.models import SchedulePage

    path = tmp_path / "lich.csv"
    lines = [";".join(HEADER), "Thứ Tư, 09/12/2026;07:30;Họp Bãi Cháy;Đ/c Lê Văn Cường;;Hội trường"]
    path.write_text("\ufeff" + "\n".join(lines), encoding="utf-8")
    code, _, _ = run(path, "--site", "baichay.localhost")
    assert code == 0
    other = SchedulePage.objects.child_of(other_site.root_page).get()
    assert [e.content for e in ScheduleEntry.objects.published(other)] == ["Họp Bãi Cháy"]
    assert not ScheduleEntry.objects.published(schedule_page).exists()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"PK\x03\x04 not really a zip", "lich.xlsx", "không đọc được tệp Excel"),
        (b"Ngay,Gio\n1,2\n", "lich.csv", "không thấy dòng tiêu đề"),
        (b"", "lich.csv", "không thấy dòng tiêu đề"),
        (b"x", "lich.pdf", "chỉ nhận tệp .xlsx hoặc .csv"),
    ],
)
def test_unreadable_files_are_refused_in_vietnamese(tmp_path, schedule_page, content, name, message):
    path = tmp_path / name
    path.write_bytes(content)
    code, _, err = run(path)
    assert code == 1 and message in err


def test_unknown_site_is_refused(tmp_path, schedule_page):
    code, _, err = run(xlsx(tmp_path, GOOD_ROWS), "--site", "khong-co.example")
    assert code == 1 and "không có trang lịch công tác" in err
