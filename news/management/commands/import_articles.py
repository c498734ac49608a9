import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from news.importing import ArticleImporter, describe_hidden, read_lines


class Command(BaseCommand):
    help = _("Nhập bài viết từ tệp JSON Lines (mỗi dòng một bài). Nhập lại cùng tệp sẽ cập nhật, không tạo bài trùng.")

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("đường dẫn tệp .jsonl"))
        parser.add_argument("--site", dest="hostname", help=_("tên miền của trang phường, xã nhận bài"))

    def handle(self, *args, file, hostname=None, **options):
        try:
            lines = read_lines(file)
        except OSError as exc:
            raise CommandError(_("Không đọc được tệp %(file)s: %(error)s") % {"file": file, "error": exc}) from exc

        importer = ArticleImporter(default_hostname=hostname)
        with tqdm(total=len(lines), unit=_("dòng"), file=sys.stderr, disable=None, leave=False) as progress:
            report = importer.import_lines(lines, hostname=hostname, progress=progress)

        # Hidden blocks (often planted spam links) are named so an editor can check the article.
        for number, block in report.hidden:
            self.stderr.write(_("Dòng %(line)d: %(reason)s") % {"line": number, "reason": describe_hidden(block)})
        for number, reason in report.errors:
            self.stderr.write(_("Dòng %(line)d: %(reason)s") % {"line": number, "reason": reason})
        summary = _(
            "Đã nhập: %(created)d bài mới, %(updated)d bài cập nhật, %(unchanged)d bài không đổi, %(failed)d dòng lỗi."
        )
        self.stdout.write(
            summary
            % {
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "failed": len(report.errors),
            }
        )
        if not report.ok:
            raise CommandError(_("%(count)d dòng không nhập được.") % {"count": len(report.errors)}, returncode=1)
