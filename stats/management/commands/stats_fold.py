"""Periodic job: fold the Redis buffer into the database and drop expired rows.

Run it every minute (cron, systemd timer). Running it twice, or two at once, changes
nothing: see stats.recording.fold.
"""

from django.core.management.base import BaseCommand, CommandError

from stats import recording, redis_buffer


class Command(BaseCommand):
    help = "Chuyển số liệu truy cập đang đệm trong Redis vào cơ sở dữ liệu và xoá dữ liệu đã hết hạn."

    def handle(self, *args, **options):
        folded = 0
        if redis_buffer.url():
            try:
                folded = recording.fold()
            except redis_buffer.redis_errors() as exc:
                raise CommandError(f"Không kết nối được Redis ({redis_buffer.url()}): {exc}") from exc
        recording.prune()
        self.stdout.write(f"Đã chuyển {folded} lượt xem vào cơ sở dữ liệu.")
