"""What every import command shares: reading a file line by line, the report, and the command's ending.

An app's importer reads the file with `read_lines` (or its own reader for spreadsheets), turns each line into
a record with `decode_line` or `parse_json_line`, raises `LineError` for a line it refuses, and counts what
happened in an `ImportReport`. Its command subclasses `ImportCommand`, which reads the file, shows a progress
bar and ends the same way for every import: "Dòng N: …" on stderr for each note and each refused line, one
Vietnamese summary on stdout, exit status 1 when any line was refused. See docs/architecture.md, "Adding an
import command".
"""

import json
import re
import sys
from dataclasses import dataclass, field

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_BYTE_ORDER_MARK = b"\xef\xbb\xbf"


class LineError(ValueError):
    """A line (or a spreadsheet row) that cannot be imported; the message says why, for the operator."""


def read_lines(path):
    """[(line number, bytes)] of the file, numbered from 1 as an editor shows them.

    Split on "\\n" only: U+2028, U+2029, form feeds and the other characters str.splitlines() breaks on may sit
    inside a JSON string, and each line is exactly one record. A byte-order mark at the start (as Windows
    editors write) is dropped, and so is the empty piece after the file's last newline, which ends a line and
    does not start one. Lines stay bytes: `decode_line` reports one that is not UTF-8 by its number, and the
    others are still read. Raises OSError when the file cannot be read.
    """
    with open(path, "rb") as handle:
        data = handle.read()
    lines = data.split(b"\n")
    lines[0] = lines[0].removeprefix(_BYTE_ORDER_MARK)
    if not lines[-1].strip():
        lines.pop()
    return list(enumerate(lines, start=1))


def decode_line(line):
    """The line as text without its "\\r" (CRLF files); LineError for bytes that are not UTF-8 (a Windows-1258
    export, an encoded surrogate) and for a NUL character, which no database text column can hold."""
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise LineError(
                _("dòng không phải văn bản UTF-8 hợp lệ (byte lỗi ở vị trí %(position)d)") % {"position": exc.start + 1}
            ) from None
    if "\x00" in line:
        raise LineError(_("dòng có ký tự NUL (mã 0): dữ liệu nguồn bị hỏng"))
    return line.removesuffix("\r")


def parse_json_line(line):
    """The JSON value on one line (bytes or text); LineError for anything that is not valid JSON in UTF-8,
    nested too deep, or holding half of a UTF-16 pair (a "\\ud800" escape, as broken exporters write)."""
    text = decode_line(line)
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LineError(_("JSON không hợp lệ: %(error)s") % {"error": exc.msg}) from None
    except RecursionError:
        raise LineError(_("JSON lồng nhau quá sâu")) from None
    if _LONE_SURROGATE.search(json.dumps(record, ensure_ascii=False)):
        raise LineError(_("có nửa cặp ký tự UTF-16 đứng lẻ (surrogate): dữ liệu nguồn bị hỏng"))
    return record


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)  # (line number, reason): lines left out
    notes: list = field(default_factory=list)  # (line number, message): imported, but worth an editor's look

    @property
    def ok(self):
        return not self.errors

    def count(self, outcome):
        """One line's outcome: "created", "updated" or "unchanged"."""
        setattr(self, outcome, getattr(self, outcome) + 1)

    def refuse(self, number, reason):
        self.errors.append((number, str(reason)))

    def numbers(self):
        """The counts a command's summary names: created, updated, unchanged, failed."""
        failed = len(self.errors)
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged, "failed": failed}


class ImportCommand(BaseCommand):
    """A management command importing one file; subclasses set `summary` and call `read`, `progress`, `finish`."""

    # The closing line: a Vietnamese text with %(created)d, %(updated)d, %(unchanged)d, %(failed)d and
    # whatever else the command passes to `finish`.
    summary = ""

    def read(self, path):
        """read_lines(path), or a CommandError the operator can act on."""
        try:
            return read_lines(path)
        except OSError as exc:
            raise CommandError(_("Không đọc được tệp %(file)s: %(error)s") % {"file": path, "error": exc}) from exc

    def progress(self, total):
        """A progress bar on stderr when it is a terminal (nothing in logs or pipes); `.update(1)` per line."""
        return tqdm(total=total, unit=_("dòng"), file=sys.stderr, disable=None, leave=False)

    def describe(self, where, message):
        """One note or refused line as the operator reads it: "Dòng N: …" (an archive's importer names URLs)."""
        return _("Dòng %(line)d: %(reason)s") % {"line": where, "reason": message}

    def finish(self, report, **values):
        """Each note and refused line as "Dòng N: …" on stderr, the summary on stdout, exit status 1 when any
        line was refused."""
        for where, message in [*report.notes, *report.errors]:
            self.stderr.write(self.describe(where, message))
        self.stdout.write(str(self.summary) % {**report.numbers(), **values})
        if not report.ok:
            raise CommandError(_("%(count)d dòng không nhập được.") % {"count": len(report.errors)}, returncode=1)
