"""The cloaking check: a page fetched through the public address (nginx, when deployed) as a browser, as
Googlebot and as a visitor arriving from google.com.vn must be the same page. Hacked sites show their spam, or
redirect, only to search engines or to visitors coming from a search.

Every run fetches each site's home page and a rotating share of its other pages (PORTAL_INTEGRITY_CLOAK_PAGES),
so every page is fetched within a known number of runs without fetching 10,000 pages three times every 15
minutes."""

import math
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from core.public_urls import base_url
from integrity.checks import Issue, live_pages, page_address
from integrity.models import Check
from integrity.scan import host_of

TIMEOUT = 10
MAX_BYTES = 5_000_000
RUN_SECONDS = 15 * 60
CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
GOOGLEBOT = (
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Googlebot/2.1; "
    "+http://www.google.com/bot.html) Chrome/131.0.0.0 Safari/537.36"
)
VISITORS = {
    "browser": {"User-Agent": CHROME},
    "googlebot": {"User-Agent": GOOGLEBOT},
    "google.com.vn": {"User-Agent": CHROME, "Referer": "https://www.google.com.vn/search?q=ph%C6%B0%E1%BB%9Dng"},
}
VISITOR_LABELS = {"browser": "trình duyệt", "googlebot": "Googlebot", "google.com.vn": "người đến từ google.com.vn"}
_DIGITS = re.compile(r"\d+")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is part of what is compared, not followed


_OPENER = urllib.request.build_opener(_NoRedirects)


@dataclass(frozen=True)
class Seen:
    """What a visitor got: the status, where a redirect led, the outside hosts linked, the words shown."""

    status: int
    redirect: str
    hosts: frozenset
    words: frozenset


def fetch(url, host, headers):
    request = urllib.request.Request(url, headers={**headers, "Host": host, "Accept": "text/html"})  # noqa: S310
    try:
        with _OPENER.open(request, timeout=TIMEOUT) as response:  # noqa: S310 - http(s) URL built below
            return response.status, response.headers, response.read(MAX_BYTES)
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read(MAX_BYTES)


def seen(status, headers, body, own_host):
    redirect = headers.get("Location", "") if 300 <= status < 400 else ""
    soup = BeautifulSoup(body, "lxml")
    hosts = set()
    for element in soup.find_all(["a", "iframe", "script", "form", "area"]):
        host = host_of(element.get("href") or element.get("src") or element.get("action") or "")
        if host and host != own_host:
            hosts.add(host)
    for element in soup(["script", "style"]):
        element.decompose()
    # Figures that change by the second (visitors online, times) are not what cloaking changes.
    words = frozenset(_DIGITS.sub("0", word) for word in soup.get_text(" ").split())
    return Seen(status, redirect, frozenset(hosts), words)


def _differences(first, other):
    differences = []
    if first.status != other.status:
        differences.append(_("mã trả lời %(a)s ≠ %(b)s") % {"a": first.status, "b": other.status})
    if first.redirect != other.redirect:
        differences.append(_("chuyển hướng đến “%(url)s”") % {"url": other.redirect or first.redirect})
    extra = sorted(other.hosts ^ first.hosts)
    if extra:
        differences.append(_("liên kết đến %(hosts)s") % {"hosts": ", ".join(extra[:5])})
    words = sorted(other.words ^ first.words)
    if words:
        differences.append(_("chữ khác: %(words)s") % {"words": " ".join(words[:12])})
    return differences


def pages_this_run(site, now=None):
    """The home page and this run's share of the others: page ids falling in the current 15-minute slot."""
    pages = list(live_pages(site).only("id", "path", "url_path"))
    if not pages:
        return []
    home, others = pages[0], pages[1:]
    per_run = max(settings.PORTAL_INTEGRITY_CLOAK_PAGES, 1)
    runs = max(math.ceil(len(others) / per_run), 1)
    slot = int((now or timezone.now()).timestamp() // RUN_SECONDS) % runs
    return [home] + [page for page in others if page.pk % runs == slot]


def site_front(site):
    """(base URL to fetch from, Host header) for a site."""
    host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
    front = settings.PORTAL_INTEGRITY_FETCH_URL.rstrip("/")
    return (front or base_url(site.pk, site.root_url)), host


def check_cloaking(site, pages=None, now=None):
    front, host = site_front(site)
    if urlsplit(front).scheme not in ("http", "https"):
        return []
    found = []
    for page in pages if pages is not None else pages_this_run(site, now):
        address = page_address(site, page)
        url = urljoin(front + "/", quote(address.lstrip("/"), safe="/%:@!$&'()*+,;="))
        views = {}
        try:
            for visitor, headers in VISITORS.items():
                views[visitor] = seen(*fetch(url, host, headers), site.hostname.lower())
        except (OSError, ValueError) as error:
            # The front not answering is an outage, not cloaking: said once per run, not per page.
            evidence = _("không lấy được trang qua địa chỉ công khai: %(error)s") % {"error": error}
            return [*found, Issue(Check.CLOAKING, front, evidence[:300], site.pk, None, "unreachable")]
        browser = views["browser"]
        for visitor in ("googlebot", "google.com.vn"):
            differences = _differences(browser, views[visitor])
            if differences:
                evidence = _("%(visitor)s nhận trang khác trình duyệt: %(what)s") % {
                    "visitor": VISITOR_LABELS[visitor],
                    "what": "; ".join(differences),
                }
                found.append(Issue(Check.CLOAKING, address, evidence[:300], site.pk, page.pk, visitor))
    return found
