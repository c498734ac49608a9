import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command

from legacy.archive import captures
from legacy.crawl import crawl
from legacy.oldurls import normalise_path, split_url
from legacy.tests.fake_sites import LIFERAY, PAGES

# Served as Liferay does: portlet parameters change nothing.
SITE = {split_url(page.url)[1]: page for page in PAGES if page.host == LIFERAY}
ROBOTS = b"User-agent: *\nDisallow: /web/thd/tim-kiem\n"


class OldPortal(BaseHTTPRequestHandler):
    """The made-up Liferay portal, served from this machine only."""

    requests = []

    def do_GET(self):  # noqa: N802 - the name http.server calls
        OldPortal.requests.append(self.path)
        if self.path == "/robots.txt":
            return self._send(200, "text/plain", ROBOTS)
        if self.path == "/":
            self.send_response(301)
            self.send_header("Location", "/web/thd/trang-chu")
            self.end_headers()
            return None
        path, _sep, query = self.path.partition("?")
        page = SITE.get(normalise_path(path, query))
        if page is None:
            return self._send(404, "text/html", b"<p>Kh\xc3\xb4ng c\xc3\xb3</p>")
        return self._send(200, page.content_type, page.body)

    def _send(self, status, content_type, body):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def old_portal():
    server = ThreadingHTTPServer(("127.0.0.1", 0), OldPortal)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    OldPortal.requests = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_crawl_is_polite_bounded_and_writes_a_warc_the_importer_reads(old_portal, tmp_path, capsys):
    pauses = []
    result = crawl(old_portal + "/", tmp_path / "a.warc.gz", max_pages=4, delay=0.5, sleep=pauses.append)
    assert len(result.saved) == 4 and result.left > 0
    assert pauses == [0.5] * 3  # one pause between two requests, none before the first
    assert OldPortal.requests[0] == "/robots.txt"

    warc = tmp_path / "site.warc.gz"
    call_command("crawl_legacy", old_portal + "/", "--warc", str(warc), "--delay", "0")
    assert "robots.txt cấm 1" in capsys.readouterr().out
    saved = {capture.path: capture for capture in captures(warc)}
    assert not any("tim-kiem" in path for path in OldPortal.requests)
    # Every page and picture linked from the portal, the home page's redirect with its Location, noise dropped.
    assert saved["/"].status == 301 and saved["/"].location == "/web/thd/trang-chu"
    assert saved["/web/thd/chi-tiet-tin?articleId=1001"].payload == SITE["/web/thd/chi-tiet-tin?articleId=1001"].body
    assert saved["/documents/10180/anh-thu-gom.png"].is_image
    assert saved["/web/thd/lien-he"].status == 200
