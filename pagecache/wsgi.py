"""The WSGI front: answers cached pages for anonymous readers before Django runs.

A hit costs two cache reads and no middleware, database or template work; a miss goes on to Django with the
key it looked up (FRONT_MISSED), where PageCacheMiddleware stores the render without asking the cache again.
The three full-page layers: docs/deploy.md, "Caching, and why pages stay correct".
"""

from django.conf import settings
from django.core.handlers.wsgi import get_path_info

from .keys import FRONT_MISSED, entry_key, normalise_query
from .middleware import is_cacheable_request
from .store import lookup, response_parts

STATUS_LINES = {200: "200 OK", 304: "304 Not Modified"}


def request_scheme(environ):
    header = settings.SECURE_PROXY_SSL_HEADER
    if header and environ.get(header[0]) == header[1]:
        return "https"
    return environ.get("wsgi.url_scheme", "http")


class PageCacheFront:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD", "GET")
        host = environ.get("HTTP_HOST")
        path = get_path_info(environ)
        query = environ.get("QUERY_STRING", "")
        if host and is_cacheable_request(method, path, query, environ.get("HTTP_COOKIE", "")):
            key = entry_key(request_scheme(environ), host, path, normalise_query(query))
            try:
                entry = lookup(key)
            except Exception:  # noqa: BLE001 - a cache outage must not take pages down; Django renders instead
                entry = None
            if entry is not None:
                status, headers, body = response_parts(
                    entry,
                    environ.get("HTTP_ACCEPT_ENCODING"),
                    method == "HEAD",
                    environ.get("HTTP_IF_NONE_MATCH"),
                    environ.get("HTTP_IF_MODIFIED_SINCE"),
                )
                start_response(STATUS_LINES.get(status, f"{status} OK"), headers)
                return [body]
            environ[FRONT_MISSED] = key  # the middleware stores the render under it without asking again
        return self.application(environ, start_response)
