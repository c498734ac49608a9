"""Publishing an archivable page only queues its version (one row); archive_pages renders it later."""

from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published

from core import content


@receiver(page_published)
def queue_published_version(sender, instance, revision=None, **kwargs):
    kind = content.kind_of(instance)
    # A publish scheduled for later sends the signal too; publish_scheduled sends it again when it goes live.
    if kind is None or not kind.archive or revision is None or not instance.live or instance.expired:
        return
    from archive.models import ArchivedVersion

    ArchivedVersion.objects.get_or_create(
        page_id=instance.pk,
        revision_id=revision.pk,
        defaults={"published_at": instance.last_published_at or timezone.now(), "title": instance.title[:255]},
    )
