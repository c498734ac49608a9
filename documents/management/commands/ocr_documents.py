from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from documents import ocr


class Command(BaseCommand):
    help = _(
        "Nhận dạng chữ (OCR, Tesseract tiếng Việt) trong các tệp PDF bản quét của văn bản chưa được đọc, để tìm kiếm "
        "thấy nội dung. Chạy định kỳ (cron); không có Tesseract thì không làm gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=None, help=_("đọc nhiều nhất chừng này tệp mỗi lần chạy"))

    def handle(self, *args, limit=None, verbosity=1, **options):
        if not ocr.available():
            self.stdout.write(
                _("Chưa cài Tesseract với dữ liệu tiếng Việt (gói tesseract-ocr-vie): các bản quét giữ nguyên.")
            )
            return

        def report(attached, pages, error):
            name = attached.document.file.name.rsplit("/", 1)[-1]
            if error:
                self.stderr.write(_("%(file)s: không nhận dạng được (%(error)s)") % {"file": name, "error": error})
            elif verbosity > 1:
                self.stdout.write(_("%(file)s: %(pages)d trang") % {"file": name, "pages": len(pages)})

        done, failed = ocr.run(limit=limit, report=report)
        self.stdout.write(
            _("Đã nhận dạng chữ %(done)d tệp bản quét, %(failed)d tệp lỗi.") % {"done": done, "failed": failed}
        )
