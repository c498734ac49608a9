from django.core.management.base import BaseCommand

from consultations.publishing import contact_days, purge_contacts


class Command(BaseCommand):
    help = "Xoá họ tên, thư điện tử, số điện thoại của người góp ý dự thảo sau khi góp ý đã được xử lý một số ngày."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="số ngày sau khi xử lý (mặc định theo cấu hình)")

    def handle(self, *args, days=None, **options):
        days = contact_days() if days is None else max(0, days)
        count = purge_contacts(days)
        self.stdout.write(f"Đã xoá thông tin liên hệ của {count} góp ý đã xử lý quá {days} ngày.")
