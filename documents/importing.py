"""Importing documents from JSON Lines (`manage.py import_documents`): one document a line.

Every line is checked first (fields, dates, files, relations); lines with a fault are reported with their
number and reason and left out, the others land. A document is known again by its site, type, year and number,
so importing the same file twice updates instead of duplicating.
"""

import collections
import datetime
import hashlib
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents.models import Document
from wagtail.models import Site

from core import indexing
from core.bulk import NewPages
from core.importing import ImportReport, LineError, decode_line, parse_json_line
from core.text import normalize_text
from documents import status as statuses
from documents.extract import extract
from documents.models import (
    DocumentField,
    DocumentFile,
    DocumentIndexPage,
    DocumentPage,
    DocumentRelation,
    DocumentType,
    document_slug,
)
from documents.numbers import number_key
from pagecache import signals as pagecache

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")
REQUIRED = ("number", "type", "issuer", "issued", "summary")


@dataclass
class DocumentReport(ImportReport):
    page_ids: list = field(default_factory=list)  # the documents created or updated: their scans go to OCR

    def count(self, outcome, page_id=None):
        super().count(outcome)
        if outcome != "unchanged" and page_id is not None:
            self.page_ids.append(page_id)


@dataclass
class Line:
    number: int
    values: dict
    files: list  # (name, bytes)
    relations: list  # (kind, number)


def _date(record, key, required=False):
    raw = record.get(key)
    if raw in (None, ""):
        if required:
            raise LineError(f"thiếu “{key}”")
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(str(raw).strip(), fmt).date()  # noqa: DTZ007 - a calendar day
        except ValueError:
            continue
    raise LineError(f"ngày “{str(raw)[:20]}” ở “{key}” không có thật hoặc sai dạng (năm-tháng-ngày hay ngày/tháng/năm)")


def _text(record, key, limit, required=False):
    value = record.get(key)
    if value is None:
        value = ""
    if not isinstance(value, str | int):
        raise LineError(f"“{key}” phải là chuỗi")
    value = normalize_text(str(value), multiline=key == "summary")
    if required and not value:
        raise LineError(f"thiếu “{key}”")
    if len(value) > limit:
        raise LineError(f"“{key}” dài quá {limit} ký tự")
    return value


def _numbers(record, key):
    value = record.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise LineError(f"“{key}” phải là danh sách số, ký hiệu")
    return value


