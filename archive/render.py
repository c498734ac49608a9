"""A version of a page as its readers saw it, made into a PDF (WeasyPrint, the site's print CSS) and a WARC
record (warcio): the HTML comes from Wagtail's own made-up request for the revision (make_preview_request),
through every middleware, so it is the page as served, whichever version is live by the time the job runs."""

import datetime
import hashlib
import io
import logging
import mimetypes
from urllib.parse import urlsplit

from django.utils import timezone

from core.local_files import file_for_url

logger = logging.getLogger(__name__)

PDF_VARIANT = "pdf/a-3b"  # PDF/A-3b: fonts embedded, colours declared, for keeping
SOFTWARE = "Cổng thông tin điện tử phường, xã (archive_pages)"
DROPPED_HEADERS = {"set-cookie", "vary"}  # nothing personal, nothing about caches, in the record


class RenderError(Exception):
    """The version could not be made into an archive: the reason, in Vietnamese."""


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def sha256_of(handle):
    """The SHA-256 of an open file, read in chunks."""
    return hashlib.file_digest(handle, "sha256").hexdigest()


def served_html(revision):
    """(response, url) of the revision's page rendered as the site serves it."""
    page = revision.as_object()
    response = page.make_preview_request()
    if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
        raise RenderError(f"trang trả về mã {response.status_code}")
    return response, page.get_full_url()


def _local_fetcher(page_url):
    from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

    own = urlsplit(page_url)

    class LocalFetcher(URLFetcher):
        """Static and media files read from disk; nothing fetched over the network (an image hot-linked from
        elsewhere is left out rather than making the job wait on another server)."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or parts.netloc != own.netloc:
                raise URLFetchingError(f"không lấy tệp ngoài trang: {url[:200]}")
            path = file_for_url(parts.path)
            if path is None:
                raise URLFetchingError(f"không có tệp: {parts.path[:200]}")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": content_type})

    return LocalFetcher(fail_on_errors=False)


def pdf_of(html, url):
    """(PDF bytes, variant): PDF/A-3b where WeasyPrint can make it, plain PDF otherwise."""
    import weasyprint

    document = weasyprint.HTML(string=html, base_url=url, url_fetcher=_local_fetcher(url)).render()
    try:
        return document.write_pdf(pdf_variant=PDF_VARIANT), PDF_VARIANT
    except (ValueError, TypeError, KeyError) as exc:
        # Some content (an image with a colour profile PDF/A refuses) cannot be PDF/A: keep a plain PDF.
        logger.warning("archive: %s not as %s (%s)", url, PDF_VARIANT, exc)
        return document.write_pdf(), ""


def warc_of(response, url, filename, captured=None):
    """A gzipped WARC file: a warcinfo record, then the HTTP response (status, headers, HTML) for `url`."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.timeutils import datetime_to_iso_date
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True, warc_version="1.1")
    writer.write_record(
        writer.create_warcinfo_record(filename, {"software": SOFTWARE, "format": "WARC File Format 1.1"})
    )
    body = response.content
    headers = [(name, value) for name, value in response.items() if name.lower() not in DROPPED_HEADERS]
    status = StatusAndHeaders(f"{response.status_code} {response.reason_phrase}", headers, protocol="HTTP/1.1")
    date = datetime_to_iso_date((captured or timezone.now()).astimezone(datetime.UTC), use_micros=False)
    writer.write_record(
        writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=status,
            warc_headers_dict={"WARC-Date": date},
        )
    )
    return out.getvalue()
