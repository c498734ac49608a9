"""Which pages are private (Wagtail view restrictions), remembered per process.

Wagtail asks the database on every page it serves (the page's ancestors, then their restrictions) and once
more for every `public()` listing: three queries per article, almost always to learn that nothing is
private. Restrictions are few and rarely change, so each process keeps the paths they cover and re-reads
them when the shared generation moves: saving or deleting a restriction, moving a page, or making an alias
(an alias of a restricted page is restricted too) bumps it, here and in every process within
core.memory.seconds(). A page under a restricted path, or an alias, is still checked by Wagtail itself.
"""

import secrets
import threading

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import post_page_move

from core import memory
from core.generations import bump, shared_cache

GENERATION_KEY = "pc:g:privacy"
_lock = threading.Lock()
_UNREAD = object()
_known = {"generation": _UNREAD, "roots": (), "restricted": ()}


def _shared_generation():
    cache = shared_cache()
    value = cache.get(GENERATION_KEY)
    if value is None:
        # Never set, or the shared cache was emptied: start from a random number, so a process still holding
        # a copy read under an earlier generation cannot take it for current.
        cache.add(GENERATION_KEY, secrets.randbits(48), timeout=None)
        value = cache.get(GENERATION_KEY)
    return value


def _read():
    restricted = dict(PageViewRestriction.objects.values_list("page_id", "page__path"))
    aliases = Page.objects.filter(alias_of_id__in=list(restricted)).values_list("path", flat=True)
    return {
        "roots": tuple(sorted({*restricted.values(), *aliases})),
        "restricted": tuple(sorted((path, pk) for pk, path in restricted.items())),
    }


def _current(name):
    try:
        generation = memory.remembered(GENERATION_KEY, _shared_generation)
    except Exception:  # noqa: BLE001 - cache down: unknown, so the callers ask the database as Wagtail does
        return None
    if generation is None:  # a cache that keeps nothing (or lost the value at once): unknown as well
        return None
    if _known["generation"] != generation:
        known = _read()
        with _lock:
            _known.update(generation=generation, **known)
    return _known[name]


def restricted_roots():
    """Paths of the restricted pages and their aliases (everything below them is private too), or None when
    the shared cache cannot tell whether this process's copy is current."""
    return _current("roots")


def restricted_pages():
    """(path, page id) of each page with a view restriction, or None as for restricted_roots()."""
    return _current("restricted")


def is_known_public(page):
    """True when no view restriction can apply to `page`, known without a query; False means "ask Wagtail"."""
    if page.alias_of_id is not None:
        return False
    roots = restricted_roots()
    return roots is not None and not any(page.path.startswith(root) for root in roots)


def forget():
    """For tests: the next call reads the restrictions again."""
    with _lock:
        _known.update(generation=_UNREAD, roots=(), restricted=())


def changed():
    forget()
    bump([GENERATION_KEY])


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_restriction_change(sender, instance, **kwargs):
    changed()  # pagecache.signals drops the pages cached while they were public


@receiver(post_page_move)
def on_move(sender, instance, **kwargs):
    changed()


@receiver(post_save)
def on_alias_saved(sender, instance, created, **kwargs):
    if created and isinstance(instance, Page) and instance.alias_of_id is not None:
        changed()
