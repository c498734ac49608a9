"""Which page of a site a beacon's path names."""

import functools
import time

from django.http import Http404
from django.http.request import split_domain_port
from wagtail.models import Page, Site
from wagtail.models.sites import get_site_for_hostname

# Page lookups are cached per process for this long; an unpublished page stops being
# counted within a minute.
RESOLVE_TTL = 60


def site_id_for(request):
    """The id of the site answering this request (Wagtail's rules), cached per process.

    Wagtail's lookup costs a query on every call; a beacon needs only the id, and sites
    are added rarely enough that a minute of staleness is harmless.
    """
    hostname = split_domain_port(request._get_raw_host())[0]
    return _site_id(hostname, request.get_port(), int(time.monotonic() // RESOLVE_TTL))


@functools.lru_cache(maxsize=256)
def _site_id(hostname, port, _bucket):
    try:
        return get_site_for_hostname(hostname, port).pk
    except Site.DoesNotExist:
        return None


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
