"""Reading a catalogue file: one JSON list of objects, split into its records before any is parsed.

Each element is cut out of the list by a scan that knows strings and brackets, so a broken element (bad JSON,
nesting deeper than a record ever needs) is reported with its index and line while the others are still read;
the loader (procedures.importing) never sees the file.
"""

import bisect
import json
import re
from dataclasses import dataclass

MAX_DEPTH = 3  # the record, a list of papers or steps; nothing deeper is ever needed
MAX_RECORD_CHARS = 100_000
# A string (never across a line: JSON has no raw line breaks in strings), a bracket, or a comma.
_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|[\[\]{},]')


class CatalogueError(ValueError):
    """The file as a whole cannot be read (not UTF-8, not a list): nothing is imported."""


@dataclass
class Entry:
    index: int  # 1-based position in the list
    line: int  # line of the file where it starts
    record: dict | None = None
    error: str = ""

    @property
    def item(self):
        """What the loader takes: the record, or the reason it could not be read as an exception."""
        return self.record if self.record is not None else ValueError(self.error)


def _entry(text, index, start, end, depth, line_of):
    raw = text[start:end]
    begins = start + (len(raw) - len(raw.lstrip()))
    entry = Entry(index, line_of(begins))
    if not raw.strip():
        entry.error = "bản ghi trống (thừa dấu phẩy)"
    elif len(raw) > MAX_RECORD_CHARS:
        entry.error = f"bản ghi dài quá {MAX_RECORD_CHARS} ký tự"
    elif depth > MAX_DEPTH:
        entry.error = f"JSON lồng quá sâu ({depth} tầng, tối đa {MAX_DEPTH})"
    else:
        try:
            record = json.loads(raw)
        except ValueError as exc:  # JSONDecodeError, or an integer of too many digits
            entry.error = f"không phải JSON hợp lệ ({getattr(exc, 'msg', 'số quá dài')})"
        else:
            if isinstance(record, dict):
                entry.record = record
            else:
                entry.error = "mỗi bản ghi phải là một đối tượng JSON {…}"
    return entry


def read_catalogue(data):
    """The entries of a catalogue file's bytes, in order; raises CatalogueError if it is not a JSON list."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CatalogueError(f"tệp không phải UTF-8 (byte thứ {exc.start + 1})") from exc
    stripped = text.lstrip()
    if not stripped.startswith("["):
        raise CatalogueError("tệp phải là một danh sách JSON: [ {…}, {…} ]")
    newlines = [m.start() for m in re.finditer("\n", text)]

    def line_of(position):
        return bisect.bisect_left(newlines, position) + 1

    entries, depth, deepest = [], 0, 0
    opening = len(text) - len(stripped)
    start, end = opening + 1, None
    for token in _TOKEN.finditer(text, opening + 1):
        kind = token.group()
        if kind in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif kind in "]}":
            if depth == 0:
                if kind == "]":
                    end = token.start()
                    break
                raise CatalogueError(f"dấu “}}” thừa ở dòng {line_of(token.start())}")
            depth -= 1
        elif kind == "," and depth == 0:
            entries.append(_entry(text, len(entries) + 1, start, token.start(), deepest, line_of))
            start, deepest = token.end(), 0
    if end is None:
        raise CatalogueError("danh sách JSON không có dấu “]” đóng (tệp bị cắt cụt?)")
    if text[end + 1 :].strip():
        raise CatalogueError(f"có nội dung sau dấu “]” đóng danh sách (dòng {line_of(end)})")
    if entries or text[start:end].strip():
        entries.append(_entry(text, len(entries) + 1, start, end, deepest, line_of))
    return entries
