"""What every answer of the API shares: the site by hostname, the rate limit per client key, the headers
(ETag, Last-Modified, Cache-Control, CORS) and problem details for errors."""

import hashlib

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from wagtail.models import Site

from api import problems
from core.sites import site_id_for_request
from stats import limits
from stats.visitors import address_key, client_ip, local_day

JSON = "application/json"
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After, Content-Language",
}


def cache_seconds():
    return int(getattr(settings, "PORTAL_API_CACHE_SECONDS", 60))


def rate_limit():
    """Calls one client may make to a site per PORTAL_API_RATE_WINDOW seconds (0: no limit)."""
    return int(getattr(settings, "PORTAL_API_RATE_LIMIT", 300))


def rate_window():
    return max(1, int(getattr(settings, "PORTAL_API_RATE_WINDOW", 60)))


def _cors(response):
    for name, value in CORS_HEADERS.items():
        response[name] = value
    return response


def problem(request, code, errors=None, retry_after=None):
    status, lang, text = problems.body(request, code, errors)
    response = HttpResponse(text, status=status, content_type=problems.MEDIA_TYPE + "; charset=utf-8")
    response["Content-Language"] = lang
    response["Cache-Control"] = "no-store"
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    patch_vary_headers(response, ["Accept-Language"])
    return _cors(response)


def client_key(site_id, request):
    """The client as the limit counts it: its network under the day's secret (stats.visitors), never the
    address itself."""
    return address_key(site_id, client_ip(request), local_day())


def admit(request):
    """(site, None) for a call within its limit on a known site, else (None, a problem response)."""
    site_id = site_id_for_request(request)
    if site_id is None:
        return None, problem(request, "unknown-site")
    if rate_limit() > 0:
        number, wait = limits.count_in_window(f"api:rate:{client_key(site_id, request)}", rate_window())
        if number > rate_limit():
            return None, problem(request, "rate-limited", retry_after=wait)
    site = Site.objects.select_related("root_page").filter(pk=site_id).first()
    if site is None:
        return None, problem(request, "unknown-site")
    return site, None


def answer(request, content, content_type=JSON, last_modified=None, max_age=None):
    """A 200 of `content` (bytes or str) with its validators, or the 304 they allow."""
    if isinstance(content, str):
        content = content.encode("utf-8")
    etag = '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
    timestamp = int(last_modified.timestamp()) if last_modified else None
    response = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if response is None:
        response = HttpResponse(content, content_type=f"{content_type}; charset=utf-8")
    response["ETag"] = etag
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    seconds = cache_seconds() if max_age is None else max_age
    response["Cache-Control"] = f"public, max-age={seconds}"
    patch_vary_headers(response, ["Host"])
    return _cors(response)
