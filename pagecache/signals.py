"""Invalidate exactly the cached pages a change affects."""

import contextlib
import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from core import content

from .keys import LISTING_GROUPS, group_of, invalidate_groups, invalidate_site


def _site_and_group(page, url_path=None):
    """The site a page belongs to and its URL group, from its url_path ('/home-slug/cat/article/')."""
    url_path = url_path or page.url_path
    for site_id, root_path, _root_url, _language in Site.get_site_root_paths():
        if url_path.startswith(root_path):
            return site_id, group_of(url_path[len(root_path) - 1 :])
    return None, None


_batch = threading.local()


@contextlib.contextmanager
def deferred():
    """Many pages published in one transaction (an import's batch): what they touch is invalidated once, when
    the transaction commits, instead of after each page (and not at all when it is rolled back)."""
    if getattr(_batch, "pending", None) is not None:
        yield
        return
    _batch.pending = pending = {}
    try:
        yield
    finally:
        _batch.pending = None
    transaction.on_commit(lambda: _invalidate_pending(pending))


def _invalidate_pending(pending):
    for site_id, groups in pending.items():
        if groups is None:
            invalidate_site(site_id)
        else:
            invalidate_groups(site_id, groups)


def invalidate_page(page, url_path=None):
    site_id, group = _site_and_group(page, url_path)
    if site_id is None:
        return
    pending = getattr(_batch, "pending", None)
    if pending is not None:
        whole_site = group == "" or content.invalidates_site(page)
        if whole_site or pending.get(site_id, set()) is None:
            pending[site_id] = None
        else:
            pending.setdefault(site_id, set()).update((group, *LISTING_GROUPS))
        return
    if group == "" or content.invalidates_site(page):
        # The home page and sections (categories) appear in every page's header menu and the site bundle.
        invalidate_site(site_id)
    else:
        invalidate_groups(site_id, (group, *LISTING_GROUPS))


@receiver(page_published)
@receiver(page_unpublished)
def on_publish_change(sender, instance, **kwargs):
    invalidate_page(instance)


@receiver(post_delete)
def on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live:
        invalidate_page(instance)


@receiver(pre_page_move)
def before_move(sender, instance, **kwargs):
    invalidate_page(instance, kwargs.get("url_path_before") or instance.url_path)


@receiver(post_page_move)
def after_move(sender, instance, url_path_before=None, url_path_after=None, **kwargs):
    invalidate_page(instance, url_path_before)
    invalidate_page(instance, url_path_after)


@receiver(post_save, sender="wards.WardSettings")
@receiver(post_save, sender="widgets.WidgetSettings")
def on_site_settings_saved(sender, instance, **kwargs):
    invalidate_site(instance.site_id)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_restriction_change(sender, instance, **kwargs):
    # Pages cached while they were public must not outlive the restriction.
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        invalidate_page(page)


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def on_site_change(sender, instance, **kwargs):
    invalidate_site(instance.pk)
