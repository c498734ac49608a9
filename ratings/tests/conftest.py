import pytest

READER_UA = "Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile"


@pytest.fixture(autouse=True)
def _fresh_state(settings):
    """Per-process caches would otherwise outlive each test's rolled-back database."""
    from core import sites
    from stats import pages, visitors

    settings.PORTAL_TRUSTED_PROXIES = []
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    visitors.forget_cached_secrets()
    pages._resolve.cache_clear()
    sites.forget()
    yield
    visitors.forget_cached_secrets()
    pages._resolve.cache_clear()
    sites.forget()


@pytest.fixture
def rate(client):
    """POST the rating block as a browser sends it from a page of the site (Sec-Fetch-Site: same-origin)."""

    def send(path="/", score="4", comment="", *, ip="192.0.2.10", ua=READER_UA, headers=None, **fields):
        data = {"path": path, "score": score, "comment": comment, "website": ""} | fields
        meta = {"HTTP_SEC_FETCH_SITE": "same-origin"} if headers is None else headers
        return client.post("/danh-gia/", data, HTTP_HOST="localhost", REMOTE_ADDR=ip, HTTP_USER_AGENT=ua, **meta)

    return send
