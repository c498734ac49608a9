import subprocess

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = _("Khôi phục cơ sở dữ liệu và tệp media từ tệp sao lưu, vào một cơ sở dữ liệu trống.")

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("tệp sao lưu .tar.gz"))

    def handle(self, *args, file, **options):
        try:
            restore_backup(file)
        except (BackupError, OSError, subprocess.CalledProcessError) as exc:
            raise CommandError(_("Khôi phục không thành công: %(error)s") % {"error": exc}) from exc
        self.stdout.write(_("Đã khôi phục từ %(file)s") % {"file": file})
