import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm
from wagtail.models import Site

from procedures.catalogue import CatalogueError, read_catalogue
from procedures.importing import ProcedureLoader

MAX_FILE_BYTES = 50 * 1024 * 1024


class Command(BaseCommand):
    help = _(
        "Nhập danh mục thủ tục hành chính từ tệp JSON (một danh sách, mỗi phần tử một thủ tục; xem "
        "docs/procedures.md). Nhập lại cùng tệp sẽ cập nhật theo mã thủ tục, không tạo thủ tục trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("đường dẫn tệp .json"))
        parser.add_argument("--site", dest="hostname", help=_("tên miền của trang phường, xã nhận danh mục"))

    def handle(self, *args, file, hostname=None, **options):
        sites = Site.objects.filter(hostname=hostname) if hostname else Site.objects.filter(is_default_site=True)
        site = sites.first()
        if site is None:
            raise CommandError(_("Không có trang phường, xã nào với tên miền %(host)s.") % {"host": hostname or "-"})
        try:
            if Path(file).stat().st_size > MAX_FILE_BYTES:
                raise CommandError(_("Tệp %(file)s lớn quá 50 MB.") % {"file": file})
            entries = read_catalogue(Path(file).read_bytes())
        except OSError as exc:
            raise CommandError(_("Không đọc được tệp %(file)s: %(error)s") % {"file": file, "error": exc}) from exc
        except CatalogueError as exc:
            raise CommandError(_("Tệp %(file)s không nhập được: %(reason)s") % {"file": file, "reason": exc}) from exc

        with tqdm(total=len(entries), unit=_("thủ tục"), file=sys.stderr, disable=None, leave=False) as progress:
            report = ProcedureLoader(site).load((entry.item for entry in entries), progress=progress)
        lines = {entry.index: entry.line for entry in entries}
        for position, reason in report.errors:
            self.stderr.write(
                _("Bản ghi %(index)d (dòng %(line)d): %(reason)s")
                % {"index": position, "line": lines.get(position, 0), "reason": reason}
            )
        self.stdout.write(
            _(
                "Đã nhập: %(created)d thủ tục mới, %(updated)d cập nhật, %(unchanged)d không đổi, "
                "%(failed)d bản ghi lỗi."
            )
            % {
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "failed": len(report.errors),
            }
        )
        if not report.ok:
            raise CommandError(_("%(count)d bản ghi không nhập được.") % {"count": len(report.errors)}, returncode=1)
