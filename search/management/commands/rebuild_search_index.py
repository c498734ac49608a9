import time

from django.core.management.base import BaseCommand

from search import index
from search.models import SearchEntry


class Command(BaseCommand):
    help = "Dựng lại chỉ mục tìm kiếm bài viết từ các bài đang xuất bản (chạy nhiều lần cho cùng kết quả)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args, batch_size, **options):
        started = time.perf_counter()
        verbose = options["verbosity"] > 1
        replaced = SearchEntry.objects.exists()
        total = index.rebuild(
            batch_size=max(1, batch_size),
            progress=(lambda n: self.stdout.write(f"  {n} bài…")) if verbose else None,
        )
        self.stdout.write(f"Đã lập chỉ mục {total} bài viết trong {time.perf_counter() - started:.1f} giây.")
        if replaced and not index.uses_fts5():
            # The old entries' GIN entries would make every search slower until the index is rebuilt.
            started = time.perf_counter()
            index.compact_postgres_index()
            self.stdout.write(f"Đã thu gọn chỉ mục PostgreSQL trong {time.perf_counter() - started:.1f} giây.")
