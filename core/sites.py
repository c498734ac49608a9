"""Which Wagtail site a request's hostname names, remembered per process: asked by the page cache before Django
renders anything and by the site bundle (wards.sitecache) on every request."""

import threading
import time

from django.http.request import split_domain_port
from wagtail.models import Site

HOST_SECONDS = 60
_lock = threading.Lock()
_hosts = {}  # (hostname, port) -> (expires, site id or None)


def site_id_for_request(request):
    """The id of the site serving this request's hostname (None if none), remembered for HOST_SECONDS."""
    key = (split_domain_port(request._get_raw_host())[0], request.get_port())
    now = time.monotonic()
    cached = _hosts.get(key)
    if cached and cached[0] > now:
        return cached[1]
    site = Site._find_for_request(request)
    site_id = site.pk if site else None
    with _lock:
        _hosts[key] = (now + HOST_SECONDS, site_id)
    return site_id


def forget():
    with _lock:
        _hosts.clear()
