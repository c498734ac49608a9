"""Full-page cache for anonymous readers.

The WSGI front (pagecache.wsgi) answers hits before Django runs at all; this
middleware stores what Django renders and answers hits under servers that do
not use the front (runserver, the test client). The three layers and who does
what: docs/deploy.md, "Caching, and why pages stay correct".
"""

import logging
import sys

from django.conf import settings
from django.core.handlers.wsgi import get_path_info
from django.http import HttpResponse
from redis import RedisError

from core import freshness
from core.sites import site_id_for_request

from .keys import FRONT_MISSED, MAX_QUERY_LENGTH, entry_key, group_of, normalise_query
from .store import answer_as_stored, current_generations, lookup, response_parts, store

logger = logging.getLogger(__name__)
# APIs answer live figures (statistics, search) and are never stored.
SKIPPED_PREFIXES = ("/static/", "/media/", "/documents/", "/api/")


def _cache_failed(message):
    """Log a failing cache, unless Redis is the cause: portal.cache logs that, at most once a minute."""
    if not isinstance(sys.exc_info()[1], RedisError):
        logger.warning(message, exc_info=True)


def cacheable_path(path):
    admin = f"/{settings.PORTAL_ADMIN_PATH}/"
    return not path.startswith(admin) and not path.startswith(SKIPPED_PREFIXES)


def is_cacheable_request(method, path, query_string, cookies_header):
    return (
        settings.PORTAL_PAGE_CACHE_SECONDS > 0
        and method in ("GET", "HEAD")
        and len(query_string) <= MAX_QUERY_LENGTH
        and settings.SESSION_COOKIE_NAME not in cookies_header
        and cacheable_path(path)
    )


def is_storable(request, response):
    cache_control = response.get("Cache-Control", "")
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "public" in cache_control
        and "private" not in cache_control
        and "no-store" not in cache_control
        and not response.has_header("Content-Encoding")
        and not getattr(request, "is_preview", False)
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        path = get_path_info(meta)
        query = meta.get("QUERY_STRING", "")
        # Wagtail's made-up requests (make_preview_request: previews, the archive's renders of a revision) show a
        # version that may not be the live one: never answered from, nor stored in, the cache.
        if getattr(request, "is_dummy", False) or not is_cacheable_request(
            request.method, path, query, meta.get("HTTP_COOKIE", "")
        ):
            return self.get_response(request)
        key = meta.get(FRONT_MISSED)
        if key is None:  # no WSGI front asked before (runserver, the test client)
            key = entry_key(request.scheme, request.get_host(), path, normalise_query(query))
            try:
                entry = lookup(key)
            except Exception:  # noqa: BLE001 - with the cache down, pages are rendered as if uncached
                _cache_failed("page cache unavailable")
                return self.get_response(request)
            if entry is not None:
                status, headers, body = response_parts(
                    entry,
                    meta.get("HTTP_ACCEPT_ENCODING"),
                    request.method == "HEAD",
                    meta.get("HTTP_IF_NONE_MATCH"),
                    meta.get("HTTP_IF_MODIFIED_SINCE"),
                )
                response = HttpResponse(body, status=status)
                for name, value in headers:
                    response[name] = value
                return response

        # From the process's hostname memory (core.sites), which the site bundle uses next: no query.
        site_id = site_id_for_request(request)
        if site_id is None:
            return self.get_response(request)
        group = group_of(path)
        try:
            generations = current_generations(site_id, group)
        except Exception:  # noqa: BLE001
            _cache_failed("page cache unavailable")
            return self.get_response(request)
        response = self.get_response(request)
        # A page whose content changes by itself at a known moment (core.freshness) is kept until then at most.
        fresh_until = freshness.fresh_until(request)
        timeout = freshness.capped(settings.PORTAL_PAGE_CACHE_SECONDS, fresh_until)
        if timeout > 0 and is_storable(request, response):
            try:
                entry = store(
                    key,
                    site_id,
                    group,
                    generations,
                    response.status_code,
                    response.items(),
                    response.content,
                    timeout,
                    fresh_until,
                )
            except Exception:  # noqa: BLE001 - not caching a page is no reason to fail it
                _cache_failed("page cache store failed")
            else:
                # The body compressed once, for the store, goes out as a hit of it will (GZipMiddleware leaves
                # an encoded answer alone): the same bytes and headers on MISS and HIT.
                answer_as_stored(response, entry, meta.get("HTTP_ACCEPT_ENCODING"))
        return response
