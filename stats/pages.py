"""Which page of a site a beacon's path names."""

import functools
import time

from django.http import Http404
from wagtail.models import Page, Site

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
    target = site.root_page.url_path + path.lstrip("/")
    parts = target.strip("/").split("/")
    prefixes = ["/" + "/".join(parts[:n]) + "/" for n in range(1, len(parts) + 1)]
    page = (
        Page.objects.live()
        .filter(url_path__in=prefixes, path__startswith=site.root_page.path)
        .order_by("-depth")
        .first()
    )
    if page is None:
        return None
    if page.url_path == target:
        return page.pk
    # A sub-route of a routable page (e.g. a search results page) is a page too.
    specific = page.specific
    if hasattr(specific, "resolve_subpage"):
        try:
            specific.resolve_subpage("/" + target[len(page.url_path) :])
        except Http404:
            return None
        return page.pk
    return None
