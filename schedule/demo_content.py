"""The demo wards' schedule: this week and the next, written for the demo (load_demo_content calls load).
The chairs are the demo leaders of each ward's "Giới thiệu" section (wardinfo.demo.content), linked to them."""

import datetime

from django.utils.translation import gettext as _

from schedule.chairs import current_leaders, leader_named
from schedule.models import ScheduleEntry, SchedulePage, ScheduleWeekPage
from schedule.weeks import Week
from wardinfo.demo.content import WARDS

# The chair column names a post; each ward's demo leader in that post (the order of wardinfo's demo) chairs.
POSTS = {"Đ/c Bí thư Đảng uỷ": 0, "Đ/c Chủ tịch UBND": 1, "Đ/c Phó Chủ tịch UBND": 2}

# (weekday 0-6, start, end, content, chair, participants, location, preparing unit, recurring)
DEMO_WEEK = [
    (
        0,
        "07:30",
        "08:00",
        "Chào cờ đầu tuần",
        "Đ/c Bí thư Đảng uỷ",
        "Toàn thể cán bộ, công chức phường",
        "Sân trụ sở UBND",
        "Văn phòng HĐND-UBND",
        True,
    ),
    (
        0,
        "08:00",
        "11:00",
        "Giao ban Thường trực Đảng uỷ, lãnh đạo HĐND, UBND phường",
        "Đ/c Bí thư Đảng uỷ",
        "Thường trực Đảng uỷ; lãnh đạo HĐND, UBND; Chủ tịch UBMTTQ phường",
        "Phòng họp tầng 2",
        "Văn phòng Đảng uỷ",
        True,
    ),
    (
        0,
        "14:00",
        "17:00",
        "Kiểm tra công tác vệ sinh môi trường các tuyến phố chính",
        "Đ/c Phó Chủ tịch UBND",
        "Phòng Kinh tế, Hạ tầng và Đô thị; trưởng các khu phố",
        "Các khu phố 1, 2, 3",
        "Phòng Kinh tế, Hạ tầng và Đô thị",
        False,
    ),
    (
        1,
        "08:00",
        "11:00",
        "Tiếp công dân định kỳ",
        "Đ/c Chủ tịch UBND",
        "Thanh tra; Văn phòng HĐND-UBND; các cơ quan liên quan",
        "Phòng tiếp công dân",
        "Văn phòng HĐND-UBND",
        True,
    ),
    (
        1,
        "14:00",
        None,
        "Họp Ban Chỉ đạo chuyển đổi số phường",
        "Đ/c Chủ tịch UBND",
        "Thành viên Ban Chỉ đạo; Tổ công nghệ số cộng đồng",
        "Hội trường UBND",
        "Văn phòng HĐND-UBND",
        False,
    ),
    (
        2,
        "07:30",
        "11:00",
        "Dự hội nghị trực tuyến của Tỉnh về cải cách thủ tục hành chính",
        "Đ/c Chủ tịch UBND",
        "Lãnh đạo UBND; Trung tâm Phục vụ hành chính công",
        "Điểm cầu phường",
        "Văn phòng HĐND-UBND",
        False,
    ),
    (
        2,
        "14:00",
        "16:30",
        "Làm việc với Ban Quản lý chợ về phòng cháy chữa cháy",
        "Đ/c Phó Chủ tịch UBND",
        "Công an phường; Ban Quản lý chợ",
        "Chợ trung tâm",
        "Công an phường",
        False,
    ),
    (
        3,
        "08:00",
        "11:00",
        "Sinh hoạt chuyên đề chi bộ cơ quan",
        "Đ/c Bí thư Đảng uỷ",
        "Đảng viên chi bộ cơ quan",
        "Hội trường UBND",
        "Văn phòng Đảng uỷ",
        False,
    ),
    (
        3,
        "14:00",
        None,
        "Họp giải quyết kiến nghị của hộ dân khu 5 về thoát nước",
        "Đ/c Phó Chủ tịch UBND",
        "Phòng Kinh tế, Hạ tầng và Đô thị; trưởng khu 5; đại diện hộ dân",
        "Nhà văn hoá khu 5",
        "Phòng Kinh tế, Hạ tầng và Đô thị",
        False,
    ),
    (
        4,
        "08:00",
        "10:00",
        "Giao ban công tác an ninh trật tự",
        "Đ/c Chủ tịch UBND",
        "Công an phường; Ban Chỉ huy Quân sự phường",
        "Phòng họp tầng 2",
        "Công an phường",
        True,
    ),
    (
        4,
        "14:00",
        "16:00",
        "Duyệt chương trình công tác tuần sau",
        "Đ/c Chủ tịch UBND",
        "Lãnh đạo UBND; Văn phòng HĐND-UBND",
        "Phòng họp tầng 2",
        "Văn phòng HĐND-UBND",
        True,
    ),
    (
        5,
        "07:00",
        "10:00",
        "Ra quân tổng vệ sinh ngày thứ Bảy xanh",
        "Đ/c Phó Chủ tịch UBND",
        "Đoàn Thanh niên; Hội Phụ nữ; nhân dân các khu phố",
        "Bờ biển và các tuyến phố",
        "Đoàn Thanh niên phường",
        False,
    ),
    (
        6,
        "07:30",
        "17:00",
        "Lãnh đạo trực cơ quan ngày nghỉ",
        "Đ/c Phó Chủ tịch UBND",
        "Công chức trực theo phân công",
        "Trụ sở UBND phường",
        "Văn phòng HĐND-UBND",
        True,
    ),
]


def _chair(post, site):
    ward = WARDS.get(site.hostname)
    if ward is None:
        return post
    return f"Đ/c {ward['leaders'][POSTS[post]]['title']}"


def _rows(monday, site):
    leaders = current_leaders(site.root_page)
    for weekday, start, end, content, post, participants, location, unit, recurring in DEMO_WEEK:
        chair = _chair(post, site)
        leader = leader_named(chair, leaders)
        yield ScheduleEntry(
            date=monday + datetime.timedelta(days=weekday),
            start_time=datetime.time.fromisoformat(start),
            end_time=datetime.time.fromisoformat(end) if end else None,
            content=content,
            chair=chair,
            chair_leader_id=leader.pk if leader else None,
            participants=participants,
            location=location,
            preparing_unit=unit,
            recurring=recurring,
        )


def load(sites):
    """Publish this week's and next week's demo schedule for each demo ward that has none yet."""
    created = 0
    for site in sites.values():
        schedule = SchedulePage.objects.child_of(site.root_page).first()
        if schedule is None:
            continue
        for week in (Week.current(), Week.current().next()):
            if ScheduleWeekPage.objects.child_of(schedule).filter(week_start=week.monday).exists():
                continue
            page = ScheduleWeekPage(week_start=week.monday, title=week.label(), slug=week.iso.lower(), live=False)
            page.entries = list(_rows(week.monday, site))
            schedule.add_child(instance=page)
            page.save_revision().publish()
            created += 1
    return _("Lịch công tác mẫu: %(count)d tuần mới.") % {"count": created}
