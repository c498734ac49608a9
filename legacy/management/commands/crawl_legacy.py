from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from legacy.crawl import crawl


class Command(BaseCommand):
    help = _(
        "Lưu một cổng thông tin cũ thành bản lưu web (WARC) để nhập bằng import_legacy: tôn trọng robots.txt, "
        "nghỉ giữa các lần tải, chỉ tải trong tên miền đó và có giới hạn số trang."
    )

    def add_arguments(self, parser):
        parser.add_argument("url", help=_("địa chỉ trang chủ của cổng cũ"))
        parser.add_argument("--warc", required=True, help=_("tệp ghi ra, .warc.gz hoặc .warc"))
        parser.add_argument("--max-pages", type=int, default=1000, help=_("số trang tối đa (mặc định 1000)"))
        parser.add_argument("--delay", type=float, default=1.0, help=_("số giây nghỉ giữa hai lần tải (mặc định 1)"))

    def handle(self, *args, url, warc, max_pages, delay, **options):
        if not url.startswith(("http://", "https://")):
            raise CommandError(_("Địa chỉ phải bắt đầu bằng http:// hoặc https://"))
        if not 1 <= max_pages <= 1_000_000 or not 0 <= delay <= 3600:
            raise CommandError(_("--max-pages phải từ 1 đến 1.000.000 và --delay từ 0 đến 3600 giây"))
        try:
            result = crawl(url, warc, max_pages=max_pages, delay=delay)
        except OSError as exc:
            raise CommandError(_("Không ghi được %(file)s: %(error)s") % {"file": warc, "error": exc}) from None
        for failed, reason in result.failed:
            self.stderr.write(f"{failed}: {reason}")
        self.stdout.write(
            _("Đã lưu %(saved)d trang vào %(file)s; robots.txt cấm %(refused)d; %(failed)d lỗi; còn %(left)d chưa tải.")
            % {
                "saved": len(result.saved),
                "file": warc,
                "refused": len(result.refused),
                "failed": len(result.failed),
                "left": result.left,
            }
        )
