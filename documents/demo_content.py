"""Demo documents of our own writing, with PDFs made by documents.pdfgen (no real ward's documents);
load_demo_content calls load."""

import json
import tempfile
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from documents.importing import DocumentImporter
from documents.pdfgen import make_pdf

# (site hostname, record as import_documents reads it, pages of the PDF)
DEMO_DOCUMENTS = [
    (
        "localhost",
        {
            "number": "12/KH-UBND",
            "type": "Kế hoạch",
            "issuer": "UBND phường Hồng Gai",
            "signer": "Trần Minh Đức",
            "issued": "2025-02-14",
            "field": "Phòng chống thiên tai",
            "summary": "Kế hoạch phòng chống thiên tai và tìm kiếm cứu nạn năm 2025 trên địa bàn phường",
        },
        [
            [
                "KẾ HOẠCH phòng chống thiên tai và tìm kiếm cứu nạn năm 2025",
                "I. Mục đích, yêu cầu: chủ động phòng ngừa, ứng phó kịp thời, giảm thiểu thiệt hại do bão, "
                "mưa lớn, sạt lở đất gây ra; bảo đảm an toàn cho người dân các tổ dân phố ven biển.",
            ],
            [
                "II. Nhiệm vụ: mỗi tổ dân phố chuẩn bị bao cát, đèn pin, áo phao; rà soát các hộ ở khu vực "
                "có nguy cơ sạt lở; tổ chức diễn tập sơ tán trước mùa mưa bão.",
                "III. Tổ chức thực hiện: Ban Chỉ huy phòng chống thiên tai phường chủ trì, các tổ dân phố phối hợp.",
            ],
        ],
    ),
    (
        "localhost",
        {
            "number": "15/QĐ-UBND",
            "type": "Quyết định",
            "issuer": "UBND phường Hồng Gai",
            "signer": "Trần Minh Đức",
            "issued": "2025-03-03",
            "field": "Hành chính",
            "summary": "Về việc ban hành Quy chế tiếp công dân tại Bộ phận một cửa phường",
        },
        [
            [
                "QUYẾT ĐỊNH về việc ban hành Quy chế tiếp công dân",
                "Điều 1. Ban hành kèm theo Quyết định này Quy chế tiếp công dân tại Bộ phận một cửa phường.",
                "Điều 2. Lịch tiếp công dân: sáng thứ Năm hằng tuần, từ 7 giờ 30 đến 11 giờ 30.",
            ]
        ],
    ),
    (
        "localhost",
        {
            "number": "40/QĐ-UBND",
            "type": "Quyết định",
            "issuer": "UBND phường Hồng Gai",
            "signer": "Trần Minh Đức",
            "issued": "2025-09-02",
            "field": "Hành chính",
            "summary": "Về việc sửa đổi, bổ sung Quy chế tiếp công dân ban hành kèm theo Quyết định số 15/QĐ-UBND",
            "amends": ["15/QĐ-UBND"],
        },
        [["Điều 1. Sửa đổi lịch tiếp công dân: thêm buổi chiều thứ Ba hằng tuần, từ 14 giờ đến 16 giờ 30."]],
    ),
    (
        "localhost",
        {
            "number": "03/NQ-HĐND",
            "type": "Nghị quyết",
            "issuer": "HĐND phường Hồng Gai",
            "signer": "Lê Thị Hoa",
            "issued": "2024-12-20",
            "effective": "2025-01-01",
            "expires": "2025-12-31",
            "field": "Tài chính – Ngân sách",
            "summary": "Về dự toán thu, chi ngân sách phường năm 2025",
        },
        [["NGHỊ QUYẾT về dự toán thu, chi ngân sách phường năm 2025, giao Uỷ ban nhân dân phường tổ chức thực hiện."]],
    ),
    (
        "localhost",
        {
            "number": "08/TB-UBND",
            "type": "Thông báo",
            "issuer": "UBND phường Hồng Gai",
            "signer": "Phạm Văn Hùng",
            "issued": "2025-04-10",
            "field": "Văn hoá – Xã hội",
            "summary": "Thông báo lịch tiêm chủng mở rộng quý II năm 2025 tại Trạm y tế phường",
        },
        [["Trạm y tế phường tổ chức tiêm chủng cho trẻ em dưới 5 tuổi vào ngày 25 hằng tháng."]],
    ),
    (
        "baichay.localhost",
        {
            "number": "21/KH-UBND",
            "type": "Kế hoạch",
            "issuer": "UBND phường Bãi Cháy",
            "signer": "Vũ Quang Huy",
            "issued": "2025-05-05",
            "field": "Văn hoá – Xã hội",
            "summary": "Kế hoạch bảo đảm vệ sinh môi trường bãi tắm mùa du lịch năm 2025",
        },
        [["Các tổ dân phố ven biển ra quân làm sạch bãi tắm vào sáng Chủ nhật cuối mỗi tháng."]],
    ),
]


def load(sites):
    """Import the demo documents of each demo ward (`sites`: key → Site) through the importer, with their PDFs
    made afresh; importing again changes nothing."""
    by_hostname = {site.hostname: site for site in sites.values()}
    lines = []
    with tempfile.TemporaryDirectory(prefix="van-ban-mau-") as folder:
        by_site = {}
        for position, (hostname, record, pages) in enumerate(DEMO_DOCUMENTS, start=1):
            name = f"van-ban-{position}.pdf"
            (Path(folder) / name).write_bytes(make_pdf(pages))
            by_site.setdefault(hostname, []).append(json.dumps({**record, "files": [name]}, ensure_ascii=False))
        for hostname, records in by_site.items():
            site = by_hostname.get(hostname)
            if site is None:
                continue
            report = DocumentImporter(site, folder).import_lines(list(enumerate(records, start=1)))
            if not report.ok:
                reasons = "; ".join(f"{number}: {reason}" for number, reason in report.errors)
                raise CommandError(
                    _("Không nạp được văn bản mẫu của %(host)s: %(reasons)s") % {"host": hostname, "reasons": reasons}
                )
            lines.append(
                _("%(host)s: %(created)d văn bản mẫu mới, %(kept)d đã có.")
                % {"host": hostname, "created": report.created, "kept": report.updated + report.unchanged}
            )
    return "\n".join(lines)
