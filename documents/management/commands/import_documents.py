from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.importing import ImportCommand
from documents import ocr
from documents.importing import DocumentImporter, site_for


class Command(ImportCommand):
    help = _(
        "Nhập văn bản từ tệp JSON Lines (mỗi dòng một văn bản, tệp đính kèm theo đường dẫn tính từ thư mục của "
        "tệp nhập). Nhập lại cùng tệp sẽ cập nhật, không tạo văn bản trùng."
    )
    summary = gettext_lazy(
        "Đã nhập: %(created)d văn bản mới, %(updated)d cập nhật, %(unchanged)d không đổi, %(failed)d dòng lỗi."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("đường dẫn tệp .jsonl"))
        parser.add_argument("--site", dest="hostname", help=_("tên miền của trang phường, xã nhận văn bản"))

    def handle(self, *args, file, hostname=None, **options):
        site = site_for(hostname)
        if site is None:
            raise CommandError(_("Không có trang phường, xã nào với tên miền %(host)s.") % {"host": hostname or "-"})
        lines = self.read(file)
        importer = DocumentImporter(site, Path(file).resolve().parent)
        with self.progress(len(lines)) as progress:
            report = importer.import_lines(lines, progress=progress)
        # Scans among the files: read by OCR here, off the web request (nothing happens without Tesseract).
        read, unread = ocr.run(page_ids=report.page_ids) if report.page_ids else (0, 0)
        if read or unread:
            self.stdout.write(
                _("Nhận dạng chữ (OCR): %(read)d tệp bản quét đã đọc, %(unread)d tệp không đọc được.")
                % {"read": read, "unread": unread}
            )
        self.finish(report)
