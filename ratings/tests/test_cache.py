"""The rating block is part of cached pages: a page from the cache is the fresh render, bytes and headers, and
nothing in it is per reader (no CSRF token, no cookie), before and after ratings arrive."""

import pytest
from django.test import Client

from portal.tests.helpers import header_set

pytestmark = pytest.mark.django_db

PATH = "/tin-tuc-su-kien/"


def test_a_cached_page_with_the_block_is_its_fresh_render(client, rate, ward_site):
    fresh = client.get(PATH, HTTP_HOST="localhost", REMOTE_ADDR="192.0.2.1", HTTP_USER_AGENT="A")
    html = fresh.content.decode()
    assert fresh.status_code == 200 and fresh.get("X-Page-Cache") is None
    assert '<form class="rating" method="post" action="/danh-gia/">' in html
    assert f'<input type="hidden" name="path" value="{PATH}">' in html
    assert html.count('type="radio" name="score"') == 5 and "<legend>Thông tin này có hữu ích không?</legend>" in html
    assert "csrfmiddlewaretoken" not in html and not fresh.cookies
    assert "public" in fresh["Cache-Control"]

    assert rate(PATH, "5", comment="Cần thêm số điện thoại.").status_code == 303
    reader = Client(HTTP_USER_AGENT="B")
    cached = reader.get(PATH, HTTP_HOST="localhost", REMOTE_ADDR="203.0.113.9")
    assert cached["X-Page-Cache"] == "HIT"
    assert cached.content == fresh.content
    assert header_set(cached.items()) == header_set(fresh.items())
    assert "Cần thêm số điện thoại" not in cached.content.decode()
