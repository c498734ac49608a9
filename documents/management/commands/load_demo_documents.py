import json
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from documents.demo import DEMO_DOCUMENTS
from documents.importing import DocumentImporter, site_for
from documents.pdfgen import make_pdf


class Command(BaseCommand):
    help = _("Nạp văn bản mẫu (tự soạn, tệp PDF tạo ra khi nạp) cho các trang phường mẫu; chạy lại không tạo trùng.")

    def handle(self, *args, **options):
        with tempfile.TemporaryDirectory(prefix="van-ban-mau-") as folder:
            by_site = {}
            for position, (hostname, record, pages) in enumerate(DEMO_DOCUMENTS, start=1):
                name = f"van-ban-{position}.pdf"
                (Path(folder) / name).write_bytes(make_pdf(pages))
                by_site.setdefault(hostname, []).append(json.dumps({**record, "files": [name]}, ensure_ascii=False))
            for hostname, lines in by_site.items():
                site = site_for(hostname)
                if site is None:
                    self.stderr.write(_("Bỏ qua %(host)s: chưa có trang phường này.") % {"host": hostname})
                    continue
                report = DocumentImporter(site, folder).import_lines(list(enumerate(lines, start=1)))
                for number, reason in report.errors:
                    self.stderr.write(f"{hostname}, văn bản {number}: {reason}")
                if not report.ok:
                    raise CommandError(_("Không nạp được văn bản mẫu."))
                self.stdout.write(
                    _("%(host)s: %(created)d văn bản mẫu mới, %(kept)d đã có.")
                    % {"host": hostname, "created": report.created, "kept": report.updated + report.unchanged}
                )
