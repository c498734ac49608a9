"""Demo questions and answers of our own writing for the demo wards (load_demo_content calls load): published
answers only, as a moderator leaves them (edited, with no asker's name or contact), so /hoi-dap/ and the search
have something to show. No real citizen's question."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from core.text import vn_slugify
from questions.models import QuestionIndexPage, QuestionPage, Topic

# (ward key, topic, title, question, answer, answered by, days before the demo is loaded it was answered)
DEMO_QUESTIONS = [
    (
        "honggai",
        "Hộ tịch, cư trú",
        "Đăng ký khai sinh cho con khi cha mẹ chưa đăng ký kết hôn",
        "Vợ chồng tôi chưa đăng ký kết hôn thì có đăng ký khai sinh cho con được không, cần mang giấy tờ gì?",
        "Được. Người đi đăng ký mang giấy chứng sinh của cháu và giấy tờ tùy thân của cha, mẹ đến Bộ phận một cửa "
        "phường. Nếu người cha muốn ghi tên trong giấy khai sinh thì làm thủ tục nhận cha con cùng lúc.",
        "Bộ phận Tư pháp – Hộ tịch phường",
        12,
    ),
    (
        "honggai",
        "Môi trường, đô thị",
        "Giờ thu gom rác ở các ngõ nhỏ khu 3",
        "Xe thu gom rác không vào được các ngõ nhỏ ở khu 3, các hộ phải để rác ở đâu và vào giờ nào?",
        "Các hộ trong ngõ nhỏ để rác tại điểm tập kết đầu ngõ từ 17 giờ đến 19 giờ hằng ngày; công nhân đẩy xe "
        "thu gom vào các ngõ từ 19 giờ. Không để rác ra đầu ngõ vào ban ngày.",
        "Bộ phận Quản lý đô thị phường",
        5,
    ),
    (
        "baichay",
        "Chính sách xã hội",
        "Hỗ trợ tiền điện cho hộ nghèo",
        "Gia đình tôi thuộc hộ nghèo, năm nay có được hỗ trợ tiền điện không và nhận ở đâu?",
        "Hộ nghèo có tên trong danh sách đã được phường công nhận được hỗ trợ tiền điện theo quý. Chủ hộ nhận tại "
        "Bộ phận Lao động – Thương binh và Xã hội phường, mang theo căn cước.",
        "Bộ phận Văn hoá – Xã hội phường",
        8,
    ),
]


def load(sites):
    """Publish the demo answers each demo ward does not have yet (by title); running it twice adds none."""
    now = timezone.now()
    created = 0
    for key, topic_name, title, question, answer, answered_by, days_ago in DEMO_QUESTIONS:
        site = sites.get(key)
        index = QuestionIndexPage.objects.child_of(site.root_page).first() if site else None
        if index is None or QuestionPage.objects.child_of(index).filter(title=title).exists():
            continue
        page = QuestionPage(
            title=title,
            slug=vn_slugify(title, 60),
            topic=Topic.objects.filter(site=site, name=topic_name).first(),
            question=question,
            answer=answer,
            answered_by=answered_by,
            answered_at=now - datetime.timedelta(days=days_ago),
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    return _("Hỏi đáp mẫu: %(count)d câu hỏi đã trả lời mới.") % {"count": created}
