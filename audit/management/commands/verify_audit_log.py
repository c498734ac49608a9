from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from audit.chain import ChainError, verify


class Command(BaseCommand):
    help = _("Kiểm tra chuỗi mã băm của nhật ký hệ thống; trả về mã 1 nếu có mục bị sửa, xoá hoặc đổi thứ tự.")

    def handle(self, *args, **options):
        try:
            count = verify()
        except ChainError as error:
            self.stderr.write(str(error))
            raise SystemExit(1) from error
        self.stdout.write(_("Nhật ký hệ thống nguyên vẹn: %(count)d mục.") % {"count": count})
