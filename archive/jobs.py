"""The background job (manage.py archive_pages, from a systemd timer): queue what publishing missed, then
archive the queued versions in bounded batches, each on its own, so one page that fails stops no other."""

import logging
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from wagtail.models import Page

from archive import render
from archive.models import ArchivedVersion, archive_storage
from audit.chain import record
from audit.models import AuditEntry
from core import content

logger = logging.getLogger(__name__)

BATCH_SIZE = 20  # versions read from the queue at a time: a backlog of 10,000 is never held in memory
MAX_ATTEMPTS = 3  # a version that failed this often waits for an operator (status "failed")
QUEUE_CHUNK = 1000  # rows inserted at a time when queueing a backlog
AUDIT_ACTION = "archive.version"  # the audit log's entry for each version archived, with its checksums


@dataclass
class RunReport:
    queued: int = 0
    archived: int = 0
    failed: list = field(default_factory=list)  # (version, reason)
    batches: list = field(default_factory=list)  # the size of each batch read


def queue_backlog():
    """Queue the live version of every live archivable page that has none (pages imported before the archive
    existed, or published while the signal could not run); returns how many. Running it again adds nothing."""
    models = content.archivable()
    if not models:
        return 0
    missing = (
        Page.objects.live()
        .type(*models)
        .filter(live_revision__isnull=False)
        .exclude(Exists(ArchivedVersion.objects.filter(page=OuterRef("pk"), revision=OuterRef("live_revision"))))
        .order_by("pk")
        .values_list("pk", "live_revision_id", "last_published_at", "title")
    )
    queued = 0
    last = 0
    while True:
        chunk = list(missing.filter(pk__gt=last)[:QUEUE_CHUNK])
        if not chunk:
            return queued
        rows = [
            ArchivedVersion(page_id=pk, revision_id=revision, published_at=published or timezone.now(), title=title)
            for pk, revision, published, title in chunk
        ]
        ArchivedVersion.objects.bulk_create(rows, ignore_conflicts=True)
        queued += len(rows)
        last = chunk[-1][0]


def _name(version):
    local = timezone.localtime(version.published_at)
    return f"{version.page_id}/{local:%Y%m%d-%H%M%S}-r{version.revision_id}"


def archive_version(version):
    """Render one queued version into its PDF and WARC and store them with their checksums. No transaction is
    held while rendering (SQLite's writers would wait on it); the row is written in one save at the end."""
    if version.revision is None:
        raise render.RenderError("phiên bản này đã bị xoá khỏi lịch sử trang")
    response, url = render.served_html(version.revision)
    captured = timezone.now()
    name = _name(version)
    pdf, variant = render.pdf_of(response.content.decode(response.charset or "utf-8"), url)
    warc = render.warc_of(response, url, f"{name.rsplit('/', 1)[-1]}.warc.gz", captured=captured)
    try:
        version.pdf.save(f"{name}.pdf", ContentFile(pdf), save=False)
        version.warc.save(f"{name}.warc.gz", ContentFile(warc), save=False)
        version.pdf_sha256, version.pdf_size, version.pdf_variant = render.sha256(pdf), len(pdf), variant
        version.warc_sha256, version.warc_size = render.sha256(warc), len(warc)
        version.url = url[:2000]
        version.title = version.revision.object_str[:255] or version.title
        version.status = ArchivedVersion.Status.DONE
        version.error = ""
        version.archived_at = captured
        version.attempts += 1
        with transaction.atomic():
            version.save()
            _record(version)
    except BaseException:
        for stored in (version.pdf, version.warc):  # no files left behind without their row
            if stored:
                archive_storage.delete(stored.name)
        raise


def _record(version):
    """The checksums into the hash-chained audit log (docs/audit.md): a file replaced and its row's checksum
    edited to match still differs from what the chain holds (verify())."""
    page = version.page
    site = page.get_site()
    record(
        AUDIT_ACTION,
        site=site.pk if site else None,
        obj=page,
        title=version.title,
        details={
            "version": version.pk,
            "revision": version.revision_id,
            "published_at": version.published_at.isoformat(),
            "pdf_sha256": version.pdf_sha256,
            "warc_sha256": version.warc_sha256,
        },
    )


def verify(progress=None):
    """(version, problem) for each archived version whose file no longer has its checksum, or whose checksums
    differ from those the audit log recorded when it was made."""
    problems = []
    recorded = {}
    for details in AuditEntry.objects.filter(action=AUDIT_ACTION).values_list("details", flat=True).iterator():
        if isinstance(details, dict) and "version" in details:
            recorded[details["version"]] = details
    last = 0
    while True:
        batch = list(ArchivedVersion.objects.done().filter(pk__gt=last).order_by("pk")[:BATCH_SIZE])
        if not batch:
            return problems
        for version in batch:
            last = version.pk
            logged = recorded.get(version.pk, {})
            for kind, expected in (("pdf", version.pdf_sha256), ("warc", version.warc_sha256)):
                try:
                    with getattr(version, kind).open("rb") as handle:
                        actual = render.sha256_of(handle)
                except (OSError, ValueError):
                    problems.append((version, f"thiếu tệp {kind.upper()}"))
                    continue
                if actual != expected:
                    problems.append((version, f"tệp {kind.upper()} không còn khớp mã SHA-256 đã lưu"))
                elif logged.get(f"{kind}_sha256") != expected:
                    problems.append((version, f"mã SHA-256 của {kind.upper()} khác với nhật ký hệ thống"))
            if progress:
                progress(version)


def _fail(version, exc):
    """Count the failed try on the row as stored (the object may hold half of a save that failed)."""
    reason = str(exc) if isinstance(exc, render.RenderError) else f"{type(exc).__name__}: {exc}"
    stored = ArchivedVersion.objects.filter(pk=version.pk)
    attempts = (stored.values_list("attempts", flat=True).first() or 0) + 1
    status = ArchivedVersion.Status.FAILED if attempts >= MAX_ATTEMPTS else ArchivedVersion.Status.PENDING
    stored.update(attempts=attempts, error=reason[:500], status=status)
    return reason


def run(batch_size=BATCH_SIZE, limit=None, progress=None):
    """Queue the backlog, then archive queued versions, oldest first, `batch_size` at a time, at most `limit`
    in this run. Each queued version is tried at most once per run."""
    report = RunReport(queued=queue_backlog())
    last = 0
    while limit is None or report.archived + len(report.failed) < limit:
        size = batch_size if limit is None else min(batch_size, limit - report.archived - len(report.failed))
        batch = list(
            ArchivedVersion.objects.filter(status=ArchivedVersion.Status.PENDING, pk__gt=last)
            .select_related("revision")
            .order_by("pk")[:size]
        )
        if not batch:
            break
        report.batches.append(len(batch))
        for version in batch:
            last = version.pk
            try:
                archive_version(version)
            except Exception as exc:  # noqa: BLE001 - one page's fault (its template, WeasyPrint) stops no other
                logger.exception("archive: page %s, version %s", version.page_id, version.pk)
                report.failed.append((version, _fail(version, exc)))
            else:
                report.archived += 1
            if progress:
                progress(version)
    return report
