"""A real HTTP server on 127.0.0.1 standing in for Open-Meteo and Vietcombank."""

import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from widgets.tests import payloads

WEATHER_PATH = "/v1/forecast"
FX_PATH = "/Usercontrols/TVPortal.TyGia/pXML.aspx"


@dataclass
class Reply:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/json"
    headers: dict = field(default_factory=dict)
    delay: float = 0.0  # seconds before the headers
    drip: float = 0.0  # seconds between body chunks


class FakeServices:
    """Routes path -> replies; the last reply repeats. Every request is recorded."""

    def __init__(self):
        self.routes = {}
        self.requests = []
        self.lock = threading.Lock()

    def serve(self, path, *replies):
        with self.lock:
            self.routes[path] = list(replies)

    def weather(self, *replies):
        self.serve(WEATHER_PATH, *replies)

    def fx(self, *replies):
        self.serve(FX_PATH, *replies)

    def count(self, path):
        return sum(1 for each, _ in self.requests if each == path)

    def next_reply(self, path, query):
        with self.lock:
            self.requests.append((path, query))
            replies = self.routes.get(path)
            if not replies:
                return Reply(b"not found", 404, "text/plain")
            return replies.pop(0) if len(replies) > 1 else replies[0]


def _handler(services):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            parts = urlsplit(self.path)
            reply = services.next_reply(parts.path, parse_qs(parts.query))
            time.sleep(reply.delay)
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(reply.body)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                if reply.drip:
                    for start in range(0, len(reply.body), 16):
                        self.wfile.write(reply.body[start : start + 16])
                        self.wfile.flush()
                        time.sleep(reply.drip)
                else:
                    self.wfile.write(reply.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as it should on a slow answer

        def log_message(self, *args):
            pass

    return Handler


def closed_port():
    """A local port nothing listens on (connections are refused), free for a server started later."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(services, port=0):
    server = ThreadingHTTPServer(("127.0.0.1", port), _handler(services))
    server.daemon_threads = True
    server.block_on_close = False
    threading.Thread(target=server.serve_forever, daemon=True).start()
    services.base = f"http://127.0.0.1:{server.server_address[1]}"
    return server


def good_weather():
    return Reply(payloads.weather_json())


def good_fx(**kwargs):
    return Reply(payloads.fx_xml(**kwargs), content_type="text/xml")
