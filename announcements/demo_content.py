"""Demo announcements of our own writing for the demo wards (load_demo_content calls load). Their dates are
counted from the day the demo is loaded, so the home page's block shows some and the archive holds others."""

import datetime

from django.utils.translation import gettext as _

from announcements.models import AnnouncementIndexPage, AnnouncementPage, local_today

# (ward key, title, days before today it was made, days after today it is shown until, lead, body)
DEMO_ANNOUNCEMENTS = [
    (
        "honggai",
        "Tạm ngừng cấp nước khu phố 3 để sửa đường ống",
        1,
        2,
        "Khu phố 3 tạm ngừng cấp nước từ 8 giờ đến 16 giờ để thay đoạn ống chính bị rò rỉ.",
        "<p>Đơn vị cấp nước thay đoạn ống chính trên phố Bến Đoan. Các hộ dân khu phố 3 chủ động trữ nước "
        "trước 8 giờ sáng.</p><ul><li>Thời gian: từ 8 giờ đến 16 giờ.</li>"
        "<li>Khu vực: các ngõ số 12 đến số 30.</li></ul>",
    ),
    (
        "honggai",
        "Tiếp nhận hồ sơ đăng ký hộ kinh doanh ngoài giờ hành chính",
        3,
        25,
        "Bộ phận một cửa phường nhận hồ sơ vào sáng thứ Bảy trong tháng này.",
        "<p>Để thuận tiện cho người dân, Bộ phận một cửa phường tiếp nhận hồ sơ đăng ký hộ kinh doanh vào "
        "sáng thứ Bảy, từ 7 giờ 30 đến 11 giờ 30.</p><p>Người dân mang theo căn cước và giấy tờ về địa điểm "
        "kinh doanh.</p>",
    ),
    (
        "honggai",
        "Lịch tiêm vắc xin phòng bệnh dại cho chó, mèo",
        20,
        -10,
        "Tổ dân phố đưa chó, mèo đến điểm tiêm tại nhà văn hoá khu 5.",
        "<p>Thú y phường tổ chức tiêm vắc xin phòng bệnh dại cho chó, mèo tại nhà văn hoá khu 5. "
        "Chủ vật nuôi mang theo sổ theo dõi tiêm phòng nếu có.</p>",
    ),
    (
        "baichay",
        "Điều chỉnh giờ đón khách tại bến tàu du lịch",
        2,
        12,
        "Bến tàu du lịch mở cửa đón khách từ 6 giờ 30 trong mùa lễ hội.",
        "<p>Ban quản lý bến tàu điều chỉnh giờ đón khách để giảm ùn tắc trên đường Hạ Long. "
        "Người dân và du khách lưu ý sắp xếp thời gian.</p>",
    ),
    (
        "baichay",
        "Ra quân làm sạch bãi tắm sáng Chủ nhật",
        15,
        -5,
        "Các tổ dân phố ven biển cùng đoàn viên thanh niên ra quân làm sạch bãi tắm.",
        "<p>Mỗi tổ dân phố cử ít nhất mười người tham gia, tập trung lúc 6 giờ tại cổng bãi tắm.</p>",
    ),
]


def load(sites):
    """Publish the demo announcements each demo ward does not have yet (by title); running it twice adds none."""
    today = local_today()
    created = 0
    for key, title, days_ago, days_shown, lead, body in DEMO_ANNOUNCEMENTS:
        site = sites.get(key)
        section = AnnouncementIndexPage.objects.child_of(site.root_page).first() if site else None
        if section is None or AnnouncementPage.objects.child_of(section).filter(title=title).exists():
            continue
        page = AnnouncementPage(
            title=title,
            published_on=today - datetime.timedelta(days=days_ago),
            shown_until=today + datetime.timedelta(days=days_shown),
            lead=lead,
            body=body,
        )
        section.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    return _("Thông báo mẫu: %(count)d thông báo mới.") % {"count": created}
