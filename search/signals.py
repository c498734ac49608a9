"""Keep the search index in step with publishing. Signals are used here only for indexing (see README).

Which page types are indexed is declared on them (core.content); these handlers name none.
"""

from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from core import content
from search import index
from search.models import SearchEntry


def _is_searchable(page):
    kind = content.kind_of(page)
    return kind is not None and kind.search is not None


@receiver(page_published)
def index_published(sender, instance, **kwargs):
    if not _is_searchable(instance):
        return
    # A publish scheduled for later sends the signal too, but the page is not live yet.
    if instance.live and not instance.expired:
        index.index_pages([instance])
    else:
        index.unindex_page_ids([instance.pk])


@receiver(page_unpublished)
def unindex_unpublished(sender, instance, **kwargs):
    index.unindex_page_ids([instance.pk])


@receiver(post_page_move)
def reindex_moved(sender, instance, **kwargs):
    # Site, category and privacy are read from the page row at query time; re-reading the page also keeps
    # the entry right if it was moved between sections while published.
    moved = content.searchable()
    index.index_pages(
        [page for model, _ in moved for page in model.objects.live().descendant_of(instance, inclusive=True)]
    )


@receiver(pre_delete, sender=SearchEntry)
def forget_deleted_entry(sender, instance, **kwargs):
    # Also runs when deleting a page cascades to its entry: FTS5 must forget the words before the row goes.
    index.fts_forget(instance)


def follow_expiry(sender, instance, raw=False, **kwargs):
    # An expiry set on a live page by a plain save (not a publish) must still hide it when due.
    if not raw:
        SearchEntry.objects.filter(page_id=instance.pk).exclude(expire_at=instance.expire_at).update(
            expire_at=instance.expire_at
        )


def connect_searchable_models():
    """Called once the apps are ready (search.apps): only searchable types, since a receiver without a sender
    would run on every save of every model."""
    for model, _kind in content.searchable():
        post_save.connect(follow_expiry, sender=model, dispatch_uid=f"search-expiry-{model._meta.label_lower}")
