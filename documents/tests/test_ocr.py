"""Scans (PDFs with no text layer) read by Tesseract OCR off the request path, then found by search.

The scan is made here: our own Vietnamese sentences drawn into an image with Pillow, the image the PDF's only
content. Reading it needs `tesseract` with Debian's `tesseract-ocr-vie`: skipped without it, failing in CI.
"""

import datetime
import io
import json
from functools import cache

import pytest
from django.core.management import call_command

from conftest import ci_requires
from documents import ocr
from documents.models import DocumentFile, OcrText

pytestmark = pytest.mark.django_db

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SENTENCES = [
    "Thông báo lịch tiếp công dân định kỳ tháng chín",
    "Chủ tịch Uỷ ban nhân dân phường tiếp công dân vào sáng thứ năm.",
]


@cache
def scan_pdf(*lines):
    """An A4 page at 300 dpi holding `lines` as pixels only, saved by Pillow as a one-image PDF."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, 46)
    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    for row, line in enumerate(lines):
        draw.text((220, 320 + row * 110), line, font=font, fill=0)
    out = io.BytesIO()
    image.save(out, "PDF", resolution=300)
    return out.getvalue()


def _api(client, q):
    response = client.get("/api/search/", {"q": q})
    assert response.status_code == 200
    return response.json()["results"]


@pytest.fixture
def tesseract():
    ocr.available.cache_clear()
    if not ocr.available():
        ci_requires("tesseract with Vietnamese data (tesseract-ocr-vie)")


@pytest.fixture
def scanned_document(ward_site, make_document):
    return make_document(
        ward_site,
        "21/TB-UBND",
        "Về lịch làm việc",
        doc_type="thong-bao",
        issued=datetime.date(2025, 9, 1),
        files=[("tiep-dan.pdf", scan_pdf(*SENTENCES))],
    )


def test_a_scan_is_read_by_ocr_and_found_without_accents(tesseract, scanned_document, client, capsys):
    attached = scanned_document.files.get()
    assert attached.scanned and not attached.ocr  # saving only read the (missing) text layer
    assert not [r for r in _api(client, "lich tiep cong dan dinh ky") if r["kind"] == "document"]

    call_command("ocr_documents")
    assert "Đã nhận dạng chữ 1 tệp bản quét, 0 tệp lỗi." in capsys.readouterr().out

    attached.refresh_from_db()
    assert attached.scanned and attached.ocr
    assert "OCR" in attached.text_note
    for query in ("lich tiep cong dan dinh ky", "tiếp công dân vào sáng thứ năm"):
        [result] = _api(client, query)
        assert result["title"] == "Thông báo 21/TB-UBND"
        assert result["page"] == 1

    # Publishing again (a revision saved before the OCR) keeps the text; a second run has nothing to read.
    scanned_document.refresh_from_db()
    scanned_document.save_revision().publish()
    assert _api(client, "sang thu nam")[0]["title"] == "Thông báo 21/TB-UBND"
    assert DocumentFile.objects.get().ocr
    call_command("ocr_documents")
    assert "Đã nhận dạng chữ 0 tệp bản quét, 0 tệp lỗi." in capsys.readouterr().out


def test_import_documents_reads_its_scans(tesseract, ward_site, tmp_path, client, capsys):
    (tmp_path / "tb.pdf").write_bytes(scan_pdf(*SENTENCES))
    record = {
        "number": "30/TB-UBND",
        "type": "Thông báo",
        "issuer": "UBND phường Hồng Gai",
        "issued": "2025-09-02",
        "summary": "Về lịch làm việc",
        "files": ["tb.pdf"],
    }
    path = tmp_path / "van-ban.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n")
    call_command("import_documents", str(path), "--site", "localhost")
    assert "1 tệp bản quét đã đọc" in capsys.readouterr().out
    [result] = _api(client, "tiep cong dan dinh ky")
    assert result["title"] == "Thông báo 30/TB-UBND"


def test_without_tesseract_the_file_stays_a_scan(monkeypatch, scanned_document, client, capsys):
    monkeypatch.setattr(ocr, "available", lambda: False)
    call_command("ocr_documents")
    assert "tesseract-ocr-vie" in capsys.readouterr().out
    attached = scanned_document.files.get()
    assert attached.scanned and not attached.ocr
    assert attached.text_note.startswith("Bản quét: không có lớp chữ")
    assert not OcrText.objects.exists()
    assert client.get(scanned_document.url).status_code == 200


def test_a_failed_reading_is_reported_once_and_the_file_stays_a_scan(monkeypatch, scanned_document, capsys):
    monkeypatch.setattr(ocr, "available", lambda: True)

    def too_slow(image):
        raise ocr.OcrError("quá 120 giây cho một trang")

    monkeypatch.setattr(ocr, "read_page", too_slow)
    call_command("ocr_documents")
    out = capsys.readouterr()
    assert "tiep-dan" in out.err and "quá 120 giây" in out.err
    assert "0 tệp bản quét, 1 tệp lỗi" in out.out
    attached = scanned_document.files.get()
    assert attached.scanned and not attached.ocr
    call_command("ocr_documents")  # not tried again until the file changes
    assert "0 tệp bản quét, 0 tệp lỗi" in capsys.readouterr().out
