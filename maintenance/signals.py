"""A saved or deleted notice shows at once: the notices' list is read again and the pages it covers are
invalidated (one site's, or every site's for an all-sites notice)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Site

from pagecache.keys import invalidate_site

from . import banner
from .models import MaintenanceNotice


def _refresh(notice):
    banner.forget()
    site_ids = [notice.site_id] if notice.site_id else list(Site.objects.values_list("pk", flat=True))
    for site_id in site_ids:
        invalidate_site(site_id)


@receiver(post_save, sender=MaintenanceNotice)
@receiver(post_delete, sender=MaintenanceNotice)
def on_notice_change(sender, instance, **kwargs):
    _refresh(instance)
    # Another process could read the list again before the transaction commits: forget it once more then.
    transaction.on_commit(banner.forget)
