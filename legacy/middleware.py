"""Old portals' hostnames answer only with redirects: 301 to the new article, category or home page, or 410.

One dictionary look-up decides that a request is not for an old host (the hostnames are remembered per process
for a minute, core.memory-style), so ward sites pay nothing; for an old host it costs one indexed query.
"""

import threading
import time

from django.http import HttpResponseGone, HttpResponsePermanentRedirect
from django.http.request import split_domain_port

from legacy.models import LegacyHost, LegacyURL
from legacy.oldurls import normalise_path, url_key

HOSTS_SECONDS = 60
_lock = threading.Lock()
_hosts = {"expires": 0.0, "by_name": {}}  # hostname -> (host id, otherwise, site root URL, root url_path)


def legacy_hosts():
    now = time.monotonic()
    if _hosts["expires"] > now:
        return _hosts["by_name"]
    rows = LegacyHost.objects.select_related("site__root_page").only(
        "hostname", "otherwise", "site__hostname", "site__port", "site__root_page__url_path"
    )
    by_name = {row.hostname: (row.pk, row.otherwise, row.site.root_url, row.site.root_page.url_path) for row in rows}
    with _lock:
        _hosts.update(expires=now + HOSTS_SECONDS, by_name=by_name)
    return by_name


def forget():
    with _lock:
        _hosts.update(expires=0.0, by_name={})


def answer(host, path, query):
    """The response an old host gives for path and query, or None when `host` is not an old portal's."""
    known = legacy_hosts().get(host)
    if known is None:
        return None
    host_id, otherwise, root_url, root_path = known
    row = (
        LegacyURL.objects.filter(host_id=host_id, key=url_key(normalise_path(path, query)))
        .values_list("outcome", "page__url_path", "page__live")
        .first()
    )
    if row is None:
        return HttpResponseGone() if otherwise == LegacyHost.Otherwise.GONE else _to(root_url + "/")
    outcome, url_path, live = row
    if outcome == LegacyURL.Outcome.GONE:
        return HttpResponseGone()
    if outcome == LegacyURL.Outcome.HOME:
        return _to(root_url + "/")
    if url_path is None or not live:
        # The article or category was deleted or unpublished since: the old address is gone too.
        return HttpResponseGone()
    return _to(root_url + url_path[len(root_path) - 1 :])


def _to(url):
    response = HttpResponsePermanentRedirect(url)
    response["Cache-Control"] = "public, max-age=86400"
    return response


class LegacyHostMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            host = split_domain_port(request._get_raw_host())[0].lower()
        except (KeyError, ValueError):
            host = ""
        response = answer(host, request.path_info, request.META.get("QUERY_STRING", "")) if host else None
        return response or self.get_response(request)
