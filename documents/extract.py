"""Text of a document's files, page by page, for search: pypdf for PDF, python-docx for DOCX.

A PDF whose pages give no text is a scan (bản quét): search cannot see inside it, and the admin says so.
"""

import logging
import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO

from core.text import normalize_text

logger = logging.getLogger(__name__)

# Below this many letters over the whole file, a PDF is taken for a scan (a stamp or a page number is not text).
SCAN_MAX_LETTERS = 20
_PAGES = re.compile(rb"<Pages>(\d+)</Pages>")


@dataclass
class Extracted:
    pages: list = field(default_factory=list)  # text of each page (DOCX: the whole text as one "page")
    page_count: int | None = None
    scanned: bool = False
    readable: bool = True


def extract(data, extension):
    extension = extension.lower()
    try:
        if extension == "pdf":
            return _pdf(data)
        if extension == "docx":
            return _docx(data)
    except Exception:  # noqa: BLE001 - a damaged file must not stop saving the document
        logger.warning("could not read the text of a %s file", extension, exc_info=True)
        return Extracted(readable=False)
    return Extracted(page_count=_office_pages(data))


def _pdf(data):
    from pypdf import PdfReader

    reader = PdfReader(BytesIO(data))
    pages = [normalize_text(page.extract_text() or "", multiline=True) for page in reader.pages]
    letters = sum(sum(ch.isalpha() for ch in text) for text in pages)
    return Extracted(pages=pages, page_count=len(pages), scanned=bool(pages) and letters < SCAN_MAX_LETTERS)


def _docx(data):
    import docx

    document = docx.Document(BytesIO(data))
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        texts.extend(cell.text for row in table.rows for cell in row.cells)
    return Extracted(pages=[normalize_text("\n".join(texts), multiline=True)], page_count=_office_pages(data))


def _office_pages(data):
    """The page count Word or LibreOffice wrote into the package's properties, if any."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as package:
            found = _PAGES.search(package.read("docProps/app.xml"))
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    return int(found.group(1)) if found else None
