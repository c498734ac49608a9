"""The archive end to end: publishing queues, archive_pages renders PDF and WARC with their checksums, the
"Lưu trữ" page lists the versions by date in Vietnam time, the downloads, and the fault and backlog paths.
PDF rendering is the slow part: each test renders as few versions as it needs."""

import datetime
import hashlib
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader
from warcio.archiveiterator import ArchiveIterator

from archive import jobs
from archive.models import ArchivedVersion
from portal.tests.clock import freeze

# 08:30 in Hanoi: the "Lưu trữ" page shows the publish moment in Vietnam time, day first.
PUBLISHED = datetime.datetime(2026, 3, 28, 1, 30, tzinfo=datetime.UTC)
OUTSIDE_LINK = "https://chinhphu.vn/van-ban/123"


@pytest.fixture(autouse=True)
def _archive_root(settings, tmp_path):
    settings.PORTAL_ARCHIVE_ROOT = tmp_path / "archive"


def _sha256(data):
    return hashlib.sha256(data).hexdigest()


def _download(client, url):
    response = client.get(url)
    return response, b"".join(response.streaming_content) if response.status_code == 200 else b""


def test_each_published_version_is_archived_as_pdf_and_warc_and_listed(
    ward_site, other_site, make_article, monkeypatch
):
    clock = freeze(monkeypatch, PUBLISHED)
    article = make_article(
        ward_site,
        "Phường tổ chức ngày hội đại đoàn kết",
        published=PUBLISHED,
        body=f'<p>Toàn văn tại <a href="{OUTSIDE_LINK}">Cổng Chính phủ</a>.</p>',
    )
    # Publishing only queued the version: nothing was rendered in the request.
    queued = ArchivedVersion.objects.get(page=article)
    assert (queued.status, queued.pdf.name, queued.revision_id) == ("pending", "", article.live_revision_id)

    client = Client(HTTP_HOST="localhost")
    listing = client.get(reverse("archive:versions", args=[article.pk]))
    assert listing.status_code == 200 and "Đang lưu trữ" in listing.content.decode()
    article_html = client.get(article.url).content.decode()
    assert f'href="{reverse("archive:versions", args=[article.pk])}">Lưu trữ</a>' in article_html

    call_command("archive_pages", stdout=io.StringIO())
    first = ArchivedVersion.objects.get(page=article)
    assert first.status == "done" and first.pdf_variant == "pdf/a-3b"
    pdf = first.pdf.open("rb").read()
    warc = first.warc.open("rb").read()
    assert pdf.startswith(b"%PDF-") and _sha256(pdf) == first.pdf_sha256 and len(pdf) == first.pdf_size
    assert _sha256(warc) == first.warc_sha256 and len(warc) == first.warc_size
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert b"pdfaid:part" in root["/Metadata"].get_object().get_data() and root["/OutputIntents"]  # PDF/A
    # The print CSS: the outside link's address is printed, the navigation, search box and sidebar are not.
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Phường tổ chức ngày hội" in text and OUTSIDE_LINK in text
    assert "Nhận tin mới qua RSS" not in text and "Bỏ qua, đến nội dung chính" not in text

    records = [
        (
            record.rec_type,
            record.rec_headers.get_header("WARC-Target-URI"),
            record.http_headers,
            record.content_stream().read(),
        )
        for record in ArchiveIterator(io.BytesIO(warc))
    ]
    assert [kind for kind, *_ in records] == ["warcinfo", "response"]
    _, target, http, body = records[1]
    assert target == article.get_full_url() and http.get_statuscode() == "200"
    assert "Phường tổ chức ngày hội đại đoàn kết" in body.decode() and http.get_header("Set-Cookie") is None

    # A re-publish adds a version; the first one's files stay as they were.
    clock.advance(days=2, hours=3)
    article.title = "Phường tổ chức ngày hội đại đoàn kết toàn dân"
    article.save_revision().publish()
    assert ArchivedVersion.objects.filter(page=article, status="pending").count() == 1
    call_command("archive_pages", stdout=io.StringIO())
    second, older = ArchivedVersion.objects.listed_for(article)
    assert older.pk == first.pk and older.pdf_sha256 == first.pdf_sha256 and second.status == "done"
    assert second.pdf_sha256 != first.pdf_sha256 and second.title.endswith("toàn dân")

    listing = client.get(reverse("archive:versions", args=[article.pk])).content.decode()
    assert listing.index("30/03/2026 11:30") < listing.index("28/03/2026 08:30")  # newest first, UTC+7
    for digest in (second.pdf_sha256, second.warc_sha256, first.pdf_sha256, first.warc_sha256):
        assert digest in listing
    response, data = _download(client, reverse("archive:pdf", args=[article.pk, first.pk]))
    assert response["Content-Type"] == "application/pdf" and _sha256(data) == first.pdf_sha256
    assert response["Content-Disposition"] == f'attachment; filename="{article.slug}-20260328-0830.pdf"'
    assert "private" in response["Cache-Control"]
    response, data = _download(client, reverse("archive:warc", args=[article.pk, second.pk]))
    assert response["Content-Type"] == "application/warc" and _sha256(data) == second.warc_sha256
    assert response["Content-Disposition"] == f'attachment; filename="{article.slug}-20260330-1130.warc.gz"'

    # Not from another ward's host, and nothing once the page is unpublished.
    assert Client(HTTP_HOST="baichay.localhost").get(reverse("archive:versions", args=[article.pk])).status_code == 404
    article.unpublish()
    for url in (
        reverse("archive:versions", args=[article.pk]),
        reverse("archive:pdf", args=[article.pk, first.pk]),
        reverse("archive:warc", args=[article.pk, second.pk]),
    ):
        assert client.get(url).status_code == 404, url
    # ...and the backlog does not queue it again.
    assert jobs.queue_backlog() == 0


