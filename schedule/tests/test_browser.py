"""The schedule in a real browser: readable on a phone and a wide screen (axe), one A4 landscape page in print."""

import datetime
import re

import pytest

from schedule.tests.conftest import THIS_MONDAY, entry_values

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TOPICS = [
    "Họp giao ban Thường trực Đảng uỷ, lãnh đạo HĐND, UBND phường đánh giá kết quả công tác tuần",
    "Tiếp công dân định kỳ theo Luật Tiếp công dân",
    "Kiểm tra công tác vệ sinh môi trường, trật tự đô thị tại các tuyến phố chính và khu dân cư",
    "Dự hội nghị trực tuyến của Tỉnh về chuyển đổi số, Đề án 06 và cải cách thủ tục hành chính",
    "Làm việc với Ban Quản lý chợ về phòng cháy chữa cháy cuối năm",
    "Họp Ban Chỉ đạo giải phóng mặt bằng dự án đường ven biển, giải quyết kiến nghị của các hộ dân",
    "Dự sinh hoạt chi bộ khu phố",
]
GROUPS = [
    "Lãnh đạo UBND phường",
    "Văn phòng HĐND-UBND; Công an phường; Ban Chỉ huy Quân sự",
    "Lãnh đạo UBND; Văn phòng HĐND-UBND; các ban, ngành, đoàn thể; bí thư chi bộ, trưởng khu",
]
PEOPLE = ["Đ/c Nguyễn Văn An – Bí thư Đảng uỷ", "Đ/c Trần Thị Bình – Chủ tịch UBND", "Đ/c Lê Văn Cường – PCT UBND"]


def busy_week(count=40):
    rows = []
    for n in range(count):
        day = THIS_MONDAY + datetime.timedelta(days=n % 6)
        rows.append(
            entry_values(
                day,
                f"{7 + (n // 6) % 10:02d}:{'30' if n % 2 else '00'}",
                TOPICS[n % len(TOPICS)],
                chair=PEOPLE[n % len(PEOPLE)],
                end_time=datetime.time(11, 30) if n % 3 == 0 else None,
                participants=GROUPS[n % len(GROUPS)],
                location="Hội trường UBND phường" if n % 2 else "Phòng họp tầng 2",
                preparing_unit="Văn phòng HĐND-UBND",
                notes="Đề nghị các thành phần đến đúng giờ" if n % 5 == 0 else "",
            )
        )
    return rows


def serious(violations):
    return [v["id"] for v in violations if v.get("impact") in {"serious", "critical"}]


def count_pdf_pages(data):
    try:
        from pypdf import PdfReader
    except ImportError:  # Chromium writes plain page objects: each page is one "/Type /Page" dictionary
        return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    import io

    return len(PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("linked", [False, True], ids=["chairs-typed", "chairs-linked"])
def test_a_week_of_40_entries_prints_on_one_a4_landscape_page(
    live_server, page, publish_week, record_property, make_leader, ward_site, linked
):
    rows = busy_week(40)
    if linked:
        # Linked chairs show the leader's full position, longer than the abbreviations offices type.
        leaders = [
            make_leader(ward_site, "Nguyễn Văn An", "Bí thư Đảng uỷ phường"),
            make_leader(ward_site, "Trần Thị Bình", "Chủ tịch Uỷ ban nhân dân phường"),
            make_leader(ward_site, "Lê Văn Cường", "Phó Chủ tịch Uỷ ban nhân dân phường"),
        ]
        for n, row in enumerate(rows):
            row["chair_leader"] = leaders[n % len(leaders)]
    publish_week(THIS_MONDAY, rows)
    page.goto(live_server.url + "/lich-cong-tac/")
    assert page.locator(".schedule-entry").count() == 40
    if linked:
        assert page.locator(".schedule-entry a", has_text="Lê Văn Cường").count() == 13
    pdf = page.pdf(prefer_css_page_size=True, print_background=False)
    pages = count_pdf_pages(pdf)
    record_property("print_pages_for_40_entries", pages)
    print(f"40 entries ({'linked' if linked else 'typed'} chairs) print on {pages} page(s)")
    assert pages == 1
    width, height = (float(v) for v in re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", pdf).groups())
    assert (round(width), round(height)) == (842, 595)  # A4 landscape in points


def test_schedule_is_accessible_on_a_phone_and_a_wide_screen(live_server, page, axe, publish_week):
    publish_week(THIS_MONDAY, busy_week(8))
    page.goto(live_server.url + "/lich-cong-tac/")
    assert serious(axe(page)) == []
    # On a phone each entry is a block under its day; no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.locator(".schedule-table thead").is_hidden()
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.locator(".schedule-table thead").is_visible()
    assert serious(axe(page)) == []
    page.select_option("#schedule-leader", label=PEOPLE[1])
    page.get_by_role("button", name="Xem lịch").click()
    page.wait_for_load_state()
    assert page.locator(".schedule-entry").count() == len([n for n in range(8) if n % 3 == 1])
