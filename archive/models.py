"""One row per published version of an archivable page (core.content: `ContentKind(archive=True)`).

A publish only adds a row (`PENDING`); `manage.py archive_pages` renders it later, off the request path, as a
PDF and a WARC record, each kept with its SHA-256 (archive/jobs.py). Files live outside MEDIA_ROOT, under
PORTAL_ARCHIVE_ROOT, so nginx never serves them: the "Lưu trữ" views hand them out only while the page is public.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _


class ArchiveStorage(FileSystemStorage):
    """Files under settings.PORTAL_ARCHIVE_ROOT, read at each use (a test's own folder is the one written to)."""

    @property
    def base_location(self):
        return settings.PORTAL_ARCHIVE_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)


archive_storage = ArchiveStorage()


def _storage():
    return archive_storage


class ArchivedVersionQuerySet(models.QuerySet):
    def done(self):
        return self.filter(status=ArchivedVersion.Status.DONE)

    def listed_for(self, page):
        """The page's versions newest first, as its "Lưu trữ" page lists them."""
        return self.filter(page=page).exclude(status=ArchivedVersion.Status.FAILED).order_by("-published_at", "-pk")


class ArchivedVersion(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("chờ lưu trữ")
        DONE = "done", _("đã lưu trữ")
        FAILED = "failed", _("lỗi")

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="archived_versions", verbose_name=_("trang")
    )
    # The revision that was published; kept as null if old revisions are purged, the files stay.
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("thời điểm đăng"))
    status = models.CharField(_("tình trạng"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("số lần thử"), default=0)
    error = models.CharField(_("lỗi gần nhất"), max_length=500, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=255, blank=True)
    url = models.CharField(_("địa chỉ"), max_length=2000, blank=True)
    pdf = models.FileField(_("tệp PDF"), storage=_storage, max_length=300, blank=True)
    pdf_variant = models.CharField(_("chuẩn PDF"), max_length=16, blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 của PDF"), max_length=64, blank=True)
    pdf_size = models.PositiveIntegerField(_("cỡ PDF (byte)"), default=0)
    warc = models.FileField(_("tệp WARC"), storage=_storage, max_length=300, blank=True)
    warc_sha256 = models.CharField(_("SHA-256 của WARC"), max_length=64, blank=True)
    warc_size = models.PositiveIntegerField(_("cỡ WARC (byte)"), default=0)
    archived_at = models.DateTimeField(_("thời điểm lưu trữ"), null=True, blank=True)

    objects = ArchivedVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("phiên bản lưu trữ")
        verbose_name_plural = _("phiên bản lưu trữ")
        constraints = [models.UniqueConstraint(fields=["page", "revision"], name="archive_one_row_per_revision")]
        indexes = [models.Index(fields=["status", "id"], name="archive_queue")]

    def __str__(self):
        return f"{self.title or self.page_id} @ {self.published_at:%Y-%m-%d %H:%M}"
