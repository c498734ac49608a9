"""A local HTTP server standing for a hacked front (nginx or the app): it answers each visitor as a cloaking
attack would, or the same to all."""

import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE = (
    "<!doctype html><html lang='vi'><head><title>Phường Hồng Gai</title></head><body>"
    "<h1>Tin tức phường</h1><p>Lịch tiếp công dân tuần này.</p>"
    "<a href='https://quangninh.gov.vn/'>Cổng tỉnh</a>{extra}</body></html>"
)


def is_googlebot(headers):
    return "Googlebot" in headers.get("User-Agent", "")


def from_google(headers):
    return "google.com.vn" in headers.get("Referer", "")


@contextmanager
def front(answer):
    """Serve `answer(headers) -> (status, extra headers, body)` on a free port; yields its base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            status, headers, body = answer(self.headers)
            self.send_response(status)
            for name, value in {"Content-Type": "text/html; charset=utf-8", **headers}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body.encode("utf-8"))

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
