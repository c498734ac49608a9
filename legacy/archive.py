"""Reading web archives (WARC, gzipped or not, as `wget --warc-file` or crawl_legacy write them) with warcio.

Pages are read once, in order; pictures are only indexed (file and offset) and read again when an article uses
one, so a large archive is never held in memory.
"""

from dataclasses import dataclass

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from legacy.oldurls import split_url

MAX_PAYLOAD = 20 * 1024 * 1024


class ArchiveError(ValueError):
    """An archive that cannot be read (not a WARC, cut off); the message names the file."""


@dataclass
class Capture:
    url: str
    host: str
    path: str  # normalised path and query (legacy.oldurls)
    status: int
    content_type: str = ""
    location: str = ""
    payload: bytes = b""  # pages only; pictures are read with `payload_at`
    file: str = ""
    offset: int = 0

    @property
    def is_html(self):
        return "html" in self.content_type.lower()

    @property
    def is_image(self):
        return self.content_type.lower().startswith("image/")


def captures(path):
    """Each archived HTTP response in a WARC file (Capture); ArchiveError when the file is not a readable WARC."""
    try:
        with open(path, "rb") as handle:
            iterator = ArchiveIterator(handle, arc2warc=True)
            for record in iterator:
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                host, normalised = split_url(url)
                if not host:
                    continue
                try:
                    status = int(record.http_headers.get_statuscode() or 0)
                except ValueError:
                    status = 0
                content_type = record.http_headers.get_header("Content-Type") or ""
                payload = b""
                if status == 200 and "html" in content_type.lower():
                    payload = record.content_stream().read(MAX_PAYLOAD)
                offset = iterator.get_record_offset()  # reads the rest of the record: the payload first
                capture = Capture(
                    url=url,
                    host=host,
                    path=normalised,
                    status=status,
                    content_type=content_type,
                    location=record.http_headers.get_header("Location") or "",
                    payload=payload,
                    file=str(path),
                    offset=offset,
                )
                yield capture
    except ArchiveLoadFailed as exc:
        raise ArchiveError(str(exc)) from None
    except (OSError, EOFError, ValueError) as exc:
        raise ArchiveError(f"{type(exc).__name__}: {exc}") from None


def payload_at(file, offset):
    """The body of the response record at `offset` of `file`."""
    with open(file, "rb") as handle:
        handle.seek(offset)
        for record in ArchiveIterator(handle, arc2warc=True):
            return record.content_stream().read(MAX_PAYLOAD)
    return b""
