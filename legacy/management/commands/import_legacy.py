from contextlib import nullcontext

from django.core.management.base import CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Site

from core.importing import ImportCommand
from legacy.importing import LegacyImporter
from legacy.profile import ProfileError, load_profile


class _DryRun(Exception):
    """Raised at the end of a dry run to roll back the categories and rows it could not help touching."""


class Command(ImportCommand):
    help = _(
        "Nhập bài viết của các cổng thông tin cũ từ bản lưu web (WARC) vào một trang phường, xã mới; mọi địa chỉ "
        "cũ được chuyển hướng. Chạy lại với cùng bản lưu không thay đổi gì; bị ngắt thì chạy lại để làm tiếp."
    )
    summary = gettext_lazy(
        "Đã nhập: %(created)d bài mới, %(updated)d bài cập nhật, %(unchanged)d bài không đổi, %(failed)d lỗi; "
        "%(redirects)d địa chỉ cũ chuyển về chuyên mục hoặc trang chủ, %(gone)d địa chỉ bỏ hẳn (410), "
        "%(skipped)d bỏ qua."
    )
    dry_summary = gettext_lazy(
        "Chạy thử, không ghi gì: sẽ tạo %(created)d bài mới, cập nhật hoặc giữ %(updated)d bài, %(failed)d lỗi; "
        "%(redirects)d địa chỉ cũ chuyển về chuyên mục hoặc trang chủ, %(gone)d địa chỉ bỏ hẳn (410), "
        "%(skipped)d bỏ qua."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help=_("các tệp .warc hoặc .warc.gz"))
        parser.add_argument("--site", dest="hostname", required=True, help=_("tên miền của trang phường, xã mới"))
        parser.add_argument("--profile", help=_("tệp cấu hình TOML (bộ chọn CSS theo tên miền cũ), xem docs/legacy.md"))
        parser.add_argument("--dry-run", action="store_true", help=_("chỉ nói sẽ làm gì, không ghi gì"))
        parser.add_argument("--report", help=_("ghi báo cáo CSV: địa chỉ cũ, kết quả, địa chỉ mới, tiêu đề, ngày"))

    def describe(self, where, message):
        return f"{where}: {message}"

    def progress(self, total):
        bar = super().progress(total)
        bar.unit = _("trang") if total is None else _("bài")
        return bar

    def handle(self, *args, files, hostname, profile=None, dry_run=False, report=None, **options):
        site = Site.objects.filter(hostname__iexact=hostname).select_related("root_page").first()
        if site is None:
            raise CommandError(_("Không có trang phường, xã nào với tên miền %(host)s") % {"host": hostname})
        try:
            loaded = load_profile(profile)
        except ProfileError as exc:
            raise CommandError(str(exc)) from None
        try:
            handle = open(report, "w", encoding="utf-8-sig", newline="") if report else nullcontext()  # noqa: SIM115
        except OSError as exc:
            raise CommandError(
                _("Không ghi được báo cáo %(file)s: %(error)s") % {"file": report, "error": exc}
            ) from None
        importer = LegacyImporter(site, loaded, dry_run=dry_run)
        with handle:
            if dry_run:
                try:
                    with transaction.atomic():
                        result = importer.run(files, progress=self.progress)
                        raise _DryRun
                except _DryRun:
                    pass
                self.summary = self.dry_summary
            else:
                result = importer.run(files, progress=self.progress)
            if report:
                result.write_csv(handle)
        self.finish(result)
