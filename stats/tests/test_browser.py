"""A real Chromium opening an article sends the beacon, and the counters move."""

import time

import pytest

from stats.models import PageDay, SiteDay

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Chromium's headless UA says "HeadlessChrome", which the crawler list rightly drops; a reader's browser does not.
READER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"


def wait_for(condition, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_opening_an_article_counts_a_view(live_server, browser, ward_site, make_article):
    article = make_article(ward_site, "Phường khánh thành nhà văn hoá khu 6")
    path = article.url_path[len(ward_site.root_page.url_path) - 1 :]
    context = browser.new_context(user_agent=READER_UA, locale="vi-VN")
    tab = context.new_page()
    try:
        tab.goto(live_server.url + path)
        assert tab.locator("h1").inner_text() == "Phường khánh thành nhà văn hoá khu 6"
        # No inline script (JSON-LD data aside): only the deferred beacon file.
        assert tab.locator("script:not([src]):not([type='application/ld+json'])").count() == 0
        assert tab.locator("script[src*='stats/hit']").get_attribute("defer") is not None
        assert wait_for(lambda: PageDay.objects.filter(path=path).exists()), "no beacon arrived"
        assert PageDay.objects.get(path=path).page_id == article.pk
        assert (SiteDay.objects.get().visitors, SiteDay.objects.get().pageviews) == (1, 1)

        tab.goto(live_server.url + "/")
        # The widget rendered with the article view; the home view is counted after the page loads.
        assert tab.locator("[data-stat=today]").inner_text() == "1"
        assert tab.locator("[data-stat=online]").inner_text() == "1"
        assert wait_for(lambda: SiteDay.objects.get().pageviews == 2)
        assert SiteDay.objects.get().visitors == 1
    finally:
        context.close()
