"""Which page of a site a beacon's path names (the site itself: core.sites)."""

import functools
import time

from django.http import Http404
from wagtail.models import Site

from core.routing import live_page_at

# Page lookups are cached per process for this long; an unpublished page stops being
# counted within a minute.
RESOLVE_TTL = 60


def resolve(site_id, path):
    """The id of the live page at `path` on the site, or None when there is none."""
    return _resolve(site_id, path, int(time.monotonic() // RESOLVE_TTL))


@functools.lru_cache(maxsize=4096)
def _resolve(site_id, path, _bucket):
    site = Site.objects.select_related("root_page").filter(pk=site_id).first()
    if site is None:
        return None
    # An empty segment (//) matches no page, as Wagtail's own routing.
    components = path.strip("/").split("/") if path.strip("/") else []
    page, rest = live_page_at(site.root_page, components, deepest=True)
    if page is None:
        return None
    if not rest:
        return page.pk
    # A sub-route of a routable page (e.g. a search results page) is a page too.
    specific = page.specific
    if hasattr(specific, "resolve_subpage"):
        try:
            specific.resolve_subpage("/" + "/".join(rest) + "/")
        except Http404:
            return None
        return page.pk
    return None
