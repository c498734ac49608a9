"""Saving an old portal to a web archive before it is switched off, politely: robots.txt obeyed, one request
at a time with a delay between them, only the portal's own host, a bounded number of pages."""

import io
import time
import urllib.robotparser
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

import httpx
from bs4 import BeautifulSoup
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

USER_AGENT = "CongThongTinPhuong-LegacyCrawler/1.0 (+import_legacy)"
MAX_BODY = 20 * 1024 * 1024
# httpx hands the body over decoded: the archive must not claim an encoding the saved bytes no longer have.
_DROPPED_HEADERS = {"content-encoding", "transfer-encoding", "content-length", "connection"}


@dataclass
class CrawlResult:
    saved: list = field(default_factory=list)  # URLs written to the archive
    refused: list = field(default_factory=list)  # URLs robots.txt forbids
    failed: list = field(default_factory=list)  # (URL, reason)
    left: int = 0  # addresses found but not fetched: the page limit was reached


def _same_site(url, host):
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and (parts.hostname or "").lower() == host


def _links(body, base_url):
    soup = BeautifulSoup(body, "lxml")
    for tag, attribute in (("a", "href"), ("img", "src"), ("link", "href")):
        for element in soup.find_all(tag, **{attribute: True}):
            yield urldefrag(urljoin(base_url, element[attribute].strip()))[0]


def _robots(client, start):
    parser = urllib.robotparser.RobotFileParser()
    try:
        response = client.get(urljoin(start, "/robots.txt"))
    except httpx.HTTPError:
        parser.parse([])
        return parser
    parser.parse(response.text.splitlines() if response.status_code == 200 else [])
    return parser


def crawl(start, warc_path, *, max_pages=1000, delay=1.0, timeout=15.0, sleep=time.sleep, on_page=None):
    """Fetch the site at `start` breadth-first into a WARC at `warc_path` (gzipped when it ends in .gz)."""
    host = (urlsplit(start).hostname or "").lower()
    result = CrawlResult()
    queue, seen = deque([start]), {start}
    with (
        httpx.Client(headers={"User-Agent": USER_AGENT}, timeout=timeout, follow_redirects=False) as client,
        open(warc_path, "wb") as handle,
    ):
        robots = _robots(client, start)
        pause = max(delay, float(robots.crawl_delay(USER_AGENT) or 0))
        writer = WARCWriter(handle, gzip=str(warc_path).endswith(".gz"))
        while queue and len(result.saved) < max_pages:
            url = queue.popleft()
            if not robots.can_fetch(USER_AGENT, url):
                result.refused.append(url)
                continue
            if result.saved or result.failed:
                sleep(pause)
            try:
                with client.stream("GET", url) as response:
                    body = b"".join(response.iter_bytes())[:MAX_BODY]
            except httpx.HTTPError as exc:
                result.failed.append((url, str(exc)))
                continue
            headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() not in _DROPPED_HEADERS]
            headers.append(("Content-Length", str(len(body))))
            status = StatusAndHeaders(f"{response.status_code} {response.reason_phrase}", headers, protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=status)
            )
            result.saved.append(url)
            if on_page is not None:
                on_page(url)
            found = []
            if "html" in response.headers.get("content-type", ""):
                found = list(_links(body, url))
            if response.is_redirect and response.headers.get("location"):
                found.append(urljoin(url, response.headers["location"]))
            for link in found:
                if link not in seen and _same_site(link, host):
                    seen.add(link)
                    queue.append(link)
    result.left = len(queue)
    return result
