"""A page from the cache carries the same headers as the fresh render it was stored from (security headers,
Vary, CSP...), whether the Django middleware or the WSGI front (`make serve`) answers it."""

import gzip

import pytest
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test import RequestFactory

from pagecache.wsgi import PageCacheFront
from portal.tests.helpers import header_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def article_url(ward_site, make_article):
    return make_article(ward_site, "Lịch tiếp công dân", category="chinh-quyen").url


@pytest.mark.parametrize("accept_encoding", ["", "gzip, br"])
def test_a_hit_from_the_middleware_has_the_headers_of_the_fresh_render(client, article_url, accept_encoding):
    fresh = client.get(article_url, HTTP_ACCEPT_ENCODING=accept_encoding)
    cached = client.get(article_url, HTTP_ACCEPT_ENCODING=accept_encoding)
    assert fresh.get("X-Page-Cache") is None and cached["X-Page-Cache"] == "HIT"
    for name in ("X-Content-Type-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy", "Content-Security-Policy"):
        assert name in fresh, name
    assert "cookie" in header_set(fresh.items())["vary"]
    assert header_set(cached.items()) == header_set(fresh.items())


@pytest.fixture
def keep_test_connection():
    # As Django's test client does: a request through the WSGI handler must not close the test's connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def wsgi_get(application, path, accept_encoding):
    environ = RequestFactory().get(path, HTTP_HOST="localhost", HTTP_ACCEPT_ENCODING=accept_encoding).environ
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, headers

    body = b"".join(application(environ, start_response))
    return answer["status"], answer["headers"], body


@pytest.mark.parametrize("accept_encoding", ["", "gzip, br"])
def test_a_hit_from_the_wsgi_front_has_the_headers_of_the_fresh_render(
    article_url, keep_test_connection, accept_encoding
):
    application = PageCacheFront(WSGIHandler())
    status, fresh, fresh_body = wsgi_get(application, article_url, accept_encoding)
    cached_status, cached, cached_body = wsgi_get(application, article_url, accept_encoding)
    assert status == cached_status == "200 OK"
    assert ("X-Page-Cache", "HIT") in cached and "x-page-cache" not in {name.lower() for name, _ in fresh}
    if "gzip" in accept_encoding:
        fresh_body, cached_body = gzip.decompress(fresh_body), gzip.decompress(cached_body)
    assert cached_body == fresh_body
    assert header_set(cached) == header_set(fresh)


@pytest.fixture
def counted(monkeypatch):
    """How often a request reads a page entry from the shared cache, and compresses anything."""
    import zlib

    from core.generations import shared_cache

    counts = {"entry_gets": 0, "compressions": 0}
    cache = shared_cache()
    get, compress = cache.get, zlib.compress

    def counting_get(key, *args, **kwargs):
        counts["entry_gets"] += key.startswith("pc:e:")
        return get(key, *args, **kwargs)

    def counting_compress(data, *args, **kwargs):
        counts["compressions"] += 1
        return compress(data, *args, **kwargs)

    monkeypatch.setattr(cache, "get", counting_get)
    monkeypatch.setattr(zlib, "compress", counting_compress)  # gzip.compress and Django's GZip both end here
    return counts


@pytest.mark.parametrize("accept_encoding", ["", "gzip, br"])
def test_a_miss_through_the_front_reads_the_cache_once_and_compresses_once(
    article_url, keep_test_connection, counted, accept_encoding
):
    application = PageCacheFront(WSGIHandler())
    status, _, body = wsgi_get(application, article_url, accept_encoding)
    assert status == "200 OK"
    assert counted == {"entry_gets": 1, "compressions": 1}
    _, _, cached_body = wsgi_get(application, article_url, accept_encoding)
    assert cached_body == body  # the stored compression went out on the miss, byte for byte


def test_a_miss_without_the_front_reads_the_cache_once_and_compresses_once(client, article_url, counted):
    fresh = client.get(article_url, HTTP_ACCEPT_ENCODING="gzip")
    assert fresh["Content-Encoding"] == "gzip" and fresh.get("X-Page-Cache") is None
    assert counted == {"entry_gets": 1, "compressions": 1}
    assert client.get(article_url, HTTP_ACCEPT_ENCODING="gzip").content == fresh.content