class DocumentImporter:
    BATCH = 100  # lines a transaction

    def __init__(self, site, base_dir):
        self.site = site
        self.base_dir = Path(base_dir)
        self.section = DocumentIndexPage.objects.child_of(site.root_page).first()
        self.types = {}
        for item in DocumentType.objects.filter(site=site):
            self.types[item.slug] = self.types[number_key(item.name)] = item
        self.fields = {}
        for item in DocumentField.objects.filter(site=site):
            self.fields[item.slug] = self.fields[number_key(item.name)] = item

    def _lookup(self, table, raw, what):
        found = table.get(number_key(str(raw or "")))
        if found is None:
            raise LineError(f"{what} “{str(raw)[:40]}” không có trong danh sách của trang phường")
        return found

    def parse(self, number, text):
        from images.uploads import validate_document

        record = parse_json_line(text)
        if not isinstance(record, dict):
            raise LineError("mỗi dòng phải là một đối tượng JSON")
        values = {
            "number": _text(record, "number", 60, required=True),
            "doc_type": self._lookup(self.types, record.get("type"), "loại văn bản"),
            "issuer": _text(record, "issuer", 200, required=True),
            "signer": _text(record, "signer", 120),
            "summary": _text(record, "summary", 5000, required=True),
            "issued": _date(record, "issued", required=True),
            "effective": _date(record, "effective"),
            "expires": _date(record, "expires"),
            "doc_field": self._lookup(self.fields, record["field"], "lĩnh vực") if record.get("field") else None,
        }
        if not number_key(values["number"]):
            raise LineError("số, ký hiệu không có chữ hay số nào")
        files = []
        names = record.get("files") or []
        if not isinstance(names, list):
            raise LineError("“files” phải là danh sách đường dẫn tệp")
        for name in names:
            path = (self.base_dir / str(name)).resolve()
            if not path.is_relative_to(self.base_dir.resolve()):
                raise LineError(f"tệp “{name}” nằm ngoài thư mục của tệp nhập")
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise LineError(f"không đọc được tệp “{name}”") from exc
            upload = ContentFile(data, name=path.name)
            try:
                validate_document(upload)
            except ValidationError as exc:
                raise LineError(f"tệp “{name}” bị từ chối: {exc.messages[0]}") from exc
            files.append((path.name, data))
        relations = [(statuses.REPLACES, n) for n in _numbers(record, "replaces")]
        relations += [(statuses.AMENDS, n) for n in _numbers(record, "amends")]
        return Line(number, values, files, relations)

    def existing(self, values):
        return (
            DocumentPage.objects.descendant_of(self.section)
            .filter(
                doc_type=values["doc_type"], issued__year=values["issued"].year, number_key=number_key(values["number"])
            )
            .first()
        )

    def import_lines(self, lines, progress=None):
        """Import each (line number, bytes or text) as one document (core.importing.read_lines)."""
        report = DocumentReport()
        if self.section is None:
            report.refuse(0, "trang phường chưa có mục Văn bản")
            return report
        parsed = []
        for number, raw in lines:
            try:
                text = decode_line(raw)
                if not text.strip():
                    continue
                parsed.append(self.parse(number, text))
            except LineError as exc:
                report.refuse(number, exc)
        stored = set(DocumentPage.objects.descendant_of(self.section).values_list("number_key", flat=True))
        known = stored | {number_key(line.values["number"]) for line in parsed}
        landed = []
        for line in parsed:
            unknown = [n for _, n in line.relations if number_key(n) not in known]
            if unknown:
                report.refuse(line.number, f"liên quan đến số “{unknown[0]}” chưa có văn bản nào")
            else:
                landed.append(line)
            if progress:
                progress.update(1)
        # Files of documents not known before are read in a second process while this one saves; a known
        # document's files are usually unchanged, and then never read at all.
        ahead = ReadAhead([None if number_key(line.values["number"]) in stored else line for line in landed])
        with ahead:
            for start in range(0, len(landed), self.BATCH):
                self._import_batch(landed[start : start + self.BATCH], ahead, report)
        return report

    def _import_batch(self, lines, ahead, report):
        """BATCH lines in one transaction, each in its own savepoint (a refused line leaves nothing of itself,
        the others land). New documents are written together (core.bulk.NewPages), known ones updated one by
        one; a line naming, or relating to, a document of this batch not written yet writes the batch so far
        first, so it finds that document as a line-by-line import would."""
        new = NewPages()
        pending = set()  # number keys and slugs of the new documents placed, not yet written
        outcomes = []  # (outcome, page)
        with transaction.atomic(), indexing.once_per_object(), pagecache.deferred():
            for line in lines:
                texts = ahead.next()
                keys = {number_key(line.values["number"])} | {number_key(n) for _, n in line.relations}
                if keys & pending or self._slug(line.values) in pending:
                    new.publish(written=_acted_on)
                    pending.clear()
                try:
                    with transaction.atomic():
                        outcome, page = self.save(line, texts, new)
                except ValidationError as exc:
                    report.refuse(line.number, "; ".join(exc.messages))
                    continue
                if outcome == "created":
                    pending.update({page.number_key, page.slug})
                outcomes.append((outcome, page))
            new.publish(written=_acted_on)
        for outcome, page in outcomes:
            report.count(outcome, page.pk)

    @staticmethod
    def _slug(values):
        return document_slug(values["doc_type"], values["number"], values["issued"])

    def _target(self, number):
        return (
            DocumentPage.objects.descendant_of(self.section)
            .filter(number_key=number_key(number))
            .order_by("-issued")
            .first()
        )

    def save(self, line, texts=None, new=None):
        """`texts`: each file's text already extracted (ReadAhead), or None to read it here. `new`: a NewPages
        that takes a new document (placed and checked here, written by its publish()); without it the document
        is created the Wagtail way. Returns the outcome and the page."""
        page = self.existing(line.values)
        created = page is None
        if created:
            page = DocumentPage(**line.values)
        hashes = [hashlib.sha1(data).hexdigest() for _, data in line.files]  # noqa: S324 - Wagtail's file_hash
        old_hashes = [] if created else [f.document.file_hash for f in page.files.all().select_related("document")]
        targets = [(kind, self._target(n)) for kind, n in line.relations]
        old_relations = [] if created else [(r.kind, r.target_id) for r in page.relations.all()]
        same = (
            not created
            and all(getattr(page, key) == value for key, value in line.values.items() if key != "effective")
            and (line.values["effective"] or line.values["issued"]) == page.effective
            and hashes == old_hashes
            and [(k, t.pk) for k, t in targets] == old_relations
        )
        if same:
            return "unchanged", page
        for key, value in line.values.items():
            setattr(page, key, value)
        if hashes != old_hashes:
            files = []
            for (name, data), digest, found in zip(line.files, hashes, texts or [None] * len(hashes), strict=True):
                attached = DocumentFile(document=self._store(name, data, digest))
                attached.read_text(found)
                files.append(attached)
            page.files = files
        page.relations = [DocumentRelation(kind=kind, target=target) for kind, target in targets]
        if created and new is not None:
            # Placed with the checks add_child's save runs (number clash, dates, the site's lists; a
            # ValidationError undoes the line's savepoint), with the fields DocumentPage.save derives.
            page.slug = self._slug(line.values)
            page.derive_fields()
            new.place(page, self.section)
            return "created", page
        # No separate check first: add_child's save (a live page), or for a known document save_revision, runs the
        # model's full checks (number clash, dates, the site's lists), and a ValidationError there undoes the
        # line's transaction. A new document's revision is the object add_child has just checked: not again.
        if created:
            self.section.add_child(instance=page)
        page.save_revision(clean=not created).publish()
        return ("created" if created else "updated"), page

    def _store(self, name, data, digest):
        """A Wagtail document of these bytes, with the size and hash Wagtail would read back from storage."""
        from editorial.roles import site_collection

        document = Document(
            title=os.path.splitext(name)[0],
            collection=site_collection(self.site),
            file_size=len(data),
            file_hash=digest,
        )
        document.file.save(name, ContentFile(data), save=False)
        document.save()
        return document


