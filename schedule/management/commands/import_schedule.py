from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.importing import ImportCommand
from schedule.importing import FileError, ScheduleImporter, read_rows


class Command(ImportCommand):
    help = _(
        "Nhập lịch công tác tuần từ tệp Excel (.xlsx) hoặc .csv có dòng tiêu đề Thứ/Ngày, Giờ, Nội dung, Chủ trì, "
        "Thành phần, Địa điểm. Nhập lại cùng tệp không tạo lịch trùng."
    )
    summary = gettext_lazy(
        "Đã nhập %(weeks)d tuần: %(created)d buổi mới, %(updated)d buổi cập nhật, %(unchanged)d buổi không đổi, "
        "%(failed)d dòng lỗi%(draft)s."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("đường dẫn tệp .xlsx hoặc .csv"))
        parser.add_argument("--site", dest="hostname", help=_("tên miền của trang phường, xã nhận lịch"))
        parser.add_argument("--draft", action="store_true", help=_("chỉ lưu bản nháp để duyệt, không xuất bản ngay"))

    def handle(self, *args, file, hostname=None, draft=False, **options):
        # A spreadsheet, not lines of text: read_rows instead of core.importing.read_lines.
        try:
            importer = ScheduleImporter(hostname=hostname, draft=draft)
            rows = read_rows(file)
            report = importer.import_rows(rows)
        except OSError as exc:
            raise CommandError(_("Không đọc được tệp %(file)s: %(error)s") % {"file": file, "error": exc}) from exc
        except FileError as exc:
            raise CommandError(_("Tệp %(file)s: %(error)s") % {"file": file, "error": exc}) from exc
        self.finish(report, weeks=len(report.weeks), draft=_(" (bản nháp chờ duyệt)") if draft else "")
