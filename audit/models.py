"""The append-only, hash-chained audit log (docs/audit.md).

Entries name the actor, the site and the object by id plus a snapshot of their names, never by foreign key: a
deleted user, site or page must not delete, change or block the entries that speak of it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReadOnlyEntry(Exception):
    """Raised when code tries to change or delete an audit entry through the ORM."""


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ReadOnlyEntry("audit entries cannot be changed")

    def delete(self):
        raise ReadOnlyEntry("audit entries cannot be deleted")

    def for_sites(self, site_ids):
        return self.filter(site_id__in=list(site_ids))


class AuditEntry(models.Model):
    seq = models.PositiveBigIntegerField(_("số thứ tự"), unique=True)
    at = models.DateTimeField(_("thời điểm"), db_index=True)
    actor_id = models.BigIntegerField(_("mã người thực hiện"), null=True, blank=True)
    actor_name = models.CharField(_("người thực hiện"), max_length=150, blank=True)
    site_id = models.BigIntegerField(_("mã trang"), null=True, blank=True, db_index=True)
    action = models.CharField(_("hành động"), max_length=40, db_index=True)
    object_type = models.CharField(_("loại đối tượng"), max_length=100, blank=True)
    object_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True)
    object_title = models.CharField(_("tên đối tượng"), max_length=255, blank=True)
    details = models.JSONField(_("chi tiết"), default=dict, blank=True)
    prev_hash = models.CharField(_("mã băm mục trước"), max_length=64)
    hash = models.CharField(_("mã băm"), max_length=64, unique=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("mục nhật ký hệ thống")
        verbose_name_plural = _("nhật ký hệ thống")
        ordering = ["-seq"]
        default_permissions = ()

    def __str__(self):
        return f"#{self.seq} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ReadOnlyEntry("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ReadOnlyEntry("audit entries cannot be deleted")


class ChainHead(models.Model):
    """One row: the last entry's number and hash. Appending locks it, so two writers never take the same
    place in the chain; `verify_audit_log` compares it with the last entry, so deleting the newest entries
    shows too."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    class Meta:
        default_permissions = ()

    def __str__(self):
        return f"#{self.seq}"
