"""Periodic job: fold the hits counted with Redis's help into the daily figures and drop expired rows.

Run it every minute (cron, systemd timer). Running it twice, or two at once, changes
nothing: see stats.recording.fold. It needs only the database, so it works while Redis is away.
"""

from django.core.management.base import BaseCommand

from stats import recording


class Command(BaseCommand):
    help = "Cộng các lượt xem đang chờ vào số liệu từng ngày và xoá dữ liệu đã hết hạn."

    def handle(self, *args, **options):
        folded = recording.fold()
        recording.prune()
        self.stdout.write(f"Đã cộng {folded} lượt xem đang chờ vào số liệu.")
