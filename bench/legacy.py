"""import_legacy at scale: an archive of generated old articles (Liferay-style pages, one picture each from a pool,
a listing page per 20 articles) imported into a new ward site on a temporary SQLite database.

    flock /tmp/bench.lock nice .venv/bin/python bench/legacy.py [--articles 10000] [--pictures 500]

Prints the import's wall time, the process's peak memory (max RSS) and the cost of one redirect look-up of an old
address (legacy.middleware.answer, the middleware's whole work for an old host). The text is generated from a
few sentences of our own; nothing of a real site.
"""

import argparse
import io
import os
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import throwaway_django  # noqa: E402

HOST = "cu.example.gov.vn"
SENTENCES = [
    "Phường tổ chức hội nghị lấy ý kiến nhân dân về quy hoạch khu dân cư mới.",
    "Các đoàn thể phối hợp vận động người dân giữ gìn vệ sinh đường phố.",
    "Đoàn viên thanh niên hỗ trợ người cao tuổi làm thủ tục trực tuyến.",
    "Ban chỉ huy quân sự phường triển khai kế hoạch huấn luyện năm mới.",
    "Hội phụ nữ trao quà cho các gia đình có hoàn cảnh khó khăn.",
    "Trạm y tế tổ chức tiêm chủng mở rộng cho trẻ em trong độ tuổi.",
]
CATEGORIES = ["Tin tức - Sự kiện", "Văn hoá - Xã hội", "Kinh tế", "Quốc phòng - An ninh"]


def picture(number):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (number % 256, (number * 7) % 256, (number * 13) % 256)).save(buffer, "PNG")
    return buffer.getvalue()


def page(title, date_line, category, body):
    return (
        f'<html><head><meta charset="utf-8"><title>{title}</title></head><body><div id="banner">'
        f'<a href="/web/p/trang-chu">Trang chủ</a></div><ul class="breadcrumb"><li><a href="/">Trang chủ</a></li>'
        f'<li><a href="/web/p/danh-muc">{category}</a></li></ul><div class="journal-content-article">'
        f'<h1>{title}</h1><div class="asset-date">{date_line}</div>{body}</div><div id="footer">UBND phường</div>'
        "</body></html>"
    ).encode()


def write_archive(path, articles, pictures):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(20)  # the same archive every run
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)

        def record(url, body, content_type):
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body)))], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            )

        for number in range(pictures):
            record(f"http://{HOST}/documents/anh-{number}.png", picture(number), "image/png")
        for number in range(articles):
            day = 1 + number % 28
            month = 1 + (number // 28) % 12
            year = 2015 + number % 10
            text = "".join(f"<p>{' '.join(rng.choices(SENTENCES, k=4))}</p>" for _ in range(4))
            body = (
                f'<p class="sapo">Bài số {number}: {rng.choice(SENTENCES)}</p>{text}'
                f'<figure><img src="/documents/anh-{number % pictures}.png"><figcaption>Ảnh minh hoạ {number}'
                f'</figcaption></figure><p>Xem thêm <a href="/web/p/chi-tiet?articleId={max(number - 1, 0)}">bài trước'
                "</a>.</p><p>Nguồn: Ban biên tập</p>"
            )
            title = f"Tin hoạt động số {number} của phường"
            html = page(title, f"{day:02d}/{month:02d}/{year} - 08:{number % 60:02d}", CATEGORIES[number % 4], body)
            record(f"http://{HOST}/web/p/chi-tiet?articleId={number}&p_p_id=56_INSTANCE_x", html, "text/html")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--pictures", type=int, default=500)
    options = parser.parse_args()
    workdir = throwaway_django("bench-legacy-")
    from django.core.management import call_command
    from django.test.utils import override_settings

    from legacy.middleware import answer
    from news.models import ArticlePage
    from wards.sites import ensure_ward_site

    archive = os.path.join(workdir, "old.warc.gz")
    write_archive(archive, options.articles, options.pictures)
    site = ensure_ward_site("localhost", "Phường Thử", is_default=True)
    started = time.perf_counter()
    with override_settings(MEDIA_ROOT=os.path.join(workdir, "media")):
        call_command("import_legacy", archive, "--site", site.hostname)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    count = ArticlePage.objects.count()
    rng = random.Random(1)
    samples = [f"/web/p/chi-tiet?articleId={rng.randrange(options.articles)}&p_p_lifecycle=0" for _ in range(2000)]
    answer(HOST, "/", "")  # the hosts, read once a minute
    lookup_started = time.perf_counter()
    for sample in samples:
        path, _sep, query = sample.partition("?")
        assert answer(HOST, path, query).status_code == 301
    per_lookup_ms = (time.perf_counter() - lookup_started) / len(samples) * 1000
    print(
        f"{options.articles} archived articles ({options.pictures} pictures): {count} imported in {seconds:.0f} s "
        f"({seconds / max(count, 1) * 1000:.0f} ms each), peak memory {peak_mb:.0f} MB, "
        f"redirect look-up {per_lookup_ms:.3f} ms"
    )


if __name__ == "__main__":
    main()
