"""Reading scans (bản quét) with Tesseract OCR, off the request path.

Saving a document only reads the text layer (documents/extract.py). A PDF without one is a scan: when the
`tesseract` program with its Vietnamese data (Debian `tesseract-ocr-vie`) is installed, `manage.py
ocr_documents` (run from cron or a systemd timer; `import_documents` runs it for what it imported) renders each
page with pypdfium2, reads it with Tesseract and keeps the text by the file's content hash (`OcrText`), so a
later save or publish of the same file finds it again. The text is marked as machine-read, since it may hold
mistakes. Without Tesseract nothing happens: the file stays "bản quét".
"""

import io
import logging
import os
import shutil
import subprocess
from functools import cache

from django.conf import settings

from core.text import normalize_text

logger = logging.getLogger(__name__)

LANGUAGE = "vie"
DPI = 300  # what office scanners produce; Tesseract reads 10-12 pt print well from it
MAX_PAGES = 100  # per file: a longer scan is read up to here


def _settings():
    return getattr(settings, "DOCUMENTS_OCR", {})


def page_timeout():
    return _settings().get("PAGE_TIMEOUT", 120)


@cache
def _binary():
    return shutil.which(_settings().get("TESSERACT", "tesseract"))


@cache
def available():
    """Tesseract is installed and has its Vietnamese data."""
    binary = _binary()
    if not binary:
        return False
    try:
        listed = subprocess.run(  # noqa: S603 - the configured tesseract, fixed arguments
            [binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return LANGUAGE in listed.stdout.split()


class OcrError(Exception):
    pass


def read_page(image):
    """The text Tesseract reads on one page image (PIL), NFC-normalised."""
    png = io.BytesIO()
    image.save(png, "PNG")
    # One thread: a shared server's other work must go on while a scan is read.
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        done = subprocess.run(  # noqa: S603 - the configured tesseract, fixed arguments
            [_binary(), "stdin", "stdout", "-l", LANGUAGE, "--psm", "3"],
            input=png.getvalue(),
            capture_output=True,
            timeout=page_timeout(),
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise OcrError(f"quá {page_timeout()} giây cho một trang") from exc
    except OSError as exc:
        raise OcrError(str(exc)) from exc
    if done.returncode:
        raise OcrError(done.stderr.decode("utf-8", "replace").strip()[-200:] or f"mã lỗi {done.returncode}")
    return normalize_text(done.stdout.decode("utf-8", "replace"), multiline=True)


def read_pdf(data):
    """The text of each page of a scanned PDF (at most MAX_PAGES pages)."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise OcrError("không mở được tệp PDF") from exc
    try:
        texts = []
        for number in range(min(len(pdf), MAX_PAGES)):
            page = pdf[number]
            try:
                image = page.render(scale=DPI / 72, grayscale=True).to_pil()
            finally:
                page.close()
            texts.append(read_page(image))
        return texts
    finally:
        pdf.close()


def pending_files(page_ids=None):
    """Scanned PDFs of documents whose content has not been through OCR yet."""
    from documents.models import DocumentFile, OcrText

    files = DocumentFile.objects.filter(scanned=True, document__file__iendswith=".pdf").exclude(
        read_hash__in=OcrText.objects.values("file_hash")
    )
    if page_ids is not None:
        files = files.filter(page_id__in=page_ids)
    return files.select_related("document").order_by("pk")


def run(page_ids=None, limit=None, report=None):
    """OCR the pending scans (of `page_ids`, or all), at most `limit` files; returns (read, failed) counts.

    Without Tesseract: (0, 0), nothing changes."""
    from documents.models import OcrText

    if not available():
        return 0, 0
    done, failed, seen = 0, 0, set()
    for attached in pending_files(page_ids).iterator():
        if limit is not None and done + failed >= limit:
            break
        if attached.read_hash in seen:  # the same scan attached to several documents
            continue
        seen.add(attached.read_hash)
        with attached.document.open_file() as handle:
            data = handle.read()
        try:
            pages = read_pdf(data)
            error = ""
        except OcrError as exc:
            logger.warning("OCR of %s failed: %s", attached.document.file.name, exc)
            pages, error = [], str(exc)[:200]
        OcrText.objects.update_or_create(file_hash=attached.read_hash, defaults={"pages": pages, "error": error})
        apply(attached.read_hash)
        if error:
            failed += 1
        else:
            done += 1
        if report:
            report(attached, pages, error)
    return done, failed


def apply(file_hash):
    """Give the OCR text of `file_hash` to every document holding that file, and re-index the live ones."""
    from documents.models import DocumentFile, DocumentPage
    from search import index

    pages = set()
    for attached in DocumentFile.objects.filter(read_hash=file_hash, scanned=True).select_related("document"):
        attached.use_ocr_text()
        attached.save(update_fields=["page_texts", "ocr", "text_note"])
        pages.add(attached.page_id)
    for page in DocumentPage.objects.filter(pk__in=pages):
        texts = [text for attached in page.files.all() for text in attached.page_texts or []]
        DocumentPage.objects.filter(pk=page.pk).update(file_text="\n".join(texts))
        page.file_text = "\n".join(texts)
        if page.live:
            index.index_pages([page])
