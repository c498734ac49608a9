from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = _("Sao lưu cơ sở dữ liệu, tệp media và kho lưu trữ (PDF, WARC) vào một tệp .tar.gz.")

    def add_arguments(self, parser):
        parser.add_argument("--output", help=_("đường dẫn tệp sao lưu (mặc định backups/portal-<thời gian>.tar.gz)"))

    def handle(self, *args, output=None, **options):
        output = output or f"backups/portal-{datetime.now():%Y%m%d-%H%M%S}.tar.gz"
        try:
            path = create_backup(output)
        except (BackupError, OSError) as exc:
            raise CommandError(_("Sao lưu không thành công: %(error)s") % {"error": exc}) from exc
        self.stdout.write(_("Đã sao lưu vào %(path)s") % {"path": path})