def test_backlog_is_archived_in_bounded_batches_and_one_failing_page_stops_no_other(
    ward_site, make_article, make_document, monkeypatch
):
    import weasyprint

    freeze(monkeypatch, PUBLISHED)
    articles = [make_article(ward_site, f"Tin số {n}", published=PUBLISHED) for n in range(3)]
    articles.append(make_document(ward_site, "15/QĐ-UBND"))  # another type declaring archive=True
    broken = articles[1]
    # As after an import made before the archive existed: live pages, no queued versions.
    ArchivedVersion.objects.all().delete()

    render = weasyprint.HTML.render

    def failing_for_broken(self, *args, **kwargs):
        document = render(self, *args, **kwargs)
        if document.metadata.title and document.metadata.title.startswith(broken.title + " "):
            raise ValueError("WeasyPrint: hỏng khi dựng trang")
        return document

    monkeypatch.setattr(weasyprint.HTML, "render", failing_for_broken)

    report = jobs.run(batch_size=2, limit=3)
    assert report.queued == 4 and report.batches == [2, 1]
    assert report.archived == 2 and [version.page_id for version, _ in report.failed] == [broken.pk]
    assert ArchivedVersion.objects.filter(status="pending").count() == 2  # the broken one, and one left for later

    err = io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("archive_pages", "--batch", "2", stdout=io.StringIO(), stderr=err)
    assert failed.value.returncode == 1
    assert f"Trang {broken.pk} (Tin số 1)" in err.getvalue() and "hỏng khi dựng trang" in err.getvalue()
    states = dict(ArchivedVersion.objects.values_list("page_id", "status"))
    assert states == {a.pk: "pending" if a.pk == broken.pk else "done" for a in articles}
    document = ArchivedVersion.objects.get(page=articles[-1])
    assert document.url == articles[-1].get_full_url() and "15/QĐ-UBND" in document.title

    # Still failing on the third run: set aside for an operator, no longer retried.
    with pytest.raises(CommandError):
        call_command("archive_pages", stdout=io.StringIO(), stderr=io.StringIO())
    left = ArchivedVersion.objects.get(page=broken)
    assert (left.status, left.attempts) == ("failed", jobs.MAX_ATTEMPTS)
    call_command("archive_pages", stdout=io.StringIO())  # nothing pending: exit status 0

    # Tamper-evident: a file changed on disk, or replaced with its row's checksum edited to match, is found;
    # the checksums were also written into the hash-chained audit log when each version was made.
    call_command("archive_pages", "--verify", stdout=io.StringIO())
    first, second = ArchivedVersion.objects.done().order_by("pk")[:2]
    with first.pdf.open("ab") as handle:
        handle.write(b"%% added later\n")
    forged = b"WARC/1.1 forged"
    with second.warc.open("wb") as handle:
        handle.write(forged)
    ArchivedVersion.objects.filter(pk=second.pk).update(warc_sha256=hashlib.sha256(forged).hexdigest())
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("archive_pages", "--verify", stdout=io.StringIO(), stderr=err)
    assert f"bản lưu {first.pk}: tệp PDF không còn khớp" in err.getvalue()
    assert f"bản lưu {second.pk}: mã SHA-256 của WARC khác với nhật ký hệ thống" in err.getvalue()
    assert len(err.getvalue().strip().splitlines()) == 2
    with pytest.raises(CommandError):
        call_command("archive_pages", "--batch", "0")
