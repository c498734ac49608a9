import time

from django.core.management.base import BaseCommand

from search import index


class Command(BaseCommand):
    help = "Dựng lại chỉ mục tìm kiếm bài viết từ các bài đang xuất bản (chạy nhiều lần cho cùng kết quả)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args, batch_size, **options):
        started = time.perf_counter()
        verbose = options["verbosity"] > 1
        total = index.rebuild(
            batch_size=max(1, batch_size),
            progress=(lambda n: self.stdout.write(f"  {n} bài…")) if verbose else None,
        )
        self.stdout.write(f"Đã lập chỉ mục {total} bài viết trong {time.perf_counter() - started:.1f} giây.")
