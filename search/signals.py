"""Keep the search index in step with publishing. Signals are used here only for indexing (see README)."""

from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from search import index
from search.models import SearchEntry


def _is_article(page):
    from news.models import ArticlePage

    return isinstance(page, ArticlePage)


@receiver(page_published)
def index_published(sender, instance, **kwargs):
    if not _is_article(instance):
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
    # Site, category and privacy are read from the page row at query time; re-reading the article also keeps
    # the entry right if it was moved between sections while published.
    from news.models import ArticlePage

    live = ArticlePage.objects.live().descendant_of(instance, inclusive=True)
    index.index_pages(list(live))


@receiver(pre_delete, sender=SearchEntry)
def forget_deleted_entry(sender, instance, **kwargs):
    # Also runs when deleting a page cascades to its entry: FTS5 must forget the words before the row goes.
    index.fts_forget(instance)


@receiver(post_save, sender="news.ArticlePage")
def follow_expiry(sender, instance, raw=False, **kwargs):
    # An expiry set on a live article by a plain save (not a publish) must still hide it when due. Only for
    # articles: a receiver without a sender would run on every save of every model.
    if not raw:
        SearchEntry.objects.filter(page_id=instance.pk).exclude(expire_at=instance.expire_at).update(
            expire_at=instance.expire_at
        )
