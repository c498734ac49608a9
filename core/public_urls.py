"""Where readers reach a site: the one source of the scheme, host and port in every absolute URL we write.

The sitemap, canonical links, Open Graph tags, RSS and JSON-LD must name the same URL for a page. In
production every site is served over HTTPS on its hostname, whatever port it was created with (usually
80, behind the TLS proxy). Elsewhere (`make run`, `make serve` with PORTAL_INSECURE_HTTP) the request that
reached the site says how to reach it again: http://localhost:8000, not Wagtail's port-80 root URL.
"""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site

DEFAULT_PORTS = (None, 80, 443)


def base_url(site_id, root_url, request=None):
    """'https://host' (or 'http://host:port'), without a trailing slash, for the site `site_id` whose Wagtail
    root URL is `root_url`."""
    if settings.PORTAL_PUBLIC_HTTPS:
        parts = urlsplit(root_url)
        port = "" if parts.port in DEFAULT_PORTS else f":{parts.port}"
        return f"https://{parts.hostname}{port}"
    if request is not None:
        current = Site.find_for_request(request)  # remembered on the request by Wagtail
        if current is not None and current.pk == site_id:
            return f"{request.scheme}://{request.get_host()}"
    return root_url


def site_base_url(request):
    """The base URL of the site this request reached."""
    site = Site.find_for_request(request)
    if site is None:
        return request.build_absolute_uri("/").rstrip("/")
    return base_url(site.pk, site.root_url, request)


def absolute_url(request, url):
    """`url` (a path on the site this request reached, or already absolute) as an absolute URL."""
    if not url or urlsplit(url).scheme:
        return url
    if url.startswith("//"):
        return ("https:" if settings.PORTAL_PUBLIC_HTTPS else f"{request.scheme}:") + url
    return site_base_url(request) + url


def page_url(page, request=None):
    """The absolute public URL of `page` (None when it is not routable): what BasePage.get_full_url gives."""
    parts = page.get_url_parts(request)
    if parts is None:
        return None
    site_id, root_url, path = parts
    if root_url is None:
        return None
    return base_url(site_id, root_url, request) + path


def reader_client(site):
    """(a Django test client, secure) that fetch `site`'s pages in this process as an anonymous reader would:
    through every middleware and the page cache, on the site's host (the saved copy, the integrity checks)."""
    from django.test import Client

    host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
    return Client(HTTP_HOST=host), site.port == 443 or settings.PORTAL_PUBLIC_HTTPS
