from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from archive import jobs


def _positive(text):
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 1_000_000:
        raise CommandError(_("Cần một số nguyên từ 1 đến 1.000.000: %(value)s") % {"value": text[:50]})
    return value


class Command(BaseCommand):
    help = _(
        "Lưu trữ các phiên bản đã đăng của bài viết và văn bản thành PDF và WARC (kèm mã SHA-256): đưa vào hàng "
        "đợi những trang chưa có bản lưu trữ, rồi xử lý hàng đợi theo từng lô. Chạy định kỳ (systemd timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch", type=_positive, default=jobs.BATCH_SIZE, help=_("số phiên bản đọc từ hàng đợi mỗi lô")
        )
        parser.add_argument("--limit", type=_positive, default=None, help=_("lưu trữ nhiều nhất chừng này phiên bản"))
        parser.add_argument(
            "--verify",
            action="store_true",
            help=_("chỉ kiểm tra: mỗi tệp đã lưu còn khớp mã SHA-256 của nó và của nhật ký hệ thống"),
        )

    def handle(self, *args, batch, limit, verify=False, verbosity=1, **options):
        if verify:
            return self.verify()

        def progress(version):
            if verbosity > 1:
                self.stdout.write(f"{version.page_id}: {version.title}")

        report = jobs.run(batch_size=batch, limit=limit, progress=progress)
        for version, reason in report.failed:
            self.stderr.write(
                _("Trang %(page)s (%(title)s): không lưu trữ được — %(reason)s")
                % {"page": version.page_id, "title": version.title, "reason": reason}
            )
        self.stdout.write(
            _("Đã đưa %(queued)d phiên bản vào hàng đợi, lưu trữ %(archived)d, lỗi %(failed)d.")
            % {"queued": report.queued, "archived": report.archived, "failed": len(report.failed)}
        )
        if report.failed:
            raise CommandError(
                _("%(count)d phiên bản chưa lưu trữ được (thử lại ở lần chạy sau).") % {"count": len(report.failed)},
                returncode=1,
            )

    def verify(self):
        problems = jobs.verify()
        for version, problem in problems:
            self.stderr.write(
                _("Trang %(page)s (%(title)s), bản lưu %(version)s: %(problem)s")
                % {"page": version.page_id, "title": version.title, "version": version.pk, "problem": problem}
            )
        if problems:
            raise CommandError(
                _("%(count)d chỗ không khớp trong kho lưu trữ.") % {"count": len(problems)}, returncode=1
            )
        self.stdout.write(_("Mọi tệp lưu trữ đều khớp mã SHA-256 và nhật ký hệ thống."))
