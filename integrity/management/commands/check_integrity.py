"""Run the integrity checks (integrity/runner.py, docs/integrity.md); exit status 1 on any finding."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.models import Site

from integrity.runner import CHECKS, run


class Command(BaseCommand):
    help = "Kiểm tra toàn vẹn: liên kết lạ, khối ẩn, từ ngữ cờ bạc, nội dung sửa ngoài quản trị, tệp, che giấu."

    def add_arguments(self, parser):
        parser.add_argument("--site", metavar="HOST", help=_("Chỉ trang có tên miền này (mặc định: mọi trang)."))
        parser.add_argument(
            "--only",
            action="append",
            choices=list(CHECKS),
            help=_("Chỉ chạy kiểm tra này (có thể nêu nhiều lần; mặc định: tất cả)."),
        )

    def handle(self, *args, site=None, only=None, **options):
        sites = Site.objects.select_related("root_page").order_by("hostname")
        if site:
            sites = sites.filter(hostname__iexact=site.strip())
            if not sites.exists():
                raise CommandError(_("Không có trang nào với tên miền %(host)s.") % {"host": site})
        checks = tuple(dict.fromkeys(only)) if only else tuple(CHECKS)
        result = run(list(sites), checks)
        for finding in result.open:
            self.stdout.write(
                f"{finding.site.hostname if finding.site else '*'} {finding.location} "
                f"[{finding.get_check_name_display()}] {finding.evidence}"
            )
        summary = _("%(open)d phát hiện (%(new)d mới, %(confirmed)d đã được xác nhận), %(ended)d phát hiện cũ đã hết.")
        self.stdout.write(
            summary
            % {
                "open": len(result.open),
                "new": len([finding for finding in result.new if finding.confirmed_at is None]),
                "confirmed": len(result.findings) - len(result.open),
                "ended": result.ended,
            }
        )
        if result.open:
            raise CommandError(_("Kiểm tra toàn vẹn có phát hiện: xem ở trên."), returncode=1)
