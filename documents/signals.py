"""A deleted relation (or the document that declared it, deleted) no longer acts on its target: its stored
dates are recomputed (documents.status.refresh_acted_on)."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from documents import status as statuses
from documents.models import DocumentRelation


@receiver(post_delete, sender=DocumentRelation)
def forget_relation(sender, instance, **kwargs):
    statuses.refresh_acted_on([instance.target_id])
