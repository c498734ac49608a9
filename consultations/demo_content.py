"""Demo drafts of our own writing for the demo wards (load_demo_content calls load): in each ward one open for
comment and one closed with its response report, their windows counted from the moment the demo is loaded, the
draft files as PDFs made by documents.pdfgen, and a few approved comments. No real ward's draft or comment."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from consultations.models import Comment, ConsultationFile, ConsultationIndexPage, ConsultationPage
from documents.pdfgen import make_pdf
from editorial.roles import site_collection

# (ward key, title, days from now it opened, days from now it closes, drafting unit, summary, parts,
#  the draft's text, approved comments (public name, organisation, part, text), response text or "")
DEMO_DRAFTS = [
    (
        "honggai",
        "Dự thảo Quy chế quản lý vỉa hè, lòng đường trên địa bàn phường Hồng Gai",
        -5,
        25,
        "Văn phòng HĐND và UBND phường",
        "Dự thảo quy định việc sử dụng tạm thời một phần vỉa hè để trông giữ xe, bán hàng và tổ chức việc hiếu, "
        "hỷ; phần vỉa hè dành cho người đi bộ; trách nhiệm của tổ dân phố và hộ kinh doanh.\n"
        "Phường mong nhận góp ý của người dân, hộ kinh doanh và các tổ chức trên địa bàn.",
        "Điều 1. Phạm vi điều chỉnh\nĐiều 2. Đối tượng áp dụng\nĐiều 3. Phần vỉa hè dành cho người đi bộ\n"
        "Điều 4. Sử dụng tạm thời vỉa hè\nĐiều 5. Trách nhiệm của tổ dân phố",
        [
            ["Điều 3. Vỉa hè rộng từ 3 mét trở lên dành tối thiểu 1,5 mét cho người đi bộ."],
            ["Điều 4. Hộ kinh doanh đăng ký với Ủy ban nhân dân phường trước khi sử dụng tạm thời vỉa hè."],
        ],
        [
            (
                "Bà Trần Thị M., tổ dân phố 7",
                "",
                "Điều 3. Phần vỉa hè dành cho người đi bộ",
                "Đề nghị ghi rõ phần 1,5 mét tính từ mép bó vỉa, để các hộ không đặt biển quảng cáo sát lòng đường.",
            ),
            (
                "Ông Phạm Văn T.",
                "Hội Doanh nghiệp nhỏ và vừa phường",
                "Điều 4. Sử dụng tạm thời vỉa hè",
                "Đề nghị cho phép đăng ký trực tuyến và trả lời trong ba ngày làm việc.",
            ),
        ],
        "",
    ),
    (
        "honggai",
        "Dự thảo Kế hoạch chỉnh trang các tuyến ngõ khu 4",
        -60,
        -30,
        "Ban Quản lý dự án phường",
        "Dự thảo kế hoạch lát lại mặt ngõ, làm rãnh thoát nước và lắp đèn chiếu sáng cho sáu tuyến ngõ khu 4, "
        "với phần đóng góp tự nguyện của các hộ dân.",
        "",
        [["Sáu tuyến ngõ khu 4 được lát lại mặt, làm rãnh thoát nước và lắp đèn chiếu sáng."]],
        [
            (
                "Ông Lê Văn H., khu 4",
                "",
                "",
                "Đề nghị làm rãnh thoát nước trước khi lát mặt ngõ, tránh phải đào lại.",
            )
        ],
        "Phường nhận được 14 góp ý. Tiếp thu: làm rãnh thoát nước trước khi lát mặt ngõ; công khai phần đóng góp "
        "của từng hộ tại nhà văn hoá khu.\n"
        "Giải trình: phần đóng góp của các hộ là tự nguyện, phường không quy định mức tối thiểu.",
    ),
    (
        "baichay",
        "Dự thảo Quy định giữ gìn vệ sinh bãi tắm và khu vực ven biển",
        -3,
        18,
        "Văn phòng HĐND và UBND phường",
        "Dự thảo quy định việc thu gom rác tại bãi tắm, giờ hoạt động của các điểm kinh doanh ven biển và trách "
        "nhiệm của các tổ dân phố ven biển trong mùa du lịch.",
        "Điều 1. Phạm vi điều chỉnh\nĐiều 2. Thu gom rác tại bãi tắm\nĐiều 3. Điểm kinh doanh ven biển",
        [["Điều 2. Rác tại bãi tắm được thu gom trước 6 giờ và sau 19 giờ hằng ngày."]],
        [
            (
                "Ông Vũ Đức N.",
                "Tổ dân phố 2",
                "Điều 2. Thu gom rác tại bãi tắm",
                "Đề nghị đặt thêm thùng rác phân loại ở lối xuống bãi tắm gần bến tàu.",
            )
        ],
        "",
    ),
    (
        "baichay",
        "Dự thảo Phương án bố trí điểm trông giữ xe mùa lễ hội",
        -45,
        -20,
        "Công an phường",
        "Dự thảo phương án bố trí các điểm trông giữ xe tạm thời, giá trông giữ niêm yết và phân luồng giao thông "
        "trong những ngày diễn ra lễ hội.",
        "",
        [["Các điểm trông giữ xe tạm thời niêm yết giá và số điện thoại đường dây nóng."]],
        [],
        "Phường nhận được 9 góp ý. Tiếp thu: thêm một điểm trông giữ xe gần chợ; niêm yết giá bằng tiếng Việt "
        "và tiếng Anh.\nGiải trình: giá trông giữ theo quy định của tỉnh, phường không điều chỉnh.",
    ),
]


def _pdf(site, title, pages):
    document = get_document_model()(title=title, collection=site_collection(site))
    document.file.save(f"{title[:40]}.pdf", ContentFile(make_pdf(pages)), save=False)
    document.save()
    return document


def load(sites):
    """Publish the demo drafts each demo ward does not have yet (by title); running it twice adds none."""
    today = timezone.localdate()

    def at(days, hour, minute=0):  # office hours, Vietnam time
        moment = datetime.datetime.combine(today + datetime.timedelta(days=days), datetime.time(hour, minute))
        return timezone.make_aware(moment)

    created = 0
    for key, title, opened, closes, unit, summary, parts, pages, comments, response in DEMO_DRAFTS:
        site = sites.get(key)
        section = ConsultationIndexPage.objects.child_of(site.root_page).first() if site else None
        if section is None or ConsultationPage.objects.child_of(section).filter(title=title).exists():
            continue
        page = ConsultationPage(
            title=title,
            drafting_unit=unit,
            summary=summary,
            parts=parts,
            opens_at=at(opened, 7, 30),
            closes_at=at(closes, 17),
            response_text=response,
            response_file=_pdf(site, _("Báo cáo tiếp thu, giải trình – ") + title, [[response]]) if response else None,
        )
        page.files.add(ConsultationFile(document=_pdf(site, title, pages)))
        section.add_child(instance=page)
        page.save_revision().publish()
        for public_name, organisation, reference, text in comments:
            Comment.objects.create(
                site=site,
                consultation=page,
                full_name="",  # a demo comment has no sender to reach: nothing personal is made up
                organisation=organisation,
                reference=reference,
                text=text,
                consent_at=page.opens_at,
                status=Comment.Status.PUBLISHED,
                public_name=public_name,
                public_text=text,
                decided_at=page.opens_at,
                contacts_purged_at=page.opens_at,
            )
        created += 1
    return _("Lấy ý kiến dự thảo mẫu: %(count)d dự thảo mới.") % {"count": created}
