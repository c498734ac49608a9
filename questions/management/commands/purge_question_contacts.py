from django.core.management.base import BaseCommand

from questions.publishing import contact_days, purge_contacts


class Command(BaseCommand):
    help = "Xóa họ tên, thư điện tử, số điện thoại của người hỏi sau khi câu hỏi đã được xử lý một số ngày."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="số ngày sau khi xử lý (mặc định theo cấu hình)")

    def handle(self, *args, days=None, **options):
        days = contact_days() if days is None else max(0, days)
        count = purge_contacts(days)
        self.stdout.write(f"Đã xoá thông tin liên hệ của {count} câu hỏi đã xử lý quá {days} ngày.")
