from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from schedule.importing import FileError, ScheduleImporter, read_rows


class Command(BaseCommand):
    help = _(
        "Nhập lịch công tác tuần từ tệp Excel (.xlsx) hoặc .csv có dòng tiêu đề Thứ/Ngày, Giờ, Nội dung, Chủ trì, "
        "Thành phần, Địa điểm. Nhập lại cùng tệp không tạo lịch trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("đường dẫn tệp .xlsx hoặc .csv"))
        parser.add_argument("--site", dest="hostname", help=_("tên miền của trang phường, xã nhận lịch"))
        parser.add_argument("--draft", action="store_true", help=_("chỉ lưu bản nháp để duyệt, không xuất bản ngay"))

    def handle(self, *args, file, hostname=None, draft=False, **options):
        try:
            importer = ScheduleImporter(hostname=hostname, draft=draft)
            rows = read_rows(file)
            report = importer.import_rows(rows)
        except OSError as exc:
            raise CommandError(_("Không đọc được tệp %(file)s: %(error)s") % {"file": file, "error": exc}) from exc
        except FileError as exc:
            raise CommandError(_("Tệp %(file)s: %(error)s") % {"file": file, "error": exc}) from exc

        for number, reason in report.errors:
            self.stderr.write(_("Dòng %(line)d: %(reason)s") % {"line": number, "reason": reason})
        summary = _(
            "Đã nhập %(weeks)d tuần: %(created)d buổi mới, %(updated)d buổi cập nhật, %(unchanged)d buổi không đổi, "
            "%(failed)d dòng lỗi%(draft)s."
        )
        self.stdout.write(
            summary
            % {
                "weeks": len(report.weeks),
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "failed": len(report.errors),
                "draft": _(" (bản nháp chờ duyệt)") if draft else "",
            }
        )
        if not report.ok:
            raise CommandError(_("%(count)d dòng không nhập được.") % {"count": len(report.errors)}, returncode=1)