def _acted_on(pages):
    """What DocumentPage.save does after the row is written, for documents written by NewPages: the stored
    replaced_on/amended_on of the documents they replace or amend."""
    targets = DocumentRelation.objects.filter(source__in=[page.pk for page in pages]).values_list(
        "target_id", flat=True
    )
    statuses.refresh_acted_on(set(targets))


def _extension(name):
    return os.path.splitext(name)[1].lower().lstrip(".")


class ReadAhead:
    """The text of the files of the lines to come, extracted (documents.extract) in a second process while this
    one saves a document: pypdf is pure Python, so a thread would only wait for the interpreter. Lines are
    taken in order, AHEAD at most held at a time; a line given as None is not read ahead. Should the second
    process fail, a file's text is None and the document's save reads it as it always did."""

    AHEAD = 8

    def __init__(self, lines):
        self.lines = iter(lines)
        self.pending = collections.deque()
        self.pool = None

    def __enter__(self):
        # "spawn": a fresh interpreter that shares nothing with this process (no database connection).
        self.pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        for _ in range(self.AHEAD):
            self._submit()
        return self

    def __exit__(self, *exc):
        self.pool.shutdown(wait=True, cancel_futures=True)

    def _submit(self):
        line = next(self.lines, StopIteration)
        if line is StopIteration:
            return
        if line is None:
            self.pending.append(None)
            return
        try:
            futures = [self.pool.submit(extract, data, _extension(name)) for name, data in line.files]
        except RuntimeError:  # the pool is broken: the rest is read in this process
            futures = None
        self.pending.append(futures)

    def next(self):
        """The texts of the next line's files (None: read them in the save)."""
        futures = self.pending.popleft() if self.pending else None
        self._submit()
        if futures is None:
            return None
        try:
            return [future.result() for future in futures]
        except Exception:  # noqa: BLE001 - a dead worker: the save reads the files itself
            return None


def site_for(hostname):
    if hostname:
        return Site.objects.filter(hostname=hostname).first()
    return Site.objects.filter(is_default_site=True).first()
