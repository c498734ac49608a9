"""Write the saved copy nginx serves while the application servers are down (maintenance/snapshot.py)."""

import fcntl
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.models import Site

from maintenance.snapshot import LATEST_ARTICLES, SnapshotError, export_site


class Command(BaseCommand):
    help = "Ghi bản lưu tĩnh các trang thiết yếu của từng trang (trang chủ, liên hệ, văn bản, tin mới nhất)."

    def add_arguments(self, parser):
        parser.add_argument("--site", metavar="HOST", help=_("Chỉ trang có tên miền này (mặc định: mọi trang)."))
        parser.add_argument("--out", required=True, type=Path, help=_("Thư mục bản lưu, mỗi tên miền một thư mục."))
        parser.add_argument(
            "--articles", type=int, default=LATEST_ARTICLES, help=_("Số tin mới nhất được lưu (mặc định 20).")
        )

    def handle(self, *args, site=None, out=None, articles=LATEST_ARTICLES, **options):
        sites = Site.objects.select_related("root_page").order_by("hostname")
        if site:
            sites = sites.filter(hostname__iexact=site.strip())
            if not sites.exists():
                raise CommandError(_("Không có trang nào với tên miền %(host)s.") % {"host": site})
        out = out.resolve()
        out.mkdir(parents=True, exist_ok=True)
        # One export at a time (the hourly timer and a run by hand): each removes the copies it replaced.
        with open(out / ".lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            failed = self._export(sites, out, articles)
        if failed:
            raise CommandError(_("Chưa lưu được: %(hosts)s") % {"hosts": ", ".join(failed)})

    def _export(self, sites, out, articles):
        failed = []
        for one in sites:
            try:
                result = export_site(one, out, max(0, articles))
            except SnapshotError as error:
                failed.append(one.hostname)
                self.stderr.write(
                    _("%(host)s: chưa lưu được, bản lưu cũ được giữ nguyên (%(error)s)")
                    % {"host": one.hostname, "error": error}
                )
                continue
            self.stdout.write(
                _("%(host)s: đã lưu %(pages)d trang, %(files)d tệp tĩnh vào %(path)s")
                % {
                    "host": result.host,
                    "pages": len(result.pages),
                    "files": len(result.files),
                    "path": out / result.host,
                }
            )
            for path, status in result.skipped:
                self.stderr.write(
                    _("%(host)s%(path)s: bỏ qua (mã %(status)s)")
                    % {"host": result.host, "path": path, "status": status}
                )
        return failed
