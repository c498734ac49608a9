"""500 ordinary editorial edits, as editors make them every day (text rewritten, paragraphs, quotes and images
added, links to allowed sites and to the ward's own pages, new articles), each saved as a revision and published:
no check reports anything, and the cloaking check, fetching through a real server, sees one page for all."""

import datetime
import random
import shutil
import threading
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.rich_text import RichText

from editorial.models import Role
from editorial.roles import site_collection
from integrity.checks import live_pages
from integrity.cloaking import check_cloaking
from integrity.runner import run

EDITS = 500
CHECK_EVERY = 125
PHRASES = [
    "phường tổ chức hội nghị tuyên truyền pháp luật", "nhân dân các khu phố hưởng ứng",
    "ngày hội đại đoàn kết toàn dân tộc",
    "ra quân vệ sinh môi trường", "trồng cây xanh trên các tuyến đường", "tiếp công dân định kỳ",
    "cải cách hành chính và chuyển đổi số", "tiếp nhận hồ sơ trực tuyến", "bảo hiểm y tế cho học sinh",
    "khen thưởng các gia đình văn hoá tiêu biểu", "diễn tập phòng cháy chữa cháy", "bảo đảm an toàn giao thông",
    "hiến máu tình nguyện", "chăm lo cuộc sống đời thường của người dân", "nhà cải tạo xong trước Tết",
    "hỗ trợ hộ nghèo sau mùa lũ", "lãnh đạo phường kiểm tra thực tế",
]  # fmt: skip
ALLOWED_LINKS = [
    "https://quangninh.gov.vn/Trang/tin-tuc.aspx",
    "https://chinhphu.vn/van-ban",
    "https://baochinhphu.vn/thoi-su.htm",
    "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html",
    "https://vbpl.vn/quangninh/Pages/Home.aspx",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    "https://xaydungchinhsach.chinhphu.vn/",
]


def sentence(rng, words=14):
    """A sentence of about `words` words, made of phrases editors write."""
    phrases = [rng.choice(PHRASES) for _ in range(max(1, words // 5))]
    text = ", ".join(phrases)
    return text[0].upper() + text[1:] + "."


def _paragraph(rng, pages, images):
    kind = rng.randrange(4)
    if kind == 0:
        link = rng.choice(ALLOWED_LINKS)
        return ("paragraph", RichText(f"<p>{sentence(rng)} Xem <a href='{link}'>tại đây</a>.</p>"))
    if kind == 1:
        page = rng.choice(pages)
        return ("paragraph", RichText(f'<p>{sentence(rng)} <a linktype="page" id="{page.pk}">Tin liên quan</a>.</p>'))
    if kind == 2:
        return ("image", {"image": rng.choice(images), "caption": sentence(rng, 6)})
    return ("quote", {"text": sentence(rng, 20), "attribution": "Chủ tịch UBND phường"})


def edit(rng, page, pages, images):
    """One editor's change to an article: rewrite a paragraph, add a block, retitle, or shorten."""
    body = [(block.block_type, block.value) for block in page.body]
    kind = rng.randrange(5)
    if kind == 0 and body:
        body[rng.randrange(len(body))] = ("paragraph", RichText(f"<p>{sentence(rng, 30)}</p>"))
    elif kind == 1:
        body.append(_paragraph(rng, pages, images))
    elif kind == 2:
        page.title = sentence(rng, 8).rstrip(".")
        page.lead = sentence(rng, 20)
    elif kind == 3 and len(body) > 1:
        body.pop(rng.randrange(len(body)))
    else:
        body.insert(0, _paragraph(rng, pages, images))
    page.body = body


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def cloaking_through_the_portal(site, settings):
    """check_cloaking fetching from a real HTTP server that runs the portal in this thread (so it reads this
    test's transaction, on SQLite and PostgreSQL alike) while the check fetches from another."""
    pages = list(live_pages(site))
    server = make_server("127.0.0.1", 0, WSGIHandler(), handler_class=_Quiet)
    server.timeout = 0.1
    settings.PORTAL_INTEGRITY_FETCH_URL = f"http://127.0.0.1:{server.server_address[1]}"
    found = {}
    fetcher = threading.Thread(target=lambda: found.update(issues=check_cloaking(site, pages=pages)))
    # As Django's test client does: a request's end must not close this thread's connection (the transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        fetcher.start()
        while fetcher.is_alive():
            server.handle_request()
    finally:
        fetcher.join()
        server.server_close()
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return len(pages), found["issues"]


@pytest.mark.slow
def test_five_hundred_ordinary_edits_raise_no_false_alarm(ward_site, staff, make_article, settings, tmp_path):
    # The deployed files: a copy of two apps (the checkout itself may be edited while this test runs).
    for app in ("integrity", "news"):
        shutil.copytree(Path(settings.BASE_DIR) / app, tmp_path / "app" / app)
    settings.PORTAL_INTEGRITY_ROOTS = [str(tmp_path / "app")]
    settings.PORTAL_INTEGRITY_MANIFEST = tmp_path / "manifest.json"
    from integrity.files import write_manifest

    write_manifest()
    rng = random.Random(21)
    collection = site_collection(ward_site)
    images = [
        get_image_model().objects.create(title=f"Ảnh {n}", file=get_test_image_file(), collection=collection)
        for n in range(3)
    ]
    categories = ["tin-tuc-su-kien", "chinh-quyen", "van-hoa-xa-hoi", "an-ninh-quoc-phong"]
    pages = [make_article(ward_site, sentence(rng, 7), category=category) for category in categories]
    editor, chief = staff[Role.EDITOR], staff[Role.CHIEF]
    reports = []
    for number in range(1, EDITS + 1):
        if number % 25 == 0:
            pages.append(make_article(ward_site, sentence(rng, 7), category=rng.choice(categories)))
        else:
            page = rng.choice(pages)
            page = page.specific_class.objects.get(pk=page.pk)
            edit(rng, page, pages, images)
            page.published_at = min(page.published_at, timezone.now() - datetime.timedelta(minutes=1))
            page.save_revision(user=editor).publish(user=chief)
        if number % CHECK_EVERY == 0:
            checks = ("rendered", "changed", "files") if number == EDITS else ("rendered", "changed")
            result = run([ward_site], checks)
            reports.append((number, [(f.check_name, f.location, f.evidence) for f in result.findings]))
    assert reports and all(not findings for _number, findings in reports), reports
    fetched, issues = cloaking_through_the_portal(ward_site, settings)
    assert fetched > 30 and issues == []
    assert len(pages) == len(categories) + EDITS // 25
