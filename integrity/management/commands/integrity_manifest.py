"""Write the manifest of the deployed files' hashes that check_integrity compares with (integrity/files.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from integrity.files import write_manifest


class Command(BaseCommand):
    help = "Ghi bảng mã băm SHA-256 của mã nguồn, giao diện và tệp tĩnh đã triển khai (chạy sau mỗi lần triển khai)."

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, help=_("Tệp bảng mã băm (mặc định: PORTAL_INTEGRITY_MANIFEST)."))

    def handle(self, *args, out=None, **options):
        path, count = write_manifest(out)
        self.stdout.write(_("Đã ghi bảng mã băm của %(count)d tệp vào %(path)s.") % {"count": count, "path": path})
