"""`make serve` on an empty database: no demo wards, a Vietnamese page saying how to create the first ward
site, and no 500 anywhere while there is none."""

import html
import re
import shlex

import pytest
from django.core.management import call_command
from wagtail.models import Site

from wards.models import HomePage

pytestmark = pytest.mark.django_db

PATHS = [
    "/",
    "/tin-tuc-su-kien/",
    "/rss/",
    "/sitemap.xml",
    "/robots.txt",
    "/tim-kiem/?q=phuong",
    "/api/search/?q=phuong",
    "/api/stats/",
    "/ty-gia/",
    "/khong-co-trang-nay/",
    "/admin/login/",
]


def guidance_command(page_html):
    """The command line the guidance page shows, as manage.py arguments."""
    command = html.unescape(re.search(r"<pre><code>(.*?)</code></pre>", page_html, re.S).group(1))
    words = shlex.split(command)
    assert words[:3] == [".venv/bin/python", "manage.py", "create_ward_site"]
    return words[2:]


# As `make serve` on port 8000 receives them (Wagtail matches sites by SERVER_PORT).
ON_8000 = {"HTTP_HOST": "localhost:8000", "SERVER_PORT": "8000"}


@pytest.mark.parametrize("sites", ["wagtail's first site", "no site at all"])
def test_an_install_without_ward_sites_says_in_vietnamese_how_to_create_the_first(client, sites):
    if sites == "no site at all":
        Site.objects.all().delete()
    home = client.get("/", **ON_8000)
    assert home.status_code == 200
    text = home.content.decode()
    assert "chưa có trang phường, xã nào" in text
    assert "Welcome" not in text
    assert "no-cache" in home["Cache-Control"]
    for path in PATHS:
        assert client.get(path, **ON_8000).status_code < 500, path
    beacon = client.post("/api/hit/", b'{"path": "/"}', content_type="text/plain", **ON_8000)
    assert beacon.status_code < 500

    # What the page says to run works, and the ward's own home page replaces the guidance.
    call_command(*guidance_command(text))
    assert HomePage.objects.filter(sites_rooted_here__hostname="localhost", sites_rooted_here__port=8000).exists()
    after = client.get("/", **ON_8000)
    assert after.status_code == 200
    assert "chưa có trang phường, xã nào" not in after.content.decode()
    assert "Phường Hồng Gai" in after.content.decode()


def test_a_ward_site_never_shows_the_guidance(client, ward_site):
    assert "chưa có trang phường, xã nào" not in client.get("/", HTTP_HOST="localhost").content.decode()
    # An unknown hostname on an install that has ward sites is not an empty install either.
    Site.objects.filter(pk=ward_site.pk).update(is_default_site=False)
    assert "chưa có trang phường, xã nào" not in client.get("/", HTTP_HOST="elsewhere.example").content.decode()
