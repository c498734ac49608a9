"""Serving a document's files from its page: only while the page is live, never as a page of the portal.

The browser gets the file's own type, `nosniff`, a sandboxing CSP and a Content-Disposition naming it as
RFC 6266 asks: an ASCII fallback in `filename`, the Vietnamese name in `filename*` (UTF-8, percent-encoded).
"""

import unicodedata
from urllib.parse import quote

from django.http import FileResponse, Http404

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
}
# PDF opens in the browser's viewer (sandboxed by the CSP below); office files are saved.
INLINE = {"pdf"}


def _ascii(name):
    """ "Quyết định 15/QĐ" -> "Quyet dinh 15/QD": marks dropped, case kept, anything else non-ASCII as "_"."""
    bare = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    bare = "".join(ch for ch in bare if not unicodedata.combining(ch))
    return "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\;' else "_" for ch in bare) or "file"


def content_disposition(disposition, name):
    ascii_name = _ascii(name)
    return f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


def serve_file(request, page, position):
    attached = page.files.all().select_related("document").order_by("sort_order")
    attached = list(attached)
    if not 1 <= position <= len(attached):
        raise Http404
    item = attached[position - 1]
    content_type = CONTENT_TYPES.get(item.extension)
    if content_type is None:
        raise Http404
    response = FileResponse(item.document.file.open("rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition(
        "inline" if item.extension in INLINE else "attachment", item.download_name()
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
